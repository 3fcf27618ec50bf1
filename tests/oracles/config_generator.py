"""Seeded generators of producer configurations for the differential tests, and their .properties form."""
from __future__ import annotations

import os
import random

Pairs = list[tuple[str, str]]

ODD = ["", " ", "ALL", " all ", "TRUE", "yes", "3x", "-1", "2", "+1", "01", "0x10", "1_000", "\u0663", "2147483648"]
JAVA_VALUES: dict[str, list[str]] = {
    "acks": ["all", "-1", "0", "1", "2", "All"],
    "retries": ["0", "1", "3", "2147483647", " 5 "],
    "max.in.flight.requests.per.connection": ["1", "2", "5", "6", "10", "0"],
    "enable.idempotence": ["true", "false", "False", " true"],
    "delivery.timeout.ms": ["100", "2500", "30000", "30005", "120000", "2147483647"],
    "linger.ms": ["0", "5", "1000", "-1", "120000"],
    "request.timeout.ms": ["750", "5000", "30000", "119999"],
    "transactional.id": ["tx-1", "orders"],
    "max.block.ms": ["500", "-5"],
    "compression.type": ["lz4", "zstd", "none", "LZ4", "lz4 # fast"],
    "enable.idempotency": ["true"],
    "max.poll.records": ["100"],
    "foo.bar": ["1"],
}
LIBRDKAFKA_VALUES: dict[str, list[str]] = {
    "acks": ["all", "-1", "0", "1", "2", "ALL", " all", "1001"],
    "request.required.acks": ["1", "-1", "all"],
    "topic.acks": ["1", "-1"],
    "retries": ["0", "3", "2147483647", "3x", "010"],
    "message.send.max.retries": ["0", "5"],
    "max.in.flight.requests.per.connection": ["1", "5", "6", "1000000", "0", "0x5"],
    "max.in.flight": ["2", "6"],
    "enable.idempotence": ["true", "false", "TRUE", "t", "1", "yes"],
    "transactional.id": ["tx-1", ""],
    "transaction.timeout.ms": ["30000", "60000"],
    "delivery.timeout.ms": ["0", "100", "20000", "120000"],
    "message.timeout.ms": ["1000", "70000", "300000"],
    "linger.ms": ["0", "5", "5ms", "2000", "400000", "1e3"],
    "queue.buffering.max.ms": ["10", "0.5"],
    "request.timeout.ms": ["0", "5000", "30000"],
    "socket.timeout.ms": ["30000", "90000"],
    "queuing.strategy": ["fifo", "lifo"],
    "queue.buffering.backpressure.threshold": ["1", "5"],
    "enable.gapless.guarantee": ["true"],
    "compression.type": ["lz4", "zstd", "brotli"],
    "max.block.ms": ["500"],
    "enable.idempotency": ["true"],
}


def seed_from_env() -> int:
    """A new seed each run, unless HONOLINT_ORACLE_SEED asks to replay one."""
    text = os.environ.get("HONOLINT_ORACLE_SEED")
    return int(text) if text else random.SystemRandom().randrange(2**32)


def configs(values: dict[str, list[str]], count: int, seed: int, max_keys: int = 5) -> list[Pairs]:
    rng = random.Random(seed)
    keys = list(values)
    out = []
    for _ in range(count):
        chosen = rng.sample(keys, rng.randint(0, max_keys))
        out.append([(key, rng.choice(values[key] + ODD) if rng.random() < 0.1 else rng.choice(values[key]))
                    for key in chosen])
    return out


def _escape(text: str, is_key: bool) -> str:
    out = []
    for index, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[char])
        elif char == " " and (is_key or index == 0):
            out.append("\\ ")
        elif is_key and char in "=:#!":
            out.append("\\" + char)
        elif ord(char) > 0xFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def properties_bytes(pairs: Pairs) -> bytes:
    """The configuration as a .properties file that java.util.Properties reads back exactly."""
    text = "".join(f"{_escape(key, True)}={_escape(value, False)}\n" for key, value in pairs)
    return text.encode("latin-1")


def describe(pairs: Pairs) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in pairs) or "(nothing)"
