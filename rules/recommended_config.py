"""Deviations from the spec's recommended AT LEAST ONCE configuration.

## What it checks
For a producer whose target is AT LEAST ONCE and that the client accepts, each difference from the
recommendation:
`enable.idempotence=true`, `acks=all`, `max.in.flight.requests.per.connection=5`, `retries`
unset, `delivery.timeout.ms` set.

## Why
The spec: "The recommended configuration for AT LEAST ONCE producers has the following properties:
enable.idempotence=true, acks=all, max.in.flight.requests.per.connection=5, leaving retries unset
(which defaults to Integer.MAX), and setting delivery.timeout.ms to a reasonable value." These are
recommendations, not requirements, so they never change a verdict. (`acks` other than `all` is
already an error, HL201.)

## Example
```properties
acks=all
enable.idempotence=true
```
is reported: delivery.timeout.ms is left at the client default. Fix: add
`delivery.timeout.ms=120000` (or whatever bound your application needs).

Only what would change the producer is recommended: not `enable.idempotence=true` for a producer that
already keeps order with one request in flight (Kafka Connect, MirrorMaker 2), nor where another finding
already names the cause (`acks=1` turning idempotence off is HL201's). The `delivery.timeout.ms` reminder
is said once per file. Like every info, the text report counts these and lists them with `--show-infos`.

## How to fix
Move towards the recommended configuration where nothing speaks against it.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL208"
NAME = "recommended-config"
SEVERITY = "info"
CLASSES = ("at-least-once",)
SCOPE = "producer"
SUMMARY = "differs from the spec's recommended AT LEAST ONCE configuration"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.target != "at-least-once" or context.verdict.rejected:
        return
    effective = context.effective
    in_flight = effective.number("max.in.flight.requests.per.connection")
    if not context.verdict.idempotent and in_flight != 1:
        culprit = context.idempotence_culprit()
        yield Problem(f"recommended: enable.idempotence=true ({context.describe('enable.idempotence')})",
                      key="enable.idempotence", cause=culprit)
    if in_flight != 5 and context.verdict.idempotent:
        yield Problem(f"recommended: max.in.flight.requests.per.connection=5 "
                      f"({context.describe('max.in.flight.requests.per.connection')}); the idempotent producer "
                      "keeps order with up to 5", key="max.in.flight.requests.per.connection")
    retries = effective.values.get("retries")
    if context.profile.family == "java" and context.profile.below(2, 1):  # no delivery timeout; retries 0
        if effective.number("retries") != 2147483647:
            yield Problem(f"recommended: retries=2147483647 ({context.describe('retries')}); "
                          f"{context.profile.label} has no delivery.timeout.ms to bound the time (2.1 added it)",
                          key="retries" if retries is not None and retries.explicit else None, cause="retries")
    elif retries is not None and retries.explicit:
        yield Problem(f"recommended: leave retries unset ({context.describe('retries')}); bound the time with "
                      "delivery.timeout.ms instead", key="retries", cause="retries")
    delivery = effective.values.get("delivery.timeout.ms") or effective.values.get("message.timeout.ms")
    if delivery is not None and delivery.text is not None and not delivery.explicit:
        yield Problem("recommended: set delivery.timeout.ms to a reasonable value "
                      f"({context.describe('delivery.timeout.ms')})", key="delivery.timeout.ms", once=True)
