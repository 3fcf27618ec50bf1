"""Retries disabled under AT LEAST ONCE.

## What it checks
A producer whose target is AT LEAST ONCE (acks other than 0) and whose effective `retries` is 0.

## Why
The spec: "Disabling retries might cause messages to fail in case of high load or transient
transmission failures, so this is not recommended." Under AT LEAST ONCE a failed send becomes an
error returned to the device or application instead of a retry. (AT MOST ONCE producers may use
`retries=0` to keep order.) In Java 3.0.1+ `retries=0` also silently disables the default
idempotence.

## Example
```properties
acks=all
retries=0
```
warns. Fix: remove `retries` (the client default retries until `delivery.timeout.ms` expires)
and bound the time with `delivery.timeout.ms`.

## How to fix
Leave `retries` unset and set `delivery.timeout.ms` to a reasonable value. Java clients before 2.1 have
no `delivery.timeout.ms` and default `retries` to 0: set `retries=2147483647` there, with
`enable.idempotence=true` or `max.in.flight.requests.per.connection=1` to keep order.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL203"
NAME = "retries-disabled"
SEVERITY = "warning"
CLASSES = ("at-least-once",)
SCOPE = "producer"
SUMMARY = "retries=0 under AT LEAST ONCE: transient errors fail the send (not recommended)"


def check(context: ProducerContext) -> Iterator[Problem]:
    effective = context.effective
    if context.target != "at-least-once" or context.verdict.rejected:
        return
    if effective.number("retries") != 0 or effective.text("acks") == "0":
        return
    if context.profile.family == "java" and context.profile.below(2, 1):  # retries defaults to 0 there
        fix = (f"{context.profile.label} has no delivery.timeout.ms (2.1 added it, and made retries default "
               "to 2147483647): set retries=2147483647, and keep order with enable.idempotence=true or "
               "max.in.flight.requests.per.connection=1")
    else:
        fix = "leave retries unset and bound the time with delivery.timeout.ms"
    yield Problem(f"{context.describe('retries')}: a transient error fails the send instead of being retried "
                  f"(\"Disabling retries ... is not recommended\"); {fix}", key="retries", cause="retries")
