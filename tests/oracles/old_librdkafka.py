"""Old librdkafka builds, as bundled in confluent-kafka wheels, for comparing honolint with them.

``fetch("1.9.2")`` downloads the confluent-kafka 1.9.2 wheel with pip (the first of ``TAGS`` that
has one), extracts its bundled shared libraries into the user cache
(``$XDG_CACHE_HOME/honolint-oracles/librdkafka/<version>/`` or ``~/.cache/...``, never the repo)
and returns the path of ``librdkafka*.so*`` and its ``rd_kafka_version_str()``. The wheel itself
is deleted afterwards: the extracted libraries are the cache.

The path can then be given to the ctypes oracle: ``HONOLINT_LIBRDKAFKA=<path>`` (or
``librdkafka_client.use_library(path)`` before the first call).

CLI::

    python tests/oracles/old_librdkafka.py 1.9.2                 # fetch, print path and version
    python tests/oracles/old_librdkafka.py 1.9.2 --compare 3000  # generated configs vs honolint, JSON summary

``--compare`` runs in a child process per version (one librdkafka per process: ctypes cannot
unload it) with the same comparison as test_client_oracles.py's librdkafka test.
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

# (python version, platform) tried in order: confluent-kafka's wheels moved from manylinux1 (cp27-cp37,
# up to 1.x) through manylinux2010/2014 to manylinux_2_28 (2.5 on; 2.6+ have no manylinux2014 wheel).
TAGS = (
    ("3.11", "manylinux_2_28_x86_64"),
    ("3.11", "manylinux2014_x86_64"),
    ("3.8", "manylinux2014_x86_64"),
    ("3.8", "manylinux2010_x86_64"),
    ("3.7", "manylinux1_x86_64"),
    ("3.6", "manylinux1_x86_64"),
    ("2.7", "manylinux1_x86_64"),
)
_LIB_MEMBER = re.compile(r"(^|/)(confluent_kafka\.libs|\.libs)/[^/]+\.so[.0-9]*$")


class FetchError(RuntimeError):
    """No wheel, or no librdkafka in it."""


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "honolint-oracles" / "librdkafka"


def _download(version: str, into: Path) -> tuple[Path, tuple[str, str]]:
    tried = []
    for python, platform in TAGS:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
               "--python-version", python, "--platform", platform, f"confluent-kafka=={version}", "-d", str(into)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheels = sorted(into.glob("confluent_kafka-*.whl"))
        if proc.returncode == 0 and wheels:
            return wheels[0], (python, platform)
        tried.append(f"{python}/{platform}: {proc.stderr.strip().splitlines()[-1:] or proc.returncode}")
    raise FetchError(f"no confluent-kafka {version} wheel:\n" + "\n".join(tried))


def _extract(wheel: Path, dest: Path) -> list[Path]:
    """The wheel's bundled shared libraries (librdkafka and, in old wheels, its libssl/libz/...)."""
    out = []
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if _LIB_MEMBER.search(name):
                target = dest / Path(name).name
                with zf.open(name) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                out.append(target)
    return out


def library_of(directory: Path) -> Optional[Path]:
    found = sorted(directory.glob("librdkafka*.so*"))
    return found[0] if found else None


def fetch(version: str) -> dict:
    """{"version", "library", "librdkafka", "tags"} for confluent-kafka ``version``, cached."""
    dest = cache_root() / version
    meta = dest / "fetched.json"
    if meta.is_file() and library_of(dest):
        info = json.loads(meta.read_text())
        if info.get("librdkafka"):
            return info
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="honolint-wheel-") as tmp:
        wheel, tags = _download(version, Path(tmp))
        _extract(wheel, dest)
        wheel_name = wheel.name
    library = library_of(dest)
    if library is None:
        raise FetchError(f"{wheel_name} has no bundled librdkafka")
    info = {"version": version, "wheel": wheel_name, "tags": list(tags), "library": str(library),
            "librdkafka": _version_in_child(library)}
    meta.write_text(json.dumps(info, indent=1))
    return info


def _child(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=1800)


def _version_in_child(library: Path) -> Optional[str]:
    proc = _child(["--version-of", str(library)])
    return proc.stdout.strip() or None if proc.returncode == 0 else None


# ------------------------------------------------------------------ comparison (child process)


def _compare(count: int, seed: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import librdkafka_client as lc
    from client_comparison import disagreement, honolint_producer, librdkafka_effective, linter_for
    from config_generator import LIBRDKAFKA_VALUES, configs, describe

    version = lc.bundled_version()
    batch = configs(LIBRDKAFKA_VALUES, count, seed)
    results = lc.run_librdkafka(batch)
    linter = linter_for(f"librdkafka:{version}")
    causes: Counter = Counter()
    examples: dict[str, str] = {}
    for pairs, result in zip(batch, results):
        producer = honolint_producer(linter, pairs)
        dump = result["effective"] or {}
        effective = librdkafka_effective(dump)
        if not lc.has_effective():  # before 1.1.0: no rd_kafka_conf(rk); global values unknown, topic ones read
            effective = {key: producer["effective"][key]["value"] if key in GLOBAL else value
                         for key, value in effective.items()}
        idempotent = dump.get("enable.idempotence") == "true" if result["accepted"] else None
        if not lc.has_effective() and result["accepted"]:
            idempotent = producer["idempotent"]
        why = disagreement(producer, result["accepted"], result["message"], idempotent, effective)
        if why:
            cause = _cause(why)
            causes[cause] += 1
            examples.setdefault(cause, f"{describe(pairs)}: {why}")
    return {"librdkafka": version, "library": lc.library_in_use(), "configs": count, "seed": seed,
            "effective_compared": "all" if lc.has_effective() else "topic-level keys only (acks, delivery.timeout.ms, request.timeout.ms)", "topic_conf_source": lc.calibration_note(),
            "disagreements": sum(causes.values()),
            "causes": [{"count": n, "cause": c, "example": examples[c]} for c, n in causes.most_common()]}


GLOBAL = ("retries", "max.in.flight.requests.per.connection", "enable.idempotence", "linger.ms")


def _cause(why: str) -> str:
    return why if len(why) < 300 else why[:300] + "..."


def compare(version: str, count: int, seed: int) -> dict:
    info = fetch(version)
    env = dict(os.environ, HONOLINT_LIBRDKAFKA=info["library"])
    proc = subprocess.run([sys.executable, __file__, "--compare-here", str(count), str(seed)], capture_output=True,
                          text=True, env=env, timeout=3600)
    result = {"confluent_kafka": version, **info}
    if proc.returncode != 0:
        result.update(loaded=False, error=(proc.stderr or proc.stdout)[-2000:])
    else:
        result.update(loaded=True, **json.loads(proc.stdout))
    return result


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("versions", nargs="*", help="confluent-kafka versions (each bundles one librdkafka)")
    ap.add_argument("--compare", type=int, metavar="N", help="run N generated configurations against honolint")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--version-of", metavar="LIB", help=argparse.SUPPRESS)
    ap.add_argument("--compare-here", nargs=2, type=int, metavar=("N", "SEED"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.version_of:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import librdkafka_client

        librdkafka_client.use_library(a.version_of)
        print(librdkafka_client.bundled_version())
        return 0
    if a.compare_here:
        print(json.dumps(_compare(*a.compare_here)))
        return 0
    for version in a.versions:
        try:
            out = compare(version, a.compare, a.seed) if a.compare else fetch(version)
        except FetchError as e:
            out = {"confluent_kafka": version, "fetched": False, "error": str(e)}
        print(json.dumps(out, indent=1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
