"""Idempotence silently disabled by a conflicting key (Java 3.0.1 and later).

## What it checks
On Java 3.0.1+ (3.1.1+, 3.2+) the producer is idempotent by default, but only while nothing
conflicts: `acks` other than `all`, `retries=0`, or (3.x) more than 5 requests in flight turn it off
without an error.

## Why
The client's documentation: "If conflicting configurations are set and idempotence is not
explicitly enabled, idempotence is disabled." It says so only in an INFO log line
(`Idempotence will be disabled because acks is set to 1, not set to 'all'.`). The producer then
loses the ordering guarantee idempotence gave it, and the privileges and exactly-once features
that depend on it.

## Example
```properties
acks=1
```
warns on java:3.9 and 4.x. Fix: `acks=all`, or write `enable.idempotence=false` if you mean it.

One cause, one finding: when the conflicting key already fails a class through a more direct rule
(`acks=1` fails AT LEAST ONCE as HL201, whose message says it also turns idempotence off; more than 5 in
flight fails both classes as HL202), this warning is not repeated for that class. AT MOST ONCE loses
nothing to it while the producer keeps order another way (`retries=0`).

## How to fix
Remove the conflicting setting, or state `enable.idempotence=false` explicitly so the choice is
visible.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL204"
NAME = "idempotence-silently-disabled"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "a conflicting key silently turns the default idempotence off (Java 3.0.1+)"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.verdict.rejected:
        return
    for adjustment in context.effective.adjustments:
        if adjustment.code != "idempotence-off":
            continue
        key = context.idempotence_culprit()
        # AT MOST ONCE loses nothing to it while the producer keeps order another way (retries=0, say)
        classes = ("at-least-once",) if context.verdict.ordered else CLASSES
        yield Problem(f"idempotence is silently disabled by {context.profile.label}: "
                      f"{adjustment.message.split(': ', 1)[-1]}; the client only logs this", key=key, cause=key,
                      classes=classes)
