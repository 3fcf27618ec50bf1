"""Fixtures shared by the test suite."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint_helpers import Honolint


@pytest.fixture
def honolint(tmp_path: Path) -> Honolint:
    return Honolint(tmp_path)


# tiers a plain `pytest` leaves out, each run when its marker is asked for (`pytest -m "slow or integration
# or versions"`, as .ci/run does): installs into fresh virtualenvs, downloads of old clients, and the
# large-input proofs of time and memory bounds
OPT_IN = ("integration", "versions", "slow")


def pytest_collection_modifyitems(config, items):
    asked = config.option.markexpr or ""
    left_out = [name for name in OPT_IN if name not in asked]
    dropped = [item for item in items if any(item.get_closest_marker(name) for name in left_out)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in set(dropped)]
