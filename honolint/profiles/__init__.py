"""Client profiles: which client and version the producer runs on, and how it treats its configuration.

`--client java[:VERSION]` or `--client librdkafka[:VERSION]`, VERSION as X.Y or X.Y.Z. An X.Y
version means the newest patch release of that line (`java:3.0` is 3.0.2, not the buggy 3.0.0).
"""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

# release lines and their newest patch release, oldest first
JAVA_LINES: dict[tuple[int, int], int] = {
    (0, 11): 3, (1, 0): 2, (1, 1): 1,
    (2, 0): 1, (2, 1): 1, (2, 2): 2, (2, 3): 1, (2, 4): 1, (2, 5): 1, (2, 6): 3, (2, 7): 2, (2, 8): 2,
    (3, 0): 2, (3, 1): 2, (3, 2): 3, (3, 3): 2, (3, 4): 1, (3, 5): 2, (3, 6): 2, (3, 7): 2, (3, 8): 1, (3, 9): 1,
    (4, 0): 1, (4, 1): 1, (4, 2): 0, (4, 3): 0,
}
LIBRDKAFKA_LINES: dict[tuple[int, int], int] = {
    (0, 11): 6, (1, 0): 1, (1, 1): 0, (1, 2): 2, (1, 3): 0, (1, 4): 4, (1, 5): 3, (1, 6): 2, (1, 7): 0,
    (1, 8): 2, (1, 9): 2, (2, 0): 2, (2, 1): 1, (2, 2): 0, (2, 3): 0, (2, 4): 0, (2, 5): 3, (2, 6): 1,
    (2, 7): 0, (2, 8): 0, (2, 9): 0, (2, 10): 1, (2, 11): 1, (2, 12): 1, (2, 13): 2, (2, 14): 0,
    (2, 15): 0, (2, 16): 0,
}
FAMILIES = {"java": JAVA_LINES, "librdkafka": LIBRDKAFKA_LINES}
DEFAULT_CLIENT = "java"

Version = tuple[int, int, int]


class ClientSpecError(ValueError):
    """A --client value that names nothing modelled; the message lists what is."""


class ClientProfile(NamedTuple):
    family: str  # "java" | "librdkafka"
    version: Version
    label: str  # as the user will read it: "java:4.3", "librdkafka:2.16"
    note: Optional[str] = None  # said once in the report, e.g. for a 4.x newer than modelled

    def at_least(self, *version: int) -> bool:
        return self.version >= version  # (3, 0, 0) >= (3, 0): a tuple that goes on past an equal prefix is larger

    def below(self, *version: int) -> bool:
        return not self.at_least(*version)


def modelled() -> str:
    parts = []
    for family, lines in FAMILIES.items():
        first, last = min(lines), max(lines)
        parts.append(f"{family}:{first[0]}.{first[1]} to {family}:{last[0]}.{last[1]}")
    return "; ".join(parts)


def parse_client(spec: str) -> ClientProfile:
    family, _, version_text = spec.strip().partition(":")
    family = family.lower()
    if family not in FAMILIES:
        raise ClientSpecError(f"unknown client '{spec}': use java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]] ({modelled()})")
    lines = FAMILIES[family]
    newest = max(lines)
    if not version_text:
        return ClientProfile(family, (*newest, lines[newest]), f"{family}:{newest[0]}.{newest[1]}")
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.(\d+))?(?:\.\d+)?", version_text)  # 0.11.0.3 has four parts
    if not match:
        raise ClientSpecError(f"bad version '{version_text}' in --client {spec}: write X.Y or X.Y.Z ({modelled()})")
    major, minor = int(match[1]), int(match[2])
    patch = int(match[3]) if match[3] is not None else None
    label = f"{family}:{version_text}"
    if (major, minor) in lines:
        return ClientProfile(family, (major, minor, lines[(major, minor)] if patch is None else patch), label)
    if family == "java" and major == newest[0] and minor > newest[1]:
        note = (f"{label} is newer than the newest release modelled ({newest[0]}.{newest[1]}); "
                f"it is treated as the {newest[0]}.x line")
        return ClientProfile(family, (*newest, lines[newest]), label, note)
    raise ClientSpecError(f"{label} is not modelled: {modelled()}")
