"""Kafka Connect worker: `connect-distributed.properties` / `connect-standalone.properties`, `producer.<k>`.

What a task producer receives is built by `Worker.baseProducerConfigs` (apache/kafka
connect/runtime/.../Worker.java): Connect's own values first (`enable.idempotence=false`, `acks=all`,
`max.in.flight.requests.per.connection=1`, `delivery.timeout.ms=Integer.MAX_VALUE`,
`max.block.ms=Long.MAX_VALUE`), then `putAll(originalsWithPrefix("producer."))` from the worker file,
then the connector's `producer.override.*` (connect_connector.py). So Connect's values are a framework
layer added when absent: they are in the map the client is constructed with (explicit), and a
`producer.<k>` in the worker file replaces them. Source-task producers and sink connectors' dead letter
queue producers both come from that function.

With `exactly.once.source.support=enabled` (distributed workers, Kafka 3.3+),
`Worker.exactlyOnceSourceTaskProducerConfigs` then `ensureProperty`s `enable.idempotence=true` and
`transactional.id=<group.id>-<connector>-<task>`: both replace what the file says (a warning in the
worker log). Dead letter queue producers are not transactional, so such a worker has two producers.

An un-prefixed producer key (`acks=all`) never reaches a task producer: only `producer.*` is copied
(config-dialects.md §5.4). Un-prefixed keys that the worker itself reads (bootstrap.servers, the
security and timeout settings of its own clients) are not reported. Connect's `enable.idempotence=false`
is the 3.2+ behaviour (KAFKA-13759); earlier Connect left idempotence to the client's default, which
changes nothing about order (one request in flight either way).
"""
from __future__ import annotations

from typing import Iterable, Optional

from honolint.model import DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting, UnreadEntry

NAME = "connect-worker"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = ("Kafka Connect worker (connect-distributed/-standalone.properties): producer.<k> for every source task "
           "and dead letter queue producer")
DETECTION = ("group.id plus config.storage.topic, offset.storage.topic or a *.converter key; or a standalone "
             "worker's offset.storage.file.filename plus a *.converter key")

INT_MAX = str(2**31 - 1)
LONG_MAX = str(2**63 - 1)
FRAMEWORK_NAME = "Kafka Connect worker"
# Worker.baseProducerConfigs, in its order (serializers and client.id are not delivery settings)
CONNECT_DEFAULTS: tuple[tuple[str, str], ...] = (
    ("max.block.ms", LONG_MAX),
    ("enable.idempotence", "false"),
    ("acks", "all"),
    ("max.in.flight.requests.per.connection", "1"),
    ("delivery.timeout.ms", INT_MAX),
)
FRAMEWORK = FrameworkLayer(name=FRAMEWORK_NAME, put_if_absent=CONNECT_DEFAULTS)
PRODUCER_PREFIX = "producer."
EOS_KEY = "exactly.once.source.support"

# Producer settings no other client of the worker reads: written without `producer.` they reach nothing.
PRODUCER_ONLY_KEYS = frozenset({
    "acks", "retries", "enable.idempotence", "max.in.flight.requests.per.connection", "delivery.timeout.ms",
    "linger.ms", "batch.size", "buffer.memory", "compression.type", "compression.gzip.level",
    "compression.lz4.level", "compression.zstd.level", "max.block.ms", "max.request.size", "transactional.id",
    "transaction.timeout.ms", "partitioner.class", "partitioner.ignore.keys",
    "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms", "key.serializer",
    "value.serializer", "metadata.max.idle.ms",
})
_STORAGE = ("config.storage.topic", "offset.storage.topic")
_STANDALONE = "offset.storage.file.filename"


def eos_framework(transactional_id: str, name: str = FRAMEWORK_NAME) -> FrameworkLayer:
    """Connect's defaults, then what exactly-once source support ensures over any user value."""
    return FrameworkLayer(name=f"{name} (exactly-once source)", put_if_absent=CONNECT_DEFAULTS,
                          forced=(("enable.idempotence", "true"), ("transactional.id", transactional_id)))


def _converter(key: str) -> bool:
    return key.endswith(".converter") and key.count(".") == 1  # key.converter, value.converter, header.converter


def looks_like_worker(keys: set[str]) -> bool:
    converter = any(_converter(key) for key in keys)
    if "group.id" in keys and (converter or any(key in keys for key in _STORAGE + (_STANDALONE,))):
        return True
    return _STANDALONE in keys and converter


def matches(loaded: LoadedFile) -> bool:
    return any(looks_like_worker({e.key for e in doc.entries}) for doc in loaded.documents)


def eos_enabled(value: Optional[str]) -> bool:
    """DistributedConfig validates the value case-insensitively (enabled, preparing, disabled)."""
    return value is not None and value.strip().lower() == "enabled"


def worker_layer(props: Iterable[tuple[str, Entry]], name: str = "producer.*") -> Layer:
    """The worker's `producer.<k>` keys, prefix stripped, in file order."""
    settings = [Setting(key[len(PRODUCER_PREFIX):], entry.value, entry) for key, entry in props
                if key.startswith(PRODUCER_PREFIX) and len(key) > len(PRODUCER_PREFIX)]
    return Layer(name, settings)


def configured_providers(keys: dict[str, Entry]) -> tuple[str, ...]:
    """The config providers a worker's (or MirrorMaker's) own `config.providers` declares with a class: they
    resolve `${provider:...}` in its whole configuration, producer.* keys included."""
    listed = keys.get("config.providers")
    names = [name for name in ((listed.value or "") if listed is not None else "").split(",") if name]
    return tuple(name for name in names if f"config.providers.{name}.class" in keys)


def worker_producers(props: list[tuple[str, Entry]], document: int, line: int, column: int,
                     scope: str = "connect worker", layer_name: str = "producer.*", name_all: bool = True,
                     providers: Optional[tuple[str, ...]] = None) -> tuple[list[ProducerSpec], list[UnreadEntry]]:
    """A worker configuration (property name, entry) -> its producers and the keys no producer reads.

    Shared with strimzi.py (KafkaConnect spec.config), which keeps the bare scope for the usual single
    producer (`name_all=False`) and whose operator adds config providers of its own (`providers`)."""
    keys = {key: entry for key, entry in props}
    if providers is None:
        providers = configured_providers(keys)
    layer = worker_layer(props, layer_name)
    unread = [UnreadEntry(entry, f"a Connect worker hands task producers only producer.* keys: "
                                 f"use producer.{key}")
              for key, entry in props if key in PRODUCER_ONLY_KEYS]
    eos = keys.get(EOS_KEY)
    standalone = _STANDALONE in keys and "group.id" not in keys
    if eos is not None and eos_enabled(eos.value) and standalone:
        unread.append(UnreadEntry(eos, "exactly-once source support exists only in distributed mode; a standalone "
                                       "worker's task producers stay non-transactional"))
        eos = None
    if eos is None or not eos_enabled(eos.value):
        single = f"{scope} (source task and dead letter queue producers)" if name_all else scope
        return [_spec(single, layer, FRAMEWORK, document, line, column, providers)], unread
    group = (keys["group.id"].value or "").strip() if "group.id" in keys else ""
    group = group or "<group.id>"
    return [
        _spec(f"{scope} (exactly-once source task producers)", layer, eos_framework(f"{group}-<connector>-<task>"),
              document, line, column, providers),
        _spec(f"{scope} (dead letter queue producers)", layer, FRAMEWORK, document, line, column, providers),
    ], unread


def _spec(scope: str, layer: Layer, framework: FrameworkLayer, document: int, line: int, column: int,
          providers: tuple[str, ...]) -> ProducerSpec:
    return ProducerSpec(scope, line, column, document, [Layer(layer.name, list(layer.settings))], framework,
                        client_family="java", providers=providers)


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    several = len(loaded.documents) > 1
    for doc in loaded.documents:
        props = [(entry.key, entry) for entry in doc.entries]
        if several and not looks_like_worker({key for key, _ in props}):
            continue
        anchor = next((e for e in doc.entries if e.key == "group.id"), doc.entries[0] if doc.entries else None)
        line, column = (anchor.line, anchor.column) if anchor else (doc.line, 1)
        scope = f"connect worker, document {doc.index + 1}" if several else "connect worker"
        producers, unread = worker_producers(props, doc.index, line, column, scope)
        result.producers.extend(producers)
        result.unread.extend(unread)
    return result

