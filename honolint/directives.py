"""`# honolint:` directives in a linted file: suppressions and in-file settings.

Two steps, so that a file without directives costs one substring search and nothing else:

* `scan(data, fmt)` runs in the load stage, only for a file whose bytes contain `honolint:`. It
  finds the comments that start with `honolint:` and records, for each, its line, its column, the
  line it applies to and its text (`LoadedFile.directives`).
* `parse(directives, ...)` turns those into suppressions and settings; malformed ones become
  problems, reported by the rule invalid-directive (HL009).

What counts as a comment:

* `.properties` (and kcat `.conf`), `.env`, INI: only a comment line of its own (`#` or `!`,
  `;` in INI) that starts a logical line. A `.properties` file has no trailing comments: in
  `acks=all # honolint: ignore[HL201]` the directive is part of the value, and a `#` line that
  continues the line before it (a trailing backslash) is text, as `java.util.Properties` reads it.
* YAML, JSON, TOML: a comment line of its own, or a trailing comment: a `#` at the start of the line
  or after a blank that is not inside a quoted scalar. Quotes are recognised only where a quoted
  scalar can start (after `:`, `-`, `[`, `{`, `,`, `?`, `=` or at the start of the line), so
  `client.id: it's # honolint: ...` is a comment. A quoted scalar spanning lines, or a line of a
  block scalar (`|`, `>`) that looks like a comment, can fool this heuristic.

A directive on a comment line of its own applies to the next line that is not a comment line (a
blank line ends it: the directive then applies to nothing and is reported as unused); a trailing
directive (YAML, TOML, JSON) applies to its own line.

The directives:

* `honolint: ignore[HL201,order-not-guaranteed] reason`: the listed rules' findings at that line;
* `honolint: file-ignore[HL2] reason`: the listed rules' findings anywhere in the file;
* `honolint: qos=at-most-once client=librdkafka:2.3 dialect=plain`: this file's settings.

Rules are given as in `--select`: codes, names or code prefixes (`HL2`).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

MARKER = "honolint:"
SETTING_KEYS = ("qos", "client", "dialect")

_EOL = re.compile(r"\r\n|\r|\n")
_PROPERTIES_WS = " \t\f"
_QUOTE_STARTERS = ":-[{,?="


# ------------------------------------------------------------------------------------ scan (load stage)


def scan(data: bytes, fmt: str) -> list[tuple[int, int, int, str]]:
    """(line, column of the comment, line it applies to, text after `honolint:`) of each directive."""
    text = data.decode("iso-8859-1" if fmt == "properties" else "utf-8", "replace")
    lines = _EOL.split(text)
    if fmt in ("yaml", "json", "toml"):
        kinds, found = _scan_hash_comments(lines)
    else:
        kinds, found = _scan_comment_lines(lines, fmt)
    after = [len(lines)] * (len(lines) + 1)  # after[i]: the first line at or after i that is not a comment
    for index in range(len(lines) - 1, -1, -1):
        after[index] = after[index + 1] if kinds[index] == "comment" else index
    directives = []
    for index, column, own_line, body in found:
        target = after[index + 1] if own_line else index
        directives.append((index + 1, column + 1, target + 1, body))
    return directives


def _directive_text(comment: str) -> Optional[str]:
    """The text after `honolint:` when the comment (its leading `#`, `!` or `;` removed) starts with it."""
    body = comment.lstrip(" \t\f")
    if body.startswith(MARKER):
        return body[len(MARKER):].strip()
    return None


def _scan_comment_lines(lines: list[str], fmt: str):
    """Formats whose comments are whole lines: `.properties` (continuations followed), `.env`, INI."""
    markers = {"properties": "#!", "ini": "#;"}.get(fmt, "#")
    properties = fmt == "properties"
    kinds, found = [], []
    continued = False
    for index, line in enumerate(lines):
        body = line.lstrip(_PROPERTIES_WS if properties else " \t")
        if continued:  # the rest of a logical line: text, even when it starts with '#'
            kinds.append("text" if body else "blank")
            continued = bool(body) and _odd_backslashes(body)
            continue
        if not body:
            kinds.append("blank")
            continue
        if body[0] in markers:
            _comment_line(kinds, found, index, line, body)
            continue
        kinds.append("text")
        continued = properties and _odd_backslashes(body)
    return kinds, found


def _comment_line(kinds: list, found: list, index: int, line: str, body: str) -> None:
    """A whole comment line; a directive on it applies to the next line that is not a comment."""
    kinds.append("comment")
    if MARKER in body:
        text = _directive_text(body[1:])
        if text is not None:
            found.append((index, len(line) - len(body), True, text))


def _odd_backslashes(text: str) -> bool:
    return bool((len(text) - len(text.rstrip("\\"))) & 1)


def _scan_hash_comments(lines: list[str]):
    kinds, found = [], []
    for index, line in enumerate(lines):
        body = line.lstrip(" \t")
        if not body:
            kinds.append("blank")
            continue
        if body[0] == "#":
            _comment_line(kinds, found, index, line, body)
            continue
        kinds.append("text")
        if MARKER in line:
            start = comment_start(line)
            if start >= 0:
                text = _directive_text(line[start + 1:])
                if text is not None:
                    found.append((index, start, False, text))
    return kinds, found


def comment_start(line: str) -> int:
    """Index of the `#` that starts a comment in a YAML/TOML line, or -1 (a heuristic: see the module)."""
    quote = None
    last = None  # the last non-blank character outside quotes
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quote == '"':
            if c == "\\":
                i += 2
                continue
            if c == '"':
                quote = None
        elif quote == "'":
            if c == "'":
                if i + 1 < n and line[i + 1] == "'":
                    i += 2
                    continue
                quote = None
        else:
            if c == "#" and (i == 0 or line[i - 1] in " \t"):
                return i
            if c in "\"'" and (last is None or last in _QUOTE_STARTERS):
                quote = c
            if c not in " \t":
                last = c
        i += 1
    return -1


# ------------------------------------------------------------------------------------ parse


class Suppression:
    """`ignore[...]` (target: the line whose findings it suppresses) or `file-ignore[...]` (target
    None); `selectors`: (as written, the rule codes it stands for)."""

    __slots__ = ("line", "column", "target", "selectors", "reason")

    def __init__(self, line: int, column: int, target: Optional[int], selectors: list[tuple[str, frozenset[str]]],
                 reason: str) -> None:
        self.line, self.column, self.target, self.selectors, self.reason = line, column, target, selectors, reason

    @property
    def kind(self) -> str:
        return "ignore" if self.target is not None else "file-ignore"

    def covers(self, code: str) -> Optional[str]:
        """The selector (as written) that covers `code`, or None."""
        for written, codes in self.selectors:
            if code in codes:
                return written
        return None


class Directives:
    """A file's directives: its suppressions, its settings (key -> (value, line)) and the problems
    found reading them ((line, column, message), reported as HL009)."""

    __slots__ = ("suppressions", "settings", "problems")

    def __init__(self) -> None:
        self.suppressions: list[Suppression] = []
        self.settings: dict[str, tuple[str, int]] = {}
        self.problems: list[tuple[int, int, str]] = []


_SUPPRESS = re.compile(r"(file-ignore|ignore)\s*\[([^\]]*)\]\s*(.*)\Z", re.DOTALL)
_SETTING = re.compile(r"([A-Za-z_-]+)=(\S+)\Z")


def parse(found: list[tuple[int, int, int, str]], expand: Callable[[str], Optional[frozenset[str]]],
          check_setting: Callable[[str, str], Optional[str]]) -> Directives:
    """`expand(selector)`: the rule codes a selector stands for, None when it names no rule.
    `check_setting(key, value)`: None when the in-file setting is valid, else what is wrong."""
    out = Directives()
    for line, column, target, text in found:
        match = _SUPPRESS.match(text)
        if match:
            kind, listed, reason = match.groups()
            selectors = []
            for written in (s.strip() for s in listed.split(",")):
                if not written:
                    continue
                codes = expand(written)
                if codes is None:
                    out.problems.append((line, column, f"'{written}' in `honolint: {kind}[...]` names no rule: "
                                                       "give codes (HL201), names (acks-not-all) or code prefixes (HL2); "
                                                       "`honolint rules` lists them"))
                else:
                    selectors.append((written, codes))
            if not listed.strip():
                out.problems.append((line, column, f"`honolint: {kind}[]` lists no rule: write {kind}[CODE,...]"))
            if selectors:
                out.suppressions.append(Suppression(line, column, target if kind == "ignore" else None, selectors,
                                                    reason.strip()))
            continue
        tokens = text.split()
        settings = [_SETTING.match(token) for token in tokens]
        if not tokens or not all(settings):
            shown = text if len(text) <= 80 else text[:77] + "..."
            out.problems.append((line, column, f"`honolint: {shown}` is not a directive honolint knows: write "
                                               "ignore[CODE,...], file-ignore[CODE,...] or settings such as "
                                               "qos=at-most-once client=java:3.9 dialect=plain"))
            continue
        for setting in settings:
            key, value = setting.group(1), setting.group(2)
            if key not in SETTING_KEYS:
                out.problems.append((line, column, f"`honolint: {key}=...` is not an in-file setting: use "
                                                   f"{', '.join(k + '=' for k in SETTING_KEYS)}"))
                continue
            wrong = check_setting(key, value)
            if wrong is not None:
                out.problems.append((line, column, f"`honolint: {key}={value}`: {wrong}; the file is linted as if "
                                                   "the directive were not there"))
                continue
            out.settings[key] = (value, line)
    return out
