"""Quarkus with SmallRye Reactive Messaging Kafka: `application.properties` / `application.yaml`.

A producer per outgoing channel `mp.messaging.outgoing.<channel>` of the `smallrye-kafka` connector. Its
configuration, from the least to the most important (config-dialects.md §5.3, SmallRye's
`ConfigHelper.retrieveChannelConfiguration` and `ConnectorConfig`):

1. `kafka.*`: Quarkus's `default-kafka-broker` map (`KafkaRuntimeConfigProducer`: the name lower-cased,
   `_` read as `.`);
2. `mp.messaging.connector.smallrye-kafka.*`: every channel of the connector;
3. `mp.messaging.outgoing.<channel>.*`.

A `%profile.` prefix (`.properties`) or a quoted `"%prod":` root key (YAML) sets a key in that profile
only: the profile's value replaces the default one key by key (`%dev,test.` names several profiles), so a
profile that changes what a channel's producer receives (its own keys or the shared `kafka.*` / connector
keys) gets a producer of its own, `%prod.mp.messaging.outgoing.<channel>`. A profile that changes only
where and as whom it connects (`bootstrap.servers`, `client.id`, `security.protocol`, `sasl.*`, `ssl.*`,
schema registry addresses: common.delivery_neutral), or nothing it receives at all (a `%dev` key of an
incoming channel, `%prod.quarkus.*`), is the default producer in another place, not a second one.

The connector always hands `acks` to the client: `ReactiveKafkaProducer` puts `configuration.getAcks()`,
and the `acks` connector attribute defaults to `"1"`. So an unconfigured channel runs with `acks=1` (and
the Java client then turns idempotence off): modelled as a framework layer that adds `acks=1` when no
layer sets `acks`.

Not Kafka properties: the connector's own attributes (`topic`, `key`, `partition`, `merge`,
`waitForWriteCompletion`, `max-inflight-messages`, `propagate-record-key`, `close-timeout`,
`lazy-client`, `client-id-prefix`, `pooled-producer.*`, health and cloud-events attributes, ...), dropped
before linting as `ConfigurationCleaner` drops most of them; consumer properties in the shared
`kafka.*` / connector keys (they are meant for the incoming channels).

Decisions:

- An outgoing channel without a `connector` attribute: Quarkus attaches a channel that the application does
  not wire itself to the only outgoing connector it has, when there is exactly one ("connector
  auto-attachment", `WiringProcessor.autoConfigureConnectorForOrphansAndProduceManagedChannels`; off with
  `quarkus.messaging.auto-connector-attachment=false`). The file shows the connectors through `connector=`
  values, `mp.messaging.connector.<name>.*` keys and attributes only one connector reads
  (smallrye_connectors.py; `smallrye-in-memory` named under a `%profile` is the test-scoped connector and
  does not count). So such a channel is a Kafka producer when the file shows Kafka (a `kafka.*` or
  `quarkus.kafka.*` key, a Kafka channel or Kafka property or attribute) and no other connector; a channel
  with another connector's attributes (`exchange.name`, `address`, `serviceUrl`...) is that connector's and
  is not linted; with another connector in the file, or auto-attachment off, its Kafka keys are reported as
  not read.
- A file with no channel configuration at all but producer keys under `kafka.*` (or the connector) gets
  one producer, scope `kafka`: the channels declared in code only.
- Quarkus's YAML source keeps a key that contains a dot as one quoted name
  (`mp.messaging.outgoing.prices-out."compression.type"`, SmallRye Config `YamlConfigSource`), which the
  connector never looks up (quarkusio/quarkus #20961, #23387): such a dotted key under a channel, the
  connector or `kafka`, or a dotted key above them (`mp.messaging.outgoing.prices-out:` as one key), is
  reported as not read, with the nested form to write instead. The same holds for a quoted key in
  `.properties` (`...prices-out."compression.type"`). A dotted channel name is fine (the connector quotes
  it itself).
"""
from __future__ import annotations

from typing import Optional

from honolint.dialects.common import same_delivery
from honolint.dialects.smallrye_connectors import KAFKA_ONLY, connector_of
from honolint.model import (Budget, DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)

NAME = "quarkus"
EXPRESSIONS = "smallrye"  # SmallRye Config expressions
SUMMARY = ("Quarkus application.properties / application.yaml, SmallRye Reactive Messaging Kafka: "
           "kafka.*, mp.messaging.connector.smallrye-kafka.*, mp.messaging.outgoing.<channel>.*; "
           "Kafka Streams: kafka-streams.*, quarkus.kafka-streams.*")
DETECTION = ("a key under mp.messaging., kafka-streams. or quarkus.kafka-streams., or kafka. keys together with "
             "quarkus. or %profile. keys (files with hono.kafka. keys are hono)")

CONNECTOR = "smallrye-kafka"
IN_MEMORY = "smallrye-in-memory"  # the connector tests swap in (a test-scoped dependency)
_AUTO_ATTACHMENT = ("quarkus.messaging.auto-connector-attachment",
                    "quarkus.reactive-messaging.auto-connector-attachment")  # the name before Quarkus 3
FRAMEWORK = FrameworkLayer(
    name="the SmallRye Kafka connector (its acks attribute defaults to 1)",
    put_if_absent=(("acks", "1"),),
)

# connector attributes that are not Kafka properties (KafkaConnector's @ConnectorAttribute list and
# ConfigurationCleaner), compared in lower case
_ATTRIBUTES = frozenset(name.lower() for name in (
    "connector", "type", "channel-name", "enabled", "topic", "key", "partition", "waitForWriteCompletion",
    "max-inflight-messages", "merge", "propagate-record-key", "propagate-headers", "close-timeout", "lazy-client",
    "client-id-prefix", "kafka-configuration", "tracing-enabled", "interceptor-bean",
    "key-serialization-failure-handler", "value-serialization-failure-handler", "assign-seek",
    "tls-configuration-name",
    # incoming-channel attributes, which the connector-level keys may hold for the consumers
    "topics", "pattern", "retry", "retry-attempts", "retry-max-wait", "broadcast", "batch", "max-queue-size-factor",
    "failure-strategy", "commit-strategy", "partitions", "concurrency", "fail-on-deserialization-failure",
    "graceful-shutdown", "poll-timeout", "pause-if-no-requests", "key-deserialization-failure-handler",
    "value-deserialization-failure-handler", "throttled.unprocessed-record-max-age.ms",
))
_ATTRIBUTE_PREFIXES = ("pooled-producer", "reply", "health-", "cloud-events", "delayed-retry-topic.",
                       "dead-letter-queue.", "consumer-rebalance-listener.", "checkpoint.", "share-group.",
                       "ordered", "ui.")
# consumer keys the connector removes from a producer's configuration (ConfigurationCleaner)
_CLEANED = frozenset({"key.deserializer", "value.deserializer", "enable.auto.commit", "group.id", "auto.offset.reset"})
# keys that only a producer reads: kafka.* holding one of them configures producers
_PRODUCER_SIGNALS = frozenset({
    "acks", "retries", "enable.idempotence", "max.in.flight.requests.per.connection", "delivery.timeout.ms",
    "linger.ms", "batch.size", "compression.type", "transactional.id", "transaction.timeout.ms", "max.block.ms",
    "buffer.memory", "key.serializer", "value.serializer", "partitioner.class", "max.request.size",
})

Key = tuple[str, str, Optional[str]]  # (profile, "kafka" | "connector" | "channel", channel)


def matches(loaded: LoadedFile) -> bool:
    if loaded.format not in ("properties", "yaml", "json"):
        return False
    kafka = quarkus = False
    for doc in loaded.documents:
        for entry in doc.entries:
            key = entry.key
            bare = key.split(".", 1)[1] if key.startswith("%") and "." in key else key
            if bare.startswith(("mp.messaging.", "kafka-streams.", "quarkus.kafka-streams.")):
                return True
            kafka = kafka or bare.startswith("kafka.")
            quarkus = quarkus or key.startswith(("quarkus.", "%"))
            if kafka and quarkus:
                return True
    return False


# ---------------------------------------------------------------- key names


def _segments(entry: Entry, fmt: str) -> list[tuple[str, bool]]:
    """The name's segments and whether each is quoted: YAML keys holding a dot are (YamlConfigSource)."""
    if fmt != "properties":
        return [(segment, "." in segment) for segment in entry.path]
    return _split(entry.key)


def _split(name: str) -> list[tuple[str, bool]]:
    """`a."b.c".d` -> a, "b.c" (quoted), d, as SmallRye Config's NameIterator reads a property name."""
    segments: list[tuple[str, bool]] = []
    i, n = 0, len(name)
    while i <= n:
        if i < n and name[i] == '"':
            end = name.find('"', i + 1)
            if end < 0:
                segments.append((name[i + 1:], True))
                break
            segments.append((name[i + 1:end], True))
            i = end + 1
            if i < n and name[i] != ".":  # `"a"b`: not a quoted segment after all; keep the text
                nxt = name.find(".", i)
                text, quoted = segments.pop()
                segments.append(('"' + text + '"' + name[i:nxt if nxt >= 0 else n], False))
                i = n + 1 if nxt < 0 else nxt + 1
                continue
            i += 1
            continue
        end = name.find(".", i)
        if end < 0:
            segments.append((name[i:], False))
            break
        segments.append((name[i:end], False))
        i = end + 1
    return segments


def _classify(segments: list[tuple[str, bool]]) -> Optional[tuple[str, Optional[str], list[tuple[str, bool]]]]:
    """(layer, channel, property segments) for a key of the Kafka connector's configuration."""
    texts = [text if not quoted else None for text, quoted in segments]
    if len(segments) >= 2 and texts[0] == "kafka":
        return "kafka", None, segments[1:]
    if len(segments) >= 5 and texts[:2] == ["mp", "messaging"]:
        if texts[2] == "connector" and texts[3] == CONNECTOR:
            return "connector", None, segments[4:]
        if texts[2] == "outgoing":
            return "channel", segments[3][0], segments[4:]
    return None


def _flat(segments: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return [(part, False) for text, _ in segments for part in text.split(".")]


def _kafka_name(texts: list[str], layer: str) -> str:
    name = ".".join(texts)
    if layer == "kafka":  # KafkaRuntimeConfigProducer: lower case, `_` -> `.`
        return name.lower().replace("_", ".")
    if "_" in name or name.upper() == name:  # JsonHelper: names that may come from environment variables
        return name.lower().replace("_", ".")
    return name


def _attribute(name: str) -> bool:
    lower = name.lower()
    return lower in _ATTRIBUTES or lower.startswith(_ATTRIBUTE_PREFIXES)


def _profiles(segments: list[tuple[str, bool]]) -> tuple[list[str], list[tuple[str, bool]]]:
    if segments and not segments[0][1] and segments[0][0].startswith("%") and len(segments) > 1:
        names = [p for p in segments[0][0][1:].split(",") if p]
        return (names or [""]), segments[1:]
    return [""], segments


# ---------------------------------------------------------------- extraction


class _Document:
    def __init__(self) -> None:
        self.settings: dict[Key, list[Setting]] = {}
        self.connector: dict[tuple[str, str], Entry] = {}  # (profile, channel) -> its connector entry
        self.channel_keys: dict[tuple[str, str], list[Entry]] = {}  # every Kafka key of a channel
        self.channels: list[str] = []  # outgoing channels, in file order
        self.quoted: list[tuple[str, Optional[str], UnreadEntry]] = []  # (layer, channel, unread)
        self.other_connectors: list[str] = []  # other connectors the file names
        self.named: set[tuple[str, str]] = set()  # (direction, channel) with a connector attribute
        self.foreign: dict[tuple[str, str], str] = {}  # (direction, channel) -> another connector's attribute
        self.declared_in: set[tuple[str, str]] = set()  # (profile, outgoing channel) with a key
        self.kafka_evidence = False  # the file shows the application has the Kafka connector
        self.no_auto_attach: Optional[Entry] = None
        self.streams: list[tuple[list[str], list[tuple[str, bool]], Entry]] = []  # Kafka Streams keys
        self.application_name: dict[str, Entry] = {}  # profile -> quarkus.application.name
        self.declared: dict[str, Entry] = {}  # channel -> its first key, whatever it sets
        # keys hidden by a dotted (YAML) or quoted segment above the Kafka key: (channel, unread)
        self.hidden: list[tuple[Optional[str], UnreadEntry]] = []
        self.hidden_connector: dict[str, str] = {}
        self.any_channel = False


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        state = _Document()
        for entry in doc.entries:
            try:
                _entry(entry, loaded.format, state)
            except (IndexError, ValueError):  # an odd name is not a configuration key: skip it
                continue
        result.producers.extend(_producers(doc.index, state, result.unread, loaded.budget))
        if state.streams:
            from honolint.dialects import quarkus_streams

            kafka = {profile: settings for (profile, layer, _), settings in state.settings.items() if layer == "kafka"}
            result.producers.extend(quarkus_streams.producers(doc.index, state.streams, kafka, state.application_name,
                                                              result.unread))
    return result


def _entry(entry: Entry, fmt: str, state: _Document) -> None:
    if entry.value is None and entry.yaml_type == "map":
        return  # an empty mapping sets nothing
    profiles, segments = _profiles(_segments(entry, fmt))
    texts = [part for text, _ in segments for part in text.split(".")]
    _connectors(entry, profiles, segments, texts, state)
    if texts[0] == "kafka-streams" or texts[:2] == ["quarkus", "kafka-streams"]:
        state.streams.append((profiles, segments, entry))
        return
    if texts == ["quarkus", "application", "name"]:
        state.application_name.update((profile, entry) for profile in profiles)
    found = _classify(segments)
    if found is None:
        _hidden(entry, segments, fmt, state)
        return
    layer, channel, prop = found
    if layer == "channel" and channel is not None:
        if channel not in state.channels:
            state.channels.append(channel)
        state.declared.setdefault(channel, entry)
        state.declared_in.update((profile, channel) for profile in profiles)
    if any(quoted for _, quoted in prop):
        reason = _quoted_reason(entry, segments, prop, layer, fmt)
        state.quoted.append((layer, channel, UnreadEntry(entry, reason)))
        return
    name = _kafka_name([text for text, _ in prop], layer)
    if layer == "channel" and len(prop) == 1 and prop[0][0] in ("connector", "type"):
        for profile in profiles:
            state.connector[(profile, channel or "")] = entry
        return
    if _attribute(name) or name in _CLEANED:
        return
    if layer != "channel" and _consumer_only(name):
        return
    if layer == "channel" and channel is not None:
        state.channel_keys.setdefault(("", channel), []).append(entry)
    for profile in profiles:
        state.settings.setdefault((profile, layer, channel), []).append(Setting(name, entry.value, entry))


def _connectors(entry: Entry, profiles: list[str], segments: list[tuple[str, bool]], texts: list[str],
                state: _Document) -> None:
    """What a key says about the connectors the application has."""
    if texts[:1] == ["kafka"] or texts[:2] == ["quarkus", "kafka"]:
        state.kafka_evidence = True
    elif ".".join(texts) in _AUTO_ATTACHMENT and ("" in profiles or "prod" in profiles):
        if (entry.value or "").strip().lower() == "false":
            state.no_auto_attach = entry
    if len(texts) < 4 or texts[:2] != ["mp", "messaging"]:
        return
    if texts[2] == "connector":
        if texts[3] == CONNECTOR:
            state.kafka_evidence = True
        else:
            state.other_connectors.append(texts[3])
        return
    if texts[2] not in ("incoming", "outgoing"):
        return
    state.any_channel = True
    if texts[-1] in ("connector", "type"):
        value = (entry.value or "").strip()
        if value == CONNECTOR:
            state.kafka_evidence = True
        elif value and not (value == IN_MEMORY and profiles != [""]):
            state.other_connectors.append(value)
    if len(segments) < 5 or any(quoted for _, quoted in segments[:3]) or [t for t, _ in segments[:3]] != texts[:3]:
        return
    where = (texts[2], segments[3][0])
    attribute = ".".join(text for text, _ in segments[4:])
    if attribute in ("connector", "type"):
        state.named.add(where)
        return
    other = connector_of(attribute)
    if other is not None:
        name = f"mp.messaging.{where[0]}.{_channel_name(where[1])}.{attribute}"
        state.foreign.setdefault(where, f"{name}, an attribute of {other}")
    elif attribute in KAFKA_ONLY or _kafka_property(attribute):
        state.kafka_evidence = True


def _kafka_property(name: str) -> bool:
    from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

    return (name in PRODUCER_KEYS or name in CONSUMER_ONLY_KEYS) and not name.startswith("ssl.")  # MQTT has ssl.*


def _consumer_only(name: str) -> bool:
    from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS

    return name in CONSUMER_ONLY_KEYS


def _hidden(entry: Entry, segments: list[tuple[str, bool]], fmt: str, state: _Document) -> None:
    """A key whose dotted (or quoted) segment hides a Kafka connector key: `mp.messaging.outgoing.x:` as one key."""
    if not any(quoted for _, quoted in segments):
        return
    found = _classify(_flat(segments))
    if found is None:
        return
    layer, channel, prop = found
    name = ".".join(text for text, _ in prop)
    if layer == "channel" and name in ("connector", "type"):
        state.hidden_connector[channel or ""] = (entry.value or "").strip()
    elif _attribute(name):
        return
    where = next(text for text, quoted in segments if quoted)
    if fmt == "properties":
        reason = (f'the quoted "{where}" is one segment of the name, so the name is not read as '
                  f"{_written(_flat(segments))}; write it without the quotes")
    else:
        reason = (f'Quarkus\'s YAML source keeps the key "{where}" as one quoted name (it contains dots), so this '
                  f"is not read as {_written(_flat(segments))}; nest it ({_nested(where.split('.'))})")
    state.hidden.append((channel if layer == "channel" else None, UnreadEntry(entry, reason)))


def _written(segments: list[tuple[str, bool]]) -> str:
    return ".".join(f'"{text}"' if quoted else text for text, quoted in segments)


def _nested(parts: list[str]) -> str:
    text = "…"
    for part in reversed(parts):
        text = f"{part}: {text}" if text == "…" else f"{part}: {{{text}}}"
    return text


def _quoted_reason(entry: Entry, segments: list[tuple[str, bool]], prop: list[tuple[str, bool]], layer: str,
                   fmt: str) -> str:
    dotted = next(text for text, quoted in prop if quoted)
    kafka = ".".join(text for text, _ in prop)
    reader = {"kafka": "Quarkus's default Kafka configuration (kafka.*) hands the client",
              "connector": "the connector hands the client", "channel": "the connector hands the client"}[layer]
    if fmt == "properties":
        return (f"the quoted segment keeps its quotes: {reader} the property '\"{dotted}\"', not {kafka}; "
                f"write the name without quotes ({_written([(t, False) for t, _ in segments])})")
    parts = kafka.split(".")
    return (f"Quarkus's YAML source registers a key containing dots with its quotes ({_written(segments)}), so "
            f"{reader} '\"{dotted}\"' (unknown, ignored) and {kafka} keeps its default; nest it instead: "
            f"{_nested(parts)}")


# ---------------------------------------------------------------- producers


def _producers(document: int, state: _Document, unread: list[UnreadEntry], budget: Budget) -> list[ProducerSpec]:
    profiles = sorted({profile for profile, _, _ in state.settings} | {p for p, _ in state.connector} | {""})
    others = list(dict.fromkeys(state.other_connectors))
    others += [found for where, found in state.foreign.items() if where not in state.named]
    # a profile that names no connector for a channel and writes no key of it sees it as the default run does
    touching: dict[str, set[str]] = {}
    for profile, channel in list(state.connector) + list(state.declared_in):
        if profile:
            touching.setdefault(channel, set()).add(profile)
    kafka_in: dict[tuple[str, str], Optional[bool]] = {}

    def kafka(profile: str, channel: str) -> Optional[bool]:
        if profile not in touching.get(channel, ()):
            profile = ""
        found = kafka_in.get((profile, channel), kafka_in)
        if found is kafka_in:
            found = kafka_in[(profile, channel)] = _is_kafka(state, profile, channel, others)
        return found

    def anywhere(channel: str) -> bool:
        return bool(kafka("", channel) or any(kafka(p, channel) for p in touching.get(channel, ())))

    for layer, channel, item in state.quoted:
        if layer != "channel" or anywhere(channel or ""):
            unread.append(item)
    for channel, item in state.hidden:
        if channel is None:
            unread.append(item)
            continue
        visible = state.connector.get(("", channel))
        named = state.hidden_connector.get(channel) or (visible.value if visible is not None else None)
        if named == CONNECTOR or (not named and not others):
            unread.append(item)
    for channel in state.channels:
        if not anywhere(channel) and kafka("", channel) is None:
            reason = _not_attached(state, channel, others)
            unread.extend(UnreadEntry(e, reason) for e in state.channel_keys.get(("", channel), []))

    specs: list[ProducerSpec] = []
    kafka_channels = [c for c in state.channels if anywhere(c)]
    shared = {profile for profile, layer, _ in state.settings if profile and layer in ("kafka", "connector")}
    for index, profile in enumerate(profiles):
        for place, channel in enumerate(kafka_channels):
            if not kafka(profile, channel):
                continue
            if profile and profile not in shared and profile not in touching.get(channel, ()) \
                    and (profile, "channel", channel) not in state.settings:
                continue  # the default run's producer, the same
            if not budget.fits(built=True):  # what is left, at most: the rest of this profile and the others
                budget.leave(len(kafka_channels) - place - 1 + (len(profiles) - index - 1) * len(kafka_channels))
                return specs
            layers = _layers(state, profile, channel)
            budget.spend(sum(len(layer.settings) for layer in layers), built=True)
            if profile and kafka("", channel) and same_delivery(_layers(state, "", channel), layers):
                continue
            spec = _spec(document, profile, f"mp.messaging.outgoing.{_channel_name(channel)}", layers,
                         state.declared.get(channel))
            if spec is not None:
                specs.append(spec)
        if not state.channels and not state.any_channel and not state.streams and _signals(state):
            layers = _layers(state, profile, None)
            if profile and same_delivery(_layers(state, "", None), layers):
                continue
            spec = _spec(document, profile, "kafka", layers, None)
            if spec is not None:
                specs.append(spec)
    return specs


def _is_kafka(state: _Document, profile: str, channel: str, others: list[str]) -> Optional[bool]:
    """True: a smallrye-kafka channel; False: another connector's, or not configured in this profile; None: a
    channel without a connector that Quarkus does not attach (another connector, or auto-attachment off)."""
    entry = state.connector.get((profile, channel)) or state.connector.get(("", channel))
    if entry is not None:
        return (entry.value or "").strip() == CONNECTOR
    if (profile, channel) not in state.declared_in and ("", channel) not in state.declared_in:
        return False
    if ("outgoing", channel) in state.foreign:
        return False
    if others or state.no_auto_attach is not None:
        return None
    return state.kafka_evidence


def _not_attached(state: _Document, channel: str, others: list[str]) -> str:
    name = f"mp.messaging.outgoing.{_channel_name(channel)}"
    if others:
        why = f"the application has another connector too ({'; '.join(others)})"
    else:
        auto = state.no_auto_attach
        why = f"{auto.key if auto else _AUTO_ATTACHMENT[0]}=false turns Quarkus's connector auto-attachment off"
    return (f"{name} has no connector attribute and {why}, so Quarkus does not attach the channel to {CONNECTOR} "
            f"and no Kafka producer reads this key; add {name}.connector={CONNECTOR}")


def _signals(state: _Document) -> bool:
    return any(s.key in _PRODUCER_SIGNALS for (_, layer, _), settings in state.settings.items()
               if layer in ("kafka", "connector") for s in settings)


def _layers(state: _Document, profile: str, channel: Optional[str]) -> list[Layer]:
    names: tuple[tuple[str, Optional[str], str], ...] = (
        ("kafka", None, "kafka"),
        ("connector", None, f"mp.messaging.connector.{CONNECTOR}"),
        ("channel", channel, f"mp.messaging.outgoing.{_channel_name(channel or '')}"),
    )
    layers = []
    for layer, key_channel, name in names:
        if layer == "channel" and channel is None:
            continue
        layers.append(Layer(name, list(state.settings.get(("", layer, key_channel), []))))
        if profile:
            layers.append(Layer(f"%{profile}.{name}", list(state.settings.get((profile, layer, key_channel), []))))
    return layers


def _spec(document: int, profile: str, name: str, layers: list[Layer], declared: Optional[Entry]) -> Optional[ProducerSpec]:
    """`declared`: the channel's first key, where the producer is reported when its own layers set nothing."""
    own = [layer for layer in layers if "mp.messaging.outgoing." in layer.name]
    first = _first_entry(own) or declared or _first_entry(layers)
    if first is None:
        return None
    scope = f"%{profile}.{name}" if profile else name
    return ProducerSpec(scope, first.line, first.column, document, layers, FRAMEWORK,
                        client_family="java")


def _first_entry(layers: list[Layer]) -> Optional[Entry]:
    for layer in reversed(layers):
        for setting in layer.settings:
            if setting.entry is not None:
                return setting.entry
    return None


def _channel_name(channel: str) -> str:
    return f'"{channel}"' if "." in channel else channel
