"""A value the client refuses, or reads differently from how it looks.

## What it checks
Each value as the client parses it:
- Java: `acks` must be exactly `all`, `-1`, `0` or `1` after trimming (`ALL` is refused); integers
  are parsed strictly (`3x`, `1_000`, `0x10` are refused); booleans are `true`/`false` in any case;
  ranges (`retries` at least 0, `max.in.flight.requests.per.connection` at least 1);
  `transactional.id` must not be empty.
- librdkafka: its ranges and types; values it accepts but reads surprisingly are warnings:
  `010` is octal 8 and `5ms` is 5 (`strtol`), and `acks` other than -1, 0, 1 passes the client but
  every broker rejects it (`INVALID_REQUIRED_ACKS`).
- Kafka Streams: `processing.guarantee` as StreamsConfig of the client's release validates it: 4.0
  refuses `exactly_once` and `exactly_once_beta` (write `exactly_once_v2`), which 3.x accepts with a
  deprecation warning (a warning here); 2.x knows no `exactly_once_v2`.

## Why
Java refuses the whole producer at the first bad value (`ConfigException: Invalid value ALL for
configuration acks: String must be one of: all, -1, 0, 1`); librdkafka fails `rd_kafka_conf_set`.

## Example
```properties
acks=ALL
```
fails on Java. Fix:
```properties
acks=all
```

## How to fix
Write the value in the form the client documents.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL102"
NAME = "invalid-value"
SEVERITY = "error"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "the client refuses a value, or reads it differently from how it looks"


def check(context: ProducerContext) -> Iterator[Problem]:
    label = context.profile.label
    for refusal in context.effective.refusals:
        if refusal.kind == "value":
            fix = f"; {refusal.fix}" if refusal.fix else ""
            yield Problem(f"{label} refuses this value: \"{refusal.message.rstrip()}\"{fix}", key=refusal.key,
                          entry=refusal.entry)
    for setting, why in context.effective.odd_values:
        yield Problem(f"{setting.key}={setting.value}: {why}", key=setting.key, entry=setting.entry,
                      severity="warning")
