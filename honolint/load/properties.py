"""`.properties` loader with exactly `java.util.Properties.load(InputStream)` semantics, plus positions.

Hand-written rather than the `javaproperties` package: that package cannot say where a key or a
value starts inside a logical line, differs from the JDK on lines holding only a backslash, parses
about half as fast and costs ~35 ms of imports (xml.sax, urllib, http.client, email) on every
pre-commit run. `tests/oracles/properties_oracle.py` checks this module against the real JDK.

The JDK (17, `Properties.LineReader.readLine`, `load0`, `loadConvert`) in short:

* bytes are chars (ISO-8859-1); natural lines end at `\\n`, `\\r` or `\\r\\n`; nothing else is a
  line end or whitespace (no `\\v`, no U+0085, no NBSP: `str.splitlines`/`str.isspace` are wrong);
* whitespace is ` `, `\\t`, `\\f`; leading whitespace of every natural line is skipped; a line whose
  first other char is `#` or `!` is a comment, but only when it starts a logical line (a
  continuation line starting with `#` is text) and a comment never continues;
* an odd run of backslashes at the end of a natural line joins the next natural line (one
  backslash dropped, the next line's leading whitespace skipped); an empty next line ends it;
* the key ends at the first unescaped `=`, `:` or whitespace; then whitespace, at most one `=`/`:`
  (if the key did not end at one) and whitespace again are skipped; the rest is the value;
* escapes: `\\t \\n \\r \\f`, `\\uXXXX` (exactly four hex digits, else `IllegalArgumentException:
  Malformed \\uxxxx encoding.` and the whole load fails), `\\X` -> `X`;
* a logical line that is nothing but one backslash right before the end of the file (`\\` or
  `\\`+LF or `\\`+CR, but not `\\`+CRLF) is the entry `"" = ""`.

Java strings are UTF-16: `\\uD83D\\uDE00` is one character, so a valid surrogate pair made by
escapes becomes one Python character; a lone surrogate escape stays a lone surrogate code point.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from honolint.model import Document, Duplicate, Entry, LoadedFile, SyntaxProblem

MALFORMED_U = "Malformed \\uxxxx encoding."

_EOL = re.compile(r"\r\n|\r|\n")
_WS = " \t\f"
_KEY_END = re.compile(r"[\\=: \t\f]")  # a backslash, or a char that may end the key
# after the key: the separator and the blanks (and at most one `=`/`:`) that load0 skips
_SEP = re.compile(r"(?:[=:]|[ \t\f]+[=:]?)[ \t\f]*")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


class _Malformed(Exception):
    def __init__(self, index: int) -> None:
        self.index = index  # index of the bad escape's backslash in the key or value


def load_properties(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="properties")
    text = data.decode("iso-8859-1")
    parts = _EOL.split(text) if "\r" in text else text.split("\n")
    n = len(parts)
    latest: dict[str, Entry] = {}  # key -> its last occurrence, in the order of last occurrences
    duplicates: list[Duplicate] = []
    i = 0
    while i < n:
        s = parts[i]
        body = s.lstrip(_WS)
        if not body:  # blank or whitespace-only line
            i += 1
            continue
        c = body[0]
        if c == "#" or c == "!":  # a comment, never continued
            i += 1
            continue
        st = len(s) - len(body)
        if body[-1] != "\\":  # the common case: the logical line is this natural line
            ke, vs = _split(body)
            if "\\" in body:
                try:
                    key = _convert(body[:ke], 0)
                    value = _convert(body[vs:], vs)
                except _Malformed as exc:
                    loaded.error = SyntaxProblem(MALFORMED_U, i + 1, st + exc.index + 1)
                    return loaded
            else:
                key = body[:ke]
                value = body[vs:]
            i += 1
            entry = Entry((key,), key, value, i, st + 1, i, st + vs + 1)
        else:
            i, result = _logical(parts, i, st, text)
            if result is None:
                continue
            if isinstance(result, SyntaxProblem):
                loaded.error = result
                return loaded
            entry = result
            key = entry.path[0]
        earlier = latest.pop(key, None)
        if earlier is not None:
            duplicates.append(Duplicate(earlier, entry))
        latest[key] = entry
    loaded.documents.append(Document(index=0, entries=list(latest.values()), duplicates=duplicates))
    return loaded


def _logical(parts: list[str], i: int, st: int, text: str) -> tuple[int, Entry | SyntaxProblem | None]:
    """A logical line that starts at natural line `i`, column index `st`, and may continue.

    Returns the index of the next natural line to read and the entry (None: nothing to load,
    a lone backslash line followed by more lines)."""
    n = len(parts)
    first, first_st = i, st
    s = parts[i]
    pieces: list[str] = []
    starts = array("q")  # where each natural line's piece starts in the logical line
    blen = 0
    while True:
        piece = s[st:]
        starts.append(blen)
        if not (len(piece) - len(piece.rstrip("\\"))) & 1:  # even run: the logical line ends here
            pieces.append(piece)
            i += 1
            break
        piece = piece[:-1]  # the continuation backslash is not part of the line
        pieces.append(piece)
        blen += len(piece)
        # EOF right after this line (or right after its line end char: readLine checks for EOF
        # before it skips the LF of a CRLF): readLine returns the line without the backslash
        if i == n - 1 or (i == n - 2 and not parts[-1] and not text.endswith("\r\n")):
            i = n
            break
        i += 1
        if blen == 0:
            # a line of one backslash: the next line starts afresh (blank lines are skipped and
            # `#` starts a comment again)
            return i, None
        s = parts[i]
        body = s.lstrip(_WS)
        if not body:  # an empty line after a continuation ends the logical line
            i += 1
            break
        st = len(s) - len(body)
    line = "".join(pieces)
    ke, vs = _split(line)
    try:
        key = _convert(line[:ke], 0)
        value = _convert(line[vs:], vs)
    except _Malformed as exc:
        return i, SyntaxProblem(MALFORMED_U, *_where(parts, first, first_st, starts, exc.index, len(line)))
    kl, kc = _where(parts, first, first_st, starts, 0, len(line))
    vl, vc = _where(parts, first, first_st, starts, vs, len(line))
    return i, Entry(path=(key,), key=key, value=value, line=kl, column=kc, value_line=vl, value_column=vc)


def _split(line: str) -> tuple[int, int]:
    """load0: (end of the key, start of the value) in a logical line."""
    pos = 0
    while True:
        m = _KEY_END.search(line, pos)
        if m is None:
            return len(line), len(line)
        j = m.start()
        if line[j] == "\\":  # an escaped char is part of the key, whatever it is
            pos = j + 2
            continue
        return j, _SEP.match(line, j).end()


def _where(parts: list[str], first: int, first_st: int, starts: array, index: int, limit: int) -> tuple[int, int]:
    """1-based (line, column) of char `index` of the logical line that begins at natural line
    `first`, column index `first_st` (`index == limit`: just past its last char)."""
    if limit == 0:  # a lone backslash at the end of the file
        return first + 1, first_st + 1
    # the natural line holding the char (a line whose piece is empty holds none of them)
    k = (bisect_left(starts, limit) if index == limit else bisect_right(starts, index)) - 1
    line_index = first + k
    if k == 0:
        col = first_st
    else:
        s = parts[line_index]
        col = len(s) - len(s.lstrip(_WS))
    return line_index + 1, col + (index - starts[k]) + 1


def _convert(s: str, base: int) -> str:
    """loadConvert: escapes of a key or value; `base` is its offset in the logical line."""
    j = s.find("\\")
    if j < 0:
        return s
    out: list[str] = []
    pos = 0
    end = len(s)
    surrogates = False
    while j >= 0:
        out.append(s[pos:j])
        c = s[j + 1] if j + 1 < end else ""  # LineReader leaves no lone trailing backslash
        if c == "u":
            if j + 6 > end or not _HEX4.fullmatch(s, j + 2, j + 6):
                raise _Malformed(base + j)
            code = int(s[j + 2 : j + 6], 16)
            if 0xD800 <= code <= 0xDFFF:
                surrogates = True
            out.append(chr(code))
            pos = j + 6
        else:
            out.append(_SIMPLE.get(c, c))
            pos = j + 2
        j = s.find("\\", pos)
    out.append(s[pos:])
    result = "".join(out)
    if surrogates:
        result = _PAIR.sub(_join_pair, result)
    return result


def _join_pair(m: re.Match[str]) -> str:
    high, low = m.group()
    return chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00))
