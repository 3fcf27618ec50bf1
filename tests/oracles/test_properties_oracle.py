"""The `.properties` loader against `java.util.Properties.load(InputStream)` of the installed JDK.

Every run draws a fresh seed (printed); replay one with `HONOLINT_ORACLE_SEED=<seed>`.
"""
from __future__ import annotations

import os
import random
import time

import pytest

from evidence import unavailable
from properties_oracle import compare, javac_available

N_FILES = 5000


@pytest.mark.oracle
def test_properties_loader_agrees_with_the_jdk() -> None:
    if not javac_available():
        unavailable("javac is not installed")
    given = os.environ.get("HONOLINT_ORACLE_SEED")
    seed = int(given) if given else random.SystemRandom().randrange(2**32)
    print(f"HONOLINT_ORACLE_SEED={seed}")
    started = time.perf_counter()
    found = compare(N_FILES, seed)
    print(f"{N_FILES} files, {len(found)} disagreements, {time.perf_counter() - started:.1f}s")
    assert not found, (
        f"{len(found)} of {N_FILES} files load differently from the JDK "
        f"(replay with HONOLINT_ORACLE_SEED={seed}); the first ones:\n"
        + "\n".join(str(d) for d in found[:5])
    )
