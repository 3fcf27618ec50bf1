"""INI-like sections of whitespace-separated keys and values (Fluent Bit's classic format).

Each `[SECTION]` is a document of its own, named after the section; `Key Value` or `Key = Value`
lines belong to the section above them; `#` starts a comment line; `@INCLUDE`/`@SET` are skipped.
"""
from __future__ import annotations

import re

from honolint.model import Document, Entry, LoadedFile

_SECTION = re.compile(r"\s*\[\s*([^\]]+?)\s*\]\s*$")
_PAIR = re.compile(r"(\s*)(\S+?)(\s*=\s*|\s+)(.*?)\s*$")


def looks_like_ini(data: bytes) -> bool:
    return any(_SECTION.match(line.decode("latin-1")) for line in data.splitlines()[:200])


def load_ini(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="ini")
    doc = None
    text = data.decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";", "@")):
            continue
        section = _SECTION.match(line)
        if section:
            doc = Document(index=len(loaded.documents), name=section.group(1), line=number)
            loaded.documents.append(doc)
            continue
        pair = _PAIR.match(line)
        if doc is None or pair is None:
            continue
        indent, key, separator, value = pair.groups()
        column = len(indent) + 1
        value_column = column + len(key) + len(separator)
        doc.entries.append(Entry((key,), key, value, number, column, number, value_column, document=doc.index))
    return loaded
