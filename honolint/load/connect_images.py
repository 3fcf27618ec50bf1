"""The worker file a Kafka Connect image's entrypoint renders from the container's environment.

- Confluent's images (cp-kafka-connect, cp-server-connect; confluentinc/kafka-images
  `kafka-connect-base/include/etc/confluent/docker/kafka-connect.properties.template`): each `CONNECT_<NAME>`
  is a property, the prefix stripped and lower-cased, a single `_` a `.`, `___` a `-` and `__` a `_`
  (confluent-docker-utils `dub.env_to_props`; the Go `ub` of the 8.1+ images converts the same names alike).
  `CONNECT_PRODUCER_ENABLE_IDEMPOTENCE` is `producer.enable.idempotence`.
- Debezium's (debezium/connect; debezium/container-images `connect-base/<version>/docker-entrypoint.sh`): each
  `CONNECT_<NAME>` lower-cased with every `_` a `.` (no escapes); `CONNECT_LOG4J*` go to log4j.properties
  instead. The entrypoint first exports its short names (BOOTSTRAP_SERVERS, GROUP_ID, CONFIG_STORAGE_TOPIC, ...)
  as their `CONNECT_` forms, which they replace.

Another image whose environment names the settings every Confluent worker must have (CONNECT_BOOTSTRAP_SERVERS,
CONNECT_GROUP_ID, CONNECT_CONFIG_STORAGE_TOPIC) is taken for one built from Confluent's.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from honolint.model import Entry

PREFIX = "CONNECT_"
_REQUIRED = frozenset({"CONNECT_BOOTSTRAP_SERVERS", "CONNECT_GROUP_ID", "CONNECT_CONFIG_STORAGE_TOPIC"})
_SINGLE = re.compile(r"(?<=[^_])_(?=[^_])")  # dub's pattern: an underscore between two other characters
# Debezium's short names, exported over their CONNECT_ forms
_DEBEZIUM_NAMES = {
    "BOOTSTRAP_SERVERS": "bootstrap.servers", "GROUP_ID": "group.id", "CONFIG_STORAGE_TOPIC": "config.storage.topic",
    "OFFSET_STORAGE_TOPIC": "offset.storage.topic", "STATUS_STORAGE_TOPIC": "status.storage.topic",
    "KEY_CONVERTER": "key.converter", "VALUE_CONVERTER": "value.converter",
    "OFFSET_FLUSH_INTERVAL_MS": "offset.flush.interval.ms", "OFFSET_FLUSH_TIMEOUT_MS": "offset.flush.timeout.ms",
    "SHUTDOWN_TIMEOUT": "task.shutdown.graceful.timeout.ms",
}


def connect_image(image: str, names: Iterable[str]) -> Optional[str]:
    """"confluent" or "debezium" for a container of a Kafka Connect image, else None."""
    if "debezium/connect" in image:
        return "debezium"
    if "cp-kafka-connect" in image or "cp-server-connect" in image or _REQUIRED <= set(names):
        return "confluent"
    return None


def property_name(variable: str, image: str) -> Optional[str]:
    """The worker property a `CONNECT_*` variable becomes in that image, or None."""
    if not variable.startswith(PREFIX) or len(variable) == len(PREFIX):
        return None
    raw = variable[len(PREFIX):].lower()
    if image == "debezium":
        return None if raw.startswith("log4j") else raw.replace("_", ".")
    dotted = ".".join(_SINGLE.split(raw))
    return "_".join("-".join(dotted.split("___")).split("__"))


def rendered(entries: list[Entry], image: str) -> list[Entry]:
    """The worker file's entries, at the positions of the variables that make them (a later one replaces)."""
    found: dict[str, Entry] = {}
    for entry in entries:
        name = property_name(entry.key, image)
        if name is not None:
            found[name] = entry._replace(path=(name,), key=name)
    if image == "debezium":
        for entry in entries:
            name = _DEBEZIUM_NAMES.get(entry.key)
            if name is not None:
                found.pop(name, None)
                found[name] = entry._replace(path=(name,), key=name)
    return list(found.values())
