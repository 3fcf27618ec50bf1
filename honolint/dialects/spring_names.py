"""Spring Boot property names as relaxed binding reads them: field names in any case, kebab, camelCase or
with underscores (`batch-size`, `batchSize`), map keys nested, dotted or in brackets
(`spring.kafka.producer.properties[linger.ms]`)."""
from __future__ import annotations

import re
from typing import Iterable

from honolint.model import Entry

Element = tuple[str, bool]  # (text as written, written in [brackets])


def spring_name(entry: Entry) -> str:
    """The property name as Spring flattens it: YAML keys joined with dots, a `[..]` key appended as is."""
    path = entry.path
    if len(path) == 1:
        return path[0]
    name = path[0]
    for segment in path[1:]:
        name += segment if segment.startswith("[") else "." + segment
    return name


def elements(name: str) -> list[Element]:
    """`spring.kafka.producer.properties[linger.ms]` -> spring, kafka, producer, properties, [linger.ms]."""
    if "[" not in name:
        return [(part, False) for part in name.split(".") if part]
    found: list[Element] = []
    i, n, start = 0, len(name), 0
    while i < n:
        char = name[i]
        if char == "[":
            if i > start:
                found.append((name[start:i], False))
            close = name.find("]", i + 1)
            close = n if close < 0 else close
            found.append((name[i + 1:close], True))
            i = start = close + 1
            if i < n and name[i] == ".":
                i = start = i + 1
            continue
        if char == ".":
            if i > start:
                found.append((name[start:i], False))
            start = i + 1
        i += 1
    if start < n:
        found.append((name[start:], False))
    return found


def uniform(text: str) -> str:
    """A field name as relaxed binding compares it: any case, dashes and underscores ignored."""
    return text.lower().replace("-", "").replace("_", "")


_MAP_KEY_DROP = re.compile(r"[^A-Za-z0-9-]")


def map_key(parts: Iterable[Element]) -> str:
    """A Map<String, String> key: bracketed parts as written, others without characters other than
    letters, digits and `-` (Spring's rule for unbracketed map keys), joined with dots."""
    return ".".join(text if bracketed else _MAP_KEY_DROP.sub("", text) for text, bracketed in parts if text)


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def as_kafka_key(parts: Iterable[Element]) -> str:
    """What a misplaced `linger-ms`, `lingerMs` or `linger.ms` was meant to be: `linger.ms`."""
    text = ".".join(t for t, _ in parts)
    return re.sub(r"[-_.]+", ".", _CAMEL.sub(".", text)).lower().strip(".")
