"""The client refuses to create the producer: settings that contradict each other.

## What it checks
Combinations the client refuses when the producer is constructed, with the client's own message,
one finding per cause, at the key that causes it:
- the idempotent producer (explicit, forced by a framework, or implied by `transactional.id`) with
  `acks` other than `all`, `retries=0`, or more than 5 requests in flight (Java 4.x refuses more
  than 5 whenever idempotence is not explicitly `false`);
- `transactional.id` with idempotence off;
- Java 2.1+: `delivery.timeout.ms` set below `linger.ms + request.timeout.ms`;
- librdkafka: its own `rd_kafka_new` and topic checks (`message.timeout.ms` vs `linger.ms`, ...).

## Why
A refused producer sends nothing, so it fails every delivery guarantee. Java throws
`ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot
guarantee idempotence.`; librdkafka fails `rd_kafka_new` with "`acks` must be set to `all` when
`enable.idempotence` is true". Frameworks make this easy to hit: Hono forces
`enable.idempotence=true`, so a telemetry producer "tuned" with `acks=1` never starts, and Hono adds
`delivery.timeout.ms=2500`, so raising `request.timeout.ms` alone to 5000 fails.

## Example
```properties
enable.idempotence=true
acks=1
```
fails (Java, every version). Fix:
```properties
enable.idempotence=true
acks=all
```

## How to fix
Follow the client's message. Under Hono, keep `acks=all` (or leave it unset) and raise
`delivery.timeout.ms` together with `request.timeout.ms` and `linger.ms`.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL101"
NAME = "client-refuses"
SEVERITY = "error"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "the client refuses to construct the producer (conflicting settings), with its own message"

# the keys whose values together make each refusal, the refused key first
_RELATED = {
    "delivery.timeout.ms": ("delivery.timeout.ms", "linger.ms", "request.timeout.ms"),
    "message.timeout.ms": ("message.timeout.ms", "linger.ms", "transactional.id"),
    "socket.timeout.ms": ("socket.timeout.ms", "transaction.timeout.ms"),
    "transactional.id": ("transactional.id", "enable.idempotence", "acks", "retries"),
}


def check(context: ProducerContext) -> Iterator[Problem]:
    for refusal in context.effective.refusals:
        if refusal.kind != "conflict":
            continue
        related = _RELATED.get(refusal.key, (refusal.key, "enable.idempotence"))
        shown = [key for key in related if key in context.effective.values]
        because = "; ".join(context.describe(key) for key in shown)
        at = next((key for key in shown if context.entry(key) is not None), refusal.key)
        yield Problem(f"{context.profile.label} refuses to create this producer: \"{refusal.message.rstrip()}\" ({because})",
                      key=at)
