"""A key in a place the framework never hands to a producer.

## What it checks
Keys that look like producer configuration but that the application framework does not pass to
any producer, so they silently do nothing. Among them:
- Hono's pre-1.11 tree `hono.kafka.producerConfig.*`, an env name Hono cannot map
  (`..._PRODUCERCONFIG_DELIVERY_TIMEOUT_MS` instead of `__DELIVERY_TIMEOUT_MS__`), and the Hono Helm
  chart's silent drops (the example cluster enabled; a component spec without `bootstrap.servers`);
- Quarkus: a dotted YAML key under a channel (`compression.type:`), which Quarkus registers quoted
  and never reads;
- Kafka Connect: un-prefixed producer keys in a worker file (`acks=` instead of `producer.acks=`),
  `producer.*` in a connector (instead of `producer.override.*`);
- Strimzi: keys the operator manages itself (`bootstrap.servers`, `ssl.*`, `sasl.*`);
- Spring: a consumer-only key under a producer map, an unquoted `[a.b]:` YAML key;
- Fluent Bit and Vector: a librdkafka property they cannot pass on (an unquoted dotted TOML key).

## Why
Hono's 1.11 release notes: "Kafka clients used by a component can now be configured individually
... Other configurations ... have to be adapted." Quarkus maintainers: "the dotted keys are
interpreted as single keys". Connect's `Worker.baseProducerConfigs` only reads
`originalsWithPrefix("producer.")`. Whatever the reason, the producer runs with its default, not
with the value in the file.

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
Move the key to where the framework reads it; the message says where.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL006"
NAME = "key-not-read"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a producer key sits where the framework never reads it (Hono's old tree, a dotted Quarkus key, ...)"


def check(context: FileContext) -> Iterator[Problem]:
    if context.dialect is None:
        return
    for unread in context.dialect.unread:
        yield Problem(f"{unread.entry.key} is ignored: {unread.reason}", key=unread.entry.key, entry=unread.entry)
