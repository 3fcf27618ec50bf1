"""Helpers the dialect modules share: a key below a prefix, and whether two producers deliver alike."""
from __future__ import annotations

from typing import Optional

from honolint.model import Layer

# keys that say where and as whom a client connects, or where its serializers find their schemas: a
# profile that changes only these configures the same producer for another environment
_NEUTRAL = frozenset({"bootstrap.servers", "client.id", "client.dns.lookup", "security.protocol",
                      "security.providers", "schema.registry.url", "apicurio.registry.url"})
_NEUTRAL_PREFIXES = ("sasl.", "ssl.", "basic.auth.", "schema.registry.", "apicurio.auth.", "apicurio.registry.auth.")


def under(key: str, prefix: str) -> Optional[str]:
    """The rest of `key` below `prefix` (`spring.kafka.producer.acks`, `spring.kafka.producer.` -> `acks`)."""
    return key[len(prefix):] if key.startswith(prefix) and len(key) > len(prefix) else None


def delivery_neutral(key: str) -> bool:
    """Whether a key says only where and as whom the producer connects, not how it delivers."""
    return key in _NEUTRAL or key.startswith(_NEUTRAL_PREFIXES)


def same_delivery(first: list[Layer], second: list[Layer]) -> bool:
    """Whether two producers' layers, each merged key by key (a later layer wins), differ only in keys that do
    not change how the producer delivers (delivery_neutral): then the second is the first in another place."""
    one, other = _merged(first), _merged(second)
    return all(delivery_neutral(key) for key in one.keys() | other.keys() if one.get(key) != other.get(key))


def _merged(layers: list[Layer]) -> dict[str, Optional[str]]:
    merged: dict[str, Optional[str]] = {}
    for layer in layers:
        for setting in layer.settings:
            merged[setting.key] = setting.value
    return merged


# ---------------------------------------------------------------- Java's two ways of reading a boolean

_JAVA_BLANKS = "".join(map(chr, range(33)))  # what String.trim() removes: every char up to U+0020
_TRUTHY = frozenset({"yes", "y", "on", "1", "enable", "enabled"})


def parse_boolean(value: Optional[str]) -> bool:
    """Java's Boolean.parseBoolean: `true` in any case, nothing around it."""
    return value is not None and value.lower() == "true"


def config_boolean(value: Optional[str]) -> Optional[bool]:
    """ConfigDef's BOOLEAN: trimmed `true` or `false` in any case; None for anything else, which it refuses."""
    trimmed = (value or "").strip(_JAVA_BLANKS).lower()
    return True if trimmed == "true" else False if trimmed == "false" else None


def meant_true(value: Optional[str]) -> bool:
    """Written as true (`true ` with a blank, `yes`, `on`) but not what Boolean.parseBoolean reads as true."""
    if value is None or parse_boolean(value):
        return False
    return config_boolean(value) is True or value.strip(_JAVA_BLANKS).lower() in _TRUTHY
