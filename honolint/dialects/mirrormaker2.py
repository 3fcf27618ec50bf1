"""MirrorMaker 2 in dedicated mode (`connect-mirror-maker.properties`): one producer per enabled flow.

`MirrorMakerConfig` (apache/kafka connect/mirror/...): `clusters = A, B` names the clusters. Which flows
run is read twice (Kafka 2.8+, `clusterPairs`): MirrorMaker creates a herder for `A->B` when
`Boolean.parseBoolean(A->B.enabled)` or heartbeats are on for the pair (`A->B.emit.heartbeats.enabled`,
else `emit.heartbeats.enabled`, both `Boolean.parseBoolean`, default true), and no herder at all stops
it at start-up ("No source->target replication flows."); the herder's MirrorSourceConnector then
replicates when its `enabled` (the same `A->B.enabled`, default false) is true as ConfigDef's BOOLEAN
reads it, trimmed. `Boolean.parseBoolean` trims nothing and java.util.Properties keeps a value's
trailing blanks, so `A->B.enabled = true ` still replicates while heartbeats give the pair a herder,
and stops when they are off (`emit.heartbeats.enabled=false`, or `true ` with a blank too): such switches
are reported with what they turn off (HL013). Before 2.8 every pair had a herder.
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

from honolint.dialects.common import config_boolean, meant_true, parse_boolean
from honolint.dialects.connect_worker import (CONNECT_DEFAULTS, EOS_KEY, PRODUCER_ONLY_KEYS, configured_providers,
                                             eos_enabled)
from honolint.model import (Budget, DialectResult, Document, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec,
                            Setting, SwitchOff, UnreadEntry)

NAME = "mirrormaker2"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = ("MirrorMaker 2 dedicated mode (connect-mirror-maker.properties): a producer per enabled flow A->B, "
           "configured by the target's B.producer.<k> and A->B.producer.override.<k>")
DETECTION = "a clusters key plus keys containing -> (A->B.enabled, ...)"

FRAMEWORK_NAME = "MirrorMaker 2 (Kafka Connect worker)"
HEARTBEATS = "emit.heartbeats.enabled"
MAX_NAMED = 4  # what a switch turns off, named in its finding
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
            _document(doc, result, loaded.budget)
    return result


def _document(doc: Document, result: DialectResult, budget: Budget) -> None:
    keys = {e.key: e for e in doc.entries}
    aliases = clusters(keys["clusters"].value)
    herders = _Herders(keys, aliases)
    flows: list[tuple[str, str, Entry]] = []
    for source, target in herders.mentioned:
        enabled = keys.get(f"{source}->{target}.enabled")
        if enabled is not None and config_boolean(enabled.value) and herders.has(source, target):
            flows.append((source, target, enabled))
    prefixed = _producer_keys(doc)
    for source, target, enabled in flows:
        if budget.fits((enabled.line, enabled.column), built=True):
            result.producers.append(_flow(prefixed, keys, doc.index, source, target, enabled))
            budget.spend(sum(len(layer.settings) for layer in result.producers[-1].layers), built=True)
    result.switches.extend(_switches_off(keys, herders))
    if not flows and not result.producers:
        result.no_producer = (f"MirrorMaker 2 replicates no flow between the clusters {', '.join(aliases) or '(none)'} "
                              "(a flow A->B runs with A->B.enabled=true)", keys["clusters"])
    targets = sorted({target for _, target, _ in flows}) or ["<target alias>"]
    known = set(aliases)
    for entry in doc.entries:
        key = entry.key
        if key.startswith("producer.") and len(key) > len("producer."):
            name = key[len("producer."):].removeprefix("override.")
        elif key in PRODUCER_ONLY_KEYS:
            name = key
        else:
            alias = _alias_of(key, known)
            if alias is not None and key[len(alias) + 1:] in PRODUCER_ONLY_KEYS:
                name = key[len(alias) + 1:]
                result.unread.append(UnreadEntry(entry, f"{alias}.<key> configures the worker, whose task producers "
                                                        f"take only producer.* keys: use {alias}.producer.{name}"))
            continue
        where = " or ".join(f"{target}.producer.{name}" for target in targets)
        result.unread.append(UnreadEntry(entry, f"MirrorMaker 2 configures producers per target cluster: use {where}"))


def _alias_of(key: str, aliases: set[str]) -> str | None:
    """The alias `key` starts with (`dr.acks` -> `dr`), the first that is one; an alias may hold dots."""
    dot = key.find(".")
    while dot > 0:
        if key[:dot] in aliases:
            return key[:dot]
        dot = key.find(".", dot + 1)
    return None


class _Herders:
    """Which source->target pairs MirrorMaker creates a herder for (MirrorMakerConfig.clusterPairs, 2.8+):
    `A->B.enabled` or heartbeats on for the pair, both as Boolean.parseBoolean reads them. Only the pairs
    the file names (`A->B.<key>`) are listed, so that many aliases cost no more than the file's keys."""

    def __init__(self, keys: dict[str, Entry], aliases: list[str]) -> None:
        self.keys = keys
        order = {alias: index for index, alias in enumerate(aliases)}
        mentioned = set()
        for key in keys:
            source, arrow, rest = key.partition("->")
            target = rest.split(".", 1)[0]
            if arrow and source in order and target in order and source != target:
                mentioned.add((source, target))
        self.mentioned = sorted(mentioned, key=lambda pair: (order[pair[0]], order[pair[1]]))
        self.unmentioned = len(aliases) * (len(aliases) - 1) > len(mentioned)

    def heartbeats(self, source: str, target: str, taken_true: str = "") -> bool:
        for key in (f"{source}->{target}.{HEARTBEATS}", HEARTBEATS):
            if key in self.keys:
                return key == taken_true or parse_boolean(self.keys[key].value)
        return True  # MirrorHeartbeatConfig.EMIT_HEARTBEATS_ENABLED_DEFAULT

    def has(self, source: str, target: str, taken_true: str = "") -> bool:
        """A herder for the pair; `taken_true`: a switch read as true instead, to see what it costs."""
        enabled = f"{source}->{target}.enabled"
        return (enabled in self.keys and (enabled == taken_true or parse_boolean(self.keys[enabled].value))) \
            or self.heartbeats(source, target, taken_true)

    def any(self) -> bool:
        unmentioned_have = HEARTBEATS not in self.keys or parse_boolean(self.keys[HEARTBEATS].value)
        return any(self.has(*pair) for pair in self.mentioned) or (self.unmentioned and unmentioned_have)


def _switches_off(keys: dict[str, Entry], herders: _Herders) -> list[SwitchOff]:
    """Each switch written as true that clusterPairs reads as false, with what that costs."""
    pairs = herders.mentioned
    named = set(pairs)
    around = pairs + [(t, s) for s, t in pairs if (t, s) not in named]  # with the reverse herders' heartbeats
    switches = [(HEARTBEATS, around, False)] + [(f"{s}->{t}.{HEARTBEATS}", [(s, t)], False) for s, t in pairs] \
        + [(f"{s}->{t}.enabled", [(s, t)], True) for s, t in pairs]
    stops = "" if herders.any() else \
        "; with no herder left MirrorMaker stops at start-up (No source->target replication flows.)"
    found = []
    for key, candidates, flow_switch in switches:
        entry = keys.get(key)
        if entry is None or not meant_true(entry.value):
            continue
        if flow_switch and herders.has(*candidates[0]):  # a herder for the heartbeats: its connector decides
            found.append(_kept_by_heartbeats(entry, *candidates[0]))
            continue
        lost = [pair for pair in candidates if not herders.has(*pair) and herders.has(*pair, taken_true=key)]
        if lost:
            named_lost = [f"the replication flow {s}->{t}" if flow_switch or _replicates(keys, s, t)
                          else f"the heartbeats into {t} (herder {s}->{t})" for s, t in lost[:MAX_NAMED]]
            more = f" and {len(lost) - MAX_NAMED} more" if len(lost) > MAX_NAMED else ""
            what = " or ".join(named_lost) + more
            found.append(SwitchOff(entry, f"MirrorMaker creates no herder for {what}{stops}"))
    return found


def _kept_by_heartbeats(entry: Entry, source: str, target: str) -> SwitchOff:
    if config_boolean(entry.value):
        return SwitchOff(entry, f"the replication flow {source}->{target} runs only because heartbeats give the pair a "
                                "herder: with emit.heartbeats.enabled=false it stops", disables=False)
    return SwitchOff(entry, f"the replication flow {source}->{target} does not start: its connector refuses the "
                            "value (Expected value to be either true or false)")


def _replicates(keys: dict[str, Entry], source: str, target: str) -> bool:
    """The pair's source connector would replicate, given a herder (ConfigDef BOOLEAN: trimmed, default false)."""
    enabled = keys.get(f"{source}->{target}.enabled")
    return enabled is not None and config_boolean(enabled.value) is True


def _producer_keys(doc: Document) -> dict[str, list[Setting]]:
    """`<alias>.producer.` and `<source>-><target>.producer.override.` -> the settings under it, in file order:
    one pass for every flow."""
    found: dict[str, list[Setting]] = {}
    for entry in doc.entries:
        key = entry.key
        at = key.find(".producer.")
        while at > 0:
            head = key[:at + 10]
            for prefix in (head + "override.",) if "->" in head else (head,):
                if key.startswith(prefix) and len(key) > len(prefix):
                    found.setdefault(prefix, []).append(Setting(key[len(prefix):], entry.value, entry))
            at = key.find(".producer.", at + 1)
    return found


def _flow(prefixed: dict[str, list[Setting]], keys: dict[str, Entry], document: int, source: str, target: str,
          enabled: Entry) -> ProducerSpec:
    worker = prefixed.get(f"{target}.producer.", [])
    overrides = prefixed.get(f"{source}->{target}.producer.override.", [])
    framework = FRAMEWORK
    eos = keys.get(f"{target}.{EOS_KEY}")
    if eos is not None and eos_enabled(eos.value):
        group = keys.get(f"{target}.group.id")
        group_id = group.value.strip() if group is not None and group.value and group.value.strip() else f"{source}-mm2"
        framework = FrameworkLayer(f"{FRAMEWORK_NAME} (exactly-once source)", put_if_absent=CONNECT_DEFAULTS,
                                   forced=(("enable.idempotence", "true"),
                                           ("transactional.id", f"{group_id}-MirrorSourceConnector-<task>")))
    layers = [Layer(f"{target}.producer.*", worker), Layer(f"{source}->{target}.producer.override.*", overrides)]
    return ProducerSpec(f"flow {source}->{target}", enabled.line, enabled.column, document, layers, framework,
                        client_family="java", providers=configured_providers(keys))
