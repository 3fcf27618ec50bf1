"""kcat files are read as kcat's own `-F` reader reads them (honolint/load/kcat_file.py), not as java.util.Properties.

Each row: the file, what kcat 1.7.1 does with it (`kcat -F FILE -X dump`: "ok", or its message after
`% ERROR: FILE:LINE: `, and that LINE), and what honolint reports: the error finding (code, line, column)
or, for a file kcat takes, the values the producer gets. The oracle test runs the real kcat on every row.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";'
EXPECTED = "expected property=value"
INVALID_ACKS = 'Invalid value for configuration property "request.required.acks"'

# name, file text, kcat says ("ok" or its message), kcat's line, honolint: (code, line, column) or {key: value}
CASES = [
    ("colon separator", "acks : 1\n", EXPECTED, 1, ("HL001", 1, 1)),
    ("blank separator", "linger.ms=5\nacks 1\n", EXPECTED, 2, ("HL001", 2, 1)),
    ("blank after = is in the value", "linger.ms=5\nacks= all\n", INVALID_ACKS, 2, ("HL102", 2, 1)),
    ("blank before = is in the name", "linger.ms=5\nacks =1\n", 'No such configuration property: "acks "', 2,
     ("HL103", 2, 1)),
    ("trailing blanks are trimmed", "acks=1 \t\nlinger.ms=5  \n", "ok", 0, {"acks": "1", "linger.ms": "5"}),
    ("leading blanks are trimmed", "  acks=1\n\tlinger.ms=5\n", "ok", 0, {"acks": ("1", 1, 3), "linger.ms": "5"}),
    ("a backslash at the end continues nothing", "acks=all\\\n\nlinger.ms=5\n", INVALID_ACKS, 1, ("HL102", 1, 1)),
    ("# comment", "# acks=0\nacks=1\n", "ok", 0, {"acks": ("1", 2, 1)}),
    ("indented # comment", "   # acks=0\nacks=1\n", "ok", 0, {"acks": "1"}),
    ("! is no comment", "! no comment\nacks=1\n", EXPECTED, 1, ("HL001", 1, 1)),
    ("! starts a name", "linger.ms=5\n! acks=0\n", 'No such configuration property: "! acks"', 2, ("HL103", 2, 1)),
    ("blank lines", "\n  \n\t\nacks=1\n\n", "ok", 0, {"acks": ("1", 4, 1)}),
    ("empty name", "acks=1\n=x\n", EXPECTED, 2, ("HL001", 2, 1)),
    ("empty value", "acks=\n", 'Integer configuration property "request.required.acks" cannot be set to empty value',
     1, ("HL102", 1, 1)),
    ("no value at all", "linger.ms=5\nacks\n", EXPECTED, 2, ("HL001", 2, 1)),
    ("no \\u escape", "acks=\\u0031\n", INVALID_ACKS, 1, ("HL102", 1, 1)),
    ("\\= loses its backslash", "linger.ms\\=5\nacks=1\n", "ok", 0, {"linger.ms": "5", "acks": "1"}),
    ("\\= is no escaped separator", "acks=\\=1\n", INVALID_ACKS, 1, ("HL102", 1, 1)),
    ("CRLF line ends", "acks=1\r\nlinger.ms=5\r\n", "ok", 0, {"acks": "1", "linger.ms": "5"}),
    ("CR alone ends no line", "acks=1\rlinger.ms=50\r", "ok", 0, {"acks": "1", "linger.ms": "5"}),  # the default
    ("UTF-8 byte order mark", "\ufeffacks=1\n", 'No such configuration property: "\ufeffacks"', 1, ("HL001", 1, 1)),
    ("a line longer than 511 bytes is read in pieces", "acks=1\nclient.id=" + "x" * 501 + "=y\n", EXPECTED, 3,
     ("HL001", 2, 512)),
    ("a PlainLoginModule JAAS line is a user name and password", f"acks=1\nsasl.jaas.config={JAAS}\n", "ok", 0,
     {"acks": "1"}),
]
IDS = [row[0] for row in CASES]


def _findings(report: dict) -> list[dict]:
    found = list(report["files"][0]["findings"])
    for producer in report["files"][0]["producers"]:
        found += producer["findings"]
    return found


@pytest.mark.parametrize("name,text,kcat_says,kcat_line,expected", CASES, ids=IDS)
def test_honolint_reads_a_kcat_file_as_kcat_does(honolint, name, text, kcat_says, kcat_line, expected):
    path = honolint.write("producer.kcat.conf", text)
    report, exit_code = honolint.json("--isolated", str(path))
    refusals = [(f["code"], f["line"], f["column"]) for f in _findings(report)
                if f["code"] in ("HL001", "HL102", "HL103") and f["severity"] == "error"]
    if isinstance(expected, tuple):
        assert refusals == [expected] and exit_code == 1
        if expected[0] == "HL001":
            assert _findings(report)[0]["message"].startswith("cannot be read by kcat")
        else:  # librdkafka's refusal, in its own words
            assert any(kcat_says in rejected for rejected in report["files"][0]["producers"][0]["rejected"])
        return
    assert refusals == []
    effective = report["files"][0]["producers"][0]["effective"]
    for key, want in expected.items():
        value, line, column = want if isinstance(want, tuple) else (want, None, None)
        assert effective[key]["value"] == value
        assert line is None or (effective[key]["line"], effective[key]["column"]) == (line, column)


def test_a_properties_file_is_still_read_as_java_reads_it(honolint):
    """Only a kcat file is read as kcat reads it: `acks : all` in a .properties file is Java's `acks=all`."""
    path = honolint.write("producer.properties", "acks : all\nenable.idempotence = true\n")
    report, _ = honolint.json("--isolated", str(path))
    assert report["files"][0]["producers"][0]["effective"]["acks"]["value"] == "all"


def test_a_huge_line_is_read_in_pieces_in_linear_time(honolint):
    path = honolint.write("kcat.conf", "acks=1\nclient.id=" + "x" * 3_000_000 + "\n")
    report, exit_code = honolint.json("--isolated", str(path))
    assert exit_code == 1 and [f["code"] for f in _findings(report)] == ["HL001"]


@pytest.mark.integration
@pytest.mark.oracle
@pytest.mark.skipif(shutil.which("kcat") is None, reason="kcat is not installed")
@pytest.mark.parametrize("name,text,kcat_says,kcat_line,expected", CASES, ids=IDS)
def test_the_real_kcat_does_what_the_table_says(tmp_path, name, text, kcat_says, kcat_line, expected):
    path = tmp_path / "producer.kcat.conf"
    path.write_bytes(text.encode("utf-8"))
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}  # no ~/.config/kcat.conf of the user's
    done = subprocess.run(["kcat", "-F", str(path), "-X", "dump"], capture_output=True, text=True, env=env,
                          timeout=30)
    if kcat_says == "ok":
        assert done.returncode == 0, done.stderr
        dumped = dict(re.findall(r"^(\S+) = (.*)$", done.stdout, re.M))
        names = {"acks": "request.required.acks", "linger.ms": "queue.buffering.max.ms"}
        for key, want in expected.items():
            assert dumped[names[key]] == (want[0] if isinstance(want, tuple) else want)
        if "sasl.jaas.config" in text:
            assert (dumped["sasl.username"], dumped["sasl.password"]) == ("u", "p")
    else:
        assert done.returncode == 1
        assert f"% ERROR: {path}:{kcat_line}: {kcat_says}" in done.stderr
