"""AT LEAST ONCE needs `acks=all`.

## What it checks
The effective `acks` (after defaults, framework and client adjustments) is `all` (or `-1`).

## Why
The spec: "To provide AT LEAST ONCE delivery semantics, a producer MUST wait for the
acknowledgements from all in-sync replicas before sending the acknowledgement back to the client.
This can be achieved e.g. by setting acks to all or, implicitly, by setting enable.idempotence to
true." With `acks=1` "If the broker goes down before others finished replication, then the message
will be lost"; with `acks=0` "This provides no guarantees." Mind the defaults: `acks` is 1 in the
Java client before 3.0 and in librdkafka before 1.0.

## Example
```properties
acks=1
```
fails AT LEAST ONCE. Fix:
```properties
acks=all
```

## How to fix
Set `acks=all`, or declare the producer AT MOST ONCE (`--qos at-most-once`) if it only ever sends
messages that may be lost.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL201"
NAME = "acks-not-all"
SEVERITY = "error"
CLASSES = ("at-least-once",)
SCOPE = "producer"
SUMMARY = "AT LEAST ONCE needs acks=all; the effective acks is 0 or 1"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.verdict.rejected or context.verdict.acks_all:
        return
    acks = context.effective.text("acks")
    loss = ("the producer does not wait for any acknowledgement" if acks == "0"
            else "a message acknowledged by the leader alone is lost if the leader fails before replication")
    if context.idempotence_culprit() == "acks" and not context.verdict.ordered:
        loss += (f", and on {context.profile.label} it turns the default idempotence off, so retries with "
                 "more than one request in flight may reorder messages")
    yield Problem(f"AT LEAST ONCE needs acks=all, but {context.describe('acks')}: {loss}; set acks=all",
                  key="acks", cause="acks")
