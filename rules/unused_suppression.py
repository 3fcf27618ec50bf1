"""A `# honolint: ignore[...]` or `file-ignore[...]` that suppresses nothing.

## What it checks
Each rule listed in a suppression comment: that it suppressed at least one finding, at the line the
comment applies to (`ignore`) or anywhere in the file (`file-ignore`). The finding counts whatever
`--select`/`--ignore` and the settings file do with it afterwards. honolint works this out after
all the other rules have run (in `honolint/selection.py`); this module is its code, name and
documentation.

## Why
A suppression outlives its reason: once the configuration is fixed, or the key it sat above is
moved, it silently suppresses the next finding that shows up there. A suppression of a rule that
never fires there is also often a typo (the wrong code, or a blank line between the comment and its
key).

## Example
```properties
# honolint: ignore[HL201] the metrics producer may lose records
acks=all
```
is reported: acks is all, HL201 does not fire on that line. In YAML:
```yaml
acks: all  # honolint: ignore[acks-not-all]
```

## How to fix
Delete the suppression, or the codes of it that no longer apply. A suppression applies to the line
right after it (comment lines in between are skipped, a blank line is not); `honolint check
--format json` shows the line each finding points at.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL008"
NAME = "unused-suppression"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "a `# honolint: ignore[...]` suppresses nothing"


def check(context: FileContext) -> Iterator[Problem]:
    """Nothing here: whether a suppression was used is known only once every rule has run
    (`honolint.filter.selection` reports it under this rule's code)."""
    return iter(())
