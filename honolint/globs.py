"""Glob patterns matched without backtracking (Glob: a settings file's include/exclude/override pattern): `*` (within a segment), `**` (across them), `**/` (any
directories, or none), a trailing `/**` (the path or anything below it), `?`, `[...]` and `[!...]`.

A regular expression such as `[^/]*a[^/]*a[^/]*b` backtracks on a long run of `a`s: the time grows with
the text's length to the power of the number of stars. Here the pattern is a list of steps and the text is
read once, keeping the set of steps the text so far can have reached (a Thompson simulation), so the time
is at most the pattern's length times the text's.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

# a step: (kind, test); kind "one" consumes one character that passes the test, "star" any run of such
# characters, "dirs" an optional `.../` prefix, "below" an optional `/...` suffix at the very end
Step = tuple[str, Optional[Callable[[str], bool]]]


def _not_slash(char: str) -> bool:
    return char != "/"


def _anything(char: str) -> bool:
    return True


def compile_steps(pattern: str) -> list[Step]:
    steps: list[Step] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            steps.append(("dirs", None))
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            steps.append(("below", None))
            i += 3
        elif pattern.startswith("**", i):
            steps.append(("star", _anything))
            i += 2
        elif pattern[i] == "*":
            steps.append(("star", _not_slash))
            i += 1
        elif pattern[i] == "?":
            steps.append(("one", _not_slash))
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            body = "^" + body[1:] if body.startswith("!") else body
            steps.append(("one", re.compile("[" + body.replace("\\", "\\\\") + "]", re.DOTALL).fullmatch))
            i = end + 1
        else:
            steps.append(("one", pattern[i].__eq__))
            i += 1
    return steps


def _closure(steps: list[Step], states: set[int]) -> set[int]:
    """The states reachable without reading a character: past a star, an optional prefix or suffix. A
    negative state -1-i is inside the `.../` prefix of step i, which it leaves only through a slash."""
    pending, found = list(states), set(states)
    while pending:
        state = pending.pop()
        if 0 <= state < len(steps) and steps[state][0] in ("star", "dirs", "below") and state + 1 not in found:
            found.add(state + 1)
            pending.append(state + 1)
    return found


_BELOW = -(1 << 62)  # reached a "below" step's slash: anything may follow


def _step(steps: list[Step], states: set[int], char: str) -> set[int]:
    end = len(steps)
    following: set[int] = set()
    for state in states:
        if state < 0:  # inside a `.../` prefix
            following.add(state)
            if char == "/":
                following.add(-state - 1 + 1)
            continue
        if state == end:
            continue
        kind, test = steps[state]
        if kind == "one":
            if test(char):
                following.add(state + 1)
        elif kind == "star":
            if test(char):
                following.add(state)
        elif kind == "dirs":
            following.add(-state - 1)
            if char == "/":
                following.add(state + 1)
        elif char == "/":  # "below": a slash, and then anything at all
            following.add(_BELOW)
    return following


def full_match(steps: list[Step], text: str) -> bool:
    return _run(steps, text, False)


def prefix_match(steps: list[Step], text: str) -> bool:
    """Whether the pattern matches the text or one of its leading directories (`a`, `a/b` of `a/b/c`)."""
    return _run(steps, text, True)


def _run(steps: list[Step], text: str, directories: bool) -> bool:
    end = len(steps)
    states = _closure(steps, {0})
    for char in text:
        if _BELOW in states or (directories and char == "/" and end in states):
            return True
        states = _closure(steps, _step(steps, states, char))
        if not states:
            return False
    return end in states or _BELOW in states


class Glob:
    """A compiled include/exclude/override glob (globs.py: matched without backtracking). `anchored`: it
    holds a '/', so it is matched from the settings file's directory."""

    __slots__ = ("pattern", "steps", "anchored")

    def __init__(self, pattern: str, steps: list, anchored: bool) -> None:
        self.pattern, self.steps, self.anchored = pattern, steps, anchored

    @classmethod
    def compile(cls, pattern: str) -> "Glob":
        text = pattern.strip()
        anchored = "/" in text.rstrip("/")
        text = text.strip("/") if anchored else text.rstrip("/")
        return cls(pattern, compile_steps(text), anchored)

    def matches(self, relative: str) -> bool:
        """The path itself (for `include`): anchored globs match the whole relative path,
        the others the last segment."""
        return full_match(self.steps, relative if self.anchored else relative.rsplit("/", 1)[-1])

    def covers(self, relative: str) -> bool:
        """The path or a directory above it (for `exclude` and `overrides`)."""
        if self.anchored:
            return prefix_match(self.steps, relative)
        return any(part != ".." and full_match(self.steps, part) for part in relative.split("/"))
