"""A file that cannot be read or parsed.

## What it checks
That honolint could read the file and parse it: a `.properties` file with a malformed `\\uXXXX`
escape (Java's `Properties.load` refuses the whole file), YAML that is not well formed or not valid
UTF-8, a path that does not exist or cannot be opened.

## Why
A configuration the application cannot read configures no producer at all, or stops the
application at start-up. `java.util.Properties.load` throws `IllegalArgumentException: Malformed
\\uxxxx encoding.`; a YAML reader stops at the first error.

## Example
```properties
client.id=caf\\u00e
```
fails (the escape has three hex digits). Fix:
```properties
client.id=caf\\u00e9
```

## How to fix
Correct the syntax at the position given. A file reached through a directory walk is reported as a
warning rather than an error, since it may not be a configuration; a Helm or Jinja template is no
unreadable file at all, but a template (HL011).
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL001"
NAME = "unreadable-file"
SEVERITY = "error"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "the file cannot be read or parsed"


def check(context: FileContext) -> Iterator[Problem]:
    error = context.loaded.error
    if error is None:
        return
    severity = None if context.named_explicitly else "warning"
    message = error.message if error.message.startswith("cannot") else f"cannot parse {context.loaded.format}: " \
                                                                         f"{error.message}"
    yield Problem(message, line=error.line, column=error.column, severity=severity)
