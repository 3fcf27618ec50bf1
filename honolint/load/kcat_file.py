"""kcat `-F FILE` / `~/.config/kcat.conf`: the lines as kcat's own reader reads them, not java.util.Properties.

kcat 1.7.1, kcat.c `read_conf_file` (edenhill/kcat; checked against Debian's kcat 1.7.1 binary):
* `fgets` into a 512-byte buffer: a line is read in pieces of at most 511 bytes, each a line of its own;
  only `\\n` ends a line (a `\\r` in the middle is text), and a NUL ends the text of a piece;
* each piece is trimmed of C `isspace` bytes (space, `\\t\\n\\v\\f\\r`) on both sides; an empty piece, or
  one whose first byte is `#`, is skipped (`!` is no comment);
* every `\\:` and `\\=` loses its backslash (a run of backslashes before `:`/`=` loses all of them): no
  other escape, no continuation, and an unescaped `=` is found after that all the same;
* the name is the text before the first `=`, the value all after it, neither trimmed (`acks= all` sets
  " all"); no `=`, or `=` first: `% ERROR: FILE:LINE: expected property=value`, exit 1;
* `try_java_conf_set`: `ssl.endpoint.identification.algorithm` is dropped, and a `sasl.jaas.config` of
  the PlainLoginModule with username and password sets `sasl.username` and `sasl.password` instead;
  every other line goes to `rd_kafka_conf_set` (via `try_conf_set`: `topic.` names to the topic scope).
A file that starts with a UTF-8 byte order mark always fails: the mark is text of the first line.
"""
from __future__ import annotations

import re

from honolint.model import Document, Duplicate, Entry, LoadedFile, SyntaxProblem

PIECE = 511  # fgets(buf, 512, fp)
_SPACE = b" \t\n\v\f\r"
_ESCAPE = re.compile(rb"\\+(?=[:=])")
# sscanf(val, "org...PlainLoginModule required username=\"%[^\"]\" password=\"%[^\"]\"", ...) == 2
_JAAS = re.compile(rb'org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule[ \t\n\v\f\r]*required'
                   rb'[ \t\n\v\f\r]*username="([^"]+)"[ \t\n\v\f\r]*password="([^"]+)"')
REFUSED = "cannot be read by kcat, which stops here: expected property=value"


def load_kcat(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="properties")
    if data.startswith(b"\xef\xbb\xbf"):
        loaded.error = SyntaxProblem("cannot be read by kcat: the file starts with a UTF-8 byte order mark, which "
                                     "kcat reads as text of the first line (save it without the mark)", 1, 1)
        return loaded
    latest: dict[str, Entry] = {}
    duplicates: list[Duplicate] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        col0 = 1
        for start in range(0, max(len(line), 1), PIECE):
            for entry in _piece(line, start, col0, number, loaded):
                earlier = latest.pop(entry.key, None)
                if earlier is not None:
                    duplicates.append(Duplicate(earlier, entry))
                latest[entry.key] = entry
            if loaded.error is not None:
                return loaded
            col0 += _chars(line, start, start + PIECE)
    loaded.documents.append(Document(index=0, entries=list(latest.values()), duplicates=duplicates))
    return loaded


def _piece(line: bytes, start: int, col0: int, number: int, loaded: LoadedFile) -> list[Entry]:
    """The entries of the piece of `line` that fgets reads from byte `start`, column `col0` (the `\\n` it
    may end with is not in `line`, and is blank anyway); sets loaded.error when kcat stops there."""
    end = min(start + PIECE, len(line))
    nul = line.find(b"\0", start, end)
    text = line[start:end if nul < 0 else nul]
    body = text.lstrip(_SPACE)
    body = body.rstrip(_SPACE)
    if not body or body[:1] == b"#":
        return []
    first = start + len(text) - len(text.lstrip(_SPACE))  # byte offset of the body in the line
    removed: list[int] = []  # offsets in the body (as written) of the backslashes kcat drops
    if b"\\" in body:
        for m in _ESCAPE.finditer(body):
            removed.extend(range(m.start(), m.end()))
        body = _ESCAPE.sub(b"", body)
    eq = body.find(b"=")
    if eq <= 0:
        why = ("the property name is empty" if eq == 0 else
               "a line longer than 511 bytes is read in pieces" if start else
               "kcat's only separator is '=': no ':' or blank, no continuation lines")
        loaded.error = SyntaxProblem(f"{REFUSED} ({why})", number, col0 + _chars(line, start, first))
        return []
    key, value = body[:eq].decode("utf-8", "replace"), body[eq + 1:].decode("utf-8", "replace")
    column = col0 + _chars(line, start, first)
    value_column = col0 + _chars(line, start, first + _written(eq + 1, removed))
    if key == "ssl.endpoint.identification.algorithm":
        return []  # "not supported by librdkafka: ignore for now"
    if key == "sasl.jaas.config":
        m = _JAAS.match(body, eq + 1)
        if m is not None:
            return [Entry((name,), name, m.group(g).decode("utf-8", "replace"), number, column, number,
                          col0 + _chars(line, start, first + _written(m.start(g), removed)))
                    for g, name in ((1, "sasl.username"), (2, "sasl.password"))]
    return [Entry((key,), key, value, number, column, number, value_column)]


def _written(index: int, removed: list[int]) -> int:
    """The offset, in the body as written, of byte `index` of the body once kcat dropped its backslashes."""
    for offset in removed:  # ascending: each one dropped before the byte shifts it one to the right
        if offset <= index:
            index += 1
        else:
            break
    return index


def _chars(line: bytes, start: int, end: int) -> int:
    """How many characters bytes start..end of the line are (UTF-8: the bytes that start one)."""
    part = line[start:end]
    return len(part) if part.isascii() else sum(1 for byte in part if not 0x80 <= byte < 0xC0)
