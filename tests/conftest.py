"""Fixtures shared by the test suite."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint_helpers import Honolint


@pytest.fixture
def honolint(tmp_path: Path) -> Honolint:
    return Honolint(tmp_path)
