"""`retries` set together with `acks=0`: it has no effect.

## What it checks
A configuration that sets `retries` to more than 0 while the effective `acks` is 0.

## Why
The spec: "Setting acks to 0 effectively disables retries." The Java client's documentation of
`acks=0`: "the retries configuration will not take effect (as the client won't generally know of
any failures)". A reader of the file may believe failed sends are retried.

## Example
```properties
acks=0
retries=5
```
is reported. Fix: drop `retries`, or use `acks=1`/`all` if failed sends must be retried.

## How to fix
Remove `retries`, or choose an `acks` under which it works.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL206"
NAME = "retries-without-acks"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "retries is set but acks=0 makes it ineffective"


def check(context: ProducerContext) -> Iterator[Problem]:
    effective = context.effective
    if context.verdict.rejected or effective.text("acks") != "0":
        return
    retries = effective.values.get("retries")
    if retries is not None and retries.origin == "file" and (effective.number("retries") or 0) > 0:
        yield Problem(f"{context.describe('retries')} has no effect because acks=0 (\"Setting acks to 0 "
                      "effectively disables retries\")", key="retries")
