"""A key that is not a producer property of the client.

## What it checks
Every key handed to the producer is a property of the chosen client and version, with a
did-you-mean for typos. A consumer property in a producer configuration is named as such.

## Why
librdkafka refuses the producer: `No such configuration property: "enable.idempotency"` (an error
here). The Java client only logs `These configurations '[enable.idempotency]' were supplied but are
not used yet.` (a warning here): the setting you meant silently does not apply, so the producer runs
with the default you wanted to change.

## Example
```properties
acks=all
enable.idempotency=true
```
fails (a misspelt enable.idempotence). Fix:
```properties
acks=all
enable.idempotence=true
```

The Java producer hands its whole configuration to its serializers, interceptors, partitioners and config
providers, so a key it does not define is not necessarily a mistake. Keys of the well-known serializer and
interceptor families (Confluent's `schema.registry.*`, `basic.auth.*`, `*.subject.name.strategy`,
`specific.avro.reader`, Apicurio's `apicurio.registry.*`, Spring's `spring.json.*`, the monitoring
interceptor's `confluent.monitoring.interceptor.*`, ...) are not reported; any other key with no close
producer property is an info: only a serializer, interceptor or partitioner reads it.

## How to fix
Correct the spelling, or drop keys that belong to other clients (a consumer's `max.poll.records`,
Java's `max.block.ms` under librdkafka).
"""
from __future__ import annotations

from typing import Iterator

from honolint.load import PROPERTIES_BOM
from honolint.rulebook import Problem, ProducerContext

CODE = "HL103"
NAME = "unknown-key"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "not a producer property of the client (a typo? a consumer key?); librdkafka refuses it"


def check(context: ProducerContext) -> Iterator[Problem]:
    if not context.effective.unknown_keys:
        return
    if context.profile.family == "librdkafka":
        from honolint.profiles.librdkafka import known_names

        names, severity, effect = known_names(context.profile), "error", "librdkafka refuses the producer"
        consumer_only: frozenset[str] = frozenset()
    else:
        from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

        names, severity, effect = PRODUCER_KEYS, None, "the Java client only logs it and the setting has no effect"
        consumer_only = CONSUMER_ONLY_KEYS
    for setting in context.effective.unknown_keys:
        if setting.key.startswith(PROPERTIES_BOM):
            meant = setting.key.removeprefix(PROPERTIES_BOM)
            yield Problem(f"the file starts with a UTF-8 byte order mark, which .properties readers take as part of "
                          f"the first key: the client sees '{setting.key}', so {meant} is not set and keeps its "
                          f"default ({context.describe(meant)}); save the file without the byte order mark",
                          key=setting.key, entry=setting.entry, severity=severity)
            continue
        if setting.key in consumer_only:
            yield Problem(f"{setting.key} is a consumer property: a producer ignores it", key=setting.key,
                          entry=setting.entry, severity="info" if severity is None else severity)
            continue
        java = context.profile.family != "librdkafka"
        if java and serde_key(setting.key):
            continue
        from honolint.spelling import closest  # only when there is a key to correct

        if setting.key in (names if java else _librdkafka_properties()):  # one of a later release than the client's
            yield Problem(f"{setting.key} is not a producer property of {context.profile.label}, only of later "
                          f"releases: {effect}", key=setting.key, entry=setting.entry, severity=severity)
            continue
        close = closest(setting.key, names)
        hint = f"; did you mean {close}?" if close else _other_client(context, setting.key)
        if java and not hint:
            yield Problem(f"{setting.key} is not a producer property of {context.profile.label}: only a serializer, "
                          "interceptor or partitioner reads it (the client logs it as unused)", key=setting.key,
                          entry=setting.entry, severity="info")
            continue
        yield Problem(f"{setting.key} is not a producer property of {context.profile.label}: {effect}{hint}",
                      key=setting.key, entry=setting.entry, severity=severity)


# what the serializers, interceptors and partitioners people use read from the producer's configuration
SERDE_PREFIXES = ("schema.registry.", "basic.auth.", "bearer.auth.", "apicurio.", "spring.json.", "spring.kafka.",
                  "confluent.monitoring.interceptor.", "confluent.", "avro.", "json.", "protobuf.", "key.converter",
                  "value.converter", "auto.register.", "use.latest.", "latest.compatibility.", "normalize.schemas",
                  "use.schema.", "specific.", "reflection.", "wrapper.for.", "rule.", "context.name.strategy")
SERDE_SUFFIXES = (".subject.name.strategy", ".type.mapping", ".trusted.packages")


def serde_key(key: str) -> bool:
    return key.startswith(SERDE_PREFIXES) or key.endswith(SERDE_SUFFIXES)


def _other_client(context: ProducerContext, key: str) -> str:
    if context.profile.family == "librdkafka":
        return " (a Java client property)" if key in _java_keys() else ""
    from honolint.profiles.librdkafka_keys import PROPERTIES

    return " (a librdkafka property: is this file for --client librdkafka?)" if key in PROPERTIES else ""


def _java_keys() -> frozenset[str]:
    from honolint.profiles.java_keys import PRODUCER_KEYS

    return PRODUCER_KEYS


def _librdkafka_properties():
    from honolint.profiles.librdkafka_keys import PROPERTIES

    return PROPERTIES
