"""Hostile files as a user meets them: broken bytes, bombs, huge and binary files, odd file systems.

Each case asserts what the user sees (exit code, the finding's code, severity, position and words) and
that honolint never shows a traceback. Cases about time, memory, size or the file system run the real
console script in a subprocess, under a timeout, and measure its wall time and peak RSS; the others run
in-process through click's CliRunner.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pytest

import honolint.load as honolint_load  # the `honolint` fixture below shadows the package name
from honolint.load import MAX_BYTES
from lint_helpers import codes, producers

TIMEOUT = 10  # seconds, for every subprocess run
GOOD = "acks=all\nenable.idempotence=true\ndelivery.timeout.ms=120000\n"
LIMIT_TEXT = f"{MAX_BYTES // 1024 // 1024} MiB"  # how honolint names its size limit

# Peak RSS is measured by a small Python parent that runs honolint and reads RUSAGE_CHILDREN. Measuring
# from pytest itself would be wrong on Linux: a forked child's ru_maxrss starts from the parent's image
# before exec, so every child would look as large as pytest.
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.monotonic()\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "elapsed = time.monotonic() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'{peak} {elapsed}')\n"
    "sys.exit(code if code >= 0 else 128 - code)\n"
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # wall time of the honolint process
    peak_mb: float  # its peak resident set size

    def report(self) -> dict:
        return json.loads(self.stdout)


def console(tmp_path: Path, *args: str, label: str, prefix: Sequence[str] = ()) -> Run:
    """`python -m honolint ARGS` in a subprocess: killed after TIMEOUT seconds, time and peak RSS measured."""
    if sys.platform == "win32":
        pytest.skip("process groups, rusage and symlinks as POSIX has them")
    stats = tmp_path / f".stats-{time.monotonic_ns()}"
    command = [*prefix, sys.executable, "-c", _MEASURE, str(stats), sys.executable, "-m", "honolint", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "NO_COLOR": "1"})
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # our own group: the measuring parent and honolint
        process.communicate()
        pytest.fail(f"{label}: honolint did not finish within {TIMEOUT} s")
    peak, seconds = stats.read_text().split()
    stats.unlink()
    peak_mb = int(peak) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    run = Run(process.returncode, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"),
              float(seconds), peak_mb)
    print(f"[measure] {label}: {run.seconds:.2f} s, peak RSS {run.peak_mb:.1f} MB, exit {run.returncode}")
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    return run


def all_findings(report: dict) -> list[dict]:
    return [x for f in report["files"] for x in f["findings"]] + [x for p in producers(report) for x in p["findings"]]


def file_entry(report: dict, name: str) -> dict:
    (entry,) = [f for f in report["files"] if Path(f["path"]).name == name]
    return entry


# ------------------------------------------------------------------------------------------- 1


@pytest.mark.parametrize("line2,column", [
    (b'retries: "\xff\xfe"\n', 11),
    # the column counts characters, as for every other finding (libyaml's marks count characters):
    # `client.id: "h\xc3\xa9llo ` is 18 characters (19 bytes), so the bad byte is in column 19
    (b'client.id: "h\xc3\xa9llo \xff"\n', 19),
], ids=["ascii-before", "multibyte-before"])
def test_invalid_utf8_in_yaml_is_hl001_at_its_line_and_column(honolint, line2, column):
    path = honolint.write("producer.yaml", b"acks: all\n" + line2 + b"linger.ms: 5\n")
    result = honolint.run("check", "--format", "json", str(path))
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    (finding,) = file_entry(report, "producer.yaml")["findings"]
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == ("HL001", "error", 2, column)
    assert "cannot read the file as text" in finding["message"] and "UTF-8" in finding["message"]
    assert producers(report) == []


# ------------------------------------------------------------------------------------------- 2


def test_a_byte_order_mark_in_properties_is_part_of_the_first_key(honolint):
    # Properties.load reads ISO-8859-1: the key is "\u00ef\u00bb\u00bfacks", unknown, and acks keeps its default
    path = honolint.write("producer.properties", b"\xef\xbb\xbfacks=1\n")
    report, exit_code = honolint.json(str(path))
    bom = [f for f in all_findings(report) if "byte order mark" in f["message"].lower()]
    assert len(bom) == 1, [f["message"] for f in all_findings(report)]
    assert (bom[0]["code"], bom[0]["severity"], bom[0]["line"], bom[0]["column"]) == ("HL103", "warning", 1, 1)
    assert "acks is not set" in bom[0]["message"]
    (producer,) = producers(report)  # still read as a producer file
    acks = producer["effective"]["acks"]
    assert (acks["value"], acks["origin"], acks["explicit"]) == ("all", "default", False)  # java:4.3's, not the 1
    assert exit_code == 0


def test_a_byte_order_mark_in_yaml_is_skipped_as_yaml_readers_skip_it(honolint):
    path = honolint.write("producer.yaml", b"\xef\xbb\xbfacks: 1\nlinger.ms: 5\n")
    report, exit_code = honolint.json(str(path))
    acks = producers(report)[0]["effective"]["acks"]
    assert (acks["value"], acks["origin"], acks["line"]) == ("1", "file", 1)
    assert "HL201" in codes(report) and exit_code == 1


# ------------------------------------------------------------------------------------------- 3


def _levels(name: str, fanout: int, item) -> bytes:
    """Ten levels, each referring `fanout` times to the one before: fanout**10 nodes if expanded."""
    lines = [f"{name}0: &{name}0 [{', '.join(['lol'] * fanout)}]"]
    lines += [f"{name}{i}: &{name}{i} {item(f'*{name}{i - 1}', fanout)}" for i in range(1, 10)]
    return ("acks: all\n" + "\n".join(lines) + "\n").encode()


def _deep_block_mapping() -> bytes:
    """Nested block mappings, as deep as fits under MAX_BYTES: indentation grows with depth, so 10,000
    levels would take 50 MB and only meet the size limit (the block sequence below reaches 10,000)."""
    depth = int((2 * MAX_BYTES) ** 0.5) - 50
    data = b"acks: all\nx:\n" + b"".join(b" " * i + b"k:\n" for i in range(1, depth))
    assert len(data) <= MAX_BYTES and depth > 1000
    return data


HOSTILE_YAML = {
    # name: (bytes, expected: "clean" = exit 0 with the file's producer, or the words of an HL001 error)
    "billion-laughs-sequences": (_levels("lol", 9, lambda ref, n: "[" + ", ".join([ref] * n) + "]"), "clean"),
    "billion-laughs-mappings": (_levels("m", 10, lambda ref, n: "{" + ", ".join(f"k{j}: {ref}" for j in range(n))
                                        + "}"), "alias"),
    "billion-laughs-mixed": (_levels("x", 4, lambda ref, n: f"{{a: {ref}, b: [{ref}, {ref}], c: {{d: {ref}, "
                                                            f"e: [{ref}, {{f: {ref}}}]}}, g: {ref}}}"), "alias"),
    "merge-key-chain": (b"acks: all\na0: &a0 {x: 1, y: 2}\n" + b"".join(
        b"a%d: &a%d {<<: [*a%d, *a%d, *a%d], z%d: %d}\n" % (i, i, i - 1, i - 1, i - 1, i, i) for i in range(1, 40)),
                        "clean"),
    "deep-flow-sequence-10000": (b"acks: all\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nesting"),
    "deep-flow-mapping-10000": (b"acks: all\nx: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n", "nesting"),
    "deep-block-sequence-10000": (b"acks: all\nx:\n" + b"- " * 10_000 + b"y\n", "nesting"),
    "deep-block-mapping": (_deep_block_mapping(), "nesting"),
}


@pytest.mark.parametrize("name", list(HOSTILE_YAML))
def test_alias_bombs_and_deep_nesting_finish_fast_in_little_memory(tmp_path, name):
    data, expected = HOSTILE_YAML[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    run = console(tmp_path, "check", "--format", "json", str(path), label=name)
    assert run.peak_mb < 200
    report = run.report()
    if expected == "clean":
        assert run.returncode == 0
        acks = producers(report)[0]["effective"]["acks"]
        assert (acks["value"], acks["origin"], acks["line"]) == ("all", "file", 1)
        assert "HL001" not in codes(report)
    else:
        assert run.returncode == 1
        (finding,) = file_entry(report, path.name)["findings"]
        assert finding["code"] == "HL001" and finding["severity"] == "error"
        assert expected in finding["message"], finding["message"]


# ------------------------------------------------------------------------------------------- 4


def _write_50mb(path: Path, head: bytes, chunk: bytes, tail: bytes = b"") -> None:
    with path.open("wb") as handle:
        handle.write(head)
        for _ in range(-(-50 * 1024 * 1024 // len(chunk))):
            handle.write(chunk)
        handle.write(tail)


@pytest.mark.parametrize("name", ["big.properties", "big.yaml"])
def test_a_50_mb_file_is_refused_naming_the_size_limit(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".properties"):
        _write_50mb(path, b"", b"acks=all\n" * 1024)
    else:
        _write_50mb(path, b"acks: all\nclient.id: ", b"x" * 65536, b"\n")  # one 50 MB value
    assert path.stat().st_size >= 50 * 1024 * 1024 > MAX_BYTES
    try:
        run = console(tmp_path, "check", "--format", "json", str(path), label=name)
    finally:
        path.unlink()
    assert run.returncode == 1
    (finding,) = file_entry(run.report(), name)["findings"]
    assert (finding["code"], finding["severity"], finding["line"]) == ("HL001", "error", 1)
    assert "larger than" in finding["message"] and LIMIT_TEXT in finding["message"], finding["message"]
    assert run.peak_mb < 100  # well below the file's 50 MB + Python's own


# ------------------------------------------------------------------------------------------- 5


def test_a_binary_file_gives_a_finding_not_a_traceback(honolint):
    noise = bytes(b for b in random.Random(7).randbytes(4096) if b != 0x5C)  # no backslash: no escapes
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64 + noise
    properties, yaml_file = honolint.write("x.properties", png), honolint.write("x.yaml", png)
    escaped = honolint.write("escaped.properties", png[:100] + b"\\u\x00\x01" + noise)
    nul = honolint.write("nul.yaml", b"acks: all\nretries: 3\x00\x00\n")

    # Properties.load reads any bytes (ISO-8859-1): a binary file is keys that configure no producer
    report, exit_code = honolint.json(str(properties))
    (finding,) = all_findings(report)
    assert (finding["code"], finding["severity"], finding["line"]) == ("HL005", "info", 1)
    assert exit_code == 0
    # ... unless it holds a backslash-u that is not an escape: then Java refuses the whole file
    report, exit_code = honolint.json(str(escaped))
    (finding,) = all_findings(report)
    assert (finding["code"], finding["severity"]) == ("HL001", "error")
    assert "Malformed \\uxxxx encoding" in finding["message"] and exit_code == 1

    report, exit_code = honolint.json(str(yaml_file))
    (finding,) = all_findings(report)
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == ("HL001", "error", 1, 1)
    assert "cannot read the file as text" in finding["message"]
    assert exit_code == 1

    report, exit_code = honolint.json(str(nul))
    (finding,) = all_findings(report)
    assert (finding["code"], finding["line"], finding["column"]) == ("HL001", 2, 11)
    assert "control characters" in finding["message"] and exit_code == 1


# ------------------------------------------------------------------------------------------- 6


def test_empty_files_named_explicitly_are_an_info(honolint):
    paths = [honolint.write("empty.properties", b""), honolint.write("empty.yaml", b"")]
    report, exit_code = honolint.json(*map(str, paths))
    assert exit_code == 0
    assert [Path(f["path"]).name for f in report["files"]] == ["empty.properties", "empty.yaml"]
    for entry in report["files"]:
        (finding,) = entry["findings"]
        assert (finding["code"], finding["severity"]) == ("HL005", "info")
        assert "no producer configuration found" in finding["message"]
    assert producers(report) == []


# ------------------------------------------------------------------------------------------- 7


def test_a_directory_with_symlink_loops_and_a_dangling_link_terminates(tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "good.properties").write_text(GOOD)
    (clean / "loop").symlink_to(clean, target_is_directory=True)  # clean/loop -> clean
    run = console(tmp_path, "check", "--format", "json", str(clean), label="symlink loop only")
    assert run.returncode == 0
    assert [Path(f["path"]).name for f in run.report()["files"]] == ["good.properties"]  # once, not via loop/

    d = tmp_path / "d"
    d.mkdir()
    (d / "good.properties").write_text(GOOD)
    (d / "loop").symlink_to(d, target_is_directory=True)
    (d / "dangling.properties").symlink_to(d / "gone.properties")
    (d / "ping.yaml").symlink_to(d / "pong.yaml")  # a loop of file links: ELOOP on open
    (d / "pong.yaml").symlink_to(d / "ping.yaml")
    run = console(tmp_path, "check", "--format", "json", str(d), label="symlink loops and a dangling link")
    report = run.report()
    assert sorted(Path(f["path"]).name for f in report["files"]) == [
        "dangling.properties", "good.properties", "ping.yaml", "pong.yaml"]
    # a file reached through a directory walk that cannot be read is a warning (README, HL001's docs)
    dangling = file_entry(report, "dangling.properties")["findings"]
    assert [(x["code"], x["severity"]) for x in dangling] == [("HL001", "warning")]
    assert "No such file" in dangling[0]["message"]
    for name in ("ping.yaml", "pong.yaml"):
        assert [(x["code"], x["severity"]) for x in file_entry(report, name)["findings"]] == [("HL001", "warning")]
    assert file_entry(report, "good.properties")["producers"][0]["qos"]["at-least-once"]["ok"]
    assert run.returncode == 0  # per content: one good producer, and warnings
    assert {k: report["summary"][k] for k in ("files", "producers", "error", "warning")} == {
        "files": 4, "producers": 1, "error": 0, "warning": 3}


# ------------------------------------------------------------------------------------------- 8


def _as_if_not_root(path: Path) -> list[str]:
    """A command prefix under which `path`, mode 000, cannot be read: none for a user, setpriv for root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    if setpriv and subprocess.run([*prefix, sys.executable, "-c", "import os, sys; sys.exit(os.access(sys.argv[1], "
                                   "os.R_OK))", str(path)], capture_output=True).returncode == 0:
        return prefix
    pytest.skip("root reads a chmod 000 file, and setpriv cannot drop CAP_DAC_OVERRIDE here")


@pytest.mark.parametrize("how", ["open-fails", "chmod-000"])
def test_an_unreadable_file_is_hl001_permission_denied(honolint, tmp_path, monkeypatch, how):
    path = honolint.write("secret.properties", GOOD)
    if how == "open-fails":  # the file passes every check before honolint opens it, then open fails
        real_open = os.open

        def denying_open(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(honolint_load.os, "open", denying_open)
        result = honolint.run("check", "--format", "json", str(path))
        assert "Traceback" not in result.output
        exit_code, stdout = result.exit_code, result.stdout
    else:  # a real chmod 000 file, read by a process without root's DAC override
        path.chmod(0)
        try:
            prefix = _as_if_not_root(path)
            run = console(tmp_path, "check", "--format", "json", str(path), label="chmod 000", prefix=prefix)
        finally:
            path.chmod(0o644)
        exit_code, stdout = run.returncode, run.stdout
        assert exit_code == 1, (exit_code, run.stdout, run.stderr)
    assert exit_code == 1
    (finding,) = file_entry(json.loads(stdout), "secret.properties")["findings"]
    assert (finding["code"], finding["severity"], finding["line"]) == ("HL001", "error", 1)
    assert "cannot read file: Permission denied" in finding["message"]


# ------------------------------------------------------------------------------------------- 9


def test_a_path_that_does_not_exist_is_a_usage_error_naming_it(tmp_path):
    missing = tmp_path / "no" / "such.properties"
    run = console(tmp_path, "check", str(missing), label="missing path")
    assert run.returncode == 2
    assert str(missing) in run.stderr and "does not exist" in run.stderr
    assert run.stdout == ""


# ------------------------------------------------------------------------------------------ 10


def test_python_tags_never_construct_anything(honolint, tmp_path):
    markers = [tmp_path / f"pwned{i}" for i in range(5)]
    path = honolint.write("tags.yaml", (
        f'acks: !!python/object/apply:os.system ["touch {markers[0]}"]\n'
        f'retries: !!python/object/new:os.system ["touch {markers[1]}"]\n'
        f'linger.ms: !!python/object/apply:subprocess.check_output [["touch", "{markers[2]}"]]\n'
        f"batch.size: !!python/object/new:type\n"
        f'  args: ["X", [], {{"__init__": !!python/name:os.system }}]\n'
        f"client.id: !!python/object/apply:os.system\n"
        f'  args: ["touch {markers[3]}"]\n'))
    root = honolint.write("root.yaml", f'--- !!python/object/apply:os.system ["touch {markers[4]}"]\n')

    report, exit_code = honolint.json(str(path), str(root))
    assert not any(marker.exists() for marker in markers)
    assert exit_code == 1
    (producer,) = file_entry(report, "tags.yaml")["producers"]
    acks = producer["effective"]["acks"]
    assert (acks["value"], acks["origin"], acks["line"]) == (f"touch {markers[0]}", "file", 1)  # text, not a call
    invalid = [(f["key"], f["line"]) for f in producer["findings"] if f["code"] == "HL102"]
    assert ("acks", 1) in invalid and ("retries", 2) in invalid
    (finding,) = file_entry(report, "root.yaml")["findings"]
    assert finding["code"] == "HL005" and "not a mapping" in finding["message"]


# ------------------------------------------------------------------------------------------ 11


MB = 1 << 20
HUGE = {
    # name: (bytes, expected findings as (code, line))
    "huge.properties": (b"acks=all\n" + b"k" * MB + b"=" + b"v" * MB + b"\nlinger.ms=" + b"9" * MB + b"x\n",
                        {("HL103", 2), ("HL102", 3)}),
    # an implicit YAML key is at most 1024 characters (YAML 1.1 and 1.2; SnakeYAML agrees)
    "huge-implicit-key.yaml": (b"acks: all\n" + b"k" * MB + b": " + b"v" * MB + b"\n", {("HL001", 2)}),
    "huge-explicit-key.yaml": (b"acks: all\n? " + b"k" * MB + b"\n: " + b"v" * MB + b"\nlinger.ms: " + b"9" * MB
                               + b"x\n", {("HL103", 2), ("HL102", 4)}),
}


@pytest.mark.parametrize("name", list(HUGE))
def test_a_huge_key_and_a_huge_value(tmp_path, name):
    data, expected = HUGE[name]
    path = tmp_path / name
    path.write_bytes(data)
    run = console(tmp_path, "check", "--format", "json", str(path), label=name)
    assert run.returncode == 1
    assert run.peak_mb < 200
    found = {(f["code"], f["line"]) for f in all_findings(run.report())}
    assert expected <= found, found


def test_a_fifo_is_not_read(honolint):
    fifo = honolint.tmp_path / "pipe.properties"
    os.mkfifo(fifo)
    report, exit_code = honolint.json(str(fifo))
    assert [(f["code"], f["message"]) for f in report["files"][0]["findings"]] == [
        ("HL001", "cannot read file: not a regular file")]
    assert exit_code == 1


def test_huge_values_are_shortened_in_messages(honolint):
    path = honolint.write("p.properties", "acks=all\nclient.id=" + "x" * 5000 + "   # comment\n")
    report, _ = honolint.json(str(path))
    (message,) = [f["message"] for f in report["files"][0]["findings"] if f["code"] == "HL003"]
    assert len(message) < 600 and "(5012 characters)" in message
