"""Idempotence default not applied (Java 3.0.0 and 3.1.0).

## What it checks
A producer on Java 3.0.0 or 3.1.0 that does not set `enable.idempotence` (and has no
`transactional.id`), and that a fixed client would make idempotent: `acks=all`, retries on, at most
5 requests in flight. With `acks=1`, say, no release is idempotent by default (the fixed ones turn
it off, and refuse `enable.idempotence=true`): acks-not-all says what to change.

## Why
KIP-679 made idempotence the default in 3.0, but in 3.0.0 and 3.1.0 a bug (KAFKA-13598) applied it
only when the key was set explicitly: the Kafka upgrade notes say "In 3.0.0 and 3.1.0, a bug
prevented the idempotence default from being applied". `acks=all` did become the default, so the
producer retries with 5 requests in flight and is not idempotent: order is not guaranteed.

## Example
```properties
acks=all
```
warns on java:3.0.0. Fix:
```properties
acks=all
enable.idempotence=true
```

## How to fix
Set `enable.idempotence=true` explicitly, or upgrade to 3.0.1, 3.1.1 or 3.2+.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL205"
NAME = "idempotence-default-not-applied"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "Java 3.0.0/3.1.0 do not apply the idempotence default (KAFKA-13598)"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.verdict.rejected:
        return
    effective = context.effective
    if not any(a.code == "idempotence-default-bug" for a in effective.adjustments):
        return
    in_flight = effective.number("max.in.flight.requests.per.connection") or 0  # else a fixed client turns it off too
    if effective.text("acks") in ("all", "-1") and effective.number("retries") != 0 and in_flight <= 5:
        yield Problem(f"{context.profile.label} does not apply the documented default enable.idempotence=true "
                      "(KAFKA-13598): the producer is not idempotent; set enable.idempotence=true explicitly "
                      "or upgrade to 3.0.1, 3.1.1 or 3.2+", key="enable.idempotence")
