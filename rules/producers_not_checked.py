"""A file with more producers than honolint checks in one file: the rest are not checked.

## What it checks
That every producer a file configures was checked. honolint checks a file's first producer always, then
producers while fewer than 10,000 have been checked and they received fewer than 250,000 settings in all;
the runs a layout builds its producers from (a Spring profile, a Spring Cloud Stream binding, a Quarkus
channel in a profile, a MirrorMaker flow) have the same bound on the work of building them, and a
manifest's ConfigMaps and containers count together. A file past a bound is reported once, at the first
producer left out, with how many were left out (at most that many, when a layout stops before it has
told its producers apart: a Quarkus profile that changes nothing is no producer).

## Why
Producers multiply what they inherit: each Spring profile's run reads every document of the file, each
binding receives the binder's producer properties, each Quarkus channel the `kafka.*` keys. A file of
2,000 profiles over a base of 1,000 keys handed 2,000,000 settings to the client's rules, which took a
minute and a gigabyte before this bound; a file anyone can change in a pull request must not be able to
stall the check of every commit. No real application comes near the bounds; a generated file may.

## Example
A Spring Boot `application.yml` whose base document is followed by 1,000 profile documents, each a
producer of its own (the block after the first `---` is repeated for n = 0...999):
```yaml
spring:
  kafka:
    producer:
      acks: all
---
spring:
  config:
    activate:
      on-profile: region-{n}
  kafka:
    producer:
      acks: "1"
```
reports the profiles past the bound as not checked. Fix: split the file, or generate fewer profiles:
```yaml
spring:
  kafka:
    producer:
      acks: all
```

## How to fix
Split the file into files of fewer producers (each file has the bounds of its own), or lint the
configuration that generates it.
"""
from __future__ import annotations

from typing import Iterator

from honolint.model import MOST_PRODUCERS, MOST_SETTINGS
from honolint.rulebook import FileContext, Problem

CODE = "HL014"
NAME = "producers-not-checked"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "more producers in one file than honolint checks: the rest are not checked"
EXAMPLE_REPEAT = 1000  # the documented example's last document, written this many times with {n} numbered


def check(context: FileContext) -> Iterator[Problem]:
    budget = context.loaded.budget
    if not budget.left_out or budget.path != context.loaded.path:
        return  # a file inside a manifest: the manifest says it, once
    line, column = budget.first_left_out or (1, 1)
    yield Problem(f"{budget.left_out:,} more producers in this file are not checked (the first of them is here): "
                  f"honolint checks at most {MOST_PRODUCERS} producers and {MOST_SETTINGS:,} settings of producers in "
                  "one file", line=line, column=column)
