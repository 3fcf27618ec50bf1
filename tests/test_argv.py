"""argv.py reads `check` command lines without click: it must read each one exactly as click does, or
leave it to click (None). Held to click's own parsing on generated command lines."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honolint.app.argv import parse_check
from honolint.cli import check, cli
from honolint.app.options import CHECK_OPTIONS
from lint_helpers import invoke

# every spelling of every option in the table both readers are built from, and tokens neither must take
OPTIONS = [name for option in CHECK_OPTIONS for name in option.names] + [
    "-h", "--help", "--version", "--", "-x", "--nope", "-qj", "-jq", "--client-"]
VALUES = ["java", "java:3.0", "JAVA:3.9", "librdkafka:2.16", "bogus", "at-least-once", "at-most-once", "AT-MOST-ONCE",
          "auto", "never", "always", "json", "text", "sarif", "github", "error", "info", "HL2", "HL201,acks-not-all",
          "HL999", ",", "", "0", "2", "64", "65", "-1", "+2", " 3", "٣", "0x2", "1_0", "plain", "spring-boot", "nope",
          "-", "check", "=", "no/such/file", "KAFKA_ACKS=all", "A=", "=x", "A B=1", "env:ACKS=1", "a=b=c"]


@pytest.fixture(scope="module")
def existing(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("argv")
    (folder / "p.properties").write_text("acks=all\n")
    (folder / "conf").mkdir()
    return [str(folder / "p.properties"), str(folder / "conf")]


def tokens(existing: list[str]):
    words = OPTIONS + VALUES + existing
    joined = st.tuples(st.sampled_from(OPTIONS + ["-j"]), st.sampled_from(VALUES + existing)).map(
        lambda pair: pair[0] + ("" if pair[0] == "-j" else "=") + pair[1])
    return st.lists(st.one_of(st.sampled_from(words), joined), max_size=8)


def click_params(args: list[str]) -> dict | None:
    """`check`'s parameters as click reads ARGS (after `honolint check`), None when click refuses them."""
    parent = click.Context(cli, info_name="honolint", help_option_names=["-h", "--help"])
    try:
        with check.make_context("check", list(args), parent=parent) as context:
            return dict(context.params)
    except (click.ClickException, click.exceptions.Exit):
        return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_check_command_line_is_read_as_click_reads_it_or_left_to_click(existing, data):
    args = data.draw(tokens(existing))
    ours = parse_check(["check", *args])
    if ours is not None:
        assert ours == click_params(args), args


@pytest.mark.parametrize("args", [
    ["--force-exclude"],  # the pre-commit hook's entry
    ["--format", "json"], ["--format=sarif", "--exit-zero"], ["-j2", "--color", "never", "-q"],
    ["--client", "librdkafka:2.16", "--qos", "at-most-once", "--select", "HL2,HL101", "--ignore", "HL208"],
    ["--dialect", "spring-boot", "--fail-level", "warning", "--statistics", "--isolated", "--no-inline-ignores"],
    ["--stdin-filename", "x.yaml", "-", "--jobs", "64"],
    ["--define", "KAFKA_ACKS=all", "--define=env:RETRIES=3"],
    ["--output-file", "-"], ["--show-settings"], ["--write-baseline", "b"],
    ["--format", "sarif", "--output-file=o.sarif"],
])
def test_the_command_lines_of_hooks_and_ci_steps_are_read_without_click(existing, args):
    args = [*args, *existing]
    assert parse_check(["check", *args]) == click_params(args) is not None


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--version"], ["--config", "x"], ["--config", "-"], ["--output-file", ""],
    ["--baseline", "b"], ["--isolated=yes"], ["--", "x"], ["--jobs", "65"], ["--qos", "AT-MOST-ONCE"],
    ["no/such/file"], ["--client", "java:0.1"], ["--select", "HL999"], ["--format"],
    [""], ["--select", ""], ["--select=,"], ["--ignore", " "],
])
def test_what_argv_does_not_read_is_left_to_click(existing, args):
    assert parse_check(["check", *existing, *args]) is None
    assert parse_check(["rules"]) is None and parse_check([]) is None


def test_a_usage_error_met_while_checking_is_said_as_click_says_it(tmp_path, monkeypatch):
    """A settings file is read once the run has begun: its error is said with `check`'s usage line, as
    when click reads the command line, and exits 2."""
    (tmp_path / ".honolint.yaml").write_text("qos: sometimes\n")
    (tmp_path / "p.properties").write_text("acks=all\n")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--format", "json", "p.properties"]
    assert parse_check(args) is not None
    fast, by_click = invoke(*args), CliRunner().invoke(cli, args, prog_name="honolint")
    assert fast.exit_code == by_click.exit_code == 2
    assert fast.stderr == by_click.stderr
    assert fast.stderr.startswith("Usage: honolint check [OPTIONS] [PATHS]...\n") and "qos" in fast.stderr


def test_a_reader_that_stops_reading_ends_the_run_quietly(tmp_path):
    """`honolint check big/ | head -1`: exit 1 as click's own runs do, and no traceback."""
    for index in range(300):
        (tmp_path / f"p{index:03d}.properties").write_text("acks=1\nretries=3\nmax.in.flight.requests.per.connection=5\n")
    process = subprocess.Popen([sys.executable, "-m", "honolint", "check", "--color", "never", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


def test_ctrl_c_ends_the_run_quietly_with_130(tmp_path):
    """Interrupted while linting (here with several processes): exit 130 as a shell says Ctrl-C, nothing said."""
    import signal

    for index in range(8000):
        (tmp_path / f"p{index:04d}.properties").write_text("acks=1\nretries=3\n")
    process = subprocess.Popen([sys.executable, "-m", "honolint", "check", "--jobs", "2", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(1)  # the report has begun
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == b"", stderr


@pytest.mark.parametrize("args,code,said", [
    (["check", "--format", "json", "{bad}"], 1, '"schema": "honolint.report/1"'),
    (["check", "{good}"], 0, "1 file, 1 producer"),
    (["check", "--format", "github", "{bad}"], 1, "::error file="),
    (["check", "--bogus", "{good}"], 2, ""),
    (["--version"], 0, "honolint, version"),
    (["rules"], 0, "HL201"),
])
def test_the_console_script_leaves_with_the_run_s_exit_code_and_all_its_output(tmp_path, args, code, said):
    """`python -m honolint` leaves without tearing the interpreter down: its output must be whole and its
    exit code the run's, for the runs argv.py reads and the ones click reads."""
    (tmp_path / "bad.properties").write_text("acks=1\n")
    (tmp_path / "good.properties").write_text("acks=all\n")
    args = [a.format(bad=tmp_path / "bad.properties", good=tmp_path / "good.properties") for a in args]
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    run = subprocess.run([sys.executable, "-m", "honolint", *args], capture_output=True, text=True, env=buffered)
    assert run.returncode == code, run.stderr
    assert said in run.stdout
    if args[1:3] == ["--format", "json"]:
        assert json.loads(run.stdout)["summary"]["files"] == 1


@pytest.mark.parametrize("closed", [">&-", "2>&-", ">&- 2>&-"])
def test_a_run_with_its_output_closed_still_answers_with_its_exit_code(tmp_path, closed):
    """`honolint check . >&-`: nowhere to write the report, but the exit code is what is asked for."""
    (tmp_path / "bad.properties").write_text("acks=1\n")
    (tmp_path / "good.properties").write_text("acks=all\n")
    for name, code in (("bad", 1), ("good", 0)):
        run = subprocess.run(["sh", "-c", f'exec "$@" {closed}', "sh", sys.executable, "-m", "honolint", "check",
                              str(tmp_path / f"{name}.properties")], capture_output=True, text=True)
        assert run.returncode == code and "Traceback" not in run.stderr and "internal error" not in run.stderr, run


def test_standard_input_closed_is_an_unreadable_file():
    """`honolint check - <&-`: the file '-' cannot be read, reported as any unreadable file is."""
    run = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", sys.executable, "-m", "honolint", "check",
                          "--stdin-filename", "app.yaml", "-"], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "app.yaml:1:1  HL001  error: cannot read standard input: it is closed" in run.stdout


@pytest.mark.parametrize("args", [
    ["--config", "{settings}"], ["--output-file", "{out}", "--format", "json"], ["--baseline", "{baseline}"],
    ["--fail-level", "warning"], ["--write-baseline", "{out}"], ["--define-file", "{defines}"], ["--show-settings"],
])
def test_the_options_of_a_ci_step_import_no_click(tmp_path, args):
    """Every option of the table is read by the fast path, path-typed ones too: a CI step that names its
    settings file, its report file or its baseline pays no click import."""
    files = {"settings": ".honolint.yaml", "out": "report.out", "baseline": "baseline.json", "defines": "deploy.env"}
    for name, file in files.items():
        if name != "out":
            (tmp_path / file).write_text('{"schema": "honolint.baseline/1", "findings": []}\n' if name == "baseline" else
                                         ("qos: at-least-once\n" if name == "settings" else "ACKS=all\n"))
    (tmp_path / "p.properties").write_text("acks=all\n")
    args = [arg.format(**{name: str(tmp_path / file) for name, file in files.items()}) for arg in args]
    probe = ("import sys\nfrom honolint.entry import main\nsys.argv = ['honolint', 'check', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('click' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, *args, str(tmp_path / "p.properties")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.stderr.splitlines()[-1] == "False", result.stderr
