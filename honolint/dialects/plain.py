"""Plain Kafka keys: a producer `.properties` file, or YAML whose keys are Kafka property names.

Nested YAML maps are joined with dots (`enable: {idempotence: true}` is `enable.idempotence`).
Every document of a YAML file is a producer of its own. The client is the one `--client` names: a
file written in librdkafka's names (kcat, confluent-kafka) is the librdkafka dialect's, detected
before this one; `--dialect plain` on such a file lints it for the client `--client` names.
"""
from __future__ import annotations

from honolint.load import PROPERTIES_BOM
from honolint.model import DialectResult, Document, Layer, LoadedFile, ProducerSpec, Setting
from honolint.profiles.java_keys import PRODUCER_KEYS

NAME = "plain"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = "Kafka property names at the root: producer.properties, client.properties, a flat YAML map"
DETECTION = "a key at the root of the file is a Kafka producer property (acks, retries, bootstrap.servers, ...)"

# librdkafka spellings that a kcat or confluent-kafka file uses where Java has another name: a file that
# mixes them with Java-only names is still a producer file (for Java, which does not know them)
LIBRDKAFKA_NAMES = frozenset({
    "request.required.acks", "message.send.max.retries", "max.in.flight", "queue.buffering.max.ms",
    "message.timeout.ms", "compression.codec", "queue.buffering.max.messages", "sasl.mechanisms",
})


def _is_producer_key(key: str) -> bool:
    key = key.removeprefix(PROPERTIES_BOM)  # still a producer file, whose first key the client misreads
    return key in PRODUCER_KEYS or key in LIBRDKAFKA_NAMES


def _configures_producer(doc: Document) -> bool:
    return any(_is_producer_key(entry.key) for entry in doc.entries)


def matches(loaded: LoadedFile) -> bool:
    return any(_configures_producer(doc) for doc in loaded.documents)


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    several = len(loaded.documents) > 1
    for doc in loaded.documents:
        if several and not _configures_producer(doc):
            continue
        line, column = (doc.entries[0].line, doc.entries[0].column) if doc.entries else (1, 1)
        scope = f"document {doc.index + 1}" if several else "producer"
        layer = Layer(loaded.path, [Setting(e.key, e.value, e) for e in doc.entries])
        result.producers.append(ProducerSpec(scope, line, column, doc.index, [layer]))
    return result
