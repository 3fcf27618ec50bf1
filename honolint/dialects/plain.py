"""Plain Kafka keys: a producer `.properties` file, or YAML whose keys are Kafka property names.

Nested YAML maps are joined with dots (`enable: {idempotence: true}` is `enable.idempotence`).
Every document of a YAML file that configures a producer is one. The client is the one `--client`
names: a file written in librdkafka's names (kcat, confluent-kafka) is the librdkafka dialect's,
detected before this one; `--dialect plain` on such a file lints it for the client `--client` names.

Whose file it is, as Kafka's own `config/producer.properties` and `config/consumer.properties` show
(the CLI tools take either with `--producer.config` / `--consumer.config`), decided per document:

1. a key only the producer has (`acks`, `linger.ms`, `batch.size`, `key.serializer`, ...): a producer's;
2. else a file name that says producer (`producer.properties`, `kafka-producer.yml`): a producer's,
   and a consumer key in it is reported as one;
3. else a key only the consumer has (`group.id`, `auto.offset.reset`, ...) or a file name that says
   consumer (`consumer.properties`): a consumer's, no producer;
4. else (only keys every client shares: `bootstrap.servers`, `client.id`, `security.*`, `sasl.*`,
   `ssl.*`; a `client.properties` that `--command-config` and both console tools read): no producer.
   Such a file sets nothing a producer's delivery depends on, and linting it as a producer would judge
   the client's defaults for code honolint does not see; it is a producer's once it sets a producer key
   (`acks=all`) or its name says so, or when `--dialect plain` (or a `dialect=plain` directive) says it
   is one: a file chosen to be plain is linted as a producer's, whatever its keys.

A file of only such connection or consumer documents reports why (HL005 when named explicitly).
"""
from __future__ import annotations

import os
from typing import Optional

from honolint.load import PROPERTIES_BOM
from honolint.model import DialectResult, Document, Entry, Layer, LoadedFile, ProducerSpec, Setting
from honolint.profiles.java_keys import CONSUMER_ONLY_KEYS, PRODUCER_KEYS, PRODUCER_ONLY_KEYS

NAME = "plain"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = "Kafka property names at the root: producer.properties, a flat YAML map (not a consumer's file)"
DETECTION = ("a key at the root of the file is a Kafka client property (acks, bootstrap.servers, ...); a producer "
             "when a key only producers have is set or the file name says producer")

# librdkafka spellings that a kcat or confluent-kafka file uses where Java has another name: a file that
# mixes them with Java-only names is still a producer file (for Java, which does not know them)
LIBRDKAFKA_PRODUCER_NAMES = frozenset({
    "request.required.acks", "message.send.max.retries", "max.in.flight", "queue.buffering.max.ms",
    "message.timeout.ms", "compression.codec", "queue.buffering.max.messages",
})
LIBRDKAFKA_COMMON_NAMES = frozenset({"sasl.mechanisms"})


def _key(entry: Entry) -> str:
    return entry.key.removeprefix(PROPERTIES_BOM)  # still a client file, whose first key the client misreads


def _is_client_key(entry: Entry) -> bool:
    key = _key(entry)
    return key in PRODUCER_KEYS or key in CONSUMER_ONLY_KEYS or key in LIBRDKAFKA_PRODUCER_NAMES \
        or key in LIBRDKAFKA_COMMON_NAMES


def _named(loaded: LoadedFile) -> Optional[str]:
    """producer or consumer, when the file's name says one and not the other."""
    name = os.path.basename(loaded.path).lower()
    producer, consumer = "produc" in name, "consum" in name
    return "producer" if producer and not consumer else "consumer" if consumer and not producer else None


def _whose(doc: Document, named: Optional[str]) -> tuple[str, Optional[Entry]]:
    """producer, consumer or connection (only shared keys), and the entry that says so."""
    consumer_key = None
    for entry in doc.entries:
        key = _key(entry)
        if key in PRODUCER_ONLY_KEYS or key in LIBRDKAFKA_PRODUCER_NAMES:
            return "producer", entry
        if consumer_key is None and key in CONSUMER_ONLY_KEYS:
            consumer_key = entry
    if named == "producer":
        return "producer", None
    if consumer_key is not None or named == "consumer":
        return "consumer", consumer_key
    return "connection", None


def matches(loaded: LoadedFile) -> bool:
    return any(_is_client_key(entry) for doc in loaded.documents for entry in doc.entries)


def extract(loaded: LoadedFile) -> DialectResult:
    return _extract(loaded, chosen=False)


def extract_chosen(loaded: LoadedFile) -> DialectResult:
    """`--dialect plain`: every document that holds a client key is a producer's, a lone document always."""
    return _extract(loaded, chosen=True)


def _extract(loaded: LoadedFile, chosen: bool) -> DialectResult:
    result = DialectResult(NAME)
    several = len(loaded.documents) > 1
    named = _named(loaded)
    first_other: Optional[tuple[str, Optional[Entry]]] = None
    for doc in loaded.documents:
        if several and not any(_is_client_key(entry) for entry in doc.entries):
            continue
        whose, entry = ("producer", None) if chosen else _whose(doc, named)
        if whose != "producer":
            first_other = first_other or (whose, entry)
            continue
        line, column = (doc.entries[0].line, doc.entries[0].column) if doc.entries else (1, 1)
        scope = f"document {doc.index + 1}" if several else "producer"
        layer = Layer(loaded.path, [Setting(e.key, e.value, e) for e in doc.entries])
        result.producers.append(ProducerSpec(scope, line, column, doc.index, [layer]))
    if not result.producers and first_other is not None:
        result.no_producer = _why(*first_other)
    return result


def _why(whose: str, entry: Optional[Entry]) -> tuple[str, Optional[Entry]]:
    if whose == "consumer" and entry is not None:
        return (f"a consumer's configuration ({_key(entry)} is a consumer property, and no key only producers "
                "have is set)", entry)
    if whose == "consumer":
        return "a consumer's configuration, as its name says (no key only producers have is set)", None
    return ("only settings every Kafka client shares (bootstrap.servers, client.id, security): nothing says a "
            "producer reads it; --dialect plain lints it as a producer's", None)
