"""A setting in the file that the framework replaces.

## What it checks
Keys the file sets that the application framework then overrides with a value of its own: Hono
forces `enable.idempotence=true`; Kafka Streams with `exactly_once_v2` forces idempotence; other
frameworks force their own keys (see `honolint dialects`).

## Why
The value in the file is not the value the producer runs with, so whoever reads or edits the file is
misled. Hono's `MessagingKafkaProducerConfigProperties.adaptConfiguration` calls
`overrideConfigProperty(config, ENABLE_IDEMPOTENCE_CONFIG, "true")`, whatever the file says.

## Example
```yaml
hono:
  kafka:
    telemetry:
      producerConfig:
        enable.idempotence: false
```
is reported: Hono forces `true`. Fix: remove the key.

## How to fix
Remove the setting, or configure what the framework offers instead.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL007"
NAME = "framework-overrides"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "the framework replaces a value the file sets (Hono forces enable.idempotence=true)"


def check(context: ProducerContext) -> Iterator[Problem]:
    for setting, what in context.effective.overridden:
        yield Problem(f"{setting.key}={setting.value} has no effect: {what}", key=setting.key, entry=setting.entry)
