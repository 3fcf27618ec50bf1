"""Fluent Bit's `kafka` output plugin: `rdkafka.<property>` keys handed to librdkafka, one producer per output.

Classic format (`fluent-bit.conf`): an `[OUTPUT]` section with `Name kafka`; keys are
case-insensitive and separated from their values by whitespace. YAML format (`fluent-bit.yaml`):
an item of `pipeline.outputs` with `name: kafka` (the loader walks a sequence of mappings with the
item's index as a path segment: `("pipeline", "outputs", "1", "name")`).

What the plugin does (`src/flb_kafka.c` `flb_kafka_conf_create`): `client.id` from `client_id`
(default `fluent-bit`), `bootstrap.servers` from `Brokers`, then every `rdkafka.*` key in file order,
the prefix matched case-insensitively and the rest passed verbatim to `rd_kafka_conf_set`. A property
librdkafka does not know is only logged there ("cannot configure '<k>' property") and the output
starts without it, so an unknown `rdkafka.*` name is reported as not read instead of as a refusal. A
librdkafka name written without the `rdkafka.` prefix never reaches librdkafka. The other plugin keys
(`Topics`, `Format`, `Match`, `queue_full_retries`, ...) are not librdkafka's. Fluent Bit's docs
recommend `rdkafka.request.required.acks 1`: nothing special here, the rules judge it.
"""
from __future__ import annotations

from honolint.model import (DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)

NAME = "fluent-bit"
EXPRESSIONS = "fluent-bit"  # Fluent Bit's ${VAR}
SUMMARY = ("Fluent Bit kafka output (fluent-bit.conf [OUTPUT] sections, fluent-bit.yaml pipeline.outputs): "
           "rdkafka.<librdkafka property>, one producer per output")
DETECTION = "an [OUTPUT] section with Name kafka (any case), or an item of pipeline.outputs with name: kafka"

PREFIX = "rdkafka."
FRAMEWORK = FrameworkLayer(name="Fluent Bit", put_if_absent=(("client.id", "fluent-bit"),))
# plugin keys that become librdkafka properties before the rdkafka.* keys are applied
PLUGIN_PROPERTIES = {"brokers": "bootstrap.servers", "client_id": "client.id"}
# Fluent Bit's own dotted property families, never librdkafka's
OWN_PREFIXES = ("storage.", "net.", "tls.", "processors.")


def _is_kafka_output(entries: list[Entry]) -> bool:
    return any(e.path[-1].lower() == "name" and (e.value or "").strip().lower() == "kafka" for e in entries)


def _classic_outputs(loaded: LoadedFile) -> list[tuple[str, int, list[Entry]]]:
    """(scope, document, entries) of each kafka [OUTPUT] section."""
    found, number = [], 0
    for doc in loaded.documents:
        if (doc.name or "").strip().lower() != "output":
            continue
        number += 1
        entries = [e for e in doc.entries if len(e.path) == 1]
        if _is_kafka_output(entries):
            found.append((f"[OUTPUT] #{number} (kafka)", doc.index, entries))
    return found


def _yaml_outputs(loaded: LoadedFile) -> list[tuple[str, int, list[Entry]]]:
    """(scope, document, entries) of each `pipeline.outputs` item with name: kafka."""
    found = []
    for doc in loaded.documents:
        items: dict[str, list[Entry]] = {}
        for entry in doc.entries:
            path = entry.path
            if len(path) == 4 and path[0].lower() == "pipeline" and path[1].lower() == "outputs":
                items.setdefault(path[2], []).append(entry)
        for index, entries in items.items():
            if _is_kafka_output(entries):
                found.append((f"pipeline.outputs[{index}] (kafka)", doc.index, entries))
    return found


def _outputs(loaded: LoadedFile) -> list[tuple[str, int, list[Entry]]]:
    if loaded.format == "ini":
        return _classic_outputs(loaded)
    if loaded.format in ("yaml", "json"):
        return _yaml_outputs(loaded)
    return []


def matches(loaded: LoadedFile) -> bool:
    return bool(_outputs(loaded))


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for scope, document, entries in _outputs(loaded):
        plugin, rdkafka = [], []
        for entry in entries:
            key, value = entry.path[-1], _text(entry)
            lower = key.lower()
            if lower in PLUGIN_PROPERTIES:
                plugin.append(Setting(PLUGIN_PROPERTIES[lower], value, entry))
            elif lower.startswith(PREFIX) and len(key) > len(PREFIX):
                name = key[len(PREFIX):]
                if _known(name):
                    rdkafka.append(Setting(name, value, entry))
                else:
                    result.unread.append(UnreadEntry(entry, _unknown(name)))
            elif _misses_prefix(key):
                result.unread.append(UnreadEntry(entry, _no_prefix(key)))
        anchor = next((e for e in entries if e.path[-1].lower() == "name"), entries[0])
        base = scope.removesuffix(" (kafka)")
        layers = [Layer(base, plugin), Layer(f"{base} {PREFIX}*", rdkafka)]
        result.producers.append(ProducerSpec(scope, anchor.line, anchor.column, document, layers, FRAMEWORK,
                                             client_family="librdkafka"))
    return result


def _text(entry: Entry) -> str:
    """What Fluent Bit hands on: the scalar as written (its YAML reader does not apply YAML 1.1 typing)."""
    if entry.raw is not None:
        return entry.raw
    return entry.value if entry.value is not None else ""


def _known(name: str) -> bool:
    from honolint.dialects.librdkafka import librdkafka_row

    return librdkafka_row(name) is not None


def _misses_prefix(key: str) -> bool:
    lower = key.lower()
    return "." in key and not lower.startswith(OWN_PREFIXES) and _known(key)


def _unknown(name: str) -> str:
    from honolint.profiles.librdkafka_keys import PROPERTIES
    from honolint.spelling import closest

    close = closest(name, PROPERTIES)
    hint = f"; did you mean rdkafka.{close}?" if close else ""
    return (f"{name} is not a librdkafka property: Fluent Bit logs \"cannot configure '{name}' property\" and "
            f"starts the output without it{hint}")


def _no_prefix(key: str) -> str:
    return (f"Fluent Bit hands only rdkafka.* keys to librdkafka (and rejects unknown plugin properties): "
            f"write rdkafka.{key}")
