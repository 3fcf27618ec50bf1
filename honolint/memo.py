"""Memo tables for what recurs from file to file in one run (YAML scalars, parsed values, report text).

A table holds at most LIMIT entries and starts afresh when full, so values met once (positions,
names unique to a file) cannot crowd it for the rest of a long run; a long input (a certificate, a
JAAS line) is never kept.
"""
from __future__ import annotations

from typing import TypeVar

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
