"""Fixtures shared by the test suite."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint_helpers import Honolint


@pytest.fixture
def honolint(tmp_path: Path) -> Honolint:
    return Honolint(tmp_path)


def pytest_collection_modifyitems(config, items):
    """The version tier (downloads of old clients) runs only when asked for: `pytest -m versions`."""
    if "versions" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("versions") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("versions")])
        items[:] = kept
