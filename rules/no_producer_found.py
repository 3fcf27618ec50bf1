"""A file named on the command line configures no producer honolint knows.

## What it checks
That a file you name explicitly holds a producer configuration in a layout honolint reads
(see `honolint dialects`). Files reached by walking a directory are skipped silently instead.
A file of a layout honolint reads that configures only consumers (`consumer.properties`), or only the
connection settings every client shares, is reported with that reason, at the key that shows it.

## Why
A typo in a top-level key, or a layout honolint does not read, would otherwise pass as "nothing
wrong" while nothing was checked.

## Example
```yaml
spring:
  kafka: {}
```
is reported (no producer found). If the file is a producer configuration in another layout, name
the dialect with `--dialect`.

## How to fix
Check the file's layout, or pass `--dialect`.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL005"
NAME = "no-producer-found"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a file named explicitly configures no producer"


def check(context: FileContext) -> Iterator[Problem]:
    loaded = context.loaded
    if not context.named_explicitly or loaded.error is not None or loaded.template is not None:
        return
    dialect = context.dialect
    if dialect is not None and dialect.producers:
        return
    if dialect is not None and dialect.no_producer is not None:
        reason, entry = dialect.no_producer
        yield Problem(f"no producer configured: {reason}", entry=entry)
        return
    not_mapping = next((d.not_a_mapping for d in loaded.documents if d.not_a_mapping), None)
    if not_mapping is not None:
        yield Problem(f"no producer configuration found: {not_mapping.message}", line=not_mapping.line,
                      column=not_mapping.column)
        return
    yield Problem("no producer configuration found in any layout honolint reads (`honolint dialects` lists "
                  "them); use --dialect to say how the file is laid out")
