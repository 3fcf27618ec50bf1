"""honolint's benchmark: whole processes, against yamllint, kafkaesq and the parse floor, in one run.

    pip install . yamllint 'kafkaesq[yaml]' && python benchmarks/run.py

It writes corpora to a temporary directory (1 file; 1,000 and 10,000 small files mixing
`.properties`, plain YAML and Hono YAML; one large multi-document YAML file with 5,000 producers
and one with 2,500 to show the growth is linear), runs each command once as a warm-up and then in rounds, every command once per round,
and prints a Markdown table (median and min-max wall time, peak memory, ratios) that it also
writes to benchmarks/RESULTS.md. A tool that is not installed is reported as such.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# peak RSS of one child, measured by a small parent that only waits for it
MEASURE = ("import resource, subprocess, sys\n"
           "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
FLOOR = """
import sys, yaml
loader = yaml.CSafeLoader
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        data = handle.read()
    if path.endswith('.properties'):
        for line in data.decode('latin-1').splitlines():
            if line and line[0] not in '#!':
                line.partition('=')
    else:
        for _ in yaml.compose_all(data, Loader=loader):
            pass
"""


def properties_file(rng: random.Random, i: int) -> str:
    return (f"# producer {i}\nbootstrap.servers=kafka-{i % 3}:9092\nclient.id=service-{i}\n"
            f"acks={rng.choice(['all', 'all', '1', '-1'])}\nenable.idempotence={rng.choice(['true', 'false'])}\n"
            f"max.in.flight.requests.per.connection={rng.randint(1, 5)}\nlinger.ms={rng.randint(0, 50)}\n"
            f"compression.type=lz4\ndelivery.timeout.ms=120000\n")


def plain_yaml(rng: random.Random, i: int) -> str:
    return (f"bootstrap.servers: kafka-{i % 3}:9092\nclient.id: service-{i}\nacks: all\n"
            f"retries: {rng.randint(0, 5)}\nmax.in.flight.requests.per.connection: {rng.randint(1, 5)}\n"
            f"linger.ms: {rng.randint(0, 50)}\n")


def hono_yaml(rng: random.Random, i: int) -> str:
    return ("hono:\n  app:\n    maxInstances: 1\n  kafka:\n    commonClientConfig:\n"
            f"      bootstrap.servers: \"kafka-{i % 3}:9092\"\n    telemetry:\n      producerConfig:\n"
            f"        acks: \"all\"\n        linger.ms: {rng.randint(0, 50)}\n    event:\n      producerConfig:\n"
            f"        delivery.timeout.ms: {rng.choice([5000, 10000])}\n        request.timeout.ms: 1500\n")


def small_corpus(root: Path, count: int) -> Path:
    directory = root / f"files-{count}"
    directory.mkdir()
    rng = random.Random(count)
    makers = ((".properties", properties_file), (".yaml", plain_yaml), (".yml", hono_yaml))
    for i in range(count):
        suffix, make = makers[i % 3]
        (directory / f"producer-{i:05d}{suffix}").write_text(make(rng, i))
    return directory


def large_file(root: Path, producers: int) -> Path:
    rng = random.Random(producers)
    path = root / f"large-{producers}.yaml"
    path.write_text("---\n".join(plain_yaml(rng, i) for i in range(producers)))
    return path


def yaml_files(target: Path) -> list[str]:
    if target.is_file():
        return [str(target)] if target.suffix in (".yaml", ".yml") else []
    return sorted(str(p) for p in target.iterdir() if p.suffix in (".yaml", ".yml"))


def all_files(target: Path) -> list[str]:
    return [str(target)] if target.is_file() else sorted(str(p) for p in target.iterdir())


# bytecode caches are part of a normal installation: a shell that turned them off must not skew the times
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run_interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, dict]:
    """Each command once as a warm-up, then `runs` rounds of every command in turn: a machine that gets
    busier or quieter during the run weighs on every command alike, not on whichever ran then."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
            times[name].append(time.perf_counter() - started)
    measured = {}
    for name, command in commands.items():
        peak = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=ENV)
        measured[name] = {"median": statistics.median(times[name]), "min": min(times[name]),
                          "max": max(times[name]), "peak_mb": int(peak.stdout.strip() or 0) / 1024}
    return measured


def run_per_file(executable: list[str], files: list[str]) -> dict:
    """kafkaesq validate takes one file: one process per file, timed once as a whole after a warm-up."""
    subprocess.run([*executable, files[0]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    started = time.perf_counter()
    for path in files:
        subprocess.run([*executable, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    elapsed = time.perf_counter() - started
    peak = subprocess.run([sys.executable, "-c", MEASURE, *executable, files[0]], capture_output=True, text=True,
                          env=ENV)
    return {"median": elapsed, "min": elapsed, "max": elapsed, "peak_mb": int(peak.stdout.strip() or 0) / 1024}


def tool(name: str) -> list[str] | None:
    found = shutil.which(name)
    return [found] if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (after one warm-up)")
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-file corpus and kafkaesq on 1,000")
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    honolint = tool("honolint") or [sys.executable, "-m", "honolint"]
    yamllint, kafkaesq = tool("yamllint"), tool("kafkaesq")
    rows = []
    with tempfile.TemporaryDirectory(prefix="honolint-bench-") as tmp:
        root = Path(tmp)
        corpora = [("1 file", small_corpus(root, 1) / "producer-00000.properties", args.runs)]
        corpora.append(("1,000 files", small_corpus(root, 1000), args.runs))
        if not args.quick:
            corpora.append(("10,000 files", small_corpus(root, 10000), args.runs))
        corpora.append(("large file, 2,500 producers", large_file(root, 2500), args.runs))
        corpora.append(("large file, 5,000 producers", large_file(root, 5000), args.runs))
        single_yaml = root / "files-1" / "single.yaml"
        single_yaml.write_text(plain_yaml(random.Random(0), 0))
        for label, target, runs in corpora:
            print(f"... {label}", file=sys.stderr)
            commands = {
                "honolint (text)": [*honolint, "check", "--color", "never", str(target)],
                "honolint (json)": [*honolint, "check", "--format", "json", str(target)],
                "honolint (text, --jobs 1)": [*honolint, "check", "--color", "never", "--jobs", "1", str(target)],
                "floor": [sys.executable, "-c", FLOOR, *all_files(target)],
            }
            yaml_target = [str(single_yaml)] if label == "1 file" else yaml_files(target)
            if yamllint and yaml_target:
                commands["yamllint"] = [*yamllint, *([str(target)] if target.is_dir() else yaml_target)]
            measured = run_interleaved(commands, runs)
            if kafkaesq and (label == "1 file" or (label == "1,000 files" and not args.quick)):
                measured["kafkaesq validate"] = run_per_file([*kafkaesq, "validate"], all_files(target))
            rows.append((label, measured))
    report = render(rows, args.runs, yamllint is not None, kafkaesq is not None)
    print(report)
    Path(args.output).write_text(report)
    return 0


def render(rows, runs: int, have_yamllint: bool, have_kafkaesq: bool) -> str:
    when = datetime.date.today().isoformat()
    head = (f"Measured {when} on {platform.machine()} with {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, by `python benchmarks/run.py` (wall time of whole processes: median of "
            f"{runs} rounds that run every command of a corpus in turn, after a warm-up; min-max in brackets; peak "
            "RSS of the largest process of one more run).\n\n")
    lines = ["| corpus | command | wall ms (min-max) | peak MB | honolint (text) / this |",
             "|---|---|---|---|---|"]
    for label, measured in rows:
        ours = measured["honolint (text)"]["median"]
        for name, m in measured.items():
            ratio = "" if name.startswith("honolint") else f"{ours / m['median']:.2f}"
            lines.append(f"| {label} | {name} | {m['median'] * 1000:.0f} ({m['min'] * 1000:.0f}-{m['max'] * 1000:.0f}) "
                         f"| {m['peak_mb']:.1f} | {ratio} |")
    notes = ["", "- honolint (text) and (json) run as users run them: one process per CPU core once there are "
                 "100 files for each (here the 1,000- and 10,000-file corpora); `--jobs 1` keeps to one process. "
                 "Each process's peak is shown; the processes share their start-up pages (fork).",
             "- yamllint runs on the corpus's YAML files only (it reads no `.properties`); for the 1-file corpus on "
                 "one small YAML file."]
    if have_kafkaesq:
        notes.append("- kafkaesq validates one file per process: it is timed once over all files (1 file and "
                     "1,000 files only; 10,000 processes would take about a quarter of an hour).")
    if not have_yamllint:
        notes.append("- yamllint is not installed: `pip install yamllint`.")
    if not have_kafkaesq:
        notes.append("- kafkaesq is not installed: `pip install 'kafkaesq[yaml]'`.")
    notes.append("- floor: a Python process that only reads every file, composes its YAML with "
                 "`yaml.CSafeLoader` and splits the `.properties` lines.")
    return head + "\n".join(lines + notes) + "\n"


if __name__ == "__main__":
    sys.exit(main())
