"""Message order is not guaranteed: retries with more than one request in flight, not idempotent.

## What it checks
Whether the producer keeps order: it does when it is idempotent, or when
`max.in.flight.requests.per.connection` is 1, or when retries are not active (`retries=0`, or
`acks=0`, which "effectively disables retries"). Evaluated on the effective configuration, so
client defaults count: librdkafka sends up to 1,000,000 requests in flight by default and is not
idempotent by default, and the Java client before 3.0 retries with 5 in flight.

## Why
The spec: "If retries are set to a value greater than zero and max.in.flight.requests.per.connection
is set to a value greater than 1, Kafka no longer guarantees that messages are stored in the order
they have been sent. The only exception is the idempotent producer". Both delivery classes demand
order: "The producer MUST retain the order in which it received messages from a client."

## Example
```properties
enable.idempotence=false
max.in.flight.requests.per.connection=5
```
fails both classes. Fix for AT LEAST ONCE:
```properties
enable.idempotence=true
acks=all
```
Fix for AT MOST ONCE: `retries=0` or `max.in.flight.requests.per.connection=1`.

## How to fix
AT LEAST ONCE: make the producer idempotent (`enable.idempotence=true`, `acks=all`, at most 5 in
flight), or set `max.in.flight.requests.per.connection=1`. AT MOST ONCE: the spec asks to "either
set retries to 0 or to set max.in.flight.requests.per.connection to 1".
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL202"
NAME = "order-not-guaranteed"
SEVERITY = "error"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "retries with more than one request in flight and no idempotence: messages may be reordered"

FIXES = {
    "at-least-once": "for AT LEAST ONCE set enable.idempotence=true (with acks=all and at most 5 in flight) "
                     "or max.in.flight.requests.per.connection=1",
    "at-most-once": "for AT MOST ONCE set retries=0 or max.in.flight.requests.per.connection=1",
}


def check(context: ProducerContext) -> Iterator[Problem]:
    verdict = context.verdict
    if verdict.rejected or verdict.ordered:
        return
    why = (f"messages may be reordered: retries are active ({context.describe('retries')}), more than one "
           f"request may be in flight ({context.describe('max.in.flight.requests.per.connection')}) and the "
           f"producer is not idempotent ({context.describe('enable.idempotence')})")
    culprit = context.idempotence_culprit()  # on Java 3.0.1+ acks=1, say, is what turns idempotence off
    causes = ["max.in.flight.requests.per.connection", "enable.idempotence", "retries"]
    if culprit is not None:
        causes.insert(0, culprit)
    key = next((k for k in causes if context.entry(k) is not None), None)
    for qos_class, fix in FIXES.items():
        if culprit == "acks" and qos_class == "at-most-once":
            fix += ", or acks=all, which keeps the producer idempotent"
        yield Problem(f"{why}; {fix}", key=key, classes=(qos_class,), cause=culprit)
