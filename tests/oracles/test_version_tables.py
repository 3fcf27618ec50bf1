"""Client behaviour by version, kept as data: tests/oracles/version_tables.yaml.

Older client versions cannot be run here, so their behaviour is a table whose every row names its
source (client-semantics.md, and the client's code at a release tag). Two kinds of test read it:

- every row, at every version it lists, goes through honolint end to end
  (`honolint check --format json --dialect plain --client FAMILY:VERSION FILE.properties`, in-process)
  and must give the row's result: accepted or the first refusal (exact text), idempotent, and the
  effective values the row names. Rows where honolint is known to disagree carry `xfail` (strict).
  These need no JVM and no librdkafka and are not marked `oracle`.
- marked `oracle`: the rows for the newest versions (java 4.3.0, the librdkafka bundled in
  confluent-kafka) also go through the LIVE clients, one batch per client, and must give the row's
  result too: this is what keeps the table itself honest. They skip when there is no JDK (javac) or
  confluent_kafka cannot be imported (they fail instead under HONOLINT_REQUIRE_ORACLES=1, as in CI).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
import yaml

from config_generator import properties_bytes
from evidence import unavailable
from lint_helpers import invoke
from honolint.profiles import parse_client
from honolint.profiles.librdkafka import CANONICAL

TABLES_PATH = Path(__file__).with_name("version_tables.yaml")
TABLES: dict[str, Any] = yaml.safe_load(TABLES_PATH.read_text(encoding="utf-8"))
MESSAGES: dict[str, str] = TABLES["java_messages"]
FAMILIES = {
    "java_defaults": "java",
    "java_behaviour": "java",
    "librdkafka_defaults": "librdkafka",
    "librdkafka_behaviour": "librdkafka",
}
NEWEST = {family: ".".join(map(str, parse_client(family).version)) for family in set(FAMILIES.values())}
MISSING = object()


# ------------------------------------------------------------------ the rows


def pairs(row: dict) -> list[tuple[str, str]]:
    config = row["config"]
    items = config.items() if isinstance(config, dict) else config
    return [(key, value) for key, value in items]


def message_text(row: dict) -> str:
    """The exact text of the row's refusal: a Java message id (client-semantics.md §1.3) or the text."""
    message = row["message"]
    if message not in MESSAGES:
        return message
    in_flight = dict(pairs(row)).get("max.in.flight.requests.per.connection", "5")
    return MESSAGES[message].replace("{mif}", in_flight)


def rows(*tables: str) -> Iterator[tuple[str, str, dict]]:
    for table in tables:
        for row in TABLES[table]:
            yield table, FAMILIES[table], row


def cases(*tables: str, version: Optional[str] = None, with_xfail: bool = True) -> list:
    """One pytest param per (row, version): the row at each version it lists (or only at `version`)."""
    params = []
    for table, family, row in rows(*tables):
        for row_version in row["versions"]:
            if version is not None and row_version != version:
                continue
            marks = []
            if with_xfail and row.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=row["xfail"]))
            params.append(pytest.param(family, row_version, row, id=f"{row['id']}@{family}:{row_version}", marks=marks))
    return params


def differences(outcome: dict, row: dict) -> list[str]:
    """What in `outcome` ({accepted, message, idempotent, effective}) differs from the row."""
    found = []
    if outcome["accepted"] != row["accepted"]:
        said = f"refused: {outcome['message']!r}" if not outcome["accepted"] else "accepted"
        found.append(f"accepted: expected {row['accepted']}, got {said}")
        return found
    if not row["accepted"]:
        expected = message_text(row)
        if outcome["message"] != expected:
            found.append(f"first refusal: expected {expected!r}, got {outcome['message']!r}")
        return found
    if "idempotent" in row and outcome["idempotent"] is not row["idempotent"]:
        found.append(f"idempotent: expected {row['idempotent']}, got {outcome['idempotent']}")
    for key, value in (row.get("effective") or {}).items():
        got = outcome["effective"].get(key, MISSING)
        if got != value:
            found.append(f"{key}: expected {value!r}, got {'(absent)' if got is MISSING else repr(got)}")
    return found


def explain(row: dict, client: str, found: list[str]) -> str:
    return (f"{row['id']} on {client}, config {pairs(row)}:\n  " + "\n  ".join(found)
            + f"\n  source: {row['source']}")


# ------------------------------------------------------------------ table sanity


def test_tables_are_well_formed() -> None:
    ids = [row["id"] for _, _, row in rows(*FAMILIES)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    problems = []
    for table, family, row in rows(*FAMILIES):
        where = f"{table}/{row.get('id')}"
        if not (isinstance(row.get("source"), str) and row["source"].strip()):
            problems.append(f"{where}: no source")
        versions = row.get("versions")
        if not versions or not all(isinstance(v, str) for v in versions):
            problems.append(f"{where}: versions must be a non-empty list of strings")
        else:
            for version in versions:
                try:
                    parse_client(f"{family}:{version}")
                except ValueError as error:
                    problems.append(f"{where}: {error}")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in pairs(row)):
            problems.append(f"{where}: config keys and values must be strings (quote them in the YAML)")
        if not isinstance(row.get("accepted"), bool):
            problems.append(f"{where}: accepted must be true or false")
        elif not row["accepted"] and not isinstance(row.get("message"), str):
            problems.append(f"{where}: a refusal needs its message")
        elif row["accepted"] and "message" in row:
            problems.append(f"{where}: an accepted row has no message")
        if "xfail" in row and not (isinstance(row["xfail"], str) and row["xfail"].strip()):
            problems.append(f"{where}: xfail must be the reason")
    assert not problems, "\n".join(problems)
    for family, newest in NEWEST.items():
        assert any(newest in row["versions"] for _, f, row in rows(*FAMILIES) if f == family), (
            f"no row for the newest {family} modelled ({newest}): the oracle test would have nothing to check")


# ------------------------------------------------------------------ honolint, every row


def honolint_outcome(family: str, version: str, config: list[tuple[str, str]], tmp_path: Path) -> dict:
    path = tmp_path / "producer.properties"
    path.write_bytes(properties_bytes(config))
    result = invoke("check", "--format", "json", "--dialect", "plain", "--client", f"{family}:{version}", str(path))
    assert result.exit_code in (0, 1), result.output
    [file] = json.loads(result.stdout)["files"]
    [producer] = file["producers"]
    rejected = producer["rejected"]
    return {
        "accepted": rejected == [],
        "message": rejected[0] if rejected else None,
        "idempotent": producer["idempotent"],
        "effective": {key: value["value"] for key, value in producer["effective"].items()},
    }


@pytest.mark.parametrize("family, version, row", cases(*FAMILIES))
def test_honolint_matches_the_version_table(family: str, version: str, row: dict, tmp_path: Path) -> None:
    found = differences(honolint_outcome(family, version, pairs(row), tmp_path), row)
    assert not found, explain(row, f"honolint --client {family}:{version}", found)


# ------------------------------------------------------------------ the live clients, newest rows

JAVA_NEWEST = cases("java_defaults", "java_behaviour", version=NEWEST["java"], with_xfail=False)
LIBRDKAFKA_NEWEST = cases("librdkafka_defaults", "librdkafka_behaviour", version=NEWEST["librdkafka"],
                          with_xfail=False)
# librdkafka's dump names -> the names of honolint's report (and of the table)
LIBRDKAFKA_NAMES = CANONICAL


@pytest.fixture(scope="module")
def java_live() -> dict[str, dict]:
    """Every newest-version Java row through kafka-clients in one JVM: row id -> outcome."""
    import java_client

    try:
        java_client._tool("javac")
        java_client._tool("java")
    except java_client.OracleError as error:
        unavailable(f"the live Java client needs a JDK (javac): {error}")
    assert java_client.KAFKA_CLIENTS_VERSION == NEWEST["java"], (
        f"the oracle runs kafka-clients {java_client.KAFKA_CLIENTS_VERSION}, the newest modelled is {NEWEST['java']}")
    row_list = [param.values[2] for param in JAVA_NEWEST]
    results = java_client.run_java([dict(pairs(row)) for row in row_list])
    outcomes = {}
    for row, result in zip(row_list, results):
        assert not result.get("harness_error"), f"{row['id']}: {result['harness_error']}"
        effective = dict(result["effective"] or {})
        if effective.get("acks") == "-1":
            effective["acks"] = "all"
        outcomes[row["id"]] = {"accepted": result["accepted"], "message": result["message"],
                               "idempotent": result["idempotent"], "effective": effective}
    return outcomes


@pytest.fixture(scope="module")
def librdkafka_live() -> dict[str, dict]:
    """Every newest-version librdkafka row through the bundled librdkafka in one batch: row id -> outcome."""
    try:
        import confluent_kafka  # noqa: F401  (the harness loads the librdkafka bundled in its wheel)
    except ImportError as error:
        unavailable(f"confluent_kafka cannot be imported: {error}")
    import librdkafka_client

    bundled = librdkafka_client.bundled_version()
    assert bundled == NEWEST["librdkafka"], (
        f"confluent-kafka bundles librdkafka {bundled}, the newest modelled (and in the tables) is "
        f"{NEWEST['librdkafka']}: add rows for {bundled} to {TABLES_PATH.name}")
    row_list = [param.values[2] for param in LIBRDKAFKA_NEWEST]
    results = librdkafka_client.run_librdkafka([pairs(row) for row in row_list])
    outcomes = {}
    for row, result in zip(row_list, results):
        dump = result["effective"]
        effective = {key: dump[name] for key, name in LIBRDKAFKA_NAMES.items() if name in dump}
        if effective.get("acks") == "-1":
            effective["acks"] = "all"
        outcomes[row["id"]] = {
            "accepted": result["accepted"],
            "message": result["message"],
            "idempotent": dump.get("enable.idempotence") == "true" if result["accepted"] else None,
            "effective": effective,
        }
    return outcomes


@pytest.mark.oracle
@pytest.mark.parametrize("family, version, row", JAVA_NEWEST)
def test_java_version_table_matches_live_client(family: str, version: str, row: dict, java_live) -> None:
    found = differences(java_live[row["id"]], row)
    assert not found, explain(row, f"live kafka-clients {version}", found)


@pytest.mark.oracle
@pytest.mark.parametrize("family, version, row", LIBRDKAFKA_NEWEST)
def test_librdkafka_version_table_matches_live_client(family: str, version: str, row: dict,
                                                      librdkafka_live) -> None:
    found = differences(librdkafka_live[row["id"]], row)
    assert not found, explain(row, f"live librdkafka {version}", found)
