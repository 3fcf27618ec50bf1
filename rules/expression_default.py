"""A value the verdict depends on comes from an expression's default.

## What it checks
A key that decides a QoS class (acks, retries, in-flight requests, idempotence, the timeouts the client
compares) whose value is an expression's default, because nothing sets the name it refers to:
`acks: ${KAFKA_ACKS:1}` runs with `acks=1` unless the deployment sets `KAFKA_ACKS`. Spring and Quarkus
read `${env:KAFKA_ACKS}` as the property `env` with the default `KAFKA_ACKS`; the finding says so.

## Why
The verdict that follows is about the default; the finding says which value was taken and where it
came from, so that a failure such as "AT LEAST ONCE needs acks=all, but acks=1 at line 3 (the default
of ${KAFKA_ACKS:1})" explains itself, and so that a reader knows the deployment may set another value.

## Example
```yaml
spring:
  kafka:
    producer:
      acks: ${KAFKA_ACKS:1}
```
is reported, and AT LEAST ONCE fails on acks=1. A default that meets the class keeps the producer
right wherever `KAFKA_ACKS` is not set (the info stays: the default is still what the file says):
```yaml
spring:
  kafka:
    producer:
      acks: ${KAFKA_ACKS:all}
```

## How to fix
Make the default the value the producer needs, or tell honolint the deployment's value with
`--define KAFKA_ACKS=all`. To hand a Kafka config provider reference through Spring or Quarkus, escape
it: `\\${env:KAFKA_ACKS}`.
"""
from __future__ import annotations

from typing import Iterator

from honolint.resolve import profile_module
from honolint.rulebook import Problem, ProducerContext

CODE = "HL010"
NAME = "expression-default"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
ONLY_FOR_EXPRESSIONS = True
SUMMARY = "a value the verdict depends on is an expression's default (nothing sets the name)"

_PROVIDER_NAMES = ("env", "file", "directory")


def check(context: ProducerContext) -> Iterator[Problem]:
    candidates = profile_module(context.profile.family).candidates
    for key, value in context.shown.values.items():
        expression = value.expression
        if expression is None or value.text is None or value.origin not in ("file", "supplied"):
            continue
        defaults = [step[len("the default of "):] for step in expression.steps if step.startswith("the default of ")]
        if not defaults or candidates(context.profile, key, {}, frozenset()) is None:
            continue
        names = list(expression.defaulted)
        provider = next((d for d in defaults if d[2:].split(":", 1)[0] in _PROVIDER_NAMES), None)
        if provider is not None:
            name, _, default = provider[2:-1].partition(":")
            note = (f"; the reader takes {provider} as the property '{name}' with the default '{default}': to hand "
                    f"Kafka's config provider the reference, escape it as \\{provider}")
        else:
            note = (f"; if the deployment sets {' or '.join(names)}, the producer gets that value "
                    f"({' '.join(f'--define {name}=VALUE' for name in names)} says which)")
        yield Problem(f"{key}={value.text} from the default of {', '.join(defaults)}: nothing here sets "
                      f"{', '.join(names)}{note}", key=key)
