"""What the oracle tests saw: refusal evidence rows, and how a missing oracle is treated."""
from __future__ import annotations

import os
from collections import Counter

import pytest

# client -> (what the client said, what honolint said) -> count; and one example configuration each
EVIDENCE: dict[str, Counter] = {}
EXAMPLES: dict[tuple, str] = {}


def record(client: str, client_says: str, honolint_says: str, example: str) -> None:
    row = (client_says, honolint_says)
    EVIDENCE.setdefault(client, Counter())[row] += 1
    EXAMPLES.setdefault((client, *row), example)


def unavailable(reason: str) -> None:
    """Skip, unless HONOLINT_REQUIRE_ORACLES=1 (CI): then the tier must not pass by not running."""
    if os.environ.get("HONOLINT_REQUIRE_ORACLES") == "1":
        pytest.fail(f"oracle unavailable under HONOLINT_REQUIRE_ORACLES=1: {reason}")
    pytest.skip(reason)


# the version tier: one row per real client release compared (release, configurations, disagreements)
VERSION_ROWS: list[tuple[str, int, int]] = []


def release_agrees(compare, source: str, release: str, count: int, seed: int, label) -> None:
    """`compare(release, count, seed)` (old_librdkafka, old_kafka_clients) against the real release `source`
    names ("confluent-kafka 1.4.0"): skipped (failed in CI) when it cannot be had, else 0 disagreements;
    `label(result)` names the client it ran for the evidence table."""
    print(f"HONOLINT_ORACLE_SEED={seed}")
    try:
        result = compare(release, count, seed)
    except Exception as exc:  # noqa: BLE001 - no network, no such wheel: the oracle is not available
        unavailable(f"{source}: {type(exc).__name__}: {exc}")
    if not result.get("loaded"):
        unavailable(f"{source}: the client did not load or run: {result.get('error', '')[-500:]}")
    client = label(result)
    VERSION_ROWS.append((client, result["configs"], result["disagreements"]))
    assert result["disagreements"] == 0, (f"{client} (replay with HONOLINT_ORACLE_SEED={seed}):\n"
                                          + "\n".join(str(c) for c in result["causes"][:5]))
