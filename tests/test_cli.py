"""The command line as a user meets it: exit codes, formats, paths, stdin, rules and explain."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from lint_helpers import codes, producers

SCHEMA = json.loads((Path(__file__).parents[1] / "honolint" / "schema" / "report.schema.json").read_text())
GOOD = "acks=all\nenable.idempotence=true\ndelivery.timeout.ms=120000\n"
BAD = "bootstrap.servers=kafka:9092\nenable.idempotence=true\nacks=1\n"


def test_exit_0_for_a_good_config_1_for_a_refused_one(honolint):
    good, bad = honolint.write("good.properties", GOOD), honolint.write("bad.properties", BAD)
    assert honolint.run("check", str(good)).exit_code == 0
    result = honolint.run("check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3:1  HL101" in result.stdout


def test_exit_2_for_usage_errors(honolint):
    path = honolint.write("p.properties", GOOD)
    for args in (["check", "--client", "java:5.1", str(path)], ["check", "--client", "kafkajs", str(path)],
                 ["check", "--qos", "exactly-once", str(path)], ["check", "--dialect", "spring", str(path)],
                 ["check"], ["explain", "HL999"], ["nonsense"]):
        result = honolint.run(*args)
        assert result.exit_code == 2, args
    result = honolint.run("check", "--client", "librdkafka:3.0", str(path))
    assert "librdkafka:0.11 to librdkafka:2.16" in result.output


@pytest.mark.parametrize("client,label", [("java:3.0", "java:3.0"), ("java:2.1.1", "java:2.1.1"),
                                          ("java:4.7", "java:4.7"), ("librdkafka:1.5.2", "librdkafka:1.5.2"),
                                          ("LIBRDKAFKA", "librdkafka:2.16"), ("java", "java:4.3"),
                                          ("java:0.11.0.3", "java:0.11.0.3")])
def test_accepted_client_versions(honolint, client, label):
    path = honolint.write("p.properties", GOOD)
    report, _ = honolint.json("--client", client, str(path))
    jsonschema.validate(report, SCHEMA)
    assert producers(report)[0]["client"] == label


def test_json_report_matches_its_schema_for_every_example(honolint):
    examples = Path(__file__).parents[1] / "examples"
    report, _ = honolint.json(str(examples))
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["files"] == len(list(examples.glob("*.*")))


def test_json_report_of_findings_without_producers_matches_its_schema(honolint):
    broken = honolint.write("broken.yaml", "acks: [\n")
    (honolint.tmp_path / "dangling.properties").symlink_to(honolint.tmp_path / "gone")
    report, exit_code = honolint.json(str(broken), str(honolint.tmp_path))
    jsonschema.validate(report, SCHEMA)
    assert exit_code == 1
    assert [f["findings"][0]["line"] for f in report["files"]] == [2, 1]  # broken.yaml once
    assert "No such file" in report["files"][1]["findings"][0]["message"]


def test_a_path_that_does_not_exist_is_a_usage_error(honolint):
    result = honolint.run("check", str(honolint.tmp_path / "missing.properties"))
    assert result.exit_code == 2 and "missing.properties' does not exist" in result.output


def test_directory_walk_skips_files_without_producers(honolint):
    honolint.write("conf/producer.properties", BAD)
    honolint.write("conf/workflow.yml", "on: push\njobs: {}\n")
    honolint.write("conf/notes.txt", "acks=1\n")
    honolint.write("conf/.git/config.properties", "acks=1\n")
    report, exit_code = honolint.json(str(honolint.tmp_path / "conf"))
    assert [Path(f["path"]).name for f in report["files"]] == ["producer.properties"]
    assert exit_code == 1


def test_a_file_named_explicitly_without_producer_is_an_info(honolint):
    path = honolint.write("workflow.yml", "on: push\njobs: {}\n")
    report, exit_code = honolint.json(str(path))
    assert codes(report) == ["HL005"] and exit_code == 0


def test_a_broken_file_in_a_directory_is_a_warning_not_a_failure(honolint):
    honolint.write("conf/broken.yaml", "acks: all\nretries: [1,\n")
    report, exit_code = honolint.json(str(honolint.tmp_path / "conf"))
    assert [(f["code"], f["severity"]) for f in report["files"][0]["findings"]] == [("HL001", "warning")]
    assert exit_code == 0


def test_stdin_with_a_filename(honolint):
    result = honolint.run("check", "--format", "json", "--stdin-filename", "app.yml", "-",
                          stdin=b"hono:\n  kafka:\n    event:\n      producerConfig:\n        acks: 0\n")
    report = json.loads(result.stdout)
    assert report["files"][0]["path"] == "app.yml" and report["files"][0]["dialect"] == "hono"
    assert result.exit_code == 1


def test_stdin_without_a_filename_is_sniffed(honolint):
    result = honolint.run("check", "--format", "json", "-", stdin=BAD.encode())
    assert json.loads(result.stdout)["files"][0]["dialect"] == "plain"


def test_text_report_shows_both_classes_and_the_summary(honolint):
    path = honolint.write("amo.properties", "acks=0\n")
    out = honolint.run("check", "--qos", "at-most-once", "--color", "never", str(path)).stdout
    assert "AT MOST ONCE" in out and "AT LEAST ONCE" in out
    lines = out.splitlines()
    verdicts = [line.split() for line in lines if line.strip().startswith("AT ")]
    assert verdicts == [["AT", "MOST", "ONCE", "ok"], ["AT", "LEAST", "ONCE", "FAIL"]]  # the target first
    assert "HL201" in out.split("AT LEAST ONCE")[1]
    assert "1 file, 1 producer" in lines[-1]


def test_colour_only_when_asked(honolint):
    path = honolint.write("bad.properties", BAD)
    assert "\x1b[" not in honolint.run("check", str(path)).stdout
    assert "\x1b[" in honolint.run("check", "--color", "always", str(path)).stdout


def test_effective_shows_values_and_origins(honolint):
    path = honolint.write("application.yml", "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n"
                                             "        linger.ms: 10\n")
    out = honolint.run("effective", "--color", "never", str(path)).stdout
    assert "enable.idempotence" in out and "forced by Hono" in out
    assert f"file {path}:5:9" in out
    assert "java:4.3 default" in out


def test_rules_and_explain(honolint):
    listing = honolint.run("rules").stdout.splitlines()
    assert any(line.startswith("HL201  acks-not-all") for line in listing)
    catalog = json.loads(honolint.run("rules", "--format", "json").stdout)
    assert {"code": "HL202", "name": "order-not-guaranteed", "severity": "error",
            "classes": ["at-least-once", "at-most-once"]}.items() <= next(r for r in catalog if r["code"] == "HL202").items()
    by_name = honolint.run("explain", "order-not-guaranteed").stdout
    assert by_name == honolint.run("explain", "hl202").stdout
    for section in ("## What it checks", "## Why", "## Example", "## How to fix"):
        assert section in by_name


def test_every_rule_documents_itself():
    from honolint.rulebook import rule_modules

    seen = set()
    for module in rule_modules():
        assert module.CODE not in seen
        seen.add(module.CODE)
        for section in ("## What it checks", "## Why", "## Example", "## How to fix"):
            assert section in module.__doc__, (module.CODE, section)


def test_the_console_script_runs_and_never_writes_to_the_file(tmp_path):
    path = tmp_path / "bad.properties"
    path.write_text(BAD)
    before = path.stat().st_mtime_ns, path.read_bytes()
    result = subprocess.run([sys.executable, "-m", "honolint", "check", str(path)], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1 and "HL101" in result.stdout and result.stderr == ""
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_the_layout_picks_the_client_family(honolint):
    hono = honolint.write("application.yml", "hono:\n  kafka:\n    event:\n      producerConfig:\n        acks: all\n")
    kcat = honolint.write("kcat.conf.properties", "request.required.acks=-1\nqueue.buffering.max.ms=10\n")
    report, _ = honolint.json("--client", "librdkafka", str(hono))
    assert producers(report)[0]["client"] == "java:4.3"  # Hono runs the Java client, whatever --client says
    report, _ = honolint.json(str(kcat))
    assert report["files"][0]["dialect"] == "librdkafka"
    assert producers(report)[0]["client"] == "librdkafka:2.16"
    report, _ = honolint.json("--client", "librdkafka:1.9", str(kcat))  # --client still picks the version
    assert producers(report)[0]["client"] == "librdkafka:1.9"
    report, _ = honolint.json("--client", "java:3.9", str(kcat))  # written in librdkafka's names: librdkafka's
    assert producers(report)[0]["client"] == "librdkafka:2.16"
    report, _ = honolint.json("--dialect", "plain", "--client", "java:3.9", str(kcat))  # as a Java file, on request
    assert report["files"][0]["dialect"] == "plain"
    assert producers(report)[0]["client"] == "java:3.9"
    assert "is this file for --client librdkafka?" in producers(report)[0]["findings"][0]["message"]


def test_one_refusal_finding_per_cause_the_first_is_what_the_client_throws(honolint):
    path = honolint.write("p.properties", "enable.idempotence=true\nacks=1\nretries=0\n")
    report, _ = honolint.json(str(path))
    (producer,) = producers(report)
    assert producer["rejected"] == ["Must set retries to non-zero when using the idempotent producer.",
                                    "Must set acks to all in order to use the idempotent producer. "
                                    "Otherwise we cannot guarantee idempotence."]
    refusals = [(f["key"], f["line"]) for f in producer["findings"] if f["code"] == "HL101"]
    assert refusals == [("acks", 2), ("retries", 3)]


def test_a_newer_4x_client_is_treated_as_the_newest_modelled_with_a_note(honolint):
    path = honolint.write("p.properties", GOOD)
    result = honolint.run("check", "--client", "java:4.9", str(path))
    assert result.exit_code == 0
    assert "java:4.9 is newer than the newest release modelled (4.3)" in result.stderr


def test_secrets_never_leave_the_process(honolint):
    path = honolint.write("p.properties",
                          "acks=all\n"
                          'sasl.jaas.config=PlainLoginModule required username="svc" password="hunter2-hunter2";  # x\n'
                          "ssl.key.password=first-secret\nssl.key.password=second-secret\n"
                          "enable.idempotence=true\nsasl.password=abc\n")
    for args in (["check", "--format", "json"], ["check", "--color", "never"], ["effective", "--format", "json"],
                 ["effective", "--color", "never"], ["check", "--client", "librdkafka", "--format", "json"]):
        out = honolint.run(*args, str(path)).stdout
        for secret in ("hunter2", "first-secret", "second-secret", "abc"):
            assert secret not in out, (args, secret)
    report, _ = honolint.json(str(path))
    messages = [f["message"] for f in report["files"][0]["findings"]]
    assert any("'****'" in m for m in messages)


def test_the_streamed_report_equals_the_report_written_to_a_file(honolint):
    honolint.write("conf/good.properties", GOOD)
    honolint.write("conf/bad.properties", BAD)
    honolint.write("conf/dup.yaml", "acks: all\nacks: 1\n")
    honolint.write("conf/broken.yaml", "acks: [\n")
    folder = str(honolint.tmp_path / "conf")
    for fmt in ("json", "text"):
        streamed = honolint.run("check", "--format", fmt, "--color", "never", folder)
        target = honolint.tmp_path / f"report.{fmt}"
        written = honolint.run("check", "--format", fmt, "--output-file", str(target), "--color", "never", folder)
        assert streamed.exit_code == written.exit_code == 1
        if fmt == "json":
            assert json.loads(streamed.stdout) == json.loads(target.read_text())
            jsonschema.validate(json.loads(streamed.stdout), SCHEMA)
        else:
            assert streamed.stdout == target.read_text()


def test_processes_give_the_same_report_in_the_same_order(tmp_path):
    """250 files: with --jobs 2 or 3 the processes share the slices out; the output, summary and notes
    (each once, in file order) must be those of one process, whether standard output is buffered or not
    (PYTHONUNBUFFERED)."""
    for index in range(250):
        text = BAD if index % 3 == 0 else GOOD
        if index in (10, 200, 240):  # files here and there use clients newer than modelled: a note for each
            text = "# honolint: client=java:4.9\n" + text
        elif index in (120, 245):
            text = "# honolint: client=java:4.7\n" + text
        (tmp_path / f"p{index:03d}.properties").write_text(text)
    for index in range(30):  # first in the walk, and in no report: the first slices have nothing to say
        (tmp_path / f"a{index:02d}.yaml").write_text("on: push\n")
    for fmt in ("json", "text"):
        buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
        runs = [subprocess.run([sys.executable, "-m", "honolint", "check", "--format", fmt, "--color", "never",
                                "--jobs", jobs, str(tmp_path)], capture_output=True, text=True, env=env)
                for jobs, env in (("1", buffered), ("2", {**buffered, "PYTHONUNBUFFERED": "1"}), ("3", buffered))]
        assert [run.returncode for run in runs] == [1, 1, 1]
        assert runs[0].stdout == runs[1].stdout == runs[2].stdout
        assert runs[0].stderr == runs[1].stderr == runs[2].stderr
        assert runs[2].stderr.count("java:4.9 is newer") == runs[2].stderr.count("java:4.7 is newer") == 1
        assert runs[2].stderr.index("java:4.9") < runs[2].stderr.index("java:4.7")  # in file order
        if fmt == "json":
            assert json.loads(runs[2].stdout)["summary"]["files"] == 250
        else:
            assert runs[2].stdout.splitlines()[-1].startswith("250 files, 250 producers: 84 error(s)")


@pytest.mark.parametrize("as_json", [True, False])
def test_slices_written_in_turn_after_empty_ones_read_as_one_stretch(as_json):
    """A process that writes slice after slice as each comes due (here, with no child to wait for) joins
    them as a single pass over the files does, the first slices having nothing to say."""
    import io

    from honolint.model import FileResult
    from honolint.app.processes import Team
    from honolint.report.stream import Items, Outcome

    def outcomes_of(files):
        return (Outcome(FileResult(file, "plain", [], []), "error", 0, []) for file in files if file >= "f030")

    files = [f"f{index:03d}" for index in range(200)]
    one, team_out = io.StringIO(), io.StringIO()
    items = Items(as_json, False)
    items.stretch(one)
    for outcome in outcomes_of(files):
        items.add(outcome)
    items.flush()
    team = Team(outcomes_of, files, 2, lambda: Items(as_json, False))
    assert len(team.slices) == 64 and not team.slices[0][-1] >= "f030"
    team.lint(Items(as_json, False), team_out)
    assert team_out.getvalue() == one.getvalue()
    if as_json:
        assert json.loads("[" + team_out.getvalue() + "]")[0]["path"] == "f030"


@pytest.mark.parametrize("failure,said", [
    ("raise ValueError('boom in ' + file)", "honolint: internal error (please report it): ValueError: boom in f"),
    ("os.kill(os.getpid(), signal.SIGKILL)", "honolint: internal error: a linting process was ended by signal 9"),
])
def test_a_process_that_fails_ends_the_run_with_exit_3_and_says_why(failure, said):
    """A bug (or the out-of-memory killer) that strikes a second process is an internal error,
    reported as one: never a partial report that passes."""
    script = f"""
import os, signal, sys, time
from honolint.exits import Stop
from honolint.app.run import write_report

parent = os.getpid()

def outcomes_of(files):
    for file in files:
        time.sleep(0.002)  # long enough for the child to take slices
        if os.getpid() != parent:
            {failure}
    return iter(())

try:
    write_report(outcomes_of, [f"f{{i}}" for i in range(200)], True, False, 2)
except Stop as stop:  # as run.execute() ends it
    sys.exit(stop.code)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 3
    assert said in run.stderr
    assert "Traceback" not in run.stderr


def test_without_a_file_for_the_output_one_process_lints_them_all(tmp_path):
    for index in range(250):
        (tmp_path / f"p{index:03d}.properties").write_text(BAD if index % 3 == 0 else GOOD)
    script = f"""
import os, sys, tempfile
def no_file(*args, **kwargs):
    raise PermissionError(13, "Permission denied")
tempfile.TemporaryFile = os.memfd_create = no_file
sys.argv = ["honolint", "check", "--jobs", "2", "--color", "never", {str(tmp_path)!r}]
from honolint.entry import main
main()
"""
    fallback = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    alone = subprocess.run([sys.executable, "-m", "honolint", "check", "--jobs", "1", "--color", "never",
                            str(tmp_path)], capture_output=True, text=True)
    assert (fallback.returncode, fallback.stdout, fallback.stderr) == (alone.returncode, alone.stdout, alone.stderr)
    assert fallback.stdout.splitlines()[-1].startswith("250 files")


@pytest.mark.parametrize("v2,v1,cores", [
    ("200000 100000\n", None, 2), ("150000 100000\n", None, 2), ("max 100000\n", None, 64),
    (None, ("-1\n", "100000\n"), 64), (None, ("400000\n", "100000\n"), 4), (None, None, 64),
])
def test_the_default_processes_keep_to_the_container_cpu_quota(tmp_path, monkeypatch, v2, v1, cores):
    """A CI container that sees the host's 64 cores but may use 2 gets 2 processes, not 64."""
    import honolint.app.processes as processes

    def written(name, text):  # a file that is not there: no quota of that kind
        if text is not None:
            (tmp_path / name).write_text(text)
        return str(tmp_path / name)

    monkeypatch.setattr(processes.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    monkeypatch.setattr(processes, "CPU_QUOTA_FILES", (
        (written("cpu.max", v2), None),
        (written("cfs_quota_us", v1 and v1[0]), written("cfs_period_us", v1 and v1[1]))))
    assert processes.usable_cores() == cores
    assert processes.processes(0, 100_000) == min(cores, processes.MOST_PROCESSES_BY_DEFAULT)
    assert processes.processes(0, 150) == 1 and processes.processes(3, 1_000) == 3


@pytest.mark.parametrize("args, said", [
    (["check", ""], "'[PATHS]...': '': an empty path names no file"),
    (["check", "--write-baseline", "", "{conf}"], "'--write-baseline': '': an empty path names no file"),
    (["check", "--format", "json", "--output-file", "", "{conf}"], "'--output-file': '': an empty path names no file"),
    (["check", "--select", "", "{conf}"], "'--select': '' names no rule"),
    (["check", "--select", " , ", "{conf}"], "'--select': ' , ' names no rule"),
    (["check", "--ignore", "", "{conf}"], "'--ignore': '' names no rule"),
    (["effective", "", "{conf}"], "'': an empty path names no file"),
])
def test_an_empty_path_or_rule_list_is_a_usage_error(honolint, args, said):
    """`--select ''` would turn every rule off and `--write-baseline ''` names no file: both are refused."""
    conf = str(honolint.write("p.properties", "acks=1\n"))
    result = honolint.run(*[arg.replace("{conf}", conf) for arg in args])
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert result.stdout == ""
