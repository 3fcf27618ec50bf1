"""The Strimzi HTTP bridge's own `application.properties` (`bin/kafka_bridge_run.sh --config-file`).

strimzi-kafka-bridge reads the file with `java.util.Properties` (`ConfigRetriever`), then splits it by
prefix (`KafkaConfig.fromMap`): `kafka.<k>` not under `kafka.producer.`, `kafka.consumer.` or
`kafka.admin.` is every client's, `kafka.producer.<k>` the producer's, both with the prefix stripped.
`KafkaBridgeProducer.create` puts the common map and then the producer map into the producer's
`Properties`, so `kafka.producer.<k>` wins; nothing else is added that decides delivery (tracing adds an
interceptor, `bridge.metrics=strimziMetricsReporter` a metrics reporter), so the client's defaults apply.
The same split since the bridge's early releases (0.15; `kafka.admin.` came with the admin endpoints).

- One producer, the HTTP producer that serves `POST /topics/...`, unless `http.producer.enabled` (0.23+)
  does not read as true (`HttpConfig.isProducerEnabled`, `Boolean.parseBoolean`: `true` in any case,
  nothing around it, so `true ` with a blank is false: reported, HL013; default true).
- The producer is built with the serializers of the request's embedded format
  (`new KafkaProducer<>(props, keySerializer, valueSerializer)`), which replace any `key.serializer` or
  `value.serializer` of the file: reported as not read.
- Consumer properties in the common `kafka.*` keys are meant for the consumers and left alone.
- Environment variables join the map with the same names (`ConfigRetriever.getConfig(path, getenv())`,
  the environment wins); a variable named like a `kafka.` key is not seen here.

Detection: a `.properties` file with a `kafka.` key and a bridge key (`bridge.id`, `http.host`,
`http.port`), and no Quarkus or MicroProfile key (`quarkus.`, `mp.messaging.`, `%profile.`). The
KafkaBridge custom resource the Strimzi operator turns into this file is the strimzi dialect's.
"""
from __future__ import annotations

from typing import Optional

from honolint.dialects.common import meant_true, parse_boolean, under
from honolint.model import (DialectResult, Document, Entry, Layer, LoadedFile, ProducerSpec, Setting, SwitchOff,
                            UnreadEntry)
from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS

NAME = "strimzi-bridge"
EXPRESSIONS = "shell"  # java.util.Properties resolves nothing; ${...} is a deploy step's or a config provider's
SUMMARY = ("the Strimzi HTTP bridge's application.properties: kafka.<k> for every client, kafka.producer.<k> for "
           "its HTTP producer (wins)")
DETECTION = "a .properties file with kafka. keys and bridge.id, http.host or http.port (no quarkus. or mp.messaging.)"

COMMON, PRODUCER = "kafka.", "kafka.producer."
OTHER_CLIENTS = ("kafka.consumer.", "kafka.admin.")
BRIDGE_KEYS = ("bridge.id", "http.host", "http.port")
ENABLED = "http.producer.enabled"
SERIALIZERS = ("key.serializer", "value.serializer")
_NOT_BRIDGE = ("quarkus.", "mp.messaging.", "%")


def _is_bridge(doc: Document) -> bool:
    kafka = bridge = False
    for entry in doc.entries:
        key = entry.key
        if key.startswith(_NOT_BRIDGE):
            return False
        kafka = kafka or key.startswith(COMMON)
        bridge = bridge or key in BRIDGE_KEYS
    return kafka and bridge


def matches(loaded: LoadedFile) -> bool:
    return loaded.format == "properties" and any(_is_bridge(doc) for doc in loaded.documents)


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        if loaded.format == "properties" and _is_bridge(doc):
            _bridge(doc, result)
    return result


def _bridge(doc: Document, result: DialectResult) -> None:
    keys = {e.key: e for e in doc.entries}
    common: list[Setting] = []
    producer: list[Setting] = []
    for entry in doc.entries:
        rest = under(entry.key, PRODUCER)
        if rest is not None:
            producer.append(Setting(rest, entry.value, entry))
            continue
        rest = under(entry.key, COMMON)
        if rest is None or entry.key.startswith(OTHER_CLIENTS) or rest in CONSUMER_ONLY_KEYS:
            continue
        common.append(Setting(rest, entry.value, entry))
    enabled = keys.get(ENABLED)
    if enabled is not None and not parse_boolean(enabled.value):
        why = f"the bridge's HTTP producer is disabled ({ENABLED}={enabled.value or ''})"
        if meant_true(enabled.value):
            result.switches.append(SwitchOff(enabled, "the bridge's HTTP producer is disabled: every POST to "
                                                      "/topics is answered 503 (Producer is disabled in config)"))
        result.unread.extend(UnreadEntry(s.entry, why) for s in producer if s.entry is not None)
        result.no_producer = (why, enabled)
        return
    for setting in common + producer:
        if setting.key in SERIALIZERS and setting.entry is not None:
            result.unread.append(UnreadEntry(setting.entry, "the bridge gives its producer the serializers of the "
                                                            "request's embedded format (json, binary, text)"))
    layers = [Layer("kafka.*", [s for s in common if s.key not in SERIALIZERS]),
              Layer("kafka.producer.*", [s for s in producer if s.key not in SERIALIZERS])]
    bridge_id = keys.get("bridge.id")
    name = (bridge_id.value or "").strip() if bridge_id is not None else ""
    anchor = _anchor(doc, producer, bridge_id)
    scope = f"bridge {name} (HTTP producer)" if name else "HTTP producer"
    result.producers.append(ProducerSpec(scope, anchor.line, anchor.column, doc.index, layers, client_family="java"))


def _anchor(doc: Document, producer: list[Setting], bridge_id: Optional[Entry]) -> Entry:
    for setting in producer:
        if setting.entry is not None:
            return setting.entry
    return bridge_id if bridge_id is not None else doc.entries[0]
