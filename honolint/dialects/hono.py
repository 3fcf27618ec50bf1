"""Eclipse Hono (1.11 and later): `hono.kafka.commonClientConfig.*` under `hono.kafka.<client>.producerConfig.*`.

Keys may be nested or dotted in YAML, and Quarkus-quoted in `.properties`
(`hono.kafka.telemetry.producerConfig."max.block.ms"`); a `%profile.` prefix makes a layer that
applies in that profile only. Hono forces `enable.idempotence=true` and adds short timeouts when
absent (`MessagingKafkaProducerConfigProperties.adaptConfiguration`); every Hono producer serves
AT LEAST ONCE traffic (config-dialects.md §4).

Environment files (`.env`, docker `env_file`) use the documented names
`HONO_KAFKA_<CLIENT>_PRODUCERCONFIG_<PROPERTY>` and `HONO_KAFKA_COMMONCLIENTCONFIG_<PROPERTY>`
(config-dialects.md §2.5): a property between double underscores is a quoted, dotted map key
(`..._PRODUCERCONFIG__DELIVERY_TIMEOUT_MS__` is `delivery.timeout.ms`), a one-word property maps to its
lower-case name (`..._ACKS` is `acks`), and an unquoted property of several words
(`..._DELIVERY_TIMEOUT_MS`) cannot be mapped back reliably (§4.5 item 5), so it is reported as not read.
A leading `_<PROFILE>_` is Quarkus's profile prefix for environment variables.

The functions below `# shared` are reused by the `hono-helm` dialect, which finds the same trees inside
the Hono Helm chart's values.
"""
from __future__ import annotations

import re
from typing import Optional

from honolint.model import (DialectResult, Entry, FrameworkLayer, Layer, LoadedFile, ProducerSpec, Setting,
                            UnreadEntry)

NAME = "hono"
EXPRESSIONS = "smallrye"  # Hono runs on Quarkus: SmallRye Config expressions
SUMMARY = ("Eclipse Hono application.yml / application.properties / .env: hono.kafka.<client>.producerConfig, "
           "HONO_KAFKA_<CLIENT>_PRODUCERCONFIG_<PROPERTY>")
DETECTION = ("a key under hono.kafka. (nested, dotted or %profile.-prefixed), or an environment variable "
             "HONO_KAFKA_* in a .env file")

PRODUCER_CLIENTS = ("telemetry", "event", "commandResponse", "commandInternal", "notification")
FRAMEWORK = FrameworkLayer(
    name="Hono",
    put_if_absent=(("delivery.timeout.ms", "2500"), ("request.timeout.ms", "750"), ("max.block.ms", "500")),
    forced=(("enable.idempotence", "true"),),
)
TARGET = "at-least-once"
_KEY = re.compile(
    r"(?:%(?P<profile>[^.]+)\.)?hono\.kafka\."
    r"(?:(?P<common>commonClientConfig)|(?P<legacy>producerConfig)|(?P<client>[^.]+)\.(?P<kind>producerConfig))"
    r"\.(?P<property>.+)"
)
_ENV = re.compile(
    r"(?:_(?P<profile>[A-Z0-9]+)_)?HONO_KAFKA_"
    r"(?:(?P<common>COMMONCLIENTCONFIG)|(?P<legacy>PRODUCERCONFIG)|(?P<client>[A-Z0-9_]+?)_(?P<kind>PRODUCERCONFIG))"
    r"_(?P<property>.+)"
)
_ENV_CLIENTS = {client.upper(): client for client in PRODUCER_CLIENTS}
BASE = "hono.kafka"

# (profile, client or None for commonClientConfig) -> settings, in file order
Trees = dict[tuple[str, Optional[str]], list[Setting]]


def matches(loaded: LoadedFile) -> bool:
    if loaded.format == "env":
        return any(_hono_key(e.key) or _hono_env(e.key) for doc in loaded.documents for e in doc.entries)
    return any(_hono_key(e.key) for doc in loaded.documents for e in doc.entries)


def _hono_key(key: str) -> bool:
    return key.startswith("hono.kafka.") or (key.startswith("%") and ".hono.kafka." in key)


def _hono_env(name: str) -> bool:
    return name.startswith("HONO_KAFKA_") or (name.startswith("_") and "_HONO_KAFKA_" in name)


def _property(name: str) -> str:
    return name[1:-1] if len(name) > 1 and name[0] == name[-1] == '"' else name


def extract(loaded: LoadedFile) -> DialectResult:
    result = DialectResult(NAME)
    for doc in loaded.documents:
        trees: Trees = {}
        for entry in doc.entries:
            if loaded.format == "env" and _env_entry(entry, trees, result.unread):
                continue
            match = _KEY.fullmatch(entry.key)
            if match is None:
                continue
            setting = Setting(_property(match["property"]), entry.value, entry)
            if match["legacy"]:
                result.unread.append(UnreadEntry(entry, LEGACY))
                continue
            trees.setdefault((match["profile"] or "", match["client"]), []).append(setting)
        result.producers.extend(producers_from_trees(doc.index, trees))
    return result


LEGACY = ("hono.kafka.producerConfig is no longer read since Hono 1.11: move the key to "
          "hono.kafka.<client>.producerConfig (telemetry, event, commandResponse, ...) or to "
          "hono.kafka.commonClientConfig")
_LEGACY = LEGACY  # the name this module used before
_ENV_LEGACY = ("HONO_KAFKA_PRODUCERCONFIG_* is no longer read since Hono 1.11: rename it "
               "HONO_KAFKA_<CLIENT>_PRODUCERCONFIG_* (TELEMETRY, EVENT, COMMANDRESPONSE, ...) or "
               "HONO_KAFKA_COMMONCLIENTCONFIG_*")


# ---------------------------------------------------------------- environment variables


def _env_entry(entry: Entry, trees: Trees, unread: list[UnreadEntry]) -> bool:
    """Read one `HONO_KAFKA_...` variable into `trees` (or `unread`); False if it is not one."""
    name = entry.path[0] if len(entry.path) == 1 else entry.key
    match = _ENV.fullmatch(name)
    if match is None:
        return False
    if match["legacy"]:
        unread.append(UnreadEntry(entry, _ENV_LEGACY))
        return True
    client: Optional[str] = None
    if match["client"] is not None:
        client, problem = _env_client(match["client"], name)
        if problem is not None:
            unread.append(UnreadEntry(entry, problem))
            return True
    prop, problem = env_property(match["property"], name)
    if problem is not None:
        unread.append(UnreadEntry(entry, problem))
        return True
    profile = (match["profile"] or "").lower()
    trees.setdefault((profile, client), []).append(Setting(prop, entry.value, entry))
    return True


def _env_client(written: str, name: str) -> tuple[Optional[str], Optional[str]]:
    """Hono's camelCase client name for its upper-case environment form (COMMANDRESPONSE -> commandResponse)."""
    if written in _ENV_CLIENTS:
        return _ENV_CLIENTS[written], None
    if "_" not in written:
        return written.lower(), None  # a client name of a newer Hono: read as written, lower case
    joined = written.replace("_", "")
    if joined in _ENV_CLIENTS:
        fixed = name.replace(f"HONO_KAFKA_{written}_", f"HONO_KAFKA_{joined}_", 1)
        return None, (f"{written} is not a Hono client name: Hono's client {_ENV_CLIENTS[joined]} is written "
                      f"{joined} in an environment variable ({fixed})")
    return None, (f"{written} is not a Hono client name (the producers are "
                  f"{', '.join(c.upper() for c in PRODUCER_CLIENTS)})")


def env_property(written: str, name: str) -> tuple[str, Optional[str]]:
    """The Kafka property of the part after `PRODUCERCONFIG_`/`COMMONCLIENTCONFIG_`, or why it cannot be read.

    `_DELIVERY_TIMEOUT_MS__` (that is, `__DELIVERY_TIMEOUT_MS__` after the separator) is the quoted map key
    `delivery.timeout.ms`; `ACKS` is `acks`; `DELIVERY_TIMEOUT_MS` is ambiguous."""
    inner = written[1:-2]
    if written.startswith("_") and written.endswith("__") and inner and not inner.startswith("_") \
            and not inner.endswith("_"):
        return inner.lower().replace("_", "."), None
    if "_" not in written:
        return written.lower(), None
    stem = name[: len(name) - len(written)]
    guess = written.strip("_").lower().replace("_", ".")
    return "", (f"the environment variable name cannot be mapped back to a property reliably: {written} may be "
                f"{guess} or a name with other separators (Hono admin guide); write the dotted property between "
                f"double underscores, {stem}_{written.strip('_')}__, or also name the key in application.yml")


# ---------------------------------------------------------------- shared with hono-helm


def producers_from_trees(document: int, trees: Trees, base: str = BASE,
                         known_clients: Optional[tuple[str, ...]] = None) -> list[ProducerSpec]:
    """One producer per client with a producerConfig (per profile that changes it), or, when there is none,
    one for commonClientConfig. `base` names the tree: `hono.kafka`, `adapters.kafkaMessagingSpec`, ...
    `known_clients` orders the clients (Hono's own order by default)."""
    order = known_clients or PRODUCER_CLIENTS
    profiles = sorted({profile for profile, _ in trees})
    clients = sorted({client for _, client in trees if client is not None}, key=lambda c: _client_order(c, order))
    specs = []
    for profile in profiles:
        touched = {client for p, client in trees if p == profile}
        if profile and None in touched:
            touched = set(clients) | {None}  # a profiled common key changes every producer
        for client in clients or [None]:
            if profile and client not in touched:
                continue
            layers = _layers(trees, profile, client, base)
            if not any(layer.settings for layer in layers):
                continue
            first = _first_entry(layers)
            name = f"{base}.{client}" if client else f"{base}.commonClientConfig"
            scope = f"%{profile}.{name}" if profile else name
            specs.append(ProducerSpec(scope, first.line, first.column, document, layers, FRAMEWORK, TARGET,
                                      client_family="java"))
    return specs


def _producers(path: str, document: int, trees: Trees) -> list[ProducerSpec]:
    """Kept for callers of the earlier signature."""
    return producers_from_trees(document, trees)


def _layers(trees: Trees, profile: str, client: Optional[str], base: str = BASE) -> list[Layer]:
    names = [("", None)] + ([("", client)] if client else [])
    if profile:
        names += [(profile, None)] + ([(profile, client)] if client else [])
    return [Layer(_layer_name(p, c, base), trees.get((p, c), [])) for p, c in names]


def _layer_name(profile: str, client: Optional[str], base: str = BASE) -> str:
    name = f"{base}.{client}.producerConfig" if client else f"{base}.commonClientConfig"
    return f"%{profile}.{name}" if profile else name


def _first_entry(layers: list[Layer]) -> Entry:
    """Where the producer is declared: the first key of its most specific layer."""
    for layer in reversed(layers):
        for setting in layer.settings:
            if setting.entry is not None:
                return setting.entry
    raise ValueError("a producer without settings")


def _client_order(client: str, order: tuple[str, ...] = PRODUCER_CLIENTS) -> tuple[int, str]:
    return (order.index(client) if client in order else len(order), client)
