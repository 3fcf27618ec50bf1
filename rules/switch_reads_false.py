"""A framework's on/off switch written as true that the framework reads as false.

## What it checks
Switches that decide whether producers exist, read with Java's `Boolean.parseBoolean` on the raw text:
MirrorMaker 2's `A->B.enabled`, `emit.heartbeats.enabled` and `A->B.emit.heartbeats.enabled` (which
flows and heartbeat emitters get a herder, `MirrorMakerConfig.clusterPairs`, Kafka 2.8+) and the
Strimzi HTTP bridge's `http.producer.enabled`. A value such as `true ` (a blank after it), `yes` or
`on` reads as false there. The finding names what that turns off: a replication flow, the heartbeats
into a cluster, the bridge's HTTP producer, or, when nothing is left, MirrorMaker itself, which stops
at start-up. A MirrorMaker flow whose herder the heartbeats still create runs (its connector reads
`enabled` trimmed) and is reported as an info: it stops once heartbeats are turned off.

## Why
`Boolean.parseBoolean` is true only for the text `true` in any case, and `java.util.Properties` keeps
the blanks at the end of a value (it strips only those before it). Kafka's own ConfigDef trims, so the
same value works for most keys and fails quietly for these: a `true ` copied from a wiki page turns a
replication flow off, and MirrorMaker logs no error for it (it only creates no herder).

## Example
```properties
clusters = primary, dr
primary.bootstrap.servers = kafka-primary:9092
dr.bootstrap.servers = kafka-dr:9092
# a blank follows true on the next line
primary->dr.enabled = true 
emit.heartbeats.enabled = false
```
is reported: the flow primary->dr gets no herder, so nothing is replicated. Fix:
```properties
clusters = primary, dr
primary.bootstrap.servers = kafka-primary:9092
dr.bootstrap.servers = kafka-dr:9092
primary->dr.enabled = true
emit.heartbeats.enabled = false
```

## How to fix
Write `true`, with nothing after it on the line.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import FileContext, Problem

CODE = "HL013"
NAME = "switch-reads-false"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "file"
SUMMARY = "an on/off switch written as true that the framework reads as false (`true ` with a trailing blank)"


def check(context: FileContext) -> Iterator[Problem]:
    if context.dialect is None:
        return
    for switch in sorted(context.dialect.switches, key=lambda switch: switch.entry.line):
        entry = switch.entry
        value = entry.value or ""
        if value.strip().lower() == "true":
            how = "Boolean.parseBoolean does not trim the blank java.util.Properties keeps after it"
        else:
            how = "Boolean.parseBoolean reads only true as true"
        yield Problem(f"{entry.key}={value!r} reads as false ({how}): {switch.effect}; write {entry.key}=true",
                      key=entry.key, entry=entry, severity=None if switch.disables else "info")
