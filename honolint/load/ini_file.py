"""INI-like sections of whitespace-separated keys and values (Fluent Bit's classic format).

Each `[SECTION]` is a document of its own, named after the section; `Key Value` or `Key = Value`
lines belong to the section above them; `#` starts a comment line; `@INCLUDE`/`@SET` are skipped.
"""
from __future__ import annotations

from typing import Optional

from honolint.model import Document, Entry, LoadedFile



def _section(line: str) -> Optional[str]:
    """The name of a `[SECTION]` line, or None (string methods, not a regex: linear on any line)."""
    text = line.strip()
    if len(text) < 3 or text[0] != "[" or text[-1] != "]" or "]" in text[1:-1]:
        return None
    return text[1:-1].strip() or text[-2]


def _pair(line: str) -> Optional[tuple[str, str, str, str]]:
    """(indent, key, separator, value) of `Key Value` or `Key = Value`; the key ends at the first blank or `=`."""
    body = line.lstrip()
    indent = line[:len(line) - len(body)]
    end = 1
    while end < len(body) and not body[end].isspace() and body[end] != "=":
        end += 1
    rest = body[end:]
    if not rest:
        return None
    after = rest.lstrip()
    if after.startswith("="):
        value = after[1:].lstrip()
    else:
        value = after
    separator = rest[:len(rest) - len(value)]
    return indent, body[:end], separator, value.rstrip()


def looks_like_ini(data: bytes) -> bool:
    return any(_section(line.decode("latin-1")) is not None for line in data.splitlines()[:200])


def load_ini(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="ini")
    doc = None
    text = data.decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";", "@")):
            continue
        section = _section(line)
        if section is not None:
            doc = Document(index=len(loaded.documents), name=section, line=number)
            loaded.documents.append(doc)
            continue
        pair = _pair(line)
        if doc is None or pair is None:
            continue
        indent, key, separator, value = pair
        column = len(indent) + 1
        value_column = column + len(key) + len(separator)
        doc.entries.append(Entry((key,), key, value, number, column, number, value_column, document=doc.index))
    return loaded
