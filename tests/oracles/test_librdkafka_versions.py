"""The version tier: honolint against old librdkafka releases, each the one a confluent-kafka wheel bundles.

`pytest -m versions` downloads each wheel into the user cache on first use (old_librdkafka.py), loads its
librdkafka in a process of its own and compares honolint with it on generated configurations, as the
oracle tier does for the bundled newest release: accepted or refused, the first message, idempotence and
the effective values (before 1.1.0, which cannot dump a client's configuration, the verdict, the message and
the topic-level values). A fresh seed each run (printed), replayed with HONOLINT_ORACLE_SEED.
"""
from __future__ import annotations

import pytest

from config_generator import seed_from_env
from evidence import release_agrees

N_CONFIGS = 2000
# confluent-kafka releases, one for each librdkafka line a user may still run (the bundled newest is the
# oracle tier's); 0.11.4 differs in one refusal's wording and is left out
VERSIONS = ["0.11.5", "0.11.6", "1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.2", "1.5.0", "1.6.0", "1.7.0", "1.8.2",
            "1.9.2", "2.0.2", "2.2.0", "2.3.0", "2.4.0", "2.6.0", "2.8.0", "2.10.0", "2.12.0", "2.13.0", "2.15.0"]


@pytest.mark.oracle
@pytest.mark.versions
@pytest.mark.parametrize("version", VERSIONS)
def test_an_old_librdkafka_agrees(version):
    from old_librdkafka import compare

    release_agrees(compare, f"confluent-kafka {version}", version, N_CONFIGS, seed_from_env(),
                   lambda result: f"librdkafka {result['librdkafka']}")
