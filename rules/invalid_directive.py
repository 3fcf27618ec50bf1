"""A `# honolint:` comment honolint cannot apply.

## What it checks
Every comment that starts with `honolint:`: that it is `ignore[RULE,...]`, `file-ignore[RULE,...]`
or in-file settings (`qos=`, `client=`, `dialect=`), that each rule it lists exists (a code, a name
or a code prefix such as `HL2`), and that each setting has a value honolint accepts.

## Why
A suppression with a misspelt code suppresses nothing, and an in-file `qos=` with a typo leaves the
file checked against a class it does not mean. Either would otherwise go unnoticed. The file is
linted as if the broken part of the comment were not there.

## Example
```yaml
# honolint: qos=at-most-one
acks: 0
```
is reported: `at-most-one` is not a QoS class, so the file is checked for AT LEAST ONCE.
```properties
# honolint: ignore[HL2O1]
acks=1
```
is reported: HL2O1 (letter O) names no rule.

## How to fix
Write the directive as `honolint rules` and `honolint check --help` name things:
`# honolint: ignore[HL201] reason`, `# honolint: file-ignore[HL208]`,
`# honolint: qos=at-most-once client=librdkafka:2.3`.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL009"
NAME = "invalid-directive"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a `# honolint:` comment is malformed, names no rule or sets a bad value"


def check(context: FileContext) -> Iterator[Problem]:
    """Nothing here: directives are read before the file is linted (`honolint.directives`) and
    their problems are reported under this rule's code by `honolint.filter.selection`."""
    return iter(())
