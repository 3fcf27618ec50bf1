"""The idempotent producer needs a privilege on brokers before 2.8.

## What it checks
An idempotent producer (explicitly, by default, or forced by a framework).

## Why
The spec: "Note that the idempotent producer option requires special privileges for the producer's
user to be configured." Before broker 2.8 that is the cluster `IDEMPOTENT_WRITE` ACL; from 2.8 on
(KIP-679) WRITE on a topic is enough. Java 3.0.1+ is idempotent by default, so a client upgrade
alone can meet `ClusterAuthorizationException` on an older secured cluster.

## Example
```properties
enable.idempotence=true
```
is reported as a reminder, at info level: once per file (for its first idempotent producer), and not for a
producer whose framework forces idempotence (Hono), where there is nothing in the file to act on.

## How to fix
Nothing to fix on brokers 2.8 or later. On older secured clusters grant `IDEMPOTENT_WRITE` to the
producer's principal.
"""
from __future__ import annotations

from typing import Iterator

from honolint.rulebook import Problem, ProducerContext

CODE = "HL207"
NAME = "idempotence-needs-privileges"
SEVERITY = "info"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
SUMMARY = "the idempotent producer needs IDEMPOTENT_WRITE on brokers before 2.8"


def check(context: ProducerContext) -> Iterator[Problem]:
    if context.verdict.rejected or not context.verdict.idempotent or _forced(context):
        return
    yield Problem(f"the producer is idempotent ({context.describe('enable.idempotence')}): on secured brokers "
                  "before 2.8 its user needs the IDEMPOTENT_WRITE cluster permission (said once per file)",
                  key="enable.idempotence", once=True)


def _forced(context: ProducerContext) -> bool:
    framework = context.spec.framework
    return framework is not None and any(key == "enable.idempotence" for key, _ in framework.forced)
