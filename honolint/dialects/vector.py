"""Vector's `kafka` sink: `sinks.<id>` with `type = "kafka"`, in vector.toml, vector.yaml or vector.json.

What the sink hands librdkafka (`src/sinks/kafka/config.rs`, `KafkaSinkConfig::to_rdkafka`), in
this order: `bootstrap.servers` (`bootstrap_servers`), `socket.timeout.ms` (`socket_timeout_ms`,
default 60000), `statistics.interval.ms=1000`, `compression.codec` (`compression`, default `none`),
`message.timeout.ms` (`message_timeout_ms`, default 300000), the `batch` options
(`timeout_secs` -> `queue.buffering.max.ms` in ms, `max_events` -> `batch.num.messages`,
`max_bytes` -> `batch.size`; Vector refuses a sink that also sets the same key in
`librdkafka_options`), then every `librdkafka_options` entry, which wins. Vector's defaults are the
framework's values here: they are set explicitly, after the file's own fields, when the file sets
neither the property nor an alias of it.

`librdkafka_options` is a map of strings. In TOML an unquoted dotted key makes nested tables
(`request.required.acks = "-1"` under `[sinks.x.librdkafka_options]` is the table `request`), so
Vector never passes the property: such a key is reported as not read, with the quoted spelling.
"""
from __future__ import annotations

import math

from honolint.model import (DialectResult, Document, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec,
                            Setting, UnreadEntry)

NAME = "vector"
EXPRESSIONS = "vector"  # Vector's environment variable interpolation
SUMMARY = ("Vector kafka sink (vector.toml / .yaml / .json): sinks.<id>.librdkafka_options.<property> over the "
           "sink's own compression, message_timeout_ms, socket_timeout_ms, bootstrap_servers, batch.*")
DETECTION = "a sink with type \"kafka\": sinks.<id>.type = \"kafka\""

FORMATS = ("toml", "yaml", "json")
OPTIONS = "librdkafka_options"
# the sink's own fields and the librdkafka property each one sets
OWN_FIELDS = {
    ("bootstrap_servers",): "bootstrap.servers",
    ("socket_timeout_ms",): "socket.timeout.ms",
    ("compression",): "compression.codec",
    ("message_timeout_ms",): "message.timeout.ms",
    ("batch", "timeout_secs"): "queue.buffering.max.ms",
    ("batch", "max_events"): "batch.num.messages",
    ("batch", "max_bytes"): "batch.size",
}
BATCH_FIELDS = {("batch", "timeout_secs"), ("batch", "max_events"), ("batch", "max_bytes")}
# what Vector sets when the file does not: (property, value, aliases that count as setting it)
DEFAULTS = (
    ("socket.timeout.ms", "60000", ()),
    ("statistics.interval.ms", "1000", ()),
    ("compression.codec", "none", ("compression.type",)),
    ("message.timeout.ms", "300000", ("delivery.timeout.ms",)),
)


def _kafka_sinks(doc: Document) -> dict[str, Entry]:
    """sink id -> its `type` entry, for every sink of type kafka."""
    return {e.path[1]: e for e in doc.entries
            if len(e.path) == 3 and e.path[0] == "sinks" and e.path[2] == "type" and (e.value or "").strip() == "kafka"}


def matches(loaded: LoadedFile) -> bool:
    return loaded.format in FORMATS and any(_kafka_sinks(doc) for doc in loaded.documents)


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    if loaded.format not in FORMATS:
        return result
    for doc in loaded.documents:
        sinks = _kafka_sinks(doc)
        by_sink: dict[str, list[Entry]] = {}
        for e in doc.entries:
            if len(e.path) > 2 and e.path[0] == "sinks" and e.path[1] in sinks:
                by_sink.setdefault(e.path[1], []).append(e)
        for sink, anchor in sinks.items():
            result.producers.append(_producer(loaded, doc, sink, anchor, by_sink.get(sink, []), result.unread))
    return result


def _producer(loaded: LoadedFile, doc: Document, sink: str, anchor: Entry, entries: list[Entry],
              unread: list[UnreadEntry]) -> ProducerSpec:
    scope = f"sinks.{sink}"
    options: list[Setting] = []
    for entry in entries:
        rest = entry.path[2:]
        if rest[0] != OPTIONS or len(rest) == 1:
            continue
        if len(rest) == 2:
            options.append(Setting(rest[1], _text(entry), entry))
        else:
            unread.append(UnreadEntry(entry, _nested(loaded, rest[1:], _text(entry))))
    option_keys = {setting.key for setting in options}
    own: list[Setting] = []
    for entry in entries:
        rest = entry.path[2:]
        prop = OWN_FIELDS.get(rest)
        if prop is None or (rest in BATCH_FIELDS and prop in option_keys):
            continue  # a batch option that librdkafka_options repeats: Vector refuses the sink
        value = _batch_timeout(entry.value) if rest == ("batch", "timeout_secs") else entry.value
        if value is not None:
            own.append(Setting(prop, value, entry))
    present = option_keys | {setting.key for setting in own}
    framework = FrameworkLayer("Vector", put_if_absent=tuple(
        (key, value) for key, value, aliases in DEFAULTS if not present & {key, *aliases}))
    layers = [Layer(scope, own), Layer(f"{scope}.{OPTIONS}", options)]
    return ProducerSpec(scope, anchor.line, anchor.column, doc.index, layers, framework,
                        client_family="librdkafka")


def _text(entry: Entry) -> str:
    """A YAML plain scalar as written (a string field receives its text); TOML and JSON values as read."""
    if entry.raw is not None:
        return entry.raw
    return entry.value if entry.value is not None else ""


def _batch_timeout(text: str | None) -> str | None:
    """`batch.timeout_secs` (seconds, a float) as Vector sets queue.buffering.max.ms: round(x * 1000)."""
    try:
        seconds = float(text or "")
    except ValueError:
        return None
    if not math.isfinite(seconds):
        return None
    millis = abs(seconds) * 1000
    return str(int(math.copysign(math.floor(millis + 0.5), seconds)))  # Rust's f64::round: half away from zero


def _nested(loaded: LoadedFile, parts: tuple[str, ...], value: str) -> str:
    name = ".".join(parts)
    if loaded.format == "toml":
        return (f"an unquoted dotted key in TOML makes nested tables: Vector receives a table '{parts[0]}' in "
                f"{OPTIONS}, not the librdkafka property {name}; quote the key: \"{name}\" = \"{value}\"")
    return (f"{OPTIONS} holds one level of string values: Vector receives a map '{parts[0]}', not the librdkafka "
            f"property {name}; write the key in one piece: \"{name}\": \"{value}\"")
