"""librdkafka's own configuration: kcat `-F` files and confluent-kafka config maps in YAML or JSON.

* kcat reads `property=value` lines (`-F FILE`, `$KCAT_CONFIG`, `$HOME/.config/kcat.conf`) and hands
  each one to `rd_kafka_conf_set`: the whole file is one producer (scope `producer`).
* confluent-kafka (Python, Go, .NET) takes a flat map of property names, which applications keep
  under any parent path of their own YAML or JSON (`kafka.producer`, `producer_config`, ...). Dotted
  keys are literal map keys there, so a map is the entries that share a parent path, and each map
  written for a producer is one (scope: the parent path). A map is a candidate when most of its keys
  are librdkafka property names (aliases included); it is a producer's when it holds a producer
  property (`acks`, `enable.idempotence`, ...) or its name says so (`producer`); a map of consumer
  properties is a consumer's and is left alone; a map of common names only (`bootstrap.servers`,
  `sasl.*`) is a producer only when nothing else in the document says which map is whose.

Detection: the file name (`kcat.conf`, `*.kcat.conf`, `kafkacat.conf`), or a candidate map that uses
a name only librdkafka knows (`request.required.acks`, `queue.buffering.max.ms`, `sasl.mechanisms`,
`sasl.username`, ...) while no candidate map uses a name only the Java client knows (`key.serializer`,
`max.block.ms`, `sasl.jaas.config`, ...). Names both clients know (`bootstrap.servers`,
`security.protocol`, `session.timeout.ms`) say nothing about the client, nor does whose map it is:
Confluent's `librdkafka.config` template (`sasl.mechanisms`, `sasl.username`, `sasl.password`,
`session.timeout.ms`) is librdkafka's, and as its one map holds a consumer property and no producer
property it is a consumer's, reported as no producer; `--dialect librdkafka` (a file chosen to be of
this layout) lints a document without a producer map as one producer, its root keys. Once a file is
librdkafka's, a Java-only key in it is an unknown property, which librdkafka refuses (HL103 error).
`--dialect plain` lints such a file for the Java client instead.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from honolint.load import is_kcat_name
from honolint.model import DialectResult, Document, Entry, Layer, LoadedFile, ProducerSpec, Setting

NAME = "librdkafka"
EXPRESSIONS = "shell"  # librdkafka resolves nothing; ${...} is a deploy step's
SUMMARY = ("librdkafka property names: a kcat -F file / kcat.conf, or a confluent-kafka config map under any parent "
           "path of a YAML or JSON file (one producer per map)")
DETECTION = ("the file name kcat.conf or *.kcat.conf; or a map (the file's root, or a YAML/JSON sub-map) "
             "of librdkafka property names with a librdkafka-only name (request.required.acks, "
             "queue.buffering.max.ms, sasl.mechanisms, ...) and no Java-only name (key.serializer, max.block.ms, ...); "
             "a producer when a producer property is set or its name says producer")

FORMATS = ("properties", "yaml", "json", "toml")
PRODUCER_WORDS = ("produc",)  # a parent named producer, producers, producer_config, kafkaProducer, ...
CONSUMER_WORDS = ("consum",)


def is_kcat_file(loaded: LoadedFile) -> bool:
    """Read by load/kcat_file.py as kcat reads it (the same names)."""
    return loaded.format == "properties" and is_kcat_name(loaded.path)


# ---------------------------------------------------------------- what a map's keys say


@lru_cache(maxsize=None)
def _java_names() -> frozenset[str]:
    """Every Java producer and consumer property name (java_keys is loaded by `plain` anyway)."""
    from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS

    return PRODUCER_KEYS | CONSUMER_ONLY_KEYS


def _maybe_librdkafka(key: str) -> bool:
    """Cheap: a dotted name the Java client does not know (worth looking up in librdkafka's table)."""
    return "." in key and key not in _java_names()


def librdkafka_row(key: str) -> Optional[tuple]:
    """The property row of a name as rd_kafka_conf_set finds it: global scope, then `topic.<name>` in the
    topic scope (librdkafka_keys, ~20 KB, is imported on the first call: only for a candidate file)."""
    from honolint.profiles.librdkafka_keys import PROPERTIES, TOPIC_SHADOWED

    row = PROPERTIES.get(key)
    if row is not None or not key.startswith("topic."):
        return row
    short = key[len("topic."):]
    if short in TOPIC_SHADOWED:
        return TOPIC_SHADOWED[short]
    row = PROPERTIES.get(short)
    return row if row is not None and row[0] == "topic" else None


def is_librdkafka_only(key: str) -> bool:
    """A settable dotted librdkafka name that no Java producer or consumer property spells the same way."""
    row = librdkafka_row(key)
    return row is not None and row[2] != "see dedicated API" and _maybe_librdkafka(key)


def is_java_only(key: str) -> bool:
    return key in _java_names() and librdkafka_row(key) is None


class _Map:
    """The entries of one document that share a parent path: one confluent-kafka config map."""

    def __init__(self, parent: tuple[str, ...]) -> None:
        self.parent = parent
        self.entries: list[Entry] = []

    def keys(self) -> list[str]:
        return [entry.path[-1] for entry in self.entries]

    def known(self) -> int:
        return sum(librdkafka_row(key) is not None for key in self.keys())

    def candidate(self) -> bool:
        """Most keys are librdkafka property names."""
        keys = self.keys()
        return bool(keys) and 2 * self.known() > len(keys)

    def role(self) -> str:
        """producer, consumer or common (only names every client has); the map's own name counts first."""
        name = next((part for part in reversed(self.parent) if not part.isdigit()), "").lower()
        if any(word in name for word in PRODUCER_WORDS):
            return "producer"
        applies = {row[1] for row in map(librdkafka_row, self.keys()) if row is not None}
        if "P" in applies:
            return "producer"
        if "C" in applies or any(word in name for word in CONSUMER_WORDS):
            return "consumer"
        return "common"

    def evidence(self) -> bool:
        return any(is_librdkafka_only(key) for key in self.keys())

    def java_only(self) -> bool:
        return any(is_java_only(key) for key in self.keys())


def _maps(doc: Document) -> list[_Map]:
    maps: dict[tuple[str, ...], _Map] = {}
    for entry in doc.entries:
        if not entry.path or entry.yaml_type == "map":
            continue  # an empty mapping is no property
        parent = entry.path[:-1]
        maps.setdefault(parent, _Map(parent)).entries.append(entry)
    return list(maps.values())


def producer_maps(doc: Document) -> list[_Map]:
    candidates = [m for m in _maps(doc) if m.candidate()]
    roles = [(m, m.role()) for m in candidates]
    producers = [m for m, role in roles if role == "producer"]
    if producers:
        return producers
    return []  # a consumer's map, or connection settings every client shares: no producer (as plain.py)


def _written_for_librdkafka(loaded: LoadedFile) -> bool:
    """A candidate map uses a name only librdkafka knows, and none uses a name only Java knows. Whose map
    it is (a producer's, a consumer's) is not asked: that is which producers the file has, not its client."""
    names = {e.path[-1] for doc in loaded.documents for e in doc.entries if e.path}
    if not any(_maybe_librdkafka(name) for name in names):
        return False  # every dotted name is a Java one: not worth looking up librdkafka's table
    evidence = False
    for doc in loaded.documents:
        candidates = [m for m in _maps(doc) if m.candidate()]
        if any(m.java_only() for m in candidates):
            return False
        evidence = evidence or any(m.evidence() for m in candidates)
    return evidence


# ---------------------------------------------------------------- the dialect


def matches(loaded: LoadedFile) -> bool:
    if loaded.format not in FORMATS or not any(doc.entries for doc in loaded.documents):
        return False
    return is_kcat_file(loaded) or _written_for_librdkafka(loaded)


def extract(loaded: LoadedFile) -> DialectResult:
    return _extract(loaded, chosen=False)


def extract_chosen(loaded: LoadedFile) -> DialectResult:
    """`--dialect librdkafka`: a document with no producer map is one producer, its root keys."""
    return _extract(loaded, chosen=True)


def _extract(loaded: LoadedFile, chosen: bool) -> DialectResult:
    result = DialectResult(NAME)
    documents = [doc for doc in loaded.documents if doc.entries]
    several = len(loaded.documents) > 1
    kcat = is_kcat_file(loaded)
    consumers: list[_Map] = []
    common: list[_Map] = []
    for doc in documents:
        maps = [] if kcat else producer_maps(doc)
        if kcat and not chosen and not _kcat_producer(loaded, doc):
            common.append(_root(doc))
            continue
        if not maps and not (kcat or chosen):
            consumers += [m for m in _maps(doc) if m.candidate() and m.role() == "consumer"]
            common += [m for m in _maps(doc) if m.candidate() and m.role() == "common"]
            continue
        if not maps:
            root = [e for e in doc.entries if len(e.path) == 1]
            if not root:
                continue
            maps = [_Map(())]
            maps[0].entries = root  # kcat, or a file chosen with --dialect librdkafka
        for producer in maps:
            result.producers.append(_spec(loaded, doc, producer, several))
    if not result.producers and consumers:
        result.no_producer = _consumer_only(consumers[0])
    elif not result.producers and common:
        where = f"{_dotted(common[0].parent)} holds" if common[0].parent else "its keys are"
        result.no_producer = (f"{where} only connection settings every client shares (no producer property is "
                              "set), as a kcat or confluent-kafka file for producing and consuming alike; "
                              "--dialect librdkafka lints it as a producer's", None)
    return result


def _root(doc: Document) -> _Map:
    root = _Map(())
    root.entries = [e for e in doc.entries if len(e.path) == 1]
    return root


def _kcat_producer(loaded: LoadedFile, doc: Document) -> bool:
    """A kcat file is a producer's when it sets a producer property or its name says so (kcat -P and -C read
    the same file)."""
    import os

    name = os.path.basename(loaded.path).lower()
    return any(word in name for word in PRODUCER_WORDS) or _root(doc).role() == "producer"


def _consumer_only(consumer: _Map) -> tuple[str, Optional[Entry]]:
    where = f"{_dotted(consumer.parent)} is" if consumer.parent else "its keys are"
    entry = next((e for e in consumer.entries if (row := librdkafka_row(e.path[-1])) is not None and row[1] == "C"),
                 None)
    why = f"{entry.path[-1]} is a consumer property" if entry is not None else "so its name says"
    return (f"{where} a librdkafka consumer's configuration ({why}, and no producer property is set); "
            "--dialect librdkafka lints it as a producer's", entry)


def _spec(loaded: LoadedFile, doc: Document, producer: _Map, several: bool) -> ProducerSpec:
    if producer.parent:
        scope = _dotted(producer.parent)
        scope = f"{scope} (document {doc.index + 1})" if several else scope
    else:
        scope = f"document {doc.index + 1}" if several else "producer"
    first = _declared_at(doc, producer)
    layer = Layer(_dotted(producer.parent) or loaded.path,
                  [Setting(entry.path[-1], entry.value, entry) for entry in producer.entries])
    return ProducerSpec(scope, first.line, first.column, doc.index, [layer],
                        client_family="librdkafka")


def _dotted(path: tuple[str, ...]) -> str:
    """`kafka.producer`; an item of a list of maps by its index: `producers[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if part.isdigit() and text else (f".{part}" if text else part)
    return text


def _declared_at(doc: Document, producer: _Map) -> Entry:
    """The map's first key of its own: keys merged in from an anchor (`<<: *common`) sit elsewhere."""
    seen: dict[tuple[int, int], int] = {}
    for entry in doc.entries:
        seen[(entry.line, entry.column)] = seen.get((entry.line, entry.column), 0) + 1
    for entry in producer.entries:
        if seen[(entry.line, entry.column)] == 1:
            return entry
    return producer.entries[0]
