"""A YAML value that YAML 1.1 reads differently from how it is written.

## What it checks
Plain (unquoted) YAML scalars in producer keys whose YAML 1.1 reading differs from their text:
`yes`/`no`/`on`/`off` become booleans, `0100` is octal (64), `1_000` is 1000, `1:30` is
sexagesimal (90), `0x10` is hex, `~` or an empty value is null.

## Why
Spring, Quarkus (and Hono), Strimzi/Kubernetes and PyYAML read YAML 1.1, then hand the client the
converted value as text: `batch.size: 0100` configures 64, and `delivery.timeout.ms: 2:00` configures
120 ms, not two minutes. A reader of the file cannot see that. Fluent Bit and Vector hand the client
the scalar as written, so their files are not reported here (the client's own reading of `yes` or
`0100` is checked like any other value).

## Example
```yaml
linger.ms: 0100
```
is reported: the producer gets linger.ms=64. Fix:
```yaml
linger.ms: 100
```

## How to fix
Write the value in the form you mean: a plain decimal (`100`, `1500`), `true`/`false`. Quoting is
no fix for numbers: the Java client refuses `"1_500"` and librdkafka reads `"0100"` as octal.
"""
from __future__ import annotations

from typing import Iterator

from honolint.redact import is_secret
from honolint.rulebook import FileContext, Problem

CODE = "HL004"
NAME = "yaml-implicit-typing"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "YAML 1.1 reads the unquoted value as something else (yes -> true, 0100 -> 64, 1:30 -> 90)"

_HOW = {"bool": "a YAML 1.1 boolean", "null": "null (an empty value)", "float": "a YAML 1.1 float"}


def _how_int(raw: str) -> str:
    text = raw.lstrip("+-")
    if ":" in text:
        return "sexagesimal (base 60)"
    if text.startswith(("0x", "0X")):
        return "hexadecimal"
    if text.startswith(("0b", "0B")):
        return "binary"
    if "_" in text:
        return "a number with '_' separators"
    if len(text) > 1 and text.startswith("0"):
        return "octal"
    return "a YAML 1.1 integer"


def check(context: FileContext) -> Iterator[Problem]:
    if context.loaded.format != "yaml":
        return
    used = context.producer_entries() - _handed_on_as_written(context)
    for doc in context.loaded.documents:
        for entry in doc.entries:
            raw, value = entry.raw, entry.value
            if id(entry) not in used or raw is None or entry.yaml_type not in ("int", "bool", "null", "float"):
                continue
            if value == raw or (entry.yaml_type == "bool" and value == raw.lower()):
                continue
            how = _how_int(raw) if entry.yaml_type == "int" else _HOW[entry.yaml_type]
            if is_secret(entry.key):  # a secret: no text of it, nor any derived from it
                yield Problem(f"{entry.key}: its value is read as {how}, so the producer gets another text than "
                              "the file writes; quote the value", key=entry.key, entry=entry)
                continue
            shown = f"'{value}'" if value else "an empty value"
            yield Problem(f"{entry.key}: {raw} is read as {how}, so the producer gets {shown}; {_advice(entry)}",
                          key=entry.key, entry=entry)


def _handed_on_as_written(context: FileContext) -> set[int]:
    """The entries every producer receives as written, not as YAML 1.1 reads them (Fluent Bit, Vector)."""
    dialect = context.dialect
    if dialect is None:
        return set()
    as_written, converted = set(), set()
    for producer in dialect.producers:
        for layer in producer.layers:
            for setting in layer.settings:
                entry = setting.entry
                if entry is not None and entry.raw is not None and entry.raw != entry.value:
                    (as_written if setting.value == entry.raw else converted).add(id(entry))
    return as_written - converted


def _advice(entry) -> str:
    """Write what is meant in a form every reader agrees on; quoting 1_000 or 0100 only moves the
    surprise to the client (Java refuses 1_000, librdkafka reads "0100" as octal)."""
    raw, kind = entry.raw, entry.yaml_type
    if kind == "bool":
        return f"write {entry.value} if that is meant"
    if kind == "null":
        return "give the key a value or remove it"
    if kind == "int" and "_" in raw and ":" not in raw:
        return f"write {raw.replace('_', '')}"
    if kind == "int" and raw.lstrip("+-").startswith("0") and raw.lstrip("+-")[1:2].isdigit():
        return f"write {raw.lstrip('+-').lstrip('0') or '0'} if a decimal number is meant, or {entry.value}"
    return f"write the decimal number you mean ({entry.value}?)"
