"""A key in a place the framework no longer (or never) reads.

## What it checks
Keys that look like producer configuration but that the framework does not hand to any producer:
Hono's pre-1.11 tree `hono.kafka.producerConfig.*`.

## Why
Hono 1.11 moved producer settings to one tree per client. Its release notes: "Kafka clients used by
a component can now be configured individually ... Other configurations ... have to be adapted."
A value left in the old tree is silently ignored, so the producer runs with defaults.

## Example
```yaml
hono:
  kafka:
    producerConfig:
      acks: all
```
fails. Fix:
```yaml
hono:
  kafka:
    commonClientConfig:
      acks: all
```
or one `hono.kafka.<client>.producerConfig` per producer (`telemetry`, `event`, ...).

## How to fix
Move the key to where the framework reads it.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL006"
NAME = "key-not-read"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a producer key sits where the framework does not read it (Hono's pre-1.11 tree)"


def check(context: FileContext) -> Iterator[Problem]:
    if context.dialect is None:
        return
    for unread in context.dialect.unread:
        yield Problem(f"{unread.entry.key} is ignored: {unread.reason}", key=unread.entry.key, entry=unread.entry)
