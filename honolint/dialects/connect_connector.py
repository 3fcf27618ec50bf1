"""Kafka Connect connector configuration: `producer.override.<k>` over Connect's own producer values.

Three forms: a standalone connector `.properties` file (`name=`, `connector.class=`, ...), the body of
`POST /connectors` (`{"name": ..., "config": {...}}`) and the map `PUT /connectors/<name>/config` takes
(a bare config map). A `"//"` key (the usual way to comment JSON) is not a connector key and is skipped.

`Worker.baseProducerConfigs` builds the producer: Connect's values (connect_worker.py: acks=all,
enable.idempotence=false, one request in flight, delivery.timeout.ms and max.block.ms at their maximum),
then the worker's `producer.*`, then the connector's `producer.override.*` (allowed by the worker's
`connector.client.config.override.policy`, `All` by default since Kafka 3.0, `None` before: under `None`
the connector is refused). A connector file does not say what its worker file holds, so the worker
layer is not part of this dialect's producer: lint the worker file too (connect-worker dialect).

A source connector has one producer. A sink connector has one only for its dead letter queue
(`errors.deadletterqueue.topic.name`); without one its `producer.override.*` keys reach nothing. The
kind is read from the class name (`...SinkConnector`, `...SourceConnector`, `Mirror*`), else from the
sink-only `topics` / `topics.regex` keys. `exactly.once.support=required` is accepted only by a worker
with exactly-once source support, whose task producers are then idempotent and transactional.

`producer.<k>` (the worker's spelling) and un-prefixed producer keys in a connector configuration are
not read by Connect; they are reported (not for MirrorMaker's connectors, which read `producer.*` for
their offset-syncs producer).
"""
from __future__ import annotations

import os
from typing import Optional

from honolint.dialects.connect_worker import FRAMEWORK, PRODUCER_ONLY_KEYS, eos_framework
from honolint.model import (PROVIDERS_ELSEWHERE, DialectResult, Document, Entry, Layer, LoadedFile, ProducerSpec,
                            Setting, UnreadEntry)

NAME = "connect-connector"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = ("Kafka Connect connector config (standalone .properties, REST JSON {\"name\", \"config\"} or a bare "
           "config map): producer.override.<k>")
DETECTION = "a connector.class key (at the root, or under \"config\" in a REST JSON body)"

OVERRIDE_PREFIX = "producer.override."
DLQ_TOPIC = "errors.deadletterqueue.topic.name"


def config_entries(doc: Document) -> tuple[list[tuple[str, Entry]], Optional[Entry]]:
    """The connector's config map as (property name, entry), and the REST body's top-level `name` entry."""
    wrapped = [(e.path[1], e) for e in doc.entries if len(e.path) == 2 and e.path[0] == "config"]
    if any(key == "connector.class" for key, _ in wrapped):
        name = next((e for e in doc.entries if e.path == ("name",)), None)
        return wrapped, name
    return [(e.path[0], e) for e in doc.entries if len(e.path) == 1], None


def _has_class(doc: Document) -> bool:
    return any(e.path in (("connector.class",), ("config", "connector.class")) for e in doc.entries)


def matches(loaded: LoadedFile) -> bool:
    return any(_has_class(doc) for doc in loaded.documents)


def is_sink(connector_class: str, keys: set[str]) -> bool:
    simple = connector_class.strip().rsplit(".", 1)[-1]
    if simple.startswith("Mirror"):
        return False
    if "Sink" in simple:
        return True
    if "Source" in simple:
        return False
    return "topics" in keys or "topics.regex" in keys


def connector_producers(config: list[tuple[str, Entry]], connector_class: str, name: str, document: int,
                        line: int, column: int, scope: str, worker_layers: Optional[list[Layer]] = None,
                        worker_eos_group: Optional[str] = None, layer_name: str = "producer.override.*",
                        ) -> tuple[list[ProducerSpec], list[UnreadEntry]]:
    """One connector's producer (none for a sink without a dead letter queue) and its unread keys.

    `worker_layers` and `worker_eos_group` (the worker's group.id when its exactly-once source support is
    enabled) come from a worker configuration known to run the connector (strimzi.py: KafkaConnect)."""
    keys = {key: entry for key, entry in config}
    overrides = [Setting(key[len(OVERRIDE_PREFIX):], entry.value, entry) for key, entry in config
                 if key.startswith(OVERRIDE_PREFIX) and len(key) > len(OVERRIDE_PREFIX)]
    unread: list[UnreadEntry] = []
    if not connector_class.strip().rsplit(".", 1)[-1].startswith("Mirror"):
        for key, entry in config:
            if key.startswith("producer.") and not key.startswith(OVERRIDE_PREFIX) and len(key) > len("producer."):
                unread.append(UnreadEntry(entry, f"a connector takes producer settings as producer.override.<key> "
                                                 f"(producer.* belongs in the worker configuration): use "
                                                 f"{OVERRIDE_PREFIX}{key[len('producer.'):]}"))
            elif key in PRODUCER_ONLY_KEYS:
                unread.append(UnreadEntry(entry, f"Connect hands a connector's producer only producer.override.* "
                                                 f"keys: use {OVERRIDE_PREFIX}{key}"))
    framework = FRAMEWORK
    if is_sink(connector_class, set(keys)):
        dlq = keys.get(DLQ_TOPIC)
        if dlq is None or not (dlq.value or "").strip():
            unread += [UnreadEntry(s.entry, f"a sink connector has a producer only for its dead letter queue, and "
                                            f"{DLQ_TOPIC} is not set") for s in overrides if s.entry is not None]
            return [], unread
        scope = f"{scope} (dead letter queue)"
    else:
        support = keys.get("exactly.once.support")
        required = support is not None and (support.value or "").strip().lower() == "required"
        if worker_eos_group is not None or required:
            framework = eos_framework(f"{worker_eos_group or '<group.id>'}-{name}-<task>")
    layers = [Layer(layer.name, list(layer.settings)) for layer in worker_layers or []]
    layers.append(Layer(layer_name, overrides))
    return [ProducerSpec(scope, line, column, document, layers, framework, client_family="java",
                         providers=PROVIDERS_ELSEWHERE)], unread


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        if not _has_class(doc):
            continue
        config, rest_name = config_entries(doc)
        keys = {key: entry for key, entry in config}
        anchor = keys.get("connector.class")
        if anchor is None:
            continue
        name = _name(rest_name, keys.get("name"), loaded.path)
        producers, unread = connector_producers(config, anchor.value or "", name, doc.index, anchor.line,
                                                anchor.column, f"connector {name}")
        result.producers.extend(producers)
        result.unread.extend(unread)
    return result


def _name(rest_name: Optional[Entry], config_name: Optional[Entry], path: str) -> str:
    for entry in (rest_name, config_name):
        if entry is not None and entry.value and entry.value.strip():
            return entry.value.strip()
    stem = os.path.splitext(os.path.basename(path))[0]
    return stem or "(unnamed)"
