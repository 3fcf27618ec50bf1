"""A Kafka config provider reference that nothing in the configuration resolves.

## What it checks
A value holding `${provider:[path:]key}` (KIP-297: `${env:KAFKA_ACKS}`, `${file:/etc/kafka/app.properties:acks}`,
`${directory:/var/run/secrets:password}`) in a producer whose own configuration does not set
`config.providers` with that provider's `config.providers.<name>.class`, or whose client cannot resolve
it: the Java client before 2.3 (KIP-421) and librdkafka. Connect connectors and Strimzi resources are
not checked: their worker's providers resolve them.

## Why
The Java client resolves such references in `AbstractConfig` only for the providers `config.providers`
names; any other reference is "left unchanged in the configuration", so the producer receives the text
`${env:KAFKA_ACKS}` and refuses it ("Invalid value ${env:KAFKA_ACKS} for configuration acks") or, for a
string such as `sasl.jaas.config`, fails later. The verdict treats the value as known at deploy time,
in case the application adds the provider in code.

## Example
```properties
acks=${env:KAFKA_ACKS}
```
is reported. Fix:
```properties
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
acks=${env:KAFKA_ACKS}
```

## How to fix
Declare the provider in the same configuration (EnvVarConfigProvider needs kafka-clients 3.5+,
DirectoryConfigProvider 2.7+), or write the value itself.
"""
from __future__ import annotations

from typing import Iterator

from honolint.model import PROVIDERS_ELSEWHERE
from honolint.rulebook import Problem, ProducerContext

CODE = "HL012"
NAME = "provider-not-configured"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
ONLY_FOR_EXPRESSIONS = True
SUMMARY = "a ${provider:...} reference the producer's config.providers does not resolve"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.spec.providers == PROVIDERS_ELSEWHERE:
        return
    configured = None
    for key, value in context.shown.values.items():
        expression = value.expression
        if expression is None or not expression.unknown:
            continue
        if configured is None:
            from honolint.expressions import provider_references  # only for a file with expressions

            configured = _configured(context)
        for reference in provider_references(" ".join(expression.unknown)):
            why = _why_not(context, reference.provider, configured)
            if why is not None:
                yield Problem(f"{key}={reference.written}: {why}, so the client receives the text as written "
                              "unless the application adds the provider", key=key)
                break


def _configured(context: ProducerContext) -> frozenset[str]:
    if context.spec.providers is not None:
        return frozenset(context.spec.providers)
    listed = context.shown.text("config.providers")
    names = [name for name in (listed or "").split(",") if name]  # Kafka does not trim the names
    return frozenset(name for name in names if f"config.providers.{name}.class" in context.shown.values)


def _why_not(context: ProducerContext, provider: str, configured: frozenset[str]):
    profile = context.profile
    if profile.family == "librdkafka":
        return f"{profile.label} has no config providers"
    if profile.below(2, 3):
        return f"{profile.label} resolves config providers only inside Kafka Connect (clients: 2.3+, KIP-421)"
    if provider in configured:
        return None
    if configured:
        return f"config.providers names {', '.join(sorted(configured))}, not {provider}"
    return f"no config.providers with a config.providers.{provider}.class is set here"
