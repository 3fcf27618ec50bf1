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

Profiles. Spring reads a file as documents: YAML `---`, and in `.properties` a `#---` or `!---` line
(`OriginTrackedPropertiesLoader`: at column 0, not after a comment line with the same prefix, and a comment
right after it joins the new document to the previous one). A document gated by
`spring.config.activate.on-profile` (legacy `spring.profiles`; `on-cloud-platform` too) applies only when the
profile is active; later documents override earlier ones property by property (maps: key by key). The
default producer is the run without a profile (or with the file's own `spring.profiles.active`); every
profile named in a gate gives a producer of its own, `spring.kafka.producer [profile prod]`, when it
changes anything. A profile-specific file `application-<profile>.*` is layered over the
`application.{yaml,yml,properties}` (and the same profile's other extensions) found next to it, with
`.properties` winning over YAML; settings from those files carry no position (their layer names the file).
Linting a base file evaluates that file alone.

The `.properties` loader sees `#---` as a comment, so this module splits the file itself: it re-reads the
file from disk and uses that text only when it parses to exactly the entries it was given (so stdin or a
file changed meanwhile is never mixed up); otherwise a new document starts at each profile gate key. This
is only done when the file holds a profile gate at all.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import Callable, Iterable, Iterator, NamedTuple, Optional, Union

from honolint.model import (DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)
from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

NAME = "spring-boot"
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

# profile gates and profile activation (uniform forms)
_ON_PROFILE = ("spring", "config", "activate", "onprofile")
_LEGACY_PROFILES = ("spring", "profiles")
_ON_CLOUD = ("spring", "config", "activate", "oncloudplatform")
_ACTIVATE = (("spring", "profiles", "active"), ("spring", "profiles", "include"))
_GATES = (_ON_PROFILE, _LEGACY_PROFILES, _ON_CLOUD)
_PROFILE_FILE = re.compile(r"application-(?P<profile>.+)\.(?:properties|ya?ml)")
BASE_FILES = ("application.yaml", "application.yml", "application.properties")  # lowest precedence first


# ---------------------------------------------------------------- detection


def matches(loaded: LoadedFile) -> bool:
    return any(entry.key[:13].lower() == "spring.kafka." for doc in loaded.documents for entry in doc.entries)


# ---------------------------------------------------------------- property names


Element = tuple[str, bool]  # (text as written, written in [brackets])


def spring_name(entry: Entry) -> str:
    """The property name as Spring flattens it: YAML keys joined with dots, a `[..]` key appended as is."""
    path = entry.path
    if len(path) == 1:
        return path[0]
    name = path[0]
    for segment in path[1:]:
        name += segment if segment.startswith("[") else "." + segment
    return name


def elements(name: str) -> list[Element]:
    """`spring.kafka.producer.properties[linger.ms]` -> spring, kafka, producer, properties, [linger.ms]."""
    if "[" not in name:
        return [(part, False) for part in name.split(".") if part]
    found: list[Element] = []
    i, n, start = 0, len(name), 0
    while i < n:
        char = name[i]
        if char == "[":
            if i > start:
                found.append((name[start:i], False))
            close = name.find("]", i + 1)
            close = n if close < 0 else close
            found.append((name[i + 1:close], True))
            i = start = close + 1
            if i < n and name[i] == ".":
                i = start = i + 1
            continue
        if char == ".":
            if i > start:
                found.append((name[start:i], False))
            start = i + 1
        i += 1
    if start < n:
        found.append((name[start:], False))
    return found


def uniform(text: str) -> str:
    """A field name as relaxed binding compares it: any case, dashes and underscores ignored."""
    return text.lower().replace("-", "").replace("_", "")


_MAP_KEY_DROP = re.compile(r"[^A-Za-z0-9-]")


def map_key(parts: Iterable[Element]) -> str:
    """A Map<String, String> key: bracketed parts as written, others without characters other than
    letters, digits and `-` (Spring's rule for unbracketed map keys), joined with dots."""
    return ".".join(text if bracketed else _MAP_KEY_DROP.sub("", text) for text, bracketed in parts if text)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def as_kafka_key(parts: Iterable[Element]) -> str:
    """What a misplaced `linger-ms`, `lingerMs` or `linger.ms` was meant to be: `linger.ms`."""
    text = ".".join(t for t, _ in parts)
    return re.sub(r"[-_.]+", ".", _CAMEL.sub(".", text)).lower().strip(".")


# ---------------------------------------------------------------- classification of one key


class Item(NamedTuple):
    """One Spring property, as the Kafka setting it becomes at one precedence level."""

    level: str
    key: str
    value: Optional[str]
    entry: Entry
    owner: str = ""  # a binding name, for dialects with one producer per binding
    file: Optional[str] = None  # set for a key from another file (a base application.yml)

    @property
    def identity(self) -> tuple[str, str, str]:
        """Which earlier property a later one replaces (Spring merges documents property by property)."""
        return (self.owner, self.level, self.key)


Classified = Union[Item, str, None]  # an Item, a reason the key is ignored, or nothing for a producer


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


# ---------------------------------------------------------------- documents, files and profiles


class SpringDocument(NamedTuple):
    entries: list[Entry]
    condition: Optional[Callable[[frozenset[str]], bool]]  # None: always active
    names: frozenset[str]  # profile names its gate mentions
    activates: tuple[str, ...]  # spring.profiles.active / include of an ungated document
    file: Optional[str]  # None for the linted file, else the name of the file it comes from


class Variant(NamedTuple):
    """One run of the application: the documents active for a set of profiles, lowest precedence first."""

    label: str  # "" or " [profile prod]"
    active: frozenset[str]
    entries: tuple[tuple[Entry, Optional[str]], ...]


def variants(loaded: LoadedFile) -> list[Variant]:
    """The default run first, then one run per profile the linted file gates a document on."""
    own = documents(loaded, None)
    profile = _profile_of(loaded.path)
    if profile is not None:
        docs = _profile_environment(loaded, own, profile)
        base = frozenset({profile})
    else:
        docs = own
        activated = {name for doc in own if doc.condition is None for name in doc.activates}
        base = frozenset(activated or {"default"})
    runs = [(_label(base) if base != {"default"} else "", base)]
    for name in sorted({name for doc in own for name in doc.names}):
        if name not in base:
            active = (base - {"default"}) | {name}
            runs.append((_label(active), frozenset(active)))
    found = []
    for label, active in runs:
        chosen = tuple((entry, doc.file) for doc in docs if doc.condition is None or _safe(doc.condition, active)
                       for entry in doc.entries)
        found.append(Variant(label, active, chosen))
    return found


def _safe(condition: Callable[[frozenset[str]], bool], active: frozenset[str]) -> bool:
    try:
        return condition(active)
    except Exception:  # a malformed gate: Spring refuses to start; the document applies nowhere
        return False


def _label(active: Iterable[str]) -> str:
    profiles = sorted(p for p in active if not p.startswith("cloud:") and p != "default")
    clouds = sorted(p[6:] for p in active if p.startswith("cloud:"))
    parts = ([f"profile {', '.join(profiles)}"] if profiles else []) + (
        [f"cloud platform {', '.join(clouds)}"] if clouds else [])
    return f" [{'; '.join(parts)}]" if parts else ""


def _profile_of(path: str) -> Optional[str]:
    match = _PROFILE_FILE.fullmatch(os.path.basename(path))
    return match["profile"] if match else None


def _profile_environment(loaded: LoadedFile, own: list[SpringDocument], profile: str) -> list[SpringDocument]:
    """application.{yaml,yml,properties} next to the file, then application-<profile>.* with the linted
    file in its place: `.properties` wins over YAML, a profile-specific file over the base files."""
    directory = os.path.dirname(loaded.path)
    docs: list[SpringDocument] = []
    names = list(BASE_FILES) + [f"application-{profile}.{ext}" for ext in ("yaml", "yml", "properties")]
    for name in names:
        path = os.path.join(directory, name)
        if _same_file(path, loaded.path):
            docs.extend(own)
            continue
        other = _read(path)
        if other is not None:
            docs.extend(documents(other, name))
    if not any(doc.file is None for doc in docs):  # the linted file is not where its name says (stdin)
        docs.extend(own)
    return docs


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.abspath(one) == os.path.abspath(other) or (
            os.path.exists(one) and os.path.exists(other) and os.path.samefile(one, other))
    except (OSError, ValueError):
        return False


def _read(path: str) -> Optional[LoadedFile]:
    try:
        if not os.path.isfile(path):
            return None
        from honolint.load import read_file

        other = read_file(path)
    except (OSError, ValueError):
        return None
    return other if other.error is None else None


def documents(loaded: LoadedFile, file: Optional[str]) -> list[SpringDocument]:
    """The file's Spring documents with their profile gates."""
    if loaded.format == "properties" and len(loaded.documents) == 1:
        parts = _properties_documents(loaded)
    else:
        parts = [doc.entries for doc in loaded.documents]
    return [_document(entries, file) for entries in parts]


def _document(entries: list[Entry], file: Optional[str]) -> SpringDocument:
    conditions: list[Callable[[frozenset[str]], bool]] = []
    names: set[str] = set()
    activates: list[str] = []
    for entry in entries:
        forms = tuple(uniform(text) for text, _ in elements(spring_name(entry)))
        value = (entry.value or "").strip()
        if forms in (_ON_PROFILE, _LEGACY_PROFILES) and value:
            condition, mentioned = profile_condition(value)
            conditions.append(condition)
            names |= mentioned
        elif forms == _ON_CLOUD and value:
            platform = f"cloud:{value.lower()}"
            conditions.append(lambda active, platform=platform: platform in active)
            names.add(platform)
        elif forms in _ACTIVATE:
            activates.extend(p.strip() for p in value.split(",") if p.strip())
    condition = None
    if conditions:
        condition = (lambda active, conditions=tuple(conditions): all(c(active) for c in conditions))
    return SpringDocument(entries, condition, frozenset(names), tuple(activates) if condition is None else (), file)


_TOKEN = re.compile(r"\s*([()!&|]|[^()!&|\s]+)")


def profile_condition(text: str) -> tuple[Callable[[frozenset[str]], bool], frozenset[str]]:
    """Spring's `Profiles.of`: a comma-separated list of expressions with `!`, `&`, `|` and parentheses;
    the document is active when any of them holds."""
    matchers, names = [], set()
    for alternative in (part.strip() for part in text.split(",")):
        if not alternative:
            continue
        tokens = _TOKEN.findall(alternative)
        names |= {t for t in tokens if t not in "()!&|"}
        parser = _Expression(tokens)
        try:
            matcher = parser.expression()
            if parser.position != len(tokens):
                raise ValueError(alternative)
        except (ValueError, IndexError, RecursionError):
            matcher = _never
        matchers.append(matcher)
    return (lambda active: any(m(active) for m in matchers)), frozenset(names)


def _never(active: frozenset[str]) -> bool:
    return False


class _Expression:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.position = tokens, 0

    def _peek(self) -> Optional[str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expression(self) -> Callable[[frozenset[str]], bool]:
        terms = [self.term()]
        while self._peek() == "|":
            self.position += 1
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else (lambda active: any(t(active) for t in terms))

    def term(self) -> Callable[[frozenset[str]], bool]:
        factors = [self.factor()]
        while self._peek() == "&":
            self.position += 1
            factors.append(self.factor())
        return factors[0] if len(factors) == 1 else (lambda active: all(f(active) for f in factors))

    def factor(self) -> Callable[[frozenset[str]], bool]:
        token = self._peek()
        if token is None:
            raise ValueError("expression ends early")
        self.position += 1
        if token == "!":
            inner = self.factor()
            return lambda active: not inner(active)
        if token == "(":
            inner = self.expression()
            if self._peek() != ")":
                raise ValueError("missing )")
            self.position += 1
            return inner
        if token in ")&|":
            raise ValueError(f"unexpected {token}")
        return lambda active: token in active


def _properties_documents(loaded: LoadedFile) -> list[list[Entry]]:
    """A `.properties` file as Spring's documents (see the module docstring)."""
    numbered = _numbered_occurrences(loaded)
    if numbered is None:
        return [loaded.documents[0].entries]
    parts: dict[int, dict[str, Entry]] = {}
    for entry, number in numbered:
        part = parts.setdefault(number, {})
        part.pop(entry.path[0], None)  # within a document the last one wins
        part[entry.path[0]] = entry
    return [list(parts[n].values()) for n in sorted(parts)]


def entry_documents(loaded: LoadedFile) -> Optional[dict[int, int]]:
    """id(entry) -> its Spring document, every occurrence of every key; None for a file Spring reads
    as the loader did (not `.properties`, or no profile gate)."""
    if loaded.format != "properties" or len(loaded.documents) != 1:
        return None
    numbered = _numbered_occurrences(loaded)
    return None if numbered is None else {id(entry): number for entry, number in numbered}


def _numbered_occurrences(loaded: LoadedFile) -> Optional[list[tuple[Entry, int]]]:
    """Every occurrence of a key in file order, with the number of its Spring document; None when the
    file holds no profile gate (one document, whatever its `#---` lines)."""
    doc = loaded.documents[0]
    if not any(tuple(uniform(t) for t, _ in elements(e.path[0])) in _GATES for e in doc.entries if e.path):
        return None
    seen: set[int] = set()
    occurrences = []
    for entry in list(doc.entries) + [d.first for d in doc.duplicates] + [d.second for d in doc.duplicates]:
        if id(entry) not in seen:
            seen.add(id(entry))
            occurrences.append(entry)
    occurrences.sort(key=lambda e: (e.line, e.column))
    text = _raw_properties(loaded)
    if text is not None:
        by_line = spring_properties_documents(text)
        lines = sorted(by_line)
        numbers = []
        for entry in occurrences:
            number = by_line.get(entry.line)
            if number is None:
                before = bisect_right(lines, entry.line)
                number = by_line[lines[before - 1]] if before else 0
            numbers.append(number)
    else:  # no text to find the separators in: a document starts at each profile gate
        numbers, number, gated = [], 0, False
        for entry in occurrences:
            if tuple(uniform(t) for t, _ in elements(entry.path[0])) in _GATES:
                if gated:
                    number += 1
                elif number == 0:
                    number = 1
                gated = True
            numbers.append(number)
    return list(zip(occurrences, numbers))


def _raw_properties(loaded: LoadedFile) -> Optional[str]:
    """The file's text, if the file on disk is the one that was loaded."""
    from honolint.load import MAX_BYTES
    from honolint.load.properties import load_properties

    try:
        if not os.path.isfile(loaded.path) or os.path.getsize(loaded.path) > MAX_BYTES:
            return None
        with open(loaded.path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    again = load_properties(data, loaded.path)
    if again.error is not None or len(again.documents) != 1:
        return None
    if [_fingerprint(e) for e in again.documents[0].entries] != [_fingerprint(e) for e in loaded.documents[0].entries]:
        return None
    return data.decode("iso-8859-1")


def _fingerprint(entry: Entry) -> tuple:
    return (entry.path, entry.value, entry.line, entry.column)


_EOL = re.compile(r"\r\n|\r|\n")


def spring_properties_documents(text: str) -> dict[int, int]:
    """Line number of each key -> its document, as `OriginTrackedPropertiesLoader.load` splits the text."""
    documents: list[list[int]] = []
    current: list[int] = []
    last_prefix: Optional[str] = None
    continuing = False
    for number, line in enumerate(_EOL.split(text), 1):
        body = line.lstrip(" \t\f")
        if continuing:  # a continuation line is value text, whatever it starts with
            continuing = bool(body) and _continues(body)
            continue
        if body[:1] in ("#", "!"):
            prefix = body[0]
            if prefix != last_prefix and len(body) == len(line) and line[1:4] == "---" and (
                    len(line) == 4 or not line[5:].strip(" \t\f")):
                if current:
                    documents.append(current)
                current = []
            else:
                if not current and documents:  # a comment right after a separator: back to that document
                    current = documents.pop()
                last_prefix = prefix
            continue
        last_prefix = None
        if body:
            current.append(number)
            continuing = _continues(body)
    if current:
        documents.append(current)
    return {line: index for index, lines in enumerate(documents) for line in lines}


def _continues(body: str) -> bool:
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


# ---------------------------------------------------------------- from items to layers


def merge(items: Iterable[Item]) -> list[Item]:
    """Later documents and files replace earlier ones property by property, keeping first places."""
    merged: dict[tuple[str, str, str], Item] = {}
    for item in items:
        merged[item.identity] = item
    return list(merged.values())


def classified(variant: Variant, classify_entry: Callable[[Entry], Classified],
               cache: dict[int, Classified]) -> Iterator[Item]:
    """The variant's items in precedence order, each file's entries classified once."""
    for entry, file in variant.entries:
        if id(entry) not in cache:
            cache[id(entry)] = classify_entry(entry)
        item = cache[id(entry)]
        if isinstance(item, Item):
            yield item if file is None else Item(item.level, item.key, item.value, item.entry, item.owner, file)


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
                foreign.setdefault(item.file, []).append(Setting(item.key, item.value, None))
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
    receives is not a producer of its own."""
    if not runs:
        return []
    kept = list(runs[0])
    default = {_fingerprint_spec(spec) for spec in runs[0]}
    for specs in runs[1:]:
        kept.extend(spec for spec in specs if _fingerprint_spec(spec) not in default)
    return kept


# ---------------------------------------------------------------- the dialect


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    cache: dict[int, Classified] = {}
    runs: list[list[ProducerSpec]] = []
    for variant in variants(loaded):
        items = merge(classified(variant, classify, cache))
        runs.append([])
        if not _configures_producer(items):
            continue
        prefix_items = [i for i in items if i.level == TX]
        layers = layers_for((i for i in items if i.level != TX), BOOT_LEVELS)
        prefix = prefix_items[-1].value if prefix_items else None
        framework = factory_framework(layers, prefix, FRAMEWORK_NAME)
        line, column, document = position(layers, prefix_items[-1].entry if prefix_items else None)
        runs[-1].append(ProducerSpec(f"{PRODUCER}{variant.label}", line, column, document, layers, framework,
                                     client_family="java"))
    result.producers = distinct(runs)
    result.unread = unread_entries(loaded, classify, cache)
    result.documents = entry_documents(loaded)
    return result


def _configures_producer(items: list[Item]) -> bool:
    return any(item.level in PRODUCER_LEVELS or item.level == TX
               or (item.level == COMMON_PROPERTIES and item.key in _PRODUCER_EVIDENCE) for item in items)
