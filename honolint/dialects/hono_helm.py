"""The Eclipse Hono Helm chart (`eclipse/packages charts/hono`): Kafka client settings in `values.yaml`.

Three trees hold the `hono.kafka` configuration the chart renders into each component's
`application.yml` (config-dialects.md §4.6):

- `adapters.kafkaMessagingSpec`: every protocol adapter (producers telemetry, event, commandResponse);
- `commandRouterService.hono.kafka`: the Command Router (producers commandInternal, commandResponse, event);
- `deviceRegistryExample.hono.kafka`: the example device registry (producers event, notification).

Each has `commonClientConfig.*` and `<client>.producerConfig.*`, the Hono layers and framework of the
`hono` dialect (Hono forces idempotence, adds short timeouts, serves AT LEAST ONCE). A producer per
component and client: `adapters.kafkaMessagingSpec.telemetry`, `commandRouterService.hono.kafka.commandInternal`.

The chart drops configuration silently (`templates/_helpers.tpl`, `hono.kafkaMessagingConfig`):

- with `kafkaMessagingClusterExample.enabled` true (the chart's default) every spec is ignored and the
  chart writes its own `commonClientConfig` for the example cluster: each producer key is reported as not
  read, and no producer is built. The value is read as Helm's `if` reads it: a quoted `"false"` is a
  non-empty string, so true;
- a Command Router or device registry spec without `commonClientConfig."bootstrap.servers"` (one quoted
  key: the chart looks it up with `dig`) is not rendered: that component gets
  `adapters.kafkaMessagingSpec.commonClientConfig` only, so its `producerConfig` blocks are lost;
- `messagingNetworkTypes` without `kafka` renders no Kafka configuration at all.

A `producerConfig` under a client the component does not run as a producer (`commandInternal` is an admin
client in the adapters) is never read either.
"""
from __future__ import annotations

import os
from typing import Optional

from honolint.dialects.hono import Trees, producers_from_trees
from honolint.model import DialectResult, Document, Entry, LoadedFile, Setting, UnreadEntry

NAME = "hono-helm"
EXPRESSIONS = "smallrye"  # the chart renders values into application.yml, which Quarkus reads
SUMMARY = ("Eclipse Hono Helm chart values.yaml: adapters.kafkaMessagingSpec, commandRouterService.hono.kafka, "
           "deviceRegistryExample.hono.kafka (<client>.producerConfig, commonClientConfig)")
DETECTION = ("YAML with adapters.kafkaMessagingSpec, commandRouterService.hono.kafka or "
             "deviceRegistryExample.hono.kafka, and messagingNetworkTypes at the root or a file name values*.yaml")

# (tree in values.yaml, who reads it, its producer clients)
COMPONENTS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("adapters", "kafkaMessagingSpec"), "the protocol adapters", ("telemetry", "event", "commandResponse")),
    (("commandRouterService", "hono", "kafka"), "the Command Router", ("commandInternal", "commandResponse", "event")),
    (("deviceRegistryExample", "hono", "kafka"), "the device registry", ("event", "notification")),
)
ADAPTERS = COMPONENTS[0][0]
_OTHER_CLIENTS = {  # client names a component uses for consumers or admin clients (§4.2)
    "the protocol adapters": {"command": "a consumer", "notification": "a consumer", "commandInternal": "an admin client"},
    "the Command Router": {"command": "a consumer", "notification": "a consumer", "cleanup": "an admin client"},
    "the device registry": {},
}
_EXAMPLE = ("kafkaMessagingClusterExample", "enabled")
_NETWORKS = ("messagingNetworkTypes",)


def matches(loaded: LoadedFile) -> bool:
    if loaded.format not in ("yaml", "json"):
        return False
    named = _values_file_name(loaded.path)
    for doc in loaded.documents:
        trees = networks = False
        for entry in doc.entries:
            trees = trees or _component(entry.path) is not None
            networks = networks or entry.path[:1] == _NETWORKS
            if trees and (networks or named):
                return True
    return False


def _values_file_name(path: str) -> bool:
    name = os.path.basename(path).lower()
    return name.startswith("values") and name.endswith((".yaml", ".yml"))


def _component(path: tuple[str, ...]) -> Optional[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    for component in COMPONENTS:
        if path[:len(component[0])] == component[0]:
            return component
    return None


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        _document(doc, result)
    return result


def _document(doc: Document, result: DialectResult) -> None:
    by_component: dict[tuple[str, ...], list[Entry]] = {}
    example: Optional[Entry] = None
    networks: Optional[Entry] = None
    for entry in doc.entries:
        if entry.path == _EXAMPLE:
            example = entry
        elif entry.path == _NETWORKS:
            networks = entry
        component = _component(entry.path)
        if component is not None:
            by_component.setdefault(component[0], []).append(entry)

    dropped = _everything_dropped(networks, example)
    if dropped is not None:
        for base, entries in by_component.items():
            result.unread.extend(UnreadEntry(e, dropped) for e in entries if _producer_key(e, len(base)))
        return

    adapters_bootstrap = _bootstrap(by_component.get(ADAPTERS, []), ADAPTERS)
    for base, label, clients in COMPONENTS:
        entries = by_component.get(base, [])
        if not entries:
            continue
        if base != ADAPTERS and not _bootstrap(entries, base):
            reason = _fallback_reason(base, label, entries, adapters_bootstrap)
            result.unread.extend(UnreadEntry(e, reason) for e in entries if _producer_key(e, len(base)))
            continue
        trees: Trees = {}
        for entry in entries:
            _read(entry, base, label, clients, trees, result.unread)
        result.producers.extend(producers_from_trees(doc.index, trees, ".".join(base), clients))


def _everything_dropped(networks: Optional[Entry], example: Optional[Entry]) -> Optional[str]:
    """Why the chart renders none of the specs, or None when it renders them."""
    if networks is not None and "kafka" not in _list(networks):
        return (f"messagingNetworkTypes (line {networks.line}) does not contain \"kafka\": the chart renders no "
                f"Kafka configuration for any component")
    if example is None:
        return ("kafkaMessagingClusterExample.enabled is not set here and defaults to true in the chart, which then "
                "ignores every kafkaMessagingSpec and connects the components to its example Kafka cluster; set "
                "kafkaMessagingClusterExample.enabled: false to use this configuration")
    truthy, note = _helm_truthy(example)
    if truthy:
        shown = f'"{example.value}"' if note else (example.value or "empty")
        return (f"kafkaMessagingClusterExample.enabled is {shown} at line {example.line}{note}, so "
                f"the chart ignores every kafkaMessagingSpec and connects the components to its example Kafka "
                f"cluster; set kafkaMessagingClusterExample.enabled: false to use this configuration")
    return None


def _list(entry: Entry) -> list[str]:
    return [item.strip().strip("\"'").lower() for item in (entry.value or "").split(",")]


def _helm_truthy(entry: Entry) -> tuple[bool, str]:
    """How a Go template `if` reads the value: false, 0, null and "" are false; any other string is true."""
    text = entry.value or ""
    if entry.yaml_type == "bool":
        return text == "true", ""
    if entry.yaml_type in ("null", "map", "seq"):
        return bool(text) and entry.yaml_type == "seq", ""
    if entry.yaml_type == "int":
        return text not in ("0", ""), ""
    if entry.yaml_type == "float":
        return text not in ("0.0", "-0.0", ""), ""
    if entry.yaml_type in ("str", None):
        if not text:
            return False, ""
        return True, (" (a quoted string, which Helm's if reads as true whatever it says)"
                      if text.lower() in ("false", "no", "off", "0") else "")
    return bool(text), ""


def _producer_key(entry: Entry, at: int) -> bool:
    """A key under commonClientConfig or a producerConfig, `at` segments into the path."""
    if entry.value is None and entry.yaml_type == "map":
        return False  # an empty mapping: nothing set
    rest = entry.path[at:] if at <= len(entry.path) else ()
    if len(rest) >= 2 and rest[0] in ("commonClientConfig", "producerConfig"):
        return True
    return len(rest) >= 3 and rest[1] == "producerConfig"


def _bootstrap(entries: list[Entry], base: tuple[str, ...]) -> bool:
    """`dig "commonClientConfig" "bootstrap.servers"`: the one quoted key, with a non-empty value."""
    wanted = base + ("commonClientConfig", "bootstrap.servers")
    return any(e.path == wanted and (e.value or "") != "" for e in entries)


def _fallback_reason(base: tuple[str, ...], label: str, entries: list[Entry], adapters_bootstrap: bool) -> str:
    tree = ".".join(base)
    nested = any(e.path[:len(base) + 3] == base + ("commonClientConfig", "bootstrap", "servers") for e in entries)
    why = (f'{tree}.commonClientConfig has no "bootstrap.servers" key'
           + (" (the chart looks for one quoted key, not nested bootstrap: servers:)" if nested else ""))
    then = ("the chart renders only adapters.kafkaMessagingSpec.commonClientConfig for " + label
            if adapters_bootstrap else
            "the chart would render only adapters.kafkaMessagingSpec.commonClientConfig for " + label
            + ", which has no bootstrap.servers either, so the chart refuses to render")
    return f'{why}, so {then} and drops this key; add "bootstrap.servers" to {tree}.commonClientConfig'


def _read(entry: Entry, base: tuple[str, ...], label: str, clients: tuple[str, ...], trees: Trees,
          unread: list[UnreadEntry]) -> None:
    if entry.value is None and entry.yaml_type == "map":
        return
    rest = entry.path[len(base):]
    tree = ".".join(base)
    if len(rest) >= 2 and rest[0] == "commonClientConfig":
        trees.setdefault(("", None), []).append(Setting(".".join(rest[1:]), entry.value, entry))
    elif len(rest) >= 2 and rest[0] == "producerConfig":
        unread.append(UnreadEntry(entry, f"{tree}.producerConfig is no longer read since Hono 1.11: move the key to "
                                         f"{tree}.<client>.producerConfig ({', '.join(clients)}) or to "
                                         f"{tree}.commonClientConfig"))
    elif len(rest) >= 3 and rest[1] == "producerConfig":
        client = rest[0]
        if client in clients:
            trees.setdefault(("", client), []).append(Setting(".".join(rest[2:]), entry.value, entry))
            return
        other = _OTHER_CLIENTS.get(label, {}).get(client)
        what = f"{client} is {other} there" if other else f"no {client} producer runs there"
        unread.append(UnreadEntry(entry, f"{tree}.{client}.producerConfig is never read by {label}: {what} (the "
                                         f"producers: {', '.join(clients)})"))
