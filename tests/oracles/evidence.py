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
