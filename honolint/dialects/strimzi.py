"""Strimzi custom resources (`apiVersion: kafka.strimzi.io/*`): one producer per resource, `<Kind>/<name>`.

Each YAML document is one resource; documents that are not a KafkaBridge, KafkaConnect, KafkaConnector
or KafkaMirrorMaker2 are skipped. Config maps are `Map<String, Object>` passed key by key: a dotted key
is one Kafka property, and a nested map is no property at all (reported).

- KafkaBridge `spec.producer.config.<k>`: the bridge hands it to `new KafkaProducer` as given
  (strimzi-kafka-bridge `KafkaBridgeProducer.create`), so the client's defaults apply. No producer
  when `spec.producer.enabled` is false.
- KafkaConnect `spec.config`: a Connect worker configuration (connect_worker.py): `producer.<k>` over
  Connect's own producer values, exactly-once source support, un-prefixed producer keys reach nothing.
- KafkaConnector `spec.config.producer.override.<k>` (connect_connector.py), class in `spec.class`. When
  the KafkaConnect its `strimzi.io/cluster` label names is in the same file, that worker's
  `producer.*` layer and exactly-once setting are part of the connector's producer.
- KafkaMirrorMaker2: one producer per `spec.mirrors[]` entry, the source connector's data producer into
  the target: the Connect cluster's `config` (`spec.clusters[]` entry whose alias is
  `spec.connectCluster`, or v1's `spec.target`) as the worker, then the mirror's
  `sourceConnector.config.producer.override.<k>`. Reading `spec.mirrors[]` and `spec.clusters[]` needs
  the YAML loader to walk sequences of mappings (entry paths with an index segment:
  `spec.mirrors.0.sourceConnector.config...`); until it does, a KafkaMirrorMaker2 yields no producer.
  The checkpoint and heartbeat connectors' producers are not modelled.

Keys Strimzi manages (`bootstrap.servers`, `ssl.*` but four TLS tuning keys, `sasl.*`, `security.*`,
and for Connect also its REST, plugin and interceptor keys) are dropped by the operator with a warning;
they are reported as not read.
"""
from __future__ import annotations

from typing import Optional

from honolint.dialects.connect_connector import connector_producers
from honolint.dialects.connect_worker import CONNECT_DEFAULTS, EOS_KEY, eos_enabled, worker_layer, worker_producers
from honolint.dialects.mirrormaker2 import FRAMEWORK_NAME as MM2_FRAMEWORK_NAME
from honolint.model import (PROVIDERS_ELSEWHERE, Budget, DialectResult, Document, Entry, FrameworkLayer, Layer, LoadedFile,
                            ProducerSpec, Setting, UnreadEntry)

NAME = "strimzi"
EXPRESSIONS = "shell"  # Kubernetes resolves nothing; ${...} is a deploy step's (envsubst) or a config provider's
SUMMARY = ("Strimzi custom resources: KafkaBridge spec.producer.config, KafkaConnect spec.config producer.<k>, "
           "KafkaConnector spec.config producer.override.<k>, KafkaMirrorMaker2 mirrors")
DETECTION = ("a YAML document with apiVersion kafka.strimzi.io/* and kind KafkaBridge, KafkaConnect, KafkaConnector "
             "or KafkaMirrorMaker2")

KINDS = ("KafkaBridge", "KafkaConnect", "KafkaConnector", "KafkaMirrorMaker2")
TLS_EXCEPTIONS = ("ssl.endpoint.identification.algorithm", "ssl.cipher.suites", "ssl.protocol", "ssl.enabled.protocols")
# KafkaBridgeProducerSpec.FORBIDDEN_PREFIXES; KafkaConnectSpec's (and the MirrorMaker 2 cluster config's)
BRIDGE_FORBIDDEN = ("ssl.", "bootstrap.servers", "sasl.", "security.")
CONNECT_FORBIDDEN = BRIDGE_FORBIDDEN + ("listeners", "plugin.path", "rest.", "consumer.interceptor.classes",
                                       "producer.interceptor.classes", "prometheus.metrics.reporter.")
_WHY = {
    "ssl.": "Strimzi manages TLS: configure spec.tls (only " + ", ".join(TLS_EXCEPTIONS) + " may be set here)",
    "bootstrap.servers": "Strimzi sets it from spec.bootstrapServers",
    "sasl.": "Strimzi manages authentication: configure spec.authentication",
    "security.": "Strimzi manages authentication: configure spec.tls and spec.authentication",
    "listeners": "Strimzi manages the Connect REST listener",
    "rest.": "Strimzi manages the Connect REST API",
    "plugin.path": "Strimzi manages connector plugins (spec.build or the container image)",
    "consumer.interceptor.classes": "Strimzi manages the interceptors (spec.tracing)",
    "producer.interceptor.classes": "Strimzi manages the interceptors (spec.tracing)",
    "prometheus.metrics.reporter.": "Strimzi manages the metrics reporter (spec.metricsConfig)",
}


def _value(doc: Document, *path: str) -> Optional[Entry]:
    return next((e for e in doc.entries if e.path == path), None)


def resource(doc: Document) -> Optional[tuple[str, str, Entry]]:
    """(kind, metadata.name, the kind entry) of a Strimzi resource this dialect reads, else None."""
    api, kind = _value(doc, "apiVersion"), _value(doc, "kind")
    if api is None or kind is None or not (api.value or "").strip().startswith("kafka.strimzi.io/"):
        return None
    if (kind.value or "").strip() not in KINDS:
        return None
    name = _value(doc, "metadata", "name")
    return kind.value.strip(), ((name.value or "").strip() if name else "") or "(unnamed)", kind


def matches(loaded: LoadedFile) -> bool:
    return any(resource(doc) is not None for doc in loaded.documents)


def forbidden(key: str, prefixes: tuple[str, ...]) -> Optional[str]:
    """Why Strimzi drops this config key, or None (AbstractConfiguration: prefix match, TLS exceptions)."""
    if key in TLS_EXCEPTIONS:
        return None
    for prefix in prefixes:
        if key.startswith(prefix):
            return _WHY[prefix]
    return None


def config_map(doc: Document, prefix: tuple[str, ...], prefixes: tuple[str, ...], unread: list[UnreadEntry],
               within: Optional[list[Entry]] = None) -> list[tuple[str, Entry]]:
    """The keys of the config map at `prefix` as (property, entry); forbidden and nested keys go to `unread`.
    `within`: the entries of the sequence item the prefix is in (_items), when the caller has them."""
    found = []
    depth = len(prefix)
    for entry in doc.entries if within is None else within:
        if len(entry.path) <= depth or entry.path[:depth] != prefix:
            continue
        key = entry.path[depth]
        if len(entry.path) > depth + 1:
            written = ".".join(entry.path[depth:])
            unread.append(UnreadEntry(entry, f"Strimzi passes each config key as written, so a nested map is no "
                                             f"Kafka property: write \"{written}\" as one key"))
            continue
        why = forbidden(key, prefixes)
        if why is not None:
            unread.append(UnreadEntry(entry, why))
            continue
        found.append((key, entry))
    return found


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    resources = [(doc, found) for doc in loaded.documents if (found := resource(doc)) is not None]
    connects = {name: doc for doc, (kind, name, _) in resources if kind == "KafkaConnect"}
    for doc, (kind, name, anchor) in resources:
        scope = f"{kind}/{name}"
        if kind == "KafkaBridge":
            _bridge(doc, scope, anchor, result)
        elif kind == "KafkaConnect":
            props = _connect_config(doc, result.unread)
            producers, unread = worker_producers(props, doc.index, anchor.line, anchor.column, scope,
                                                 "spec.config producer.*", name_all=False,
                                                 providers=PROVIDERS_ELSEWHERE)
            result.producers.extend(producers)
            result.unread.extend(unread)
        elif kind == "KafkaConnector":
            _connector(doc, scope, anchor, connects, result)
        else:
            _mirror_maker(doc, scope, result, loaded.budget)
    return result


def _bridge(doc: Document, scope: str, anchor: Entry, result: DialectResult) -> None:
    unread: list[UnreadEntry] = []
    config = config_map(doc, ("spec", "producer", "config"), BRIDGE_FORBIDDEN, unread)
    enabled = _value(doc, "spec", "producer", "enabled")
    if enabled is not None and (enabled.value or "").strip().lower() == "false":
        result.unread.extend(UnreadEntry(entry, "the bridge's HTTP producer is disabled (spec.producer.enabled: "
                                                "false)") for _, entry in config)
        return
    result.unread.extend(unread)
    layer = Layer("spec.producer.config", [Setting(key, entry.value, entry) for key, entry in config])
    result.producers.append(ProducerSpec(scope, anchor.line, anchor.column, doc.index, [layer],
                                         client_family="java", providers=PROVIDERS_ELSEWHERE))


def _connect_config(doc: Document, unread: list[UnreadEntry]) -> list[tuple[str, Entry]]:
    props = config_map(doc, ("spec", "config"), CONNECT_FORBIDDEN, unread)
    group = _value(doc, "spec", "groupId")  # Strimzi's v1 API moves group.id out of the config
    if group is not None and not any(key == "group.id" for key, _ in props):
        props.append(("group.id", group))
    return props


def _connector(doc: Document, scope: str, anchor: Entry, connects: dict[str, Document], result: DialectResult) -> None:
    config = config_map(doc, ("spec", "config"), (), result.unread)
    connector_class = _value(doc, "spec", "class")
    if connector_class is None:
        connector_class = next((entry for key, entry in config if key == "connector.class"), None)
    cluster = _value(doc, "metadata", "labels", "strimzi.io/cluster")
    worker = connects.get((cluster.value or "").strip()) if cluster is not None else None
    layers, eos_group = None, None
    if worker is not None:
        props = _connect_config(worker, [])
        worker_name = (cluster.value or "").strip()
        layers = [worker_layer(props, f"KafkaConnect/{worker_name} spec.config producer.*")]
        keys = dict(props)
        if EOS_KEY in keys and eos_enabled(keys[EOS_KEY].value):
            group = keys.get("group.id")
            eos_group = _text(group) or "<group.id>"
    name = scope.split("/", 1)[1]
    producers, unread = connector_producers(config, connector_class.value or "" if connector_class else "", name,
                                            doc.index, anchor.line, anchor.column, scope, layers, eos_group,
                                            "spec.config producer.override.*")
    result.producers.extend(producers)
    result.unread.extend(unread)


def _items(doc: Document, field: str) -> dict[str, list[Entry]]:
    """The entries of each element of the sequence `spec.<field>`, by index segment, in file order."""
    items: dict[str, list[Entry]] = {}
    for entry in doc.entries:
        if len(entry.path) > 3 and entry.path[:2] == ("spec", field) and entry.path[2].isdigit():
            items.setdefault(entry.path[2], []).append(entry)
    return items


def _find(entries: list[Entry], *rest: str) -> Optional[Entry]:
    return next((e for e in entries if e.path[3:] == rest), None)


def _text(entry: Optional[Entry]) -> str:
    return (entry.value or "").strip() if entry is not None else ""


def _mirror_maker(doc: Document, scope: str, result: DialectResult, budget: Budget) -> None:
    clusters = _items(doc, "clusters")
    connect_alias = _text(_value(doc, "spec", "connectCluster")) or _text(_value(doc, "spec", "target", "alias"))
    worker_prefix: Optional[tuple[str, ...]] = None
    if _value(doc, "spec", "target", "alias") is not None:
        worker_prefix = ("spec", "target", "config")
    for index, entries in clusters.items():
        if connect_alias and _text(_find(entries, "alias")) == connect_alias:
            worker_prefix = ("spec", "clusters", index, "config")
    worker_props = config_map(doc, worker_prefix, CONNECT_FORBIDDEN, result.unread) if worker_prefix else []
    for index, entries in clusters.items():  # the other clusters' config: forbidden keys are dropped there too
        if worker_prefix != ("spec", "clusters", index, "config"):
            config_map(doc, ("spec", "clusters", index, "config"), CONNECT_FORBIDDEN, result.unread, entries)
    keys = dict(worker_props)
    _, worker_unread = worker_producers(worker_props, doc.index, 1, 1)
    result.unread.extend(worker_unread)
    framework = FrameworkLayer(MM2_FRAMEWORK_NAME, put_if_absent=CONNECT_DEFAULTS)
    if EOS_KEY in keys and eos_enabled(keys[EOS_KEY].value):
        group = _text(keys.get("group.id"))
        framework = FrameworkLayer(f"{MM2_FRAMEWORK_NAME} (exactly-once source)", put_if_absent=CONNECT_DEFAULTS,
                                   forced=(("enable.idempotence", "true"),
                                           ("transactional.id", f"{group or '<group.id>'}-<connector>-<task>")))
    where = ".".join(worker_prefix) if worker_prefix else "(no connect cluster config)"
    worker = worker_layer(worker_props, f"{where} producer.*")
    for index, entries in _items(doc, "mirrors").items():
        if not budget.fits((entries[0].line, entries[0].column), built=True):
            continue
        budget.spend(len(worker.settings), built=True)
        source = _text(_find(entries, "sourceCluster")) or _text(_find(entries, "source", "alias")) or "?"
        target = _text(_find(entries, "targetCluster")) or connect_alias or "?"
        unread: list[UnreadEntry] = []
        connector = config_map(doc, ("spec", "mirrors", index, "sourceConnector", "config"), (), unread, entries)
        result.unread.extend(unread)
        overrides = [Setting(key[len("producer.override."):], entry.value, entry) for key, entry in connector
                     if key.startswith("producer.override.") and len(key) > len("producer.override.")]
        layers = [Layer(worker.name, list(worker.settings)),
                  Layer(f"spec.mirrors.{index}.sourceConnector.config producer.override.*", overrides)]
        first = entries[0]
        result.producers.append(ProducerSpec(f"{scope} ({source}->{target})", first.line, first.column, doc.index,
                                             layers, framework, client_family="java", providers=PROVIDERS_ELSEWHERE))

