"""A producer key given twice in one file.

## What it checks
A key that appears twice in the same `.properties` file or the same YAML mapping, where the key
reaches a producer. Spring Boot reads a `.properties` file as documents separated by `#---` lines,
like YAML's `---`: a key set once in each of two documents is not a duplicate (a profile's document
overrides the default one only when that profile is active).

## Why
`java.util.Properties` keeps the last value silently, and so does PyYAML; Spring Boot refuses a
YAML file with duplicate keys. Whoever edits the first occurrence changes nothing, and whoever
reads the file sees a value that is not the one in force.

## Example
```properties
retries=2147483647
retries=0
```
fails: retries is 0. Fix: keep one line.

## How to fix
Delete the occurrence that is not meant. honolint uses the last one, as the clients do.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL002"
NAME = "duplicate-key"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a key is set twice; the last one wins silently"


def check(context: FileContext) -> Iterator[Problem]:
    used = context.producer_entries()
    split = context.dialect.documents if context.dialect is not None else None
    for doc in context.loaded.documents:
        for duplicate in doc.duplicates:
            if id(duplicate.second) not in used:
                continue
            first, second = duplicate.first, duplicate.second
            if split is not None and split.get(id(first)) != split.get(id(second)):
                continue  # Spring documents (`#---`): the later one applies under its own conditions
            yield Problem(
                f"'{second.key}' is set twice (line {first.line} and line {second.line}): "
                f"the later value '{second.value}' wins and '{first.value}' is ignored",
                key=second.key, entry=second)
