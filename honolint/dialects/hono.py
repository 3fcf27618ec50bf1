"""Eclipse Hono (1.11 and later): `hono.kafka.commonClientConfig.*` under `hono.kafka.<client>.producerConfig.*`.

Keys may be nested or dotted in YAML, and Quarkus-quoted in `.properties`
(`hono.kafka.telemetry.producerConfig."max.block.ms"`); a `%profile.` prefix makes a layer that
applies in that profile only. Hono forces `enable.idempotence=true` and adds short timeouts when
absent (`MessagingKafkaProducerConfigProperties.adaptConfiguration`); every Hono producer serves
AT LEAST ONCE traffic (config-dialects.md §4).
"""
from __future__ import annotations

import re

from honolint.model import (DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)

NAME = "hono"
SUMMARY = "Eclipse Hono application.yml / application.properties: hono.kafka.<client>.producerConfig"
DETECTION = "a key under hono.kafka. (nested, dotted or %profile.-prefixed)"

PRODUCER_CLIENTS = ("telemetry", "event", "commandResponse", "commandInternal", "notification")
FRAMEWORK = FrameworkLayer(
    name="Hono",
    put_if_absent=(("delivery.timeout.ms", "2500"), ("request.timeout.ms", "750"), ("max.block.ms", "500")),
    forced=(("enable.idempotence", "true"),),
)
_KEY = re.compile(
    r"(?:%(?P<profile>[^.]+)\.)?hono\.kafka\."
    r"(?:(?P<common>commonClientConfig)|(?P<legacy>producerConfig)|(?P<client>[^.]+)\.(?P<kind>producerConfig))"
    r"\.(?P<property>.+)"
)
COMMON_SCOPE = "hono.kafka.commonClientConfig"


def matches(loaded: LoadedFile) -> bool:
    return any(_hono_key(e.key) for doc in loaded.documents for e in doc.entries)


def _hono_key(key: str) -> bool:
    return key.startswith("hono.kafka.") or (key.startswith("%") and ".hono.kafka." in key)


def _property(name: str) -> str:
    return name[1:-1] if len(name) > 1 and name[0] == name[-1] == '"' else name


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        # (profile, client or None for common) -> settings, in file order
        trees: dict[tuple[str, str | None], list[Setting]] = {}
        for entry in doc.entries:
            match = _KEY.fullmatch(entry.key)
            if match is None:
                continue
            setting = Setting(_property(match["property"]), entry.value, entry)
            if match["legacy"]:
                result.unread.append(UnreadEntry(entry, _LEGACY))
                continue
            trees.setdefault((match["profile"] or "", match["client"]), []).append(setting)
        result.producers.extend(_producers(loaded.path, doc.index, trees))
    return result


_LEGACY = ("hono.kafka.producerConfig is no longer read since Hono 1.11: move the key to "
           "hono.kafka.<client>.producerConfig (telemetry, event, commandResponse, ...) or to "
           "hono.kafka.commonClientConfig")


def _producers(path: str, document: int, trees: dict[tuple[str, str | None], list[Setting]]) -> list[ProducerSpec]:
    profiles = sorted({profile for profile, _ in trees})
    clients = sorted({client for _, client in trees if client is not None}, key=_client_order)
    specs = []
    for profile in profiles:
        touched = {client for p, client in trees if p == profile}
        if profile and None in touched:
            touched = set(clients) | {None}  # a profiled common key changes every producer
        for client in clients or [None]:
            if profile and client not in touched:
                continue
            layers = _layers(trees, profile, client)
            if not any(layer.settings for layer in layers):
                continue
            first = _first_entry(layers)
            base = f"hono.kafka.{client}" if client else COMMON_SCOPE
            scope = f"%{profile}.{base}" if profile else base
            specs.append(ProducerSpec(scope, first.line, first.column, document, layers, FRAMEWORK, "at-least-once",
                                      client_family="java", family_fixed=True))
    return specs


def _layers(trees: dict[tuple[str, str | None], list[Setting]], profile: str, client: str | None) -> list[Layer]:
    names = [("", None)] + ([("", client)] if client else [])
    if profile:
        names += [(profile, None)] + ([(profile, client)] if client else [])
    return [Layer(_layer_name(p, c), trees.get((p, c), [])) for p, c in names]


def _layer_name(profile: str, client: str | None) -> str:
    name = f"hono.kafka.{client}.producerConfig" if client else COMMON_SCOPE
    return f"%{profile}.{name}" if profile else name


def _first_entry(layers: list[Layer]) -> Entry:
    """Where the producer is declared: the first key of its most specific layer."""
    for layer in reversed(layers):
        for setting in layer.settings:
            if setting.entry is not None:
                return setting.entry
    raise ValueError("a producer without settings")


def _client_order(client: str) -> tuple[int, str]:
    return (PRODUCER_CLIENTS.index(client) if client in PRODUCER_CLIENTS else len(PRODUCER_CLIENTS), client)
