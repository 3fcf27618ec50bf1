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
# tomllib recurses once per level of nesting and builds a dotted key's tuple part by part (quadratic): a
# text nested or dotted beyond these is refused before it is parsed. No real configuration comes near.
MOST_DEPTH = 100
MOST_DOTS = 256
_DOTTED = re.compile(r"""(?:\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*){%d}""" % MOST_DOTS)
_BRACKET = re.compile(r"[\[\]{}]")


class TooDeep(ValueError):
    """A TOML text nested or dotted beyond the limits; `line` and `column` say where."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def _where(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def parse_toml(text: str) -> dict:
    """tomllib.loads, refusing (TooDeep) texts nested deeper than MOST_DEPTH or with a dotted key of more
    than MOST_DOTS parts instead of recursing or taking quadratic time over them."""
    dotted = _DOTTED.search(text)
    if dotted:
        raise TooDeep(f"a dotted key of more than {MOST_DOTS} parts, more than honolint reads",
                      *_where(text, dotted.start()))
    depth = 0
    for bracket in _BRACKET.finditer(text):  # strings may hold brackets too: only the text's deepest counts
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        if depth > MOST_DEPTH:
            try:
                return _loads(text)
            except TooDeep:
                raise TooDeep(f"nested more than {MOST_DEPTH} levels deep, more than honolint reads",
                              *_where(text, bracket.start())) from None
    return _loads(text)


def _loads(text: str) -> dict:
    try:
        tree = tomllib.loads(text)
        _check_depth(tree)
    except RecursionError:
        raise TooDeep("nested too deeply", 1, 1) from None
    return tree


def _check_depth(tree: dict) -> None:
    """TooDeep when the parsed tree is nested deeper than MOST_DEPTH (brackets inside strings counted above)."""
    level = [tree]
    for _ in range(MOST_DEPTH):
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, (dict, list))]
        if not level:
            return
    raise TooDeep("nested too deeply", 1, 1)


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for match in _PART.finditer(dotted):
        part = match.group(1)
        if part[:1] in "\"'":
            part = _basic_string(part) if part[0] == '"' else part[1:-1]
        out.append(part)
    return tuple(out)


def _basic_string(quoted: str) -> str:
    """A basic string's value, as TOML decodes it; the text between the quotes when it is no valid one
    (a line inside a multi-line string that only looks like a key)."""
    if "\\" not in quoted:
        return quoted[1:-1]
    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):
        return quoted[1:-1]


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
    inside = ""  # the delimiter of the multi-line string the line is in: its lines are no keys
    for number, line in enumerate(text.splitlines(), start=1):
        if inside:
            if line.count(inside) % 2:
                inside = ""
            continue
        inside = next((d for d in ("'''", '"""') if line.count(d) % 2), "")
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
        tree = parse_toml(text)
    except TooDeep as exc:
        loaded.error = SyntaxProblem(str(exc), exc.line, exc.column)
        return loaded
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
