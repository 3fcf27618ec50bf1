"""Hostile input that once ended in exit 3 ("internal error"), unbounded findings and disorderly ends.

A linted file's problem is a finding (HL001 with its position) and the other files are still reported;
a settings or baseline file's problem is a usage error (exit 2) naming the file and the position.
Cases about time, memory, processes or the file system run the console script in a subprocess
(test_hostile_files.console); the others run in-process.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from lint_helpers import producers
from test_hostile_files import all_findings, console, file_entry

GOOD = "acks=all\nenable.idempotence=true\n"


def _one_hl001(report: dict, name: str, severity: str = "error") -> dict:
    """The file's one finding, HL001: an error in a file named on the command line, a warning in one
    found by a walk (it may be no configuration at all)."""
    (finding,) = file_entry(report, name)["findings"]
    assert (finding["code"], finding["severity"]) == ("HL001", severity)
    return finding


def _other_file_reported(report: dict) -> None:
    assert [p["path"] for p in report["files"] if p["path"].endswith("good.properties")]
    assert producers(report)


# ------------------------------------------------------------------------------------------- TOML


def test_a_dotted_toml_key_of_100000_parts_is_hl001_in_linear_time(tmp_path):
    (tmp_path / "deep.toml").write_text("a" + ".a" * 100_000 + " = 1\n")
    (tmp_path / "good.properties").write_text(GOOD)
    run = console(tmp_path, "check", "--format", "json", str(tmp_path / "deep.toml"), str(tmp_path / "good.properties"),
                  label="dotted TOML key")
    assert run.returncode == 1, run.stderr
    finding = _one_hl001(run.report(), "deep.toml")
    assert (finding["line"], finding["column"]) == (1, 2) and "dotted key" in finding["message"]
    _other_file_reported(run.report())


@pytest.mark.parametrize("text", ["a = " + "[" * 100_000 + "]" * 100_000 + "\n",
                                  "a = " + "{b = " * 100_000 + "1" + "}" * 100_000 + "\n"],
                         ids=["arrays", "inline-tables"])
def test_toml_nested_100000_deep_is_hl001_with_its_position(honolint, text):
    honolint.write("deep.toml", text)
    honolint.write("good.properties", GOOD)
    report, code = honolint.json(str(honolint.tmp_path / "deep.toml"), str(honolint.tmp_path / "good.properties"))
    assert code == 1
    finding = _one_hl001(report, "deep.toml")
    assert finding["line"] == 1 and finding["column"] > 100 and "nested more than" in finding["message"]
    _other_file_reported(report)


def test_brackets_inside_toml_strings_do_not_count_as_nesting(honolint):
    honolint.write("app.toml", f'note = "{"[" * 500}"\nacks = "all"\nenable.idempotence = true\n')
    report, code = honolint.json(str(honolint.tmp_path / "app.toml"))
    assert code == 0 and file_entry(report, "app.toml")["findings"] == []


@pytest.mark.parametrize("inside", ['"\\x" = 1', '"\\u12" = 1', '"\\N{x}" = 1', "[\"\\x\"]"])
def test_lines_inside_multiline_strings_that_look_like_escaped_keys_are_not_decoded(honolint, inside):
    """Position recovery reads lines one by one: a line inside a multi-line literal string may look like a
    quoted key with escapes TOML would refuse, and must not be decoded as Python escapes."""
    honolint.write("app.toml", f"s = '''\n{inside}\n'''\nacks = '0'\n")
    honolint.write("good.properties", GOOD)
    report, code = honolint.json(str(honolint.tmp_path))
    assert code == 1
    (acks,) = [x for x in all_findings(report) if x["key"] == "acks"]
    assert acks["line"] == 4
    _other_file_reported(report)


def test_a_quoted_toml_key_with_an_escape_keeps_its_position(honolint):
    honolint.write("app.toml", 'acks = "all"\n"linger\\u002ems" = "x"\n')
    report, _ = honolint.json(str(honolint.tmp_path / "app.toml"))
    (linger,) = [x for x in all_findings(report) if x["key"] == "linger.ms"]
    assert linger["line"] == 2


# ------------------------------------------------------------------------------------------- settings and baseline


def _usage_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_deeply_nested_pyproject_is_a_usage_error_with_its_position(honolint):
    honolint.write("pyproject.toml", "[tool.honolint]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n")
    honolint.write("good.properties", GOOD)
    result = honolint.run("check", str(honolint.tmp_path / "good.properties"))
    _usage_error(result, "pyproject.toml:2:", "nested more than")


def test_a_pyproject_with_a_dotted_key_of_100000_parts_is_a_usage_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.honolint]\n" + "a" + ".a" * 100_000 + " = 1\n")
    (tmp_path / "good.properties").write_text(GOOD)
    run = console(tmp_path, "check", str(tmp_path / "good.properties"), label="dotted pyproject key")
    assert run.returncode == 2 and "pyproject.toml:2:" in run.stderr and "dotted key" in run.stderr, run.stderr


def test_a_baseline_nested_100000_deep_is_a_usage_error(honolint):
    baseline = honolint.write("baseline.json", "[" * 100_000 + "]" * 100_000)
    good = honolint.write("good.properties", GOOD)
    _usage_error(honolint.run("check", "--baseline", str(baseline), str(good)), "baseline.json", "nested too deeply")


@pytest.mark.parametrize("document", [
    '{"schema": "honolint.baseline/1", "findings": {"fingerprint": "x"}}',
    '{"schema": "honolint.baseline/1", "findings": [{"fingerprint": 1}]}',
    '{"schema": ["honolint.baseline/1"], "findings": []}',
    '["honolint.baseline/1"]',
    '{"schema": "honolint.baseline/1", "findings": [1, 2]}',
])
def test_a_baseline_of_wrong_types_is_a_usage_error(honolint, document):
    baseline = honolint.write("baseline.json", document)
    good = honolint.write("good.properties", GOOD)
    _usage_error(honolint.run("check", "--baseline", str(baseline), str(good)), "baseline.json")


def test_a_baseline_that_is_not_json_says_where(honolint):
    baseline = honolint.write("baseline.json", '{"schema": "honolint.baseline/1",\n "findings": [,]}')
    good = honolint.write("good.properties", GOOD)
    _usage_error(honolint.run("check", "--baseline", str(baseline), str(good)), "baseline.json", "line 2")


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX FIFOs and /dev/zero")
@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_a_fifo_or_dev_zero_as_baseline_or_settings_is_refused_at_once(tmp_path, option):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "good.properties").write_text(GOOD)
    for special in (str(tmp_path / "fifo"), "/dev/zero"):
        run = console(tmp_path, "check", option, special, str(tmp_path / "good.properties"), label=special)
        assert run.returncode == 2 and "not a regular file" in run.stderr, run.stderr
        assert run.peak_mb < 200


# ------------------------------------------------------------------------------------------- directory walks


@pytest.mark.slow
def test_a_directory_tree_2000_levels_deep_is_walked(tmp_path, monkeypatch):
    top = tmp_path / "tree"
    top.mkdir()
    (top / "good.properties").write_text(GOOD)
    monkeypatch.chdir(top)
    try:
        for _ in range(2000):  # one level at a time, relative: the whole path is longer than PATH_MAX
            os.mkdir("d")
            os.chdir("d")
    except OSError as exc:
        os.chdir(tmp_path)
        _remove_deep(top)  # what was made: pytest's own clean-up recurses and fails on a deep tree
        pytest.skip(f"this file system refuses so deep a tree: {exc}")
    (top / "d" / "d" / "bad.properties").write_text("acks=0\n")
    os.chdir(tmp_path)
    try:
        run = console(tmp_path, "check", "--format", "json", "tree", label="2000 levels")
    finally:
        _remove_deep(top)
    assert run.returncode == 1, run.stderr
    report = run.report()
    assert "HL201" in [x["code"] for x in all_findings(report)]
    _other_file_reported(report)


def _remove_deep(top) -> None:
    """rmtree recurses (pytest's clean-up of old temporary directories too): down, then up, one level a step."""
    os.chdir(top)
    depth = 0
    while os.path.isdir("d"):
        os.chdir("d")
        depth += 1
    for _ in range(depth):
        os.chdir("..")
        shutil.rmtree("d")


def test_an_unlistable_directory_is_a_finding_and_the_others_are_reported(honolint, monkeypatch):
    honolint.write("good.properties", GOOD)
    honolint.write("locked/bad.properties", "acks=0\n")
    locked = str(honolint.tmp_path / "locked")
    real = os.scandir

    def scandir(path="."):
        if os.path.abspath(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report, code = honolint.json(str(honolint.tmp_path))
    assert code == 0  # a warning, as every file a walk cannot read
    finding = _one_hl001(report, "locked", "warning")
    assert "cannot list directory" in finding["message"] and "Permission denied" in finding["message"]
    _other_file_reported(report)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="chmod 000 denies nothing to root")
def test_a_chmod_000_directory_is_a_finding(honolint):
    honolint.write("good.properties", GOOD)
    honolint.write("locked/bad.properties", "acks=0\n")
    os.chmod(honolint.tmp_path / "locked", 0)
    try:
        report, code = honolint.json(str(honolint.tmp_path))
    finally:
        os.chmod(honolint.tmp_path / "locked", 0o755)
    assert code == 0
    assert "cannot list directory" in _one_hl001(report, "locked", "warning")["message"]


# ------------------------------------------------------------------------------------------- orderly ends


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux's /dev/full")
@pytest.mark.parametrize("args", [(), ("--format", "sarif"), ("--format", "json"), ("--jobs", "2")],
                         ids=["text", "sarif", "json", "jobs"])
def test_a_standard_output_that_cannot_be_written_is_exit_2_with_a_plain_message(tmp_path, args):
    (tmp_path / "good.properties").write_text(GOOD)
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "honolint", "check", *args, str(tmp_path / "good.properties")],
                             stdout=full, stderr=subprocess.PIPE, timeout=30)
    stderr = run.stderr.decode()
    assert run.returncode == 2, stderr
    assert stderr == "honolint: cannot write the report to standard output: No space left on device\n"


@pytest.fixture(scope="module")
def many_files(tmp_path_factory):
    """6,000 small producer files: enough for a run still linting when a test signals it (made once)."""
    return _many(tmp_path_factory.mktemp("many"), 6000)


def _many(tmp_path, count: int = 3000):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(count):
        (folder / f"f{number}.properties").write_text(f"acks=all\nlinger.ms={number}\n")
    return folder


def _started(process) -> None:
    """Wait for the first bytes of the report: honolint is past its start-up and linting."""
    assert process.stdout.read(1)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "3"])
def test_sigint_exits_130_quietly(many_files, jobs):
    folder = many_files
    process = subprocess.Popen([sys.executable, "-m", "honolint", "check", "--jobs", jobs, str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _started(process)
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C: the whole process group
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert stderr == b""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and Linux's process groups")
def test_jobs_workers_end_with_their_parent_and_say_nothing(many_files):
    folder = many_files
    process = subprocess.Popen([sys.executable, "-m", "honolint", "check", "--jobs", "3", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    group = process.pid
    try:
        _started(process)
        process.send_signal(signal.SIGTERM)  # the parent alone, as a CI runner's timeout may
        _, stderr = process.communicate(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("a worker outlived its parent")
    finally:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert process.returncode == -signal.SIGTERM
    assert stderr == b""


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "junit"])
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_reports_stay_valid_on_a_non_utf8_standard_output(tmp_path, output_format, encoding):
    name = tmp_path / "conf-\u20ac-\u00e9.properties"  # € is outside latin-1, é inside
    name.write_text("acks=0\nclient.id=\u4e2d\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "honolint", "check", "--format", output_format, "--show-infos",
                          str(name)], capture_output=True, timeout=30,
                         env={**os.environ, "PYTHONIOENCODING": encoding})
    assert run.returncode == 1, run.stderr
    text = run.stdout.decode("utf-8")  # ASCII, hence UTF-8 as every format declares
    assert text.isascii()
    if output_format == "junit":
        import xml.etree.ElementTree as ElementTree

        classes = {case.get("classname") for case in ElementTree.fromstring(run.stdout).iter("testcase")}
        assert [c for c in classes if c.endswith("conf-\u20ac-\u00e9.properties")]
    else:
        document = json.dumps(json.loads(text), ensure_ascii=False)
        assert "conf-\u20ac-\u00e9.properties" in document or "conf-%E2%82%AC-%C3%A9.properties" in document


# ------------------------------------------------------------------------------------------- bounded findings


def test_at_most_100_findings_of_a_rule_per_file_then_one_says_how_many_more(honolint):
    path = honolint.write("app.properties", "acks=all\n" + "".join(f"custom.k{n}=v\n" for n in range(250)))
    report, _ = honolint.json("--show-infos", str(path))
    found = [x for x in all_findings(report) if x["code"] == "HL103"]
    assert len(found) == 101
    assert [x["key"] for x in found[:100]] == [f"custom.k{n}" for n in range(100)]
    more = found[100]
    assert more["message"].startswith("and 150 more HL103 findings in this file")
    assert (more["line"], more["key"]) == (102, None)  # where the first one left out is


def test_100_findings_of_a_rule_are_all_listed(honolint):
    path = honolint.write("app.properties", "acks=all\n" + "".join(f"custom.k{n}=v\n" for n in range(100)))
    report, _ = honolint.json("--show-infos", str(path))
    found = [x for x in all_findings(report) if x["code"] == "HL103"]
    assert len(found) == 100 and not [x for x in found if "more" in x["message"]]


def test_write_baseline_records_every_finding_and_covers_them_all(honolint):
    path = honolint.write("app.properties", "acks=0\n" + "".join(f"custom.k{n}=v\n" for n in range(250)))
    baseline = honolint.tmp_path / "baseline.json"
    honolint.run("check", "--show-infos", "--write-baseline", str(baseline), str(path))
    recorded = json.loads(baseline.read_text())["findings"]
    assert len([x for x in recorded if x["code"] == "HL103"]) == 250
    report, code = honolint.json("--show-infos", "--baseline", str(baseline), str(path))
    assert code == 0 and all_findings(report) == []


@pytest.mark.slow
def test_a_file_with_40000_findings_takes_memory_of_a_small_multiple_of_the_file(tmp_path):
    """Peak RSS measured on one machine: SARIF 2,026 MB before the bound for 200,000 such keys, 218 MB
    after (the same as the text report: what is left is the file's keys, not its findings)."""
    path = tmp_path / "generated.properties"
    path.write_text("acks=all\n" + "".join(f"k{n}=v\n" for n in range(40_000)))
    for output_format in ("sarif", "junit", "gitlab"):
        run = console(tmp_path, "check", "--format", output_format, "--show-infos", str(path), label=output_format)
        assert run.returncode == 0, run.stderr
        assert run.peak_mb < 250, f"{output_format}: {run.peak_mb:.0f} MB"
        assert run.stdout.count("HL103") < 1000


def _profiles(count: int, base: int) -> str:
    return ("spring:\n  kafka:\n    producer:\n      acks: all\n      properties:\n"
            + "".join(f"        custom.k{i}: v\n" for i in range(base))
            + "".join(f"---\nspring:\n  config:\n    activate:\n      on-profile: p{i}\n  kafka:\n    producer:\n"
                      f"      acks: '{i % 2}'\n" for i in range(count)))


def _bindings(count: int, binder_keys: int) -> str:
    return ("spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          producer-properties:\n"
            + "".join(f"            custom.k{i}: v\n" for i in range(binder_keys))
            + "      bindings:\n" + "".join(f"        out{i}:\n          destination: t{i}\n" for i in range(count)))


def _channels(profiles: int, channels: int) -> str:
    return ("".join(f"%p{i}.kafka.linger.ms=1\n" for i in range(profiles))
            + "".join(f"mp.messaging.outgoing.out{i}.connector=smallrye-kafka\n" for i in range(channels)))


def _mirrors(count: int) -> str:
    return ("apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaMirrorMaker2\nmetadata:\n  name: m\nspec:\n"
            "  connectCluster: t\n  clusters:\n  - alias: t\n    bootstrapServers: t:9092\n  mirrors:\n"
            + "".join(f"  - sourceCluster: s{i}\n    targetCluster: t\n    sourceConnector:\n      config:\n"
                      "        producer.override.acks: 1\n" for i in range(count)))


def _flows(clusters: int, keys: int) -> str:
    aliases = [f"c{i}" for i in range(clusters)]
    return (f"clusters = {', '.join(aliases)}\n" + "".join(f"{a}.bootstrap.servers={a}:9092\n" for a in aliases)
            + "".join(f"custom.k{i}=v\n" for i in range(keys))
            + "".join(f"{a}->{b}.enabled=true\n" for a in aliases for b in aliases if a != b))


def _sinks(count: int) -> str:
    return "".join(f'[sinks.k{i}]\ntype = "kafka"\ninputs = ["x"]\nbootstrap_servers = "b:9092"\ntopic = "t"\n'
                   'encoding.codec = "json"\n' for i in range(count))


@pytest.mark.slow
@pytest.mark.parametrize("name,text,left_out", [
    # measured before the bound: 2,000 x 1,000 took 39 s and 1 GB; 1,000 x 1,000 bindings 19 s and 537 MB;
    # 3,000 x 3,000 Quarkus channels 261 s and 13.8 GB; 20,000 Vector sinks 327 s; 9,900 MirrorMaker flows
    # over 1,000 keys 14 s
    ("application.yml", _profiles(1000, 500), True),
    ("bindings/application.yml", _bindings(600, 600), True),
    ("application.properties", _channels(2000, 2000), True),
    ("mm2/mm2.properties", _flows(80, 1000), False),
    ("mm2.yaml", _mirrors(5000), False),
    ("vector.toml", _sinks(5000), False),
], ids=["spring-profiles", "scs-bindings", "quarkus-channels", "mm2-flows", "strimzi-mirrors", "vector-sinks"])
def test_many_producers_in_one_file_take_linear_time(tmp_path, name, text, left_out):
    """Each profile, binding or channel inherits the shared keys, so without a bound the work is their product
    (HL014 then says what was left out); a layout that looked for each producer's keys among all of the
    file's was quadratic too."""
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    run = console(tmp_path, "check", "--format", "json", str(path), label=path.stem)
    assert run.returncode in (0, 1), run.stderr
    assert run.peak_mb < 250, f"{run.peak_mb:.0f} MB"
    (report,) = run.report()["files"]
    said = [f["message"] for f in report["findings"] if f["code"] == "HL014"]
    assert len(said) == left_out and all("more producers in this file are not checked" in m for m in said)


def test_ctrl_c_is_taken_over_before_the_imports_of_a_run():
    """The console script's module imports nothing of honolint but its exit codes, so the SIGINT handler is in
    place before the imports that take most of the start-up: a Ctrl-C there is exit 130, not a traceback."""
    probe = ("import sys\nimport honolint.entry\n"
             "print(sorted(m for m in sys.modules if m.startswith('honolint')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['honolint', 'honolint.entry', 'honolint.exits']"


@pytest.mark.slow
def test_a_sarif_report_of_many_files_is_written_file_by_file(tmp_path):
    """Code scanning's step (`--format sarif --output-file`) keeps no file's findings: 10,000 files took
    279 MB when the report was built whole, 29 MB written file by file, byte for byte the same report."""
    for number in range(3000):
        (tmp_path / f"p{number:04d}.properties").write_text(f"acks=1\nlinger.ms={number}\n")
    out = tmp_path / "out" / "honolint.sarif"
    out.parent.mkdir()
    run = console(tmp_path, "check", "--format", "sarif", "--output-file", str(out), str(tmp_path),
                  label="sarif", prefix=())
    assert run.returncode == 1, run.stderr
    assert run.peak_mb < 60, f"{run.peak_mb:.0f} MB"
    report = json.loads(out.read_text())
    assert len({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in report["runs"][0]["results"]}) == 3000
