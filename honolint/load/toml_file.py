"""TOML loader (tomllib), with positions recovered from the text: tomllib gives none."""
from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time
from typing import Any, Optional

from honolint.model import Document, Entry, LoadedFile, SyntaxProblem

_KEY = re.compile(r"""\s*(?P<key>(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*\.?""")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for match in _PART.finditer(dotted):
        part = match.group(1)
        if part[:1] in "\"'":
            part = part[1:-1].encode().decode("unicode_escape") if part[0] == '"' else part[1:-1]
        out.append(part)
    return tuple(out)


def _header(line: str) -> Optional[str]:
    """The dotted name of a `[table]` or `[[array]]` header line, or None (string methods: linear)."""
    text = line.lstrip()
    close = text.find("]")
    if not text.startswith("[") or close < 0:
        return None
    rest = text[close + 1:]
    rest = (rest[1:] if rest.startswith("]") else rest).lstrip()
    if rest and not rest.startswith("#"):
        return None
    return text[2 if text.startswith("[[") else 1:close].strip()


def _positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """(table path + key path) -> (line, column) of the key; arrays of tables count their elements."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _header(line)
        if header is not None:
            table = _parts(header)
            if line.lstrip().startswith("[["):
                arrays[table] = arrays.get(table, -1) + 1
                table = table + (str(arrays[table]),)
            found.setdefault(table, (number, 1))
            continue
        key = _KEY.match(line)
        if key:
            found.setdefault(table + _parts(key["key"]), (number, key.start("key") + 1))
    return found


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    return str(value)


def load_toml(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="toml")
    try:
        text = data.decode("utf-8")
        tree = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        loaded.error = SyntaxProblem(f"cannot read the file as UTF-8 text: {exc.reason}", 1, 1)
        return loaded
    except tomllib.TOMLDecodeError as exc:
        at = _AT.search(str(exc))
        message = _AT.sub("", str(exc)).strip()
        loaded.error = SyntaxProblem(message, int(at[1]) if at else 1, int(at[2]) if at else 1)
        return loaded
    positions = _positions(text)
    doc = Document(index=0)
    _flatten(tree, (), doc, positions)
    loaded.documents.append(doc)
    return loaded


def _flatten(node: dict, prefix: tuple[str, ...], doc: Document, positions: dict) -> None:
    for key, value in node.items():
        path = prefix + (key,)
        if isinstance(value, dict):
            _flatten(value, path, doc, positions)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for index, item in enumerate(value):
                _flatten(item, path + (str(index),), doc, positions)
        else:
            line, column = _nearest(path, positions)
            kind = "bool" if isinstance(value, bool) else ("int" if isinstance(value, int) else
                                                          "float" if isinstance(value, float) else "str")
            doc.entries.append(Entry(path, ".".join(path), _text(value), line, column, line, column, None, kind, 0))


def _nearest(path: tuple[str, ...], positions: dict) -> tuple[int, int]:
    for end in range(len(path), 0, -1):
        if path[:end] in positions:
            return positions[path[:end]]
        # a dotted key inside a table: [a] b.c = 1 is recorded as ("a", "b", "c") already
    return 1, 1
