"""MirrorMaker 2 in dedicated mode (`connect-mirror-maker.properties`): one producer per enabled flow.

`MirrorMakerConfig` (apache/kafka connect/mirror/...): `clusters = A, B` names the clusters, a flow
`A->B` runs when `A->B.enabled` is `true` (`Boolean.parseBoolean`: any case, no surrounding spaces).
The flow's records are written into B by the source-task producers of the Connect worker MirrorMaker
runs for that flow, whose worker configuration is `workerConfig(A->B)`: every `B.<k>` with the alias
stripped, so the data producer is configured by the TARGET alias's `B.producer.<k>`, never by
`A.producer.<k>` (config-dialects.md §5.6). Over those come the flow's connector-level
`A->B.producer.override.<k>` (`connectorBaseConfig`). The worker builds the producer with
`Worker.baseProducerConfigs`, so Connect's own values are the framework layer (connect_worker.py; its
`delivery.timeout.ms=Integer.MAX_VALUE` is also what MirrorMaker has asked for since Kafka 2.1), and
`B.exactly.once.source.support=enabled` makes it idempotent and transactional.

Not modelled: `A.producer.*` also configures the heartbeat producers of the reverse herder `B->A` and
MirrorMaker's offset-syncs producer, and `A->B.producer.*` (without `override`) only that offset-syncs
producer: neither writes replicated records. Top-level `producer.*` and un-prefixed producer keys reach no
producer at all and are reported, as is `B.<producer key>` without `producer.` (a worker key, which task
producers never see).
"""
from __future__ import annotations

from honolint.dialects.connect_worker import (CONNECT_DEFAULTS, EOS_KEY, PRODUCER_ONLY_KEYS, configured_providers,
                                             eos_enabled)
from honolint.model import (DialectResult, Document, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)

NAME = "mirrormaker2"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = ("MirrorMaker 2 dedicated mode (connect-mirror-maker.properties): a producer per enabled flow A->B, "
           "configured by the target's B.producer.<k> and A->B.producer.override.<k>")
DETECTION = "a clusters key plus keys containing -> (A->B.enabled, ...)"

FRAMEWORK_NAME = "MirrorMaker 2 (Kafka Connect worker)"
FRAMEWORK = FrameworkLayer(FRAMEWORK_NAME, put_if_absent=CONNECT_DEFAULTS)


def _is_mm2(doc: Document) -> bool:
    keys = [e.key for e in doc.entries]
    return "clusters" in keys and any("->" in key for key in keys)


def matches(loaded: LoadedFile) -> bool:
    return any(_is_mm2(doc) for doc in loaded.documents)


def clusters(value: str | None) -> list[str]:
    """ConfigDef LIST: split on commas, each item trimmed, empty items dropped; first mention wins."""
    aliases: list[str] = []
    for item in (value or "").split(","):
        item = item.strip()
        if item and item not in aliases:
            aliases.append(item)
    return aliases


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        if _is_mm2(doc):
            _document(doc, result)
    return result


def _document(doc: Document, result: DialectResult) -> None:
    keys = {e.key: e for e in doc.entries}
    aliases = clusters(keys["clusters"].value)
    flows: list[tuple[str, str, Entry]] = []
    for source in aliases:
        for target in aliases:
            enabled = keys.get(f"{source}->{target}.enabled")
            if source != target and enabled is not None and (enabled.value or "").lower() == "true":
                flows.append((source, target, enabled))
    for source, target, enabled in flows:
        result.producers.append(_flow(doc, keys, source, target, enabled))
    targets = sorted({target for _, target, _ in flows}) or ["<target alias>"]
    for entry in doc.entries:
        key = entry.key
        if key.startswith("producer.") and len(key) > len("producer."):
            name = key[len("producer."):].removeprefix("override.")
        elif key in PRODUCER_ONLY_KEYS:
            name = key
        else:
            alias = next((a for a in aliases if key.startswith(a + ".") and key[len(a) + 1:] in PRODUCER_ONLY_KEYS),
                         None)
            if alias is not None:
                name = key[len(alias) + 1:]
                result.unread.append(UnreadEntry(entry, f"{alias}.<key> configures the worker, whose task producers "
                                                        f"take only producer.* keys: use {alias}.producer.{name}"))
            continue
        where = " or ".join(f"{target}.producer.{name}" for target in targets)
        result.unread.append(UnreadEntry(entry, f"MirrorMaker 2 configures producers per target cluster: use {where}"))


def _flow(doc: Document, keys: dict[str, Entry], source: str, target: str, enabled: Entry) -> ProducerSpec:
    worker_prefix, override_prefix = f"{target}.producer.", f"{source}->{target}.producer.override."
    worker, overrides = [], []
    for entry in doc.entries:
        key = entry.key
        if key.startswith(worker_prefix) and len(key) > len(worker_prefix):
            worker.append(Setting(key[len(worker_prefix):], entry.value, entry))
        elif key.startswith(override_prefix) and len(key) > len(override_prefix):
            overrides.append(Setting(key[len(override_prefix):], entry.value, entry))
    framework = FRAMEWORK
    eos = keys.get(f"{target}.{EOS_KEY}")
    if eos is not None and eos_enabled(eos.value):
        group = keys.get(f"{target}.group.id")
        group_id = group.value.strip() if group is not None and group.value and group.value.strip() else f"{source}-mm2"
        framework = FrameworkLayer(f"{FRAMEWORK_NAME} (exactly-once source)", put_if_absent=CONNECT_DEFAULTS,
                                   forced=(("enable.idempotence", "true"),
                                           ("transactional.id", f"{group_id}-MirrorSourceConnector-<task>")))
    layers = [Layer(f"{target}.producer.*", worker), Layer(f"{source}->{target}.producer.override.*", overrides)]
    return ProducerSpec(f"flow {source}->{target}", enabled.line, enabled.column, doc.index, layers, framework,
                        client_family="java", providers=configured_providers(keys))
