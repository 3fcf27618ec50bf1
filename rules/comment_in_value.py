"""A `.properties` value that carries what was meant as a comment.

## What it checks
A value in a `.properties` file that holds whitespace followed by `#` or `!`.

## Why
`java.util.Properties` treats `#` and `!` as comments only at the start of a line. In
`acks=all # durable` the value is `all # durable`, which the Java client refuses
(`Invalid value all # durable for configuration acks`), and in a free-form key such as
`client.id` the comment silently becomes part of the value.

## Example
```properties
acks=all   # durable
```
fails. Fix:
```properties
# durable
acks=all
```

## How to fix
Move the comment to a line of its own.
"""
from __future__ import annotations

import re
from typing import Iterator

from honolint.rulebook import FileContext, Problem
from honolint.redact import is_secret

CODE = "HL003"
NAME = "comment-in-value"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a .properties value holds a trailing '# comment', which is part of the value"

_COMMENT = re.compile(r"\s[#!]")


def check(context: FileContext) -> Iterator[Problem]:
    if context.loaded.format != "properties":
        return
    used = context.producer_entries()
    for doc in context.loaded.documents:
        for entry in doc.entries:
            if id(entry) in used and entry.value and (match := _COMMENT.search(entry.value)):
                if is_secret(entry.key):  # a secret: no part of it is quoted
                    yield Problem(f"the value of {entry.key} holds ' #' or ' !': .properties files have no trailing "
                                  "comments, so what follows is part of the value; put the comment on its own line",
                                  key=entry.key, entry=entry)
                    continue
                intended = entry.value[: match.start()].rstrip()
                trailing = entry.value[match.start():].strip()
                hint = ("; a `# honolint:` directive applies only on a comment line of its own, above the key"
                        if "honolint:" in trailing else "")
                yield Problem(
                    f"the value of {entry.key} is '{entry.value}': .properties files have no trailing comments, "
                    f"so '{trailing}' is part of the value; put the comment on its own "
                    f"line and write {entry.key}={intended}{hint}",
                    key=entry.key, entry=entry)
