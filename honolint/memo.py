"""Memo tables for what recurs from file to file in one run (YAML scalars, parsed values, report text),
and the closest directory above a file that holds something (settings files, poms).

A table holds at most LIMIT entries and starts afresh when full, so values met once (positions,
names unique to a file) cannot crowd it for the rest of a long run; a long input (a certificate, a
JAAS line) is never kept.
"""
from __future__ import annotations

import os
from typing import Callable, Optional, TypeVar

LIMIT = 4096
LONGEST_TEXT = 64

T = TypeVar("T")


def remember(memo: dict, key, value: T, text: str = "") -> T:
    """Keep `value` under `key` (unless `text`, the input it was made from, is long) and return it."""
    if len(text) <= LONGEST_TEXT:
        if len(memo) >= LIMIT:
            memo.clear()
        memo[key] = value
    return value


def closest_above(directory: str, known: dict[str, Optional[T]], look: Callable[[str], Optional[T]],
                  last: Callable[[str], bool] = lambda _: False) -> Optional[T]:
    """What `look` finds in `directory` or, when it finds nothing (None), in the closest directory above;
    `last(d)` ends the search at `d` (the top of a checkout). Every directory passed is remembered in
    `known`, so the files of one tree cost one look per directory."""
    visited = []
    found: Optional[T] = None
    current = directory
    while True:
        if current in known:
            found = known[current]
            break
        visited.append(current)
        found = look(current)
        if found is not None or last(current):
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for seen in visited:
        known[seen] = found
    return found


def checkout_top(directory: str) -> bool:
    """The top of a checkout: it holds `.git` (a directory, or a file in a worktree or submodule)."""
    return os.path.exists(os.path.join(directory, ".git"))
