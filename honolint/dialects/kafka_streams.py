"""Kafka Streams (`StreamsConfig` properties): un-prefixed producer keys, then `producer.<k>`, which wins.

`StreamsConfig.getProducerConfigs` (apache/kafka streams/.../StreamsConfig.java): the producer gets
`PRODUCER_DEFAULT_OVERRIDES` (`linger.ms=100`), or with exactly-once `PRODUCER_EOS_OVERRIDES` (also
`delivery.timeout.ms=Integer.MAX_VALUE`, `enable.idempotence=true`, `transaction.timeout.ms=10000`),
then every un-prefixed key that is a producer config name, then `producer.*`. Keys under other prefixes
(`main.consumer.`, `restore.consumer.`, `global.consumer.`, `consumer.`, `admin.`, `topic.`) are not
producer keys; `bootstrap.servers` is always the un-prefixed one.

`processing.guarantee` is validated as StreamsConfig of the client's release does (guarantee_judgement):
4.0 accepts only `at_least_once` and `exactly_once_v2` and refuses the `exactly_once` and
`exactly_once_beta` that 3.x accepts with a deprecation warning (KAFKA-16331); 2.x has no `exactly_once_v2`.

Under exactly-once (`processing.guarantee` `exactly_once_v2`, or the older `exactly_once` and
`exactly_once_beta`), `checkIfUnexpectedUserSpecifiedConsumerConfig`
removes a user's `enable.idempotence` and `transactional.id` with a warning, so both are forced here (the
transactional.id is generated per thread: `<application.id>-<process id>-<thread index>`). The user's
`max.in.flight.requests.per.connection` is kept (non-configurable only in name since Kafka 2.0,
KAFKA-6677): above 5 `verifyMaxInFlightRequestPerConnection` throws, as the idempotent client itself
would, so it is passed to the client unchanged and the client profile refuses it. User values for the
other EOS overrides (delivery.timeout.ms, transaction.timeout.ms) win, so those are added when absent.
"""
from __future__ import annotations

from typing import Optional

from honolint.model import (DialectResult, Document, Entry, FrameworkCheck, FrameworkLayer, Judgement, Layer,
                            LoadedFile, ProducerSpec, Setting, UnreadEntry)
from honolint.profiles.java_keys import PRODUCER_KEYS

NAME = "kafka-streams"
EXPRESSIONS = "shell"  # Kafka resolves only config providers; other ${...} is a deploy step's
SUMMARY = ("Kafka Streams properties: un-prefixed producer names and producer.<k> (wins); linger.ms=100, and "
           "exactly-once forces idempotence and a transactional.id")
DETECTION = ("application.id (with no key.serializer, value.serializer or transactional.id, unless "
             "processing.guarantee, a default.*serde key or state.dir is set too)")

PRODUCER_PREFIX = "producer."
INT_MAX = str(2**31 - 1)
GUARANTEE = "processing.guarantee"
EOS_GUARANTEES = ("exactly_once_v2", "exactly_once_beta", "exactly_once")
DEFAULT_OVERRIDES: tuple[tuple[str, str], ...] = (("linger.ms", "100"),)


# keys a plain producer sets and a Streams application does not: Streams hands its producers
# ByteArraySerializers itself (KafkaClientSupplier) and manages transactional.id
PLAIN_PRODUCER_ONLY = frozenset({"key.serializer", "value.serializer", "transactional.id"})


def _is_streams(keys: set[str]) -> bool:
    """`application.id`, a key only StreamsConfig defines, unless the file also sets a key only a plain producer
    does (it then is a producer file with a stray application.id), and always with a Streams-only key."""
    if "application.id" not in keys:
        return False
    if ("processing.guarantee" in keys or "state.dir" in keys
            or any(key.startswith("default.") and "serde" in key for key in keys)):
        return True
    return not any(key in keys for key in PLAIN_PRODUCER_ONLY)


def matches(loaded: LoadedFile) -> bool:
    return any(_is_streams({e.key for e in doc.entries}) for doc in loaded.documents)


def framework(guarantee: Optional[str], application_id: str, entry: Optional[Entry] = None) -> FrameworkLayer:
    """What Streams does to its producers' configuration; `guarantee`: the processing.guarantee as written (at
    `entry`), which StreamsConfig validates for its release (guarantee_judgement)."""
    checks = () if guarantee is None else (FrameworkCheck(GUARANTEE, guarantee, entry, guarantee_judgement),)
    guarantee = (guarantee or "").strip()
    if guarantee not in EOS_GUARANTEES:
        return FrameworkLayer("Kafka Streams", put_if_absent=DEFAULT_OVERRIDES, checks=checks)
    suffix = "<task id>" if guarantee == "exactly_once" else "<process id>-<thread index>"
    return FrameworkLayer(
        f"Kafka Streams ({guarantee})",
        put_if_absent=DEFAULT_OVERRIDES + (("delivery.timeout.ms", INT_MAX), ("transaction.timeout.ms", "10000")),
        forced=(("enable.idempotence", "true"), ("transactional.id", f"{application_id}-{suffix}")),
        checks=checks,
    )


def _guarantees(version: tuple[int, int, int]) -> tuple[str, ...]:
    """StreamsConfig's `in(...)` validator of processing.guarantee in that release."""
    if version >= (4, 0):
        return ("at_least_once", "exactly_once_v2")  # KAFKA-16331 removed exactly_once and exactly_once_beta
    if version >= (3, 0):
        return ("at_least_once", "exactly_once", "exactly_once_beta", "exactly_once_v2")
    if version >= (2, 6):
        return ("at_least_once", "exactly_once", "exactly_once_beta")
    return ("at_least_once", "exactly_once")


def guarantee_judgement(version: tuple[int, int, int], value: str) -> Judgement:
    """What StreamsConfig makes of a processing.guarantee: ConfigDef trims the string and ValidString refuses
    any other value with a ConfigException; 3.x logs a deprecation warning for the EOS v1 and beta values."""
    text = value.strip()
    allowed = _guarantees(version)
    if text not in allowed:
        refusal = (f"Invalid value {text} for configuration {GUARANTEE}: String must be one of: "
                   f"{', '.join(allowed)}")
        fix = ""
        if text in ("exactly_once", "exactly_once_beta") and version >= (4, 0):
            fix = (f"Kafka Streams 4.0 removed {text} (deprecated since 3.0): write {GUARANTEE}=exactly_once_v2 "
                   "(brokers 2.5 or newer)")
        elif text == "exactly_once_v2":
            fix = (f"exactly_once_v2 came with Kafka Streams 3.0: write {GUARANTEE}="
                   f"{'exactly_once_beta' if version >= (2, 6) else 'exactly_once'} on this release")
        return refusal, fix, None
    if version >= (3, 0) and text in ("exactly_once", "exactly_once_beta"):
        note = (" Note that this requires broker version 2.5+ so you should prepare to upgrade your brokers if "
                "necessary." if text == "exactly_once" else "")
        return None, "", (f"Kafka Streams logs \"Configuration parameter `{text}` is deprecated and will be removed "
                          f"in the 4.0.0 release. Please use `exactly_once_v2` instead.{note}\", and 4.0 refuses it")
    return None, "", None


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    several = len(loaded.documents) > 1
    for doc in loaded.documents:
        keys = {e.key: e for e in doc.entries}
        if not _is_streams(set(keys)):
            continue
        spec, unread = _producer(doc, keys, several)
        result.producers.append(spec)
        result.unread.extend(unread)
    return result


def _producer(doc: Document, keys: dict, several: bool) -> tuple[ProducerSpec, list[UnreadEntry]]:
    anchor = keys["application.id"]
    application_id = (anchor.value or "").strip() or "<application.id>"
    plain: list[Setting] = []
    prefixed: list[Setting] = []
    unread: list[UnreadEntry] = []
    for entry in doc.entries:
        key = entry.key
        if key in PRODUCER_KEYS:
            plain.append(Setting(key, entry.value, entry))
        elif key.startswith(PRODUCER_PREFIX) and len(key) > len(PRODUCER_PREFIX):
            name = key[len(PRODUCER_PREFIX):]
            if name == "bootstrap.servers":
                unread.append(UnreadEntry(entry, "Kafka Streams always gives its producers the un-prefixed "
                                                 "bootstrap.servers"))
                continue
            prefixed.append(Setting(name, entry.value, entry))
    guarantee = keys.get(GUARANTEE)
    scope = f"streams application {application_id}"
    if several:
        scope += f", document {doc.index + 1}"
    layers = [Layer("un-prefixed producer keys", plain), Layer("producer.*", prefixed)]
    spec = ProducerSpec(scope, anchor.line, anchor.column, doc.index, layers,
                        framework(guarantee.value if guarantee else None, application_id, guarantee),
                        client_family="java")
    return spec, unread
