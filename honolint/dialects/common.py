"""Helpers the dialect modules share: reading keys under a prefix, in nested or dotted form."""
from __future__ import annotations

from typing import Iterable, Iterator, Optional

from honolint.model import Document, Entry, LoadedFile, Setting


def all_entries(loaded: LoadedFile) -> Iterator[Entry]:
    for doc in loaded.documents:
        yield from doc.entries


def under(key: str, prefix: str) -> Optional[str]:
    """The rest of `key` below `prefix` (`spring.kafka.producer.acks`, `spring.kafka.producer.` -> `acks`)."""
    return key[len(prefix):] if key.startswith(prefix) and len(key) > len(prefix) else None


def settings_under(entries: Iterable[Entry], prefix: str) -> list[Setting]:
    """Kafka properties written below a prefix, nested or dotted alike (YAML paths are joined with dots)."""
    found = []
    for entry in entries:
        rest = under(entry.key, prefix)
        if rest is not None:
            found.append(Setting(rest, entry.value, entry))
    return found


def first_line(doc: Document, entries: Iterable[Entry]) -> tuple[int, int]:
    for entry in entries:
        return entry.line, entry.column
    return doc.line, 1
