"""Spring Cloud Stream Kafka binder: `spring.cloud.stream.kafka.binder.*` and per-binding producer configuration.

How the binder builds a producer's configuration (`BindingUtils.createProducerConfigs`, config-dialects.md
§5.2), lowest precedence first:

1. `props.put(acks, requiredAcks)`: `spring.cloud.stream.kafka.binder.required-acks`, whose default is "1"
   up to Spring Cloud Stream 5.0.1 and "all" from 5.0.2 (commit 1adb517, GH-3170): follow_versions sets it
   from the release the build names, else "1".
   Written in the file it is a layer of its own (so findings point at it); left out, it is the
   FrameworkLayer's put_if_absent `acks=1`, which is the same thing since every later layer overrides it.
2. `putAll(mergedProducerConfiguration())`: Spring Boot's `spring.kafka.producer.*` (the spring-boot
   dialect's layers), the binder `configuration.<k>` entries that are known producer properties, then
   `producer-properties.<k>`; `brokers` (with `default-broker-port`) replaces bootstrap.servers.
3. The binding's own fields fill gaps: `buffer-size` -> batch.size (16384), `batch-timeout` -> linger.ms (0),
   `compression-type` -> compression.type (none); the defaults are put_if_absent of the FrameworkLayer.
4. `putAll` of the binding's `producer.configuration`, over `spring.cloud.stream.kafka.default.producer.configuration`
   (Spring merges the defaults into each binding key by key).
A transaction id prefix (`binder.transaction.transaction-id-prefix`, or a `transactional.id` in the
configuration) makes `DefaultKafkaProducerFactory` put `enable.idempotence=true` if absent. A transactional
binder builds every producer from `binder.transaction.producer.*` and ignores the bindings' settings.

Producers: one per producer binding, scope `spring.cloud.stream.kafka.bindings.<binding>`. A binding is a
producer when it has a `producer` section (`spring.cloud.stream.kafka.bindings.<b>.producer.*` or
`spring.cloud.stream.bindings.<b>.producer.*`), is named like an output (`<function>-out-<n>`, `output`,
`orders-out`), is listed in `spring.cloud.stream.output-bindings` (or `source`, which makes `<name>-out-0`),
or is named at all (a `destination`: what `StreamBridge.send(name)` uses) and nothing makes it a consumer
(a `group`, a `consumer` section, an input's name or alias). Without a producer binding: one binder-level
producer (`spring.cloud.stream.kafka.binder`, what StreamBridge gets), unless the file declares bindings and
no setting only a producer reads (connection and security keys in the binder's `configuration` are not).

Several binders (`DefaultBinderFactory`): `spring.cloud.stream.binders.<name>.environment.<key>` goes before
the application's own keys, which it inherits key by key; a binding uses its `binder`, else
`default-binder`, else the only binder declared (with several and no default the application does not
start: the first Kafka binder stands in). Bindings of a binder of another type (rabbit) are not Kafka
producers; a `kstream` binder's are Kafka Streams' (spring_streams_binder.py), and so is every binding of an
application that has only Kafka Streams binder settings. Files with only bindings are this dialect's when a
binder's `type` or the build beside the file says Kafka. Profiles and `application-<profile>` files work as
in spring-boot.
"""
from __future__ import annotations

import re
from typing import Optional

from honolint.dialects import spring_boot as boot
from honolint.dialects import spring_streams_binder as streams
from honolint.dialects.spring_boot import Classified, Item
from honolint.dialects.spring_documents import entry_documents, variants
from honolint.dialects.spring_names import Element, map_key
from honolint.model import Budget, DialectResult, Entry, Layer, LoadedFile, ProducerSpec, Setting, UnreadEntry
from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

NAME = "spring-cloud-stream"
EXPRESSIONS = "spring"  # Spring's ${name:default} placeholders
SUMMARY = ("Spring Cloud Stream Kafka binders: spring.cloud.stream.kafka.binder.{required-acks,configuration,"
           "producer-properties}, spring.cloud.stream.kafka.bindings.<binding>.producer.configuration, "
           "spring.cloud.stream.binders.<name>.environment, the Kafka Streams binder and its dead-letter producer")
DETECTION = ("a key under spring.cloud.stream.kafka.; or spring.cloud.stream.bindings/binders when a binder's type "
             "or the build beside the file says Kafka (checked before spring-boot)")
BINDER = "Spring Cloud Stream Kafka binder"
BINDER_ACKS_DEFAULT = "Spring Cloud Stream Kafka binder (required-acks defaults to 1 before Spring Cloud Stream 5.0.2)"

PREFIX = "spring.cloud.stream.kafka"
REQUIRED_ACKS = "spring.cloud.stream.kafka.binder.required-acks"
BINDER_CONFIGURATION = "spring.cloud.stream.kafka.binder.configuration"
BINDER_PRODUCER_PROPERTIES = "spring.cloud.stream.kafka.binder.producer-properties"
BROKERS = "spring.cloud.stream.kafka.binder.brokers"
BROKER_PORT = "spring.cloud.stream.kafka.binder.default-broker-port"
TX_PREFIX = "spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix"
FIELDS = "producer"  # a binding's buffer-size, batch-timeout, compression-type
CONFIGURATION = "producer.configuration"
DECLARED = "declared"  # a binding named somewhere: key "producer", "consumer", "mentioned" or "binder"
LISTED = "\0listed"  # owner of spring.cloud.stream.output-bindings and .source
KAFKA = "kafka"  # the value of a DECLARED item from spring.cloud.stream.kafka.bindings: the Kafka binder's
BINDER_TYPE = "binder type"  # spring.cloud.stream.binders.<name>.type
DEFAULT_BINDER = "spring.cloud.stream.default-binder"
STREAMS_TYPES = ("kstream", "ktable", "globalktable")
# the message-channel Kafka binder's own settings: what shows that an application uses it
CHANNEL_LEVELS = frozenset((REQUIRED_ACKS, BROKERS, BROKER_PORT, BINDER_CONFIGURATION, BINDER_PRODUCER_PROPERTIES,
                            TX_PREFIX, FIELDS, CONFIGURATION))
# keys every client shares (connection and security): in the binder's configuration they say nothing of a producer
_CONNECTION_PREFIXES = ("security.", "sasl.", "ssl.", "bootstrap.", "client.", "metadata.", "reconnect.", "retry.",
                        "socket.", "metric", "connections.", "receive.", "send.", "request.timeout")

DEFAULT = "\0default"  # owner of spring.cloud.stream.kafka.default.producer.*
TRANSACTION = "\0transaction"  # owner of spring.cloud.stream.kafka.binder.transaction.producer.*
BINDER_LEVELS = (BINDER_CONFIGURATION, BINDER_PRODUCER_PROPERTIES)
# KafkaProducerProperties field -> the Kafka property it fills when absent, and the binder's default
BINDING_FIELDS = {"buffersize": ("batch.size", "16384"), "batchtimeout": ("linger.ms", "0"),
                  "compressiontype": ("compression.type", "none")}
# binding names: functional (`process-out-0`), annotation-model (`output`, `input1`) and hand-made (`orders-in`)
_OUTPUT = re.compile(r"(?:.+[-_.])?(?:out|output)(?:-?\d+)?|.*[a-z0-9]Output\d*", re.I)
_INPUT = re.compile(r"(?:.+[-_.])?(?:in|input)(?:-?\d+)?|.*[a-z0-9]Input\d*", re.I)


def matches(loaded: LoadedFile) -> bool:
    """Kafka binder keys; or bindings or binders, when a binder says it is Kafka's (`type: kafka`) or the
    build beside the file depends on a Kafka binder (a Rabbit application's bindings are not ours)."""
    other = False
    for doc in loaded.documents:
        for entry in doc.entries:
            head = entry.key[:28].lower()
            if head[:26] == "spring.cloud.stream.kafka.":
                return True
            if head in ("spring.cloud.stream.binders.", "spring.cloud.stream.bindings"):
                if head.endswith("binders.") and entry.key.lower().endswith(".type") and (
                        entry.value or "").strip().lower() in ("kafka",) + STREAMS_TYPES:
                    return True
                other = True
    return other and _kafka_binder_in_build(loaded.path)


_BUILDS: dict[str, Optional[bool]] = {}  # directory -> whether its closest build depends on a Kafka binder


def _kafka_binder_in_build(path: str) -> bool:
    """Whether the closest pom.xml or Gradle build above the file (inside its checkout) depends on a Kafka
    binder."""
    if path in ("", "-"):
        return False
    import os

    from honolint.build_files import read_text
    from honolint.memo import checkout_top, closest_above
    from honolint.repository import JAVA_BUILD_FILES

    def look(directory: str) -> Optional[bool]:
        for name in JAVA_BUILD_FILES:
            text = read_text(os.path.join(directory, name))
            if text is not None:
                return "binder-kafka" in text or "stream-kafka" in text
        return None

    return bool(closest_above(os.path.dirname(os.path.abspath(path)), _BUILDS, look, checkout_top))


# ---------------------------------------------------------------- classification


def classify(entry: Entry) -> Classified:
    if entry.yaml_type == "map" or not entry.path:
        return None
    parts, forms = boot.split(entry)
    if forms[:2] == ["spring", "kafka"]:
        item = boot.classify(entry)
        if isinstance(item, Item) and item.level == boot.TX:
            return ("the Kafka binder builds its producers without Spring Boot's producer factory, so this prefix "
                    "does not reach them; for transactional bindings set " + TX_PREFIX)
        return item
    if forms[:3] != ["spring", "cloud", "stream"] or len(forms) < 4:
        return None
    if forms[3] == "kafka":
        if boot.unquoted_bracket_key(entry):
            return boot.UNQUOTED_BRACKETS
        if len(forms) > 5 and forms[4] == "streams":
            return streams.classify(entry, parts, forms)
        return _kafka_key(entry, parts, forms)
    if forms[3] == "binders" and len(forms) >= 6:
        return _binder_key(entry, parts, forms)
    if forms[3] == "defaultbinder" and len(forms) == 4:
        return Item(DEFAULT_BINDER, "binder", (entry.value or "").strip(), entry)
    if forms[3] == "bindings" and len(forms) >= 6:
        name, rest = parts[4][0], forms[5:]
        if rest == ["binder"]:
            return Item(DECLARED, "binder", (entry.value or "").strip(), entry, owner=name)
        if rest[0] == "producer" or (_OUTPUT.fullmatch(name) and rest[0] != "consumer"):
            return Item(DECLARED, "producer", None, entry, owner=name)
        if rest[0] in ("consumer", "group") or _INPUT.fullmatch(name):
            return Item(DECLARED, "consumer", None, entry, owner=name)
        return Item(DECLARED, "mentioned", None, entry, owner=name)  # StreamBridge.send(name) uses it
    if forms[3:5] == ["function", "bindings"] and len(forms) == 6:  # <fn>-in-0: alias
        alias = (entry.value or "").strip()
        kind = "producer" if _OUTPUT.fullmatch(parts[5][0]) else "consumer" if _INPUT.fullmatch(parts[5][0]) else None
        return Item(DECLARED, kind, None, entry, owner=alias) if kind and alias else None
    if forms[3:] == ["outputbindings"] or forms[3:] == ["source"]:
        suffix = "-out-0" if forms[3] == "source" else ""
        names = [n.strip() for n in re.split(r"[;,]", entry.value or "") if n.strip()]
        return Item(DECLARED, forms[3], ";".join(n + suffix for n in names), entry, owner=LISTED)
    return None


def _kafka_key(entry: Entry, parts: list[Element], forms: list[str]) -> Classified:
    if len(forms) < 5:
        return None
    value = entry.value
    if forms[4] == "binder" and len(forms) >= 6:
        field = forms[5]
        if field == "requiredacks" and len(forms) == 6:
            return Item(REQUIRED_ACKS, "acks", value, entry)
        if field == "brokers" and len(forms) == 6:
            return Item(BROKERS, "bootstrap.servers", value, entry)
        if field == "defaultbrokerport" and len(forms) == 6:
            return Item(BROKER_PORT, "port", value, entry)
        if field == "configuration":
            key = map_key(parts[6:])
            if not key:
                return None
            if key in PRODUCER_KEYS:
                return Item(BINDER_CONFIGURATION, key, value, entry)
            return _typo(key)
        if field == "producerproperties":
            return _producer_map(BINDER_PRODUCER_PROPERTIES, parts[6:], entry, "", BINDER_PRODUCER_PROPERTIES)
        if field == "transaction" and len(forms) >= 7:
            if forms[6] == "transactionidprefix" and len(forms) == 7:
                return Item(TX_PREFIX, "transaction-id-prefix", value, entry)
            if forms[6] == "producer":
                return _binding_producer(parts[7:], forms[7:], entry, TRANSACTION)
        return None
    if forms[4] == "default" and len(forms) >= 6 and forms[5] == "producer":
        return _binding_producer(parts[6:], forms[6:], entry, DEFAULT)
    if forms[4] == "bindings" and len(forms) >= 7:
        name = parts[5][0]
        if forms[6] == "producer":
            return _binding_producer(parts[7:], forms[7:], entry, name)
        if forms[6] == "consumer":
            return Item(DECLARED, "consumer", KAFKA, entry, owner=name)
    return None


def _binder_key(entry: Entry, parts: list[Element], forms: list[str]) -> Classified:
    """`spring.cloud.stream.binders.<name>.type`, and `.environment.<key>`: the key as the application's own,
    for that binder's producers only (its environment goes before the application's, which it inherits)."""
    name, field = parts[4][0], forms[5]
    if field == "type" and len(forms) == 6:
        return Item(BINDER_TYPE, "type", (entry.value or "").strip().lower(), entry, binder=name)
    if field == "environment" and len(forms) > 6:
        inner = classify(_inner_entry(entry, parts[6:]))
        return inner._replace(entry=entry, binder=name) if isinstance(inner, Item) else inner
    return None


def _inner_entry(entry: Entry, parts: list[Element]) -> Entry:
    name = ""
    for text, bracketed in parts:
        name += f"[{text}]" if bracketed else ("." if name else "") + text
    return entry._replace(path=(name,), key=name)


def _binding_producer(parts: list[Element], forms: list[str], entry: Entry, owner: str) -> Classified:
    if not forms:
        return None
    if forms[0] == "configuration":
        where = {DEFAULT: f"{PREFIX}.default.producer.configuration",
                 TRANSACTION: f"{PREFIX}.binder.transaction.producer.configuration"}.get(
                     owner, f"{PREFIX}.bindings.{owner}.producer.configuration")
        key = map_key(parts[1:])
        if key == "bootstrap.servers" and owner != TRANSACTION:
            return ("the Kafka binder does not accept it per binding and fails at startup: \"bootstrap.servers "
                    "cannot be overridden at the binding level; use multiple binders instead\"")
        return _producer_map(CONFIGURATION, parts[1:], entry, owner, where)
    if len(forms) == 1 and forms[0] in BINDING_FIELDS:
        key = BINDING_FIELDS[forms[0]][0]
        value = entry.value.lower() if forms[0] == "compressiontype" and entry.value else entry.value
        return Item(FIELDS, key, value, entry, owner=owner)
    return Item(DECLARED, "producer", KAFKA, entry, owner=owner) if owner not in (DEFAULT, TRANSACTION) else None


def _producer_map(level: str, parts: list[Element], entry: Entry, owner: str, where: str) -> Classified:
    key = map_key(parts)
    if not key:
        return None
    if key in CONSUMER_ONLY_KEYS:
        return f"{key} is a consumer property: {where} goes to producers only, which ignore it"
    return Item(level, key, entry.value, entry, owner=owner)


def _typo(key: str) -> Classified:
    from honolint.spelling import closest

    close = closest(key, PRODUCER_KEYS)
    if not close or key in CONSUMER_ONLY_KEYS:
        return None  # a consumer or admin property: the binder hands it to those clients
    return (f"{key} is not a producer property (did you mean {close}?): the binder copies only known producer "
            f"properties from {BINDER_CONFIGURATION} to its producers")


# ---------------------------------------------------------------- producers


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    cache: dict[int, Classified] = {}
    runs: list[list[ProducerSpec]] = []
    unread: dict[int, UnreadEntry] = {}
    for variant in variants(loaded, loaded.budget):
        items = boot.merge(boot.classified(variant, classify, cache))
        runs.append(_variant_producers(items, variant.label, unread, loaded.budget))
    result.producers = boot.distinct(runs)
    result.unread = boot.unread_entries(loaded, classify, cache) + list(unread.values())
    result.documents = entry_documents(loaded)
    return result


def _variant_producers(items: list[Item], label: str, unread: dict[int, UnreadEntry],
                       budget: Budget) -> list[ProducerSpec]:
    binders = _binders(items)
    streams_app = any(i.level in streams.LEVELS for i in items) or any(t in STREAMS_TYPES for t in binders.values())
    found: list[ProducerSpec] = []
    if streams_app:  # the Kafka Streams binder: the application's own, or each kstream-type binder's
        named = [name for name, kind in binders.items() if kind in STREAMS_TYPES]
        for binder in named or [""]:
            if not budget.fits(built=True):
                continue
            budget.spend(len(items), built=True)
            found += streams.producers(_for_binder(items, binder), label + (f" (binder {binder})" if binder else ""))
    channel = any(t == "kafka" for t in binders.values()) or any(
        i.level in CHANNEL_LEVELS or (i.level == DECLARED and i.value == KAFKA) for i in items)
    if streams_app and not channel:
        return found  # every binding is a Kafka Streams binding
    kafka_binders = [name for name, kind in binders.items() if kind == "kafka"] if binders else [""]
    assigned = _assignment(items, binders)
    skip = streams.bindings(items)
    for binder in kafka_binders:
        if not budget.fits(built=True):
            continue
        budget.spend(len(items), built=True)
        mine = _for_binder(items, binder)
        suffix = f" (binder {binder})" if binder else ""
        elsewhere = {name for name, chosen in assigned.items() if chosen != binder} | skip
        # a declared binder that serves none of the bindings makes a producer only when its own
        # environment configures one (StreamBridge to a destination of its own)
        alone = not binder or (len(elsewhere) == len(assigned) and _producer_settings(
            [i for i in mine if i.binder == binder]))
        found += _channel_producers(mine, label + suffix, unread, budget, elsewhere, alone)
    return found


def _binders(items: list[Item]) -> dict[str, str]:
    """The declared binders and their types (a binder named like a type, `kafka`, is of that type)."""
    binders: dict[str, str] = {}
    for item in items:
        if item.level == BINDER_TYPE:
            binders[item.binder] = item.value or item.binder
        elif item.binder and item.binder not in binders:
            binders[item.binder] = item.binder.lower()
    return binders


def _assignment(items: list[Item], binders: dict[str, str]) -> dict[str, str]:
    """binding -> the binder it uses: its own `binder`, else default-binder, else the only binder declared
    (with several and no default, Spring Cloud Stream refuses to start; the first Kafka binder stands in)."""
    chosen = {i.owner: i.value or "" for i in items if i.level == DECLARED and i.key == "binder" and not i.binder}
    default = next((i.value for i in reversed(items) if i.level == DEFAULT_BINDER and not i.binder), None)
    if default is None:
        default = next((name for name, kind in binders.items() if kind == "kafka"), next(iter(binders), ""))
    names = {i.owner for i in items if i.level == DECLARED and i.owner != LISTED}
    return {name: chosen.get(name) or default for name in names}


def _for_binder(items: list[Item], binder: str) -> list[Item]:
    """The application's settings with a binder's environment over them, key by key."""
    if not binder:
        return [i for i in items if not i.binder]
    chosen: dict[tuple[str, str, str], Item] = {}
    for item in items:
        if not item.binder:
            chosen.setdefault((item.owner, item.level, item.key), item)
    for item in items:
        if item.binder == binder:
            chosen[(item.owner, item.level, item.key)] = item
    return list(chosen.values())


def _channel_producers(items: list[Item], label: str, unread: dict[int, UnreadEntry], budget: Budget,
                       elsewhere: set[str], binder_wide: bool = True) -> list[ProducerSpec]:
    """The message-channel binder's producers; `elsewhere`: bindings another binder serves; `binder_wide`: a
    binder-wide producer (what StreamBridge gets) when no binding is one."""
    last = {item.level: item for item in items if item.level in (REQUIRED_ACKS, BROKERS, BROKER_PORT, TX_PREFIX)}
    tx = last.get(TX_PREFIX)
    if tx is not None:
        for item in items:
            if item.owner not in ("", TRANSACTION) and item.level in (FIELDS, CONFIGURATION) and item.file is None:
                unread.setdefault(id(item.entry), UnreadEntry(item.entry, (
                    f"the binder is transactional ({TX_PREFIX}), so every producer is built from "
                    f"{PREFIX}.binder.transaction.producer.* and per-binding producer settings are not used")))
        return [_producer(items, last, TRANSACTION, f"{PREFIX}.binder.transaction{label}",
                          tx.entry if tx.file is None else None)]
    producers, consumers, mentioned = _bindings(items)
    producers = {name: entry for name, entry in producers.items() if name not in elsewhere}
    if producers:
        found = []
        for name, entry in producers.items():
            if budget.fits(None if entry is None else (entry.line, entry.column), built=True):
                budget.spend(len(items), built=True)
                found.append(_producer(items, last, name, f"{PREFIX}.bindings.{name}{label}", entry))
        return found
    if not binder_wide or ((consumers or mentioned) and not _producer_settings(items)):
        return []
    return [_producer(items, last, "", f"{PREFIX}.binder{label}", None)]


def _bindings(items: list[Item]) -> tuple[dict[str, Optional[Entry]], set[str], set[str]]:
    """Producer bindings (with where each is declared), consumer bindings, and bindings only named. A binding
    is a producer when something says so, or when it is named and nothing makes it a consumer."""
    producers: dict[str, Optional[Entry]] = {}
    consumers: set[str] = set()
    mentioned: dict[str, Optional[Entry]] = {}
    for item in items:
        if item.level == DECLARED and item.owner == LISTED:
            for name in (item.value or "").split(";"):
                producers.setdefault(name, item.entry if item.file is None else None)
        elif item.level == DECLARED and item.key == "consumer":
            consumers.add(item.owner)
        elif item.level == DECLARED and item.key in ("mentioned", "binder"):
            mentioned.setdefault(item.owner, item.entry if item.file is None else None)
        elif (item.level == DECLARED or item.level in (FIELDS, CONFIGURATION)) and item.owner not in (
                DEFAULT, TRANSACTION):
            producers.setdefault(item.owner, item.entry if item.file is None else None)
    for name, entry in mentioned.items():
        if name not in consumers:
            producers.setdefault(name, entry)
    return producers, consumers - set(producers), set(mentioned)


def _producer_settings(items: list[Item]) -> bool:
    """Settings only a producer reads (connection and security keys in the binder's configuration are not)."""
    return any(item.level in (REQUIRED_ACKS, BINDER_PRODUCER_PROPERTIES)
               or (item.level == BINDER_CONFIGURATION and not item.key.startswith(_CONNECTION_PREFIXES))
               or item.level in boot.PRODUCER_LEVELS or (item.owner == DEFAULT and item.level != DECLARED)
               for item in items)


def _producer(items: list[Item], last: dict[str, Item], owner: str, scope: str,
              declared: Optional[Entry]) -> ProducerSpec:
    layers: list[Layer] = []
    required = last.get(REQUIRED_ACKS)
    if required is not None:
        layers.append(_layer(REQUIRED_ACKS, [required]))
    layers += boot.layers_for((i for i in items if i.level in boot.BOOT_LEVELS), boot.BOOT_LEVELS)
    layers += boot.layers_for((i for i in items if i.level in BINDER_LEVELS), BINDER_LEVELS)
    brokers = last.get(BROKERS)
    if brokers is not None:  # replaces bootstrap.servers, or only fills it in when it is the default localhost:9092
        port = last.get(BROKER_PORT)
        connection = _connection_string(brokers.value, port.value if port else None)
        layer = _layer(BROKERS, [brokers], connection)
        if connection == "localhost:9092":
            layers.insert(1 if required else 0, layer)
        else:
            layers.append(layer)
    present = {s.key for layer in layers[1 if required else 0:] for s in layer.settings}
    owners = (owner,) if owner == TRANSACTION else (DEFAULT, owner)
    fields: dict[str, Item] = {}
    for who in owners:  # a binding's field over the default's
        fields.update((i.key, i) for i in items if i.level == FIELDS and i.owner == who)
    filled = [item for key, item in fields.items() if key not in present]
    for who in owners:
        chosen = [i for i in filled if i.owner == who]
        layers += boot.layers_for(chosen, [FIELDS], name=lambda _, who=who: _base(who))
    for who in owners:
        chosen = [i for i in items if i.level == CONFIGURATION and i.owner == who]
        layers += boot.layers_for(chosen, [CONFIGURATION], name=lambda _, who=who: f"{_base(who)}.configuration")
    put_if_absent = () if required is not None else (("acks", "1"),)
    put_if_absent += tuple((key, default) for key, default in BINDING_FIELDS.values() if key not in fields)
    tx = last.get(TX_PREFIX) if owner == TRANSACTION else None
    name = BINDER if required is not None else BINDER_ACKS_DEFAULT
    framework = boot.factory_framework(layers, tx.value if tx else None, name, put_if_absent)
    own = [layer for layer in layers if layer.name.startswith(_base(owner))] if owner else []
    if any(s.entry is not None for layer in own for s in layer.settings) or declared is None:
        line, column, document = boot.position(own or layers, tx.entry if tx else None)
    else:  # a binding declared elsewhere: point at it rather than at a binder-wide key
        line, column, document = declared.line, declared.column, declared.document
    return ProducerSpec(scope, line, column, document, layers, framework, client_family="java")


def _base(owner: str) -> str:
    if owner == DEFAULT:
        return f"{PREFIX}.default.producer"
    if owner == TRANSACTION:
        return f"{PREFIX}.binder.transaction.producer"
    return f"{PREFIX}.bindings.{owner}.producer"


def _layer(name: str, items: list[Item], value: Optional[str] = None) -> Layer:
    settings = []
    for item in items:
        text = item.value if value is None else value
        if item.file is None:
            settings.append(Setting(item.key, text, item.entry))
        else:  # a key of another file: no position here, but how its value was read
            settings.append(Setting(item.key, text, None, item.entry.expression))
    title = name if all(item.file is None for item in items) else f"{name} ({items[0].file})"
    return Layer(title, settings)


def _connection_string(brokers: Optional[str], port: Optional[str]) -> Optional[str]:
    """KafkaBinderConfigurationProperties.getKafkaConnectionString: a host without a port gets the default."""
    if brokers is None:
        return None
    port = (port or "9092").strip()
    hosts = [h.strip() for h in brokers.split(",") if h.strip()]
    return ",".join(h if ":" in h or not port else f"{h}:{port}" for h in hosts)


def follow_versions(result: DialectResult, versions) -> None:
    """The binder release the build names (repository.BuildVersions.stream) decides required-acks' default."""
    if versions.stream is None:
        return
    from honolint.platforms import required_acks

    acks, name = required_acks(versions.stream)
    for spec in result.producers:
        framework = spec.framework
        if framework is None:
            continue
        if framework.name == BINDER_ACKS_DEFAULT:
            renamed = name
        elif framework.name.startswith(streams.DLQ_NAME) and "required-acks" in framework.name:
            renamed = f"{streams.DLQ_NAME}) of the {name}"  # the Kafka Streams binder's own, same default
        else:
            continue
        spec.framework = framework._replace(name=renamed, put_if_absent=tuple(
            (key, acks if key == "acks" else value) for key, value in framework.put_if_absent))
