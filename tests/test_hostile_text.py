"""Terminal and CI-log injection: controls from a file, a settings file or the command line never reach
the terminal or the log raw.

Keys, values, comments and paths carrying OSC 52 (set the clipboard), a clear-screen sequence, a
carriage return, a newline followed by a forged GitHub `::error::` or `::stop-commands::` line, and a
right-to-left override are shown escaped (`\\x1b`, `\\u202e`) in every text format and on stderr.
"""
from __future__ import annotations

import re

import pytest

OSC52, CLEAR = "\x1b]52;c;aGVsbG8=\x07", "\x1b[2J"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
YAML = ('acks: "1\\e]52;c;aGVsbG8=\\a"\n'
        '"retries\\e[2J": "x\\r\\n::error::forged"\n'
        '"::stop-commands::x": "\\u202eyes"\n'
        'enable.idempotence: "true\\nforged"\n')
PROPERTIES = f"# a comment {OSC52}\nacks=1{CLEAR}\nlinger.ms=5\r::warning::forged\nbatch\u202e.size=1\n"
NAME = f"p{CLEAR}\u202e"


def no_raw_controls(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text).group())
    assert "Traceback" not in text


@pytest.fixture
def hostile(honolint):
    honolint.write(f"conf/{NAME}.yaml", YAML)
    honolint.write(f"conf/{NAME}.properties", PROPERTIES.encode("utf-8"))
    honolint.write(".honolint.yaml", 'defines:\n  "A\\e]52;c;x\\a": "v\\n::error::forged\\u202e"\n')
    return honolint


@pytest.mark.parametrize("args", [[], ["-q"], ["--statistics"], ["--show-infos"], ["--format", "text", "-j", "2"]])
def test_the_text_report_shows_controls_escaped(hostile, args):
    result = hostile.run("check", *args, str(hostile.tmp_path / "conf"))
    assert result.exit_code == 1
    no_raw_controls(result.stdout)
    no_raw_controls(result.stderr)
    if not args or args == ["--show-infos"]:
        assert "p\\x1b[2J\\u202e.yaml" in result.stdout
        assert "\\x1b]52;c;aGVsbG8=" in result.stdout


def test_colour_text_carries_no_payload_sequence(hostile):
    result = hostile.run("check", "--color", "always", "--show-infos", str(hostile.tmp_path / "conf"))
    for payload in (OSC52, CLEAR, "\x1b]52", "\u202e", "\r"):
        assert payload not in result.stdout
    assert "\\x1b]52;c;aGVsbG8=" in result.stdout


def test_effective_text_shows_controls_escaped(hostile):
    result = hostile.run("effective", str(hostile.tmp_path / "conf"))
    no_raw_controls(result.stdout)
    assert "\\x1b]52;c;aGVsbG8=\\x07" in result.stdout


def test_show_settings_shows_controls_escaped(hostile):
    result = hostile.run("check", "--show-settings", str(hostile.tmp_path / "conf" / f"{NAME}.yaml"))
    assert result.exit_code == 0
    no_raw_controls(result.stdout)
    assert "define A\\x1b]52;c;x\\x07" in result.stdout and "v\\n::error::forged\\u202e" in result.stdout


def test_github_annotations_cannot_start_a_command_of_their_own(hostile):
    result = hostile.run("check", "--format", "github", "--show-infos", str(hostile.tmp_path / "conf"))
    no_raw_controls(result.stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == result.stdout.count("\n")  # no CR, LS or PS that a log would split on
    assert all(re.match(r"::(error|warning|notice) file=[^:]*::|honolint: ", line) for line in lines), lines
    assert not any(line.startswith(("::error::", "::warning::", "::stop-commands::")) for line in lines)
    assert "stop-commands" in result.stdout  # reported, inside a message


def test_stderr_names_a_path_escaped(honolint):
    result = honolint.run("check", f"missing{OSC52}\n::error::forged")
    assert result.exit_code == 2
    no_raw_controls(result.stderr.replace("\n", ""))
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    result = honolint.run("check", "--format", "json", "--output-file", f"nowhere{CLEAR}/r.json",
                          str(honolint.write("p.properties", "acks=all\n")))
    assert result.exit_code == 2 and "nowhere\\x1b[2J" in result.stderr
    no_raw_controls(result.stderr.replace("\n", ""))


def test_a_baseline_path_is_said_escaped(honolint):
    conf = honolint.write("p.properties", "acks=1\n")
    result = honolint.run("check", "--write-baseline", str(honolint.tmp_path / f"b{CLEAR}.json"), str(conf))
    assert result.exit_code == 0 and "b\\x1b[2J.json" in result.stderr
    no_raw_controls(result.stderr.replace("\n", ""))


def test_plain_text_is_shown_as_it_is(honolint):
    conf = honolint.write("é/p.properties", "acks=1\nlinger.ms=5\tx\n")
    result = honolint.run("check", "--show-infos", str(conf))
    assert "é/p.properties" in result.stdout
