"""Spring Boot + Spring for Apache Kafka: `spring.kafka.producer.*`, `spring.kafka.properties.*` and profiles.

What Boot hands the producer (`KafkaProperties.buildProducerProperties()`, config-dialects.md §5.1), lowest
precedence first, one Layer each: `spring.kafka` (bootstrap-servers, client-id), `spring.kafka.ssl`,
`spring.kafka.security`, `spring.kafka.properties.*`, then the dedicated producer fields
`spring.kafka.producer.<field>` (batch-size and buffer-memory are DataSize: `16KB` becomes 16384),
`spring.kafka.producer.ssl`, `spring.kafka.producer.security`, and last `spring.kafka.producer.properties.*`,
which therefore beats the dedicated fields. Field names bind relaxed (kebab, camelCase, underscore, any
case); map keys are taken as written in nested, dotted or `[bracket]` form (`properties[linger.ms]` in
`.properties`, `"[linger.ms]":` in YAML).

`transaction-id-prefix` (or a `transactional.id` in the maps, which `DefaultKafkaProducerFactory` takes as
its prefix) makes the factory transactional: `enableIdempotentBehaviour()` puts `enable.idempotence=true`
if absent and each producer gets `transactional.id=<prefix><n>`. That is the FrameworkLayer
"Spring for Apache Kafka".

Environment variables (a `.env` file, a container's `env`: load/manifests.py) bind as relaxed binding
binds them (`SystemEnvironmentPropertyMapper`): a field only from its name in upper case with each dot an `_`
and its dashes removed or made `_` (`SPRING_KAFKA_PRODUCER_BATCHSIZE` or `..._BATCH_SIZE`), a map key
from whatever follows the map's name, lower-cased, each `_` a dot
(`SPRING_KAFKA_PRODUCER_PROPERTIES_ENABLE_IDEMPOTENCE` is `enable.idempotence`). An environment that names
Spring Cloud Stream properties is that framework's application, whose binder builds the producers.

Profiles (which documents apply, and how a `.properties` file splits into them) are in spring_documents.py;
property names as relaxed binding reads them in spring_names.py.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, Union

from honolint.dialects.common import same_delivery
from honolint.dialects.spring_documents import Variant, entry_documents, variants
from honolint.dialects.spring_names import Element, as_kafka_key, elements, map_key, spring_name, uniform
from honolint.model import (DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)
from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

NAME = "spring-boot"
EXPRESSIONS = "spring"  # Spring's ${name:default} placeholders
SUMMARY = ("Spring Boot application[-profile].properties / .yml: spring.kafka.producer.*, "
           "spring.kafka[.producer].properties.*, profiles")
DETECTION = "a key under spring.kafka. (nested or dotted, any case, kebab, camelCase or underscore)"
FRAMEWORK_NAME = "Spring for Apache Kafka"

COMMON = "spring.kafka"
COMMON_SSL = "spring.kafka.ssl"
COMMON_SECURITY = "spring.kafka.security"
COMMON_PROPERTIES = "spring.kafka.properties"
PRODUCER = "spring.kafka.producer"
PRODUCER_SSL = "spring.kafka.producer.ssl"
PRODUCER_SECURITY = "spring.kafka.producer.security"
PRODUCER_PROPERTIES = "spring.kafka.producer.properties"
# KafkaProperties.buildProducerProperties(), lowest precedence first
BOOT_LEVELS = (COMMON, COMMON_SSL, COMMON_SECURITY, COMMON_PROPERTIES, PRODUCER, PRODUCER_SSL, PRODUCER_SECURITY,
               PRODUCER_PROPERTIES)
PRODUCER_LEVELS = frozenset((PRODUCER, PRODUCER_SSL, PRODUCER_SECURITY, PRODUCER_PROPERTIES))
TX = "spring.kafka.producer.transaction-id-prefix"

# KafkaProperties.Producer fields (uniform form) -> Kafka property
DEDICATED = {
    "acks": "acks", "batchsize": "batch.size", "bootstrapservers": "bootstrap.servers",
    "buffermemory": "buffer.memory", "clientid": "client.id", "compressiontype": "compression.type",
    "keyserializer": "key.serializer", "valueserializer": "value.serializer", "retries": "retries",
}
_DEDICATED_FIELD = {"acks": "acks", "batch.size": "batch-size", "buffer.memory": "buffer-memory",
                    "client.id": "client-id", "compression.type": "compression-type", "retries": "retries",
                    "key.serializer": "key-serializer", "value.serializer": "value-serializer"}
SSL_FIELDS = {
    "keypassword": "ssl.key.password", "keystorecertificatechain": "ssl.keystore.certificate.chain",
    "keystorekey": "ssl.keystore.key", "keystorelocation": "ssl.keystore.location",
    "keystorepassword": "ssl.keystore.password", "keystoretype": "ssl.keystore.type",
    "truststorecertificates": "ssl.truststore.certificates", "truststorelocation": "ssl.truststore.location",
    "truststorepassword": "ssl.truststore.password", "truststoretype": "ssl.truststore.type",
    "protocol": "ssl.protocol", "bundle": None,
}
# KafkaProperties fields that are no producer's business
_OTHER_FIELDS = frozenset({"consumer", "admin", "streams", "listener", "jaas", "template", "retry"})
# keys in the common map that show a producer is meant (the common map alone may serve consumers only)
_PRODUCER_EVIDENCE = frozenset({"acks", "retries", "enable.idempotence", "max.in.flight.requests.per.connection",
                                "delivery.timeout.ms", "linger.ms", "batch.size", "transactional.id",
                                "compression.type", "buffer.memory", "max.block.ms"})



# ---------------------------------------------------------------- detection


def matches(loaded: LoadedFile) -> bool:
    if loaded.format == "env":
        names = [entry.key.upper() for doc in loaded.documents for entry in doc.entries]
        return any(n.startswith("SPRING_KAFKA_") for n in names) and not any(n.startswith(_SCS) for n in names)
    return any(entry.key[:13].lower() == "spring.kafka." for doc in loaded.documents for entry in doc.entries)


_SCS = "SPRING_CLOUD_STREAM_"


# ---------------------------------------------------------------- classification of one key


class Item(NamedTuple):
    """One Spring property, as the Kafka setting it becomes at one precedence level."""

    level: str
    key: str
    value: Optional[str]
    entry: Entry
    owner: str = ""  # a binding name, for dialects with one producer per binding
    file: Optional[str] = None  # set for a key from another file (a base application.yml)
    binder: str = ""  # a Spring Cloud Stream binder whose `environment` holds the key; "" for the application's

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """Which earlier property a later one replaces (Spring merges documents property by property)."""
        return (self.binder, self.owner, self.level, self.key)


Classified = Union[Item, str, None]  # an Item, a reason the key is ignored, or nothing for a producer


# ---------------------------------------------------------------- environment variables


_SSL = ("key-password", "key-store-certificate-chain", "key-store-key", "key-store-location", "key-store-password",
        "key-store-type", "trust-store-certificates", "trust-store-location", "trust-store-password",
        "trust-store-type", "protocol", "bundle")
# the properties a producer receives that are no map, as Spring writes them (kebab case)
_FIELDS = (
    "spring.kafka.bootstrap-servers", "spring.kafka.client-id", "spring.kafka.security.protocol",
    *(f"spring.kafka.ssl.{name}" for name in _SSL),
    *(f"spring.kafka.producer.{name}" for name in ("acks", "batch-size", "bootstrap-servers", "buffer-memory",
                                                   "client-id", "compression-type", "key-serializer",
                                                   "value-serializer", "retries", "transaction-id-prefix")),
    "spring.kafka.producer.security.protocol", *(f"spring.kafka.producer.ssl.{name}" for name in _SSL),
)
# SystemEnvironmentPropertyMapper.map: each name's two environment forms, dashes removed or made `_`
_ENV_FIELDS = {"_".join(convert(part) for part in name.split(".")): name for name in _FIELDS
               for convert in (lambda part: part.replace("-", "").upper(), lambda part: part.replace("-", "_").upper())}
_ENV_MAPS = (("SPRING_KAFKA_PRODUCER_PROPERTIES_", PRODUCER_PROPERTIES),
             ("SPRING_KAFKA_PROPERTIES_", COMMON_PROPERTIES))


def env_property(variable: str) -> tuple[Optional[str], Optional[str]]:
    """(the Spring property an environment variable binds, else None; why it binds none a producer reads)."""
    name = variable.upper()
    if (variable != name and variable != variable.lower()) or not name.startswith("SPRING_KAFKA_"):
        return None, None  # Spring maps names in upper or lower case only
    if name in _ENV_FIELDS:
        return _ENV_FIELDS[name], None
    for prefix, map_name in _ENV_MAPS:
        if name.startswith(prefix) and len(name) > len(prefix):
            return f"{map_name}.{name[len(prefix):].lower().replace('_', '.')}", None
    rest = name[len("SPRING_KAFKA_PRODUCER_"):]
    if name.startswith("SPRING_KAFKA_PRODUCER_") and rest.lower().replace("_", ".") in PRODUCER_KEYS:
        return None, (f"Spring Boot binds it to no property, so the producer never sees "
                      f"{rest.lower().replace('_', '.')}; write SPRING_KAFKA_PRODUCER_PROPERTIES_{rest}")
    return None, None


def classify_env(entry: Entry) -> Classified:
    """`classify` for an environment variable, at its own position."""
    name, reason = env_property(entry.key)
    if name is None:
        return reason
    found = classify(entry._replace(path=(name,), key=name))
    return found._replace(entry=entry) if isinstance(found, Item) else found


def split(entry: Entry) -> tuple[list[Element], list[str]]:
    parts = elements(spring_name(entry))
    return parts, [uniform(text) for text, _ in parts]


def unquoted_bracket_key(entry: Entry) -> bool:
    """YAML read an unquoted `[a.b]:` key as a list; the loader names such a key `?`."""
    return "?" in entry.path[1:]


UNQUOTED_BRACKETS = ("YAML reads an unquoted [...] key as a list, not as the text \"[...]\", so Spring does not "
                     "bind it to the Kafka property it names; quote it: \"[property.name]\": value")


def classify(entry: Entry) -> Classified:
    """The producer setting a `spring.kafka.*` key makes, or why it makes none."""
    if entry.yaml_type == "map" or not entry.path:
        return None
    parts, forms = split(entry)
    if len(forms) < 3 or forms[0] != "spring" or forms[1] != "kafka":
        return None
    if unquoted_bracket_key(entry):
        return UNQUOTED_BRACKETS if forms[2] in ("producer", "properties") else None
    head, value = forms[2], entry.value
    if head == "producer":
        return _producer_key(entry, parts, forms)
    if head == "properties":
        key = map_key(parts[3:])
        return Item(COMMON_PROPERTIES, key, value, entry) if key and key not in CONSUMER_ONLY_KEYS else None
    if head in ("bootstrapservers", "clientid") and len(forms) == 3:
        return Item(COMMON, DEDICATED[head], value, entry)
    if head == "ssl" and len(forms) == 4 and forms[3] in SSL_FIELDS:
        key = SSL_FIELDS[forms[3]]
        return Item(COMMON_SSL, key, value, entry) if key else None
    if head == "security" and forms[3:] == ["protocol"]:
        return Item(COMMON_SECURITY, "security.protocol", value, entry)
    if head in _OTHER_FIELDS:
        return None
    return _misplaced(parts[2:], "spring.kafka")


def _producer_key(entry: Entry, parts: list[Element], forms: list[str]) -> Classified:
    if len(forms) < 4:
        return None
    field, value = forms[3], entry.value
    if field == "properties":
        key = map_key(parts[4:])
        if not key:
            return None
        if key in CONSUMER_ONLY_KEYS:
            return (f"{key} is a consumer property: spring.kafka.producer.properties goes to the producer "
                    "only, which ignores it; move it to spring.kafka.consumer.properties")
        return Item(PRODUCER_PROPERTIES, key, value, entry)
    if len(forms) == 4:
        if field == "transactionidprefix":
            return Item(TX, "transaction-id-prefix", value, entry)
        if field in DEDICATED:
            key = DEDICATED[field]
            if field in ("batchsize", "buffermemory", "retries") and (value is None or not value.strip()):
                return None  # an empty value converts to null: the field stays unset
            if field in ("batchsize", "buffermemory"):
                value = data_size(value, as_int=field == "batchsize")
            return Item(PRODUCER, key, value, entry)
    if field == "ssl" and len(forms) == 5 and forms[4] in SSL_FIELDS:
        key = SSL_FIELDS[forms[4]]
        return Item(PRODUCER_SSL, key, value, entry) if key else None
    if field == "security" and forms[4:] == ["protocol"]:
        return Item(PRODUCER_SECURITY, "security.protocol", value, entry)
    return _misplaced(parts[3:], "spring.kafka.producer")


def _misplaced(rest: list[Element], prefix: str) -> Classified:
    """A key Spring Boot has no property for: ignored. Worth saying only when it names a producer setting
    (`spring.kafka.producer.linger-ms`); applications read their own keys under spring.kafka too."""
    key = as_kafka_key(rest)
    if key not in PRODUCER_KEYS:
        return None
    field = _DEDICATED_FIELD.get(key)
    fix = f"spring.kafka.producer.{field}" if field else f"spring.kafka.producer.properties.{key}"
    return (f"Spring Boot has no such property under {prefix} and binds nothing from it, so the producer "
            f"never sees {key}; write {fix}")


_DATA_SIZE = re.compile(r"([+-]?[0-9]{1,30})([a-zA-Z]{0,2})")
_DATA_UNITS = {"": 1, "B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}


def data_size(text: Optional[str], as_int: bool = False) -> Optional[str]:
    """Spring's `DataSize.parse`: `16KB` -> 16384 (units B, KB, MB, GB, TB, case-sensitive; none means bytes).
    A value it cannot parse is passed on unchanged: the application fails at startup, and the client's
    own check reports the value."""
    if text is None:
        return None
    match = _DATA_SIZE.fullmatch(re.sub(r"\s+", "", text))
    if match is None or match.group(2) not in _DATA_UNITS:
        return text
    number = int(match.group(1)) * _DATA_UNITS[match.group(2)]
    if not -2 ** 63 <= number < 2 ** 63:
        return text
    if as_int:  # PropertyMapper.asInt: Number.intValue() of the long
        number = (number + 2 ** 31) % 2 ** 32 - 2 ** 31
    return str(number)


# ---------------------------------------------------------------- from items to layers


def merge(items: Iterable[Item]) -> list[Item]:
    """Later documents and files replace earlier ones property by property, keeping first places."""
    merged: dict[tuple[str, str, str, str], Item] = {}
    for item in items:
        merged[item.identity] = item
    return list(merged.values())


def classified(variant: Variant, classify_entry: Callable[[Entry], Classified],
               cache: dict[int, Classified], classify_other: Optional[Callable[[Entry], Classified]] = None
               ) -> Iterator[Item]:
    """The variant's items in precedence order, each file's entries classified once (those of other files
    with `classify_other` when given: an environment's application files)."""
    for entry, file in variant.entries:
        if id(entry) not in cache:
            cache[id(entry)] = (classify_other or classify_entry)(entry) if file is not None else classify_entry(
                entry)
        item = cache[id(entry)]
        if isinstance(item, Item):
            yield item if file is None else item._replace(file=file)


def layers_for(items: Iterable[Item], levels: Iterable[str],
               name: Optional[Callable[[str], str]] = None) -> list[Layer]:
    """One layer per level (a key from another file in a layer of its own, named after the file)."""
    by_level: dict[str, list[Item]] = {}
    for item in items:
        by_level.setdefault(item.level, []).append(item)
    layers = []
    for level in levels:
        title = name(level) if name else level
        foreign: dict[str, list[Setting]] = {}
        own = []
        for item in by_level.get(level, []):
            if item.file is None:
                own.append(Setting(item.key, item.value, item.entry))
            else:
                foreign.setdefault(item.file, []).append(Setting(item.key, item.value, None, item.entry.expression))
        layers.extend(Layer(f"{title} ({file})", settings) for file, settings in foreign.items())
        if own:
            layers.append(Layer(title, own))
    return layers


def factory_framework(layers: list[Layer], prefix: Optional[str], name: str,
                      put_if_absent: tuple[tuple[str, str], ...] = ()) -> Optional[FrameworkLayer]:
    """DefaultKafkaProducerFactory: a transaction id prefix (set, or a transactional.id in the
    configuration) puts enable.idempotence=true if absent; each producer's transactional.id is
    the prefix and a number."""
    config: dict[str, Optional[str]] = {}
    for layer in layers:
        for setting in layer.settings:
            config[setting.key] = setting.value
    forced: tuple[tuple[str, str], ...] = ()
    transactional = prefix is not None or bool((config.get("transactional.id") or "").strip())
    if prefix is not None:
        forced = (("transactional.id", f"{prefix}0"),)
    if transactional:
        put_if_absent = put_if_absent + (("enable.idempotence", "true"),)
    if not put_if_absent and not forced:
        return None
    return FrameworkLayer(name, put_if_absent=put_if_absent, forced=forced)


def position(layers: list[Layer], fallback: Optional[Entry] = None) -> tuple[int, int, int]:
    """Where a producer is declared: the first key of its most specific layer in the linted file."""
    for layer in reversed(layers):
        for setting in layer.settings:
            if setting.entry is not None:
                return setting.entry.line, setting.entry.column, setting.entry.document
    if fallback is not None:
        return fallback.line, fallback.column, fallback.document
    return 1, 1, 0


def unread_entries(loaded: LoadedFile, classify_entry: Callable[[Entry], Classified],
                   cache: dict[int, Classified]) -> list[UnreadEntry]:
    found = []
    for doc in loaded.documents:
        for entry in doc.entries:
            if id(entry) not in cache:
                cache[id(entry)] = classify_entry(entry)
            reason = cache[id(entry)]
            if isinstance(reason, str):
                found.append(UnreadEntry(entry, reason))
    return found


def _fingerprint_spec(spec: ProducerSpec) -> tuple:
    layers = tuple((layer.name, tuple((s.key, s.value, id(s.entry)) for s in layer.settings)) for layer in spec.layers)
    return layers, spec.framework


def distinct(runs: list[list[ProducerSpec]]) -> list[ProducerSpec]:
    """The producers of each run; a profile that changes nothing a producer of the default run (the first)
    receives, or only where and as whom it connects (common.same_delivery), is not a producer of its own."""
    if not runs:
        return []
    kept = list(runs[0])
    default = {_fingerprint_spec(spec) for spec in runs[0]}
    for specs in runs[1:]:
        kept.extend(spec for spec in specs if _fingerprint_spec(spec) not in default and not any(
            other.framework == spec.framework and same_delivery(other.layers, spec.layers) for other in runs[0]))
    return kept


# ---------------------------------------------------------------- the dialect


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    cache: dict[int, Classified] = {}
    runs: list[list[ProducerSpec]] = []
    classify_entry = classify_env if loaded.format == "env" else classify
    for variant in variants(loaded, loaded.budget):
        items = merge(classified(variant, classify_entry, cache, classify))
        runs.append([])
        # an environment over the application's files is a producer of its own when it changes one
        if not _configures_producer([i for i in items if i.file is None] if loaded.overrides else items):
            continue
        prefix_items = [i for i in items if i.level == TX]
        layers = layers_for((i for i in items if i.level != TX), BOOT_LEVELS)
        prefix = prefix_items[-1].value if prefix_items else None
        framework = factory_framework(layers, prefix, FRAMEWORK_NAME)
        line, column, document = position(layers, prefix_items[-1].entry if prefix_items else None)
        runs[-1].append(ProducerSpec(f"{PRODUCER}{variant.label}", line, column, document, layers, framework,
                                     client_family="java"))
    result.producers = distinct(runs)
    result.unread = unread_entries(loaded, classify_entry, cache)
    result.documents = entry_documents(loaded)
    return result


def _configures_producer(items: list[Item]) -> bool:
    return any(item.level in PRODUCER_LEVELS or item.level == TX
               or (item.level == COMMON_PROPERTIES and item.key in _PRODUCER_EVIDENCE) for item in items)
