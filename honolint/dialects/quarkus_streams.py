"""Quarkus's Kafka Streams extension: the Streams application an `application.properties` / `.yaml` configures.

`KafkaStreamsProducer.getStreamsProperties` (quarkus extensions/kafka-streams) builds the StreamsConfig
properties, a later step replacing an earlier one key by key: `kafka-streams.*` with the prefix cut off
(`KafkaStreamsPropertiesUtil`), Quarkus's `kafka.*` (the `default-kafka-broker` map), `quarkus.kafka-streams.*`
cut the same way, `kafka-streams.*` again, then the named settings of `KafkaStreamsRuntimeConfig`:
`bootstrap-servers` (whose default, localhost:9092, gives way to `kafka.bootstrap.servers`), `application-id`
(default `quarkus.application.name`), `security.protocol`, `sasl.*` and `ssl.*` (kebab-case). The producer
then gets what Kafka Streams gives it (kafka_streams.py): the un-prefixed producer names, then `producer.*`,
with Streams' own overrides and `processing.guarantee`. So `kafka-streams.bootstrap.servers` and
`kafka-streams.application.id` never reach the application (the named settings replace them): reported as not
read. Profiles work as for the channels (quarkus.py): a profile that changes what the producer receives gets
a producer of its own, `%prod.quarkus.kafka-streams`.
"""
from __future__ import annotations

from typing import Optional

from honolint.dialects import kafka_streams
from honolint.dialects.common import same_delivery
from honolint.model import Entry, Layer, ProducerSpec, Setting, UnreadEntry
from honolint.profiles.java_keys import PRODUCER_KEYS

SCOPE = "quarkus.kafka-streams"
DEFAULT_BROKER = "localhost:9092"  # KafkaStreamsRuntimeConfig.DEFAULT_KAFKA_BROKER
_PREFIXES = {"streams": ("kafka-streams",), "quarkus": ("quarkus", "kafka-streams")}
# passed-through sources, lowest precedence first: (source, layer name)
_SOURCES = (("kafka", "kafka"), ("quarkus", "quarkus.kafka-streams (passed through)"), ("streams", "kafka-streams"))
_REPLACED = {
    "bootstrap.servers": "Quarkus gives Kafka Streams quarkus.kafka-streams.bootstrap-servers (by default "
                         "kafka.bootstrap.servers, else localhost:9092) in its place",
    "application.id": "Quarkus gives Kafka Streams quarkus.kafka-streams.application-id (by default "
                      "quarkus.application.name) in its place",
}

_NAMED = {"application-id": "application-id", "bootstrap-servers": "bootstrap.servers",
          "security.protocol": "security.protocol"}

Found = dict[tuple[str, str], list[Setting]]  # (profile, source) -> settings under their StreamsConfig names


def producers(document: int, streams: list, kafka: dict[str, list[Setting]], names: dict[str, Entry],
              unread: list[UnreadEntry]) -> list[ProducerSpec]:
    """`streams`: (profiles, segments, entry) of the kafka-streams.* and quarkus.kafka-streams.* keys; `kafka`:
    profile -> the kafka.* settings; `names`: profile -> quarkus.application.name."""
    found: Found = {}
    named: dict[tuple[str, str], Setting] = {}  # (profile, Kafka name or "application-id") -> setting
    for profiles, segments, entry in streams:
        _read(profiles, segments, entry, found, named, unread)
    for profile, settings in kafka.items():
        found[(profile, "kafka")] = settings
    all_profiles = sorted({profile for profile, _ in found} | {profile for profile, _ in named} | {""})
    default: Optional[tuple[list[Layer], Optional[str]]] = None
    specs = []
    for profile in all_profiles:
        layers = _layers(found, named, profile)
        guarantee = _last(found, profile, "processing.guarantee")
        if profile and default is not None and same_delivery(default[0], layers) and _text(guarantee) == default[1]:
            continue  # the default producer in another place
        if not profile:
            default = (layers, _text(guarantee))
        specs.append(_spec(document, profile, layers, guarantee, named, names, streams))
    return specs


def _read(profiles: list[str], segments: list[tuple[str, bool]], entry: Entry, found: Found,
          named: dict[tuple[str, str], Setting], unread: list[UnreadEntry]) -> None:
    if any(quoted for _, quoted in segments):
        unread.append(UnreadEntry(entry, _quoted(segments)))
        return
    texts = [text for text, _ in segments]
    source = "quarkus" if texts[0] == "quarkus" else "streams"
    name = ".".join(texts[len(_PREFIXES[source]):])
    if not name or not (entry.value or "").strip():
        return  # SmallRye Config reads an empty value as no value (getOptionalValue, Optional settings)
    if name in _REPLACED:
        unread.append(UnreadEntry(entry, _REPLACED[name]))
        return
    if name == kafka_streams.PRODUCER_PREFIX + "bootstrap.servers":
        unread.append(UnreadEntry(entry, "Kafka Streams always gives its producers the un-prefixed bootstrap.servers"))
        return
    kafka_name = _named(name) if source == "quarkus" else None
    for profile in profiles:
        found.setdefault((profile, source), []).append(Setting(name, entry.value, entry))
        if kafka_name is not None:
            named[(profile, kafka_name)] = Setting(kafka_name, entry.value, entry)


def _named(name: str) -> Optional[str]:
    """The StreamsConfig key a KafkaStreamsRuntimeConfig setting sets ("application-id" for that one)."""
    if name in _NAMED:
        return _NAMED[name]
    if name.startswith(("sasl.", "ssl.")):
        kafka = name.replace("-", ".")
        return kafka if kafka in PRODUCER_KEYS else None  # the Duration ones take another form: left out
    return None


def _quoted(segments: list[tuple[str, bool]]) -> str:
    where = next(text for text, quoted in segments if quoted)
    parts = where.split(".")
    nested = "…"
    for part in reversed(parts):
        nested = f"{part}: {nested}" if nested == "…" else f"{part}: {{{nested}}}"
    return (f'Quarkus keeps the key "{where}" as one quoted name (it contains dots), so Kafka Streams receives '
            f'"{where}" with its quotes and not {where}; nest it ({nested}) or write it unquoted in .properties')


def _layers(found: Found, named: dict[tuple[str, str], Setting], profile: str) -> list[Layer]:
    """The un-prefixed producer keys of each passed-through source, the named settings, then `producer.*`."""
    levels = ("", profile) if profile else ("",)
    unprefixed: list[Layer] = []
    prefixed: list[Layer] = []
    cut = len(kafka_streams.PRODUCER_PREFIX)
    for source, label in _SOURCES:
        for level in levels:
            name = f"%{level}.{label}" if level else label
            settings = found.get((level, source), [])
            unprefixed.append(Layer(name, [s for s in settings if s.key in PRODUCER_KEYS]))
            prefixed.append(Layer(f"{name} producer.*", [s._replace(key=s.key[cut:]) for s in settings
                                                        if s.key.startswith(kafka_streams.PRODUCER_PREFIX)
                                                        and len(s.key) > cut]))
    return unprefixed + [_named_layer(found, named, profile)] + prefixed


def _named_layer(found: Found, named: dict[tuple[str, str], Setting], profile: str) -> Layer:
    values = {key: setting for (level, key), setting in named.items() if level == ""}
    if profile:
        values.update({key: setting for (level, key), setting in named.items() if level == profile})
    values.pop("application-id", None)
    bootstrap = values.get("bootstrap.servers")
    if bootstrap is None or _text(bootstrap) == DEFAULT_BROKER:
        fallback = _last(found, profile, "bootstrap.servers", ("kafka",))
        if fallback is not None:
            values["bootstrap.servers"] = fallback
    return Layer(SCOPE, list(values.values()))


def _last(found: Found, profile: str, key: str, sources: tuple[str, ...] = ("kafka", "quarkus", "streams")
          ) -> Optional[Setting]:
    last = None
    for source in sources:
        for level in (("", profile) if profile else ("",)):
            for setting in found.get((level, source), []):
                if setting.key == key:
                    last = setting
    return last


def _text(setting: Optional[Setting]) -> Optional[str]:
    return None if setting is None else (setting.value or "").strip()


def _spec(document: int, profile: str, layers: list[Layer], guarantee: Optional[Setting],
          named: dict[tuple[str, str], Setting], names: dict[str, Entry], streams: list) -> ProducerSpec:
    """At quarkus.kafka-streams.application-id (else the profile's first Streams key); the application id is
    that setting's, else quarkus.application.name (its default)."""
    application = named.get((profile, "application-id")) or named.get(("", "application-id"))
    name = names.get(profile) or names.get("")
    application_id = application.value if application else name.value if name else None
    anchor = application.entry if application and application.entry else \
        next((entry for profiles, _, entry in streams if profile in profiles), streams[0][2])
    framework = kafka_streams.framework(guarantee.value if guarantee else None,
                                        (application_id or "").strip() or "<application.id>",
                                        guarantee.entry if guarantee else None)
    scope = f"%{profile}.{SCOPE}" if profile else SCOPE
    return ProducerSpec(scope, anchor.line, anchor.column, document, layers, framework, client_family="java")
