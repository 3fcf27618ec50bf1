"""A QoS class depends on a value that is known only at deploy time.

## What it checks
A value the file writes as an expression that nothing resolves at lint time (`acks=${KAFKA_ACKS}`,
`${env:KAFKA_ACKS}` for a config provider, an `@kafka.acks@` the build leaves, a `{{ .Values.acks }}`)
is unknown. honolint evaluates the producer for every value that can change the outcome (acks `all`,
`1`, `0`; `true` and `false`; integers at the thresholds the client and the spec use, such as 0 and 1
retries, 1, 2 to 5 and 6 requests in flight, and the delivery-timeout sum), through the same client
profile, so a refusal that depends on the value counts too. When a class holds for some values and not
for others, this finding names the value and the values for which the class holds.

## Why
The verdict of such a producer is decided by whoever deploys it. The spec: "a producer MUST wait for
the acknowledgements from all in-sync replicas"; if `KAFKA_ACKS` is set to `1` in one environment,
that environment loses messages, and the file alone cannot tell. Under Hono, which adds
`delivery.timeout.ms=2500`, an unknown `request.timeout.ms` decides whether the Java client refuses to
start the producer at all ("delivery.timeout.ms should be equal to or larger than linger.ms +
request.timeout.ms").

## Example
```yaml
spring:
  kafka:
    producer:
      acks: ${KAFKA_ACKS}
```
depends (AT LEAST ONCE holds when acks is all or -1). Fix:
```yaml
spring:
  kafka:
    producer:
      acks: ${KAFKA_ACKS:all}
```
or state the deployment's value: `honolint check --define KAFKA_ACKS=all`. (In a plain `.properties`
file, which only a deploy step such as envsubst resolves, a default is written `${KAFKA_ACKS:-all}`;
there `${KAFKA_ACKS:all}` is a Kafka config provider reference.)

## How to fix
Give the expression a default that meets the class, write the value itself, or tell honolint the
value it will have (`--define NAME=VALUE`, `--define-file deploy.env`, or `defines:` in the settings
file). A class that depends is a warning: it does not fail the run unless `--fail-level warning`.
"""
from __future__ import annotations

from typing import Iterator

from honolint.model import QOS_CLASSES, Condition
from honolint.rulebook import Problem, ProducerContext

CODE = "HL209"
NAME = "verdict-depends"
SEVERITY = "warning"
CLASSES = ("at-least-once", "at-most-once")
SCOPE = "producer"
ONLY_FOR_EXPRESSIONS = True
SUMMARY = "a QoS class depends on a value known only at deploy time"

TITLES = {"at-least-once": "AT LEAST ONCE", "at-most-once": "AT MOST ONCE"}


def check(context: ProducerContext) -> Iterator[Problem]:
    if not context.depends:
        return
    by_key: dict[str, list[tuple[str, Condition]]] = {}
    for qos_class in QOS_CLASSES:
        for condition in context.depends.get(qos_class, ()):
            by_key.setdefault(condition.key, []).append((qos_class, condition))
    for key, found in by_key.items():
        condition = found[0][1]
        said: dict[tuple[str, str], list[str]] = {}  # (holds when, otherwise) -> the classes
        for qos_class, c in found:
            said.setdefault((c.holds_when, c.otherwise), []).append(TITLES[qos_class])
        holds = "; ".join(f"{' and '.join(titles)} {'hold' if len(titles) > 1 else 'holds'} when {key} is {when}"
                          + (f" (otherwise {otherwise})" if otherwise else "")
                          for (when, otherwise), titles in said.items())
        names = [name for name in condition.name.split(", ") if name]
        supply = " ".join(f"--define {name}=VALUE" for name in names) or "--define NAME=VALUE"
        yield Problem(f"{key}={condition.expression} is known only at deploy time and the verdict depends on it: "
                      f"{holds}; give it a default that holds, or state its value ({supply})", key=key,
                      classes=tuple(qos_class for qos_class, _ in found))
