"""--write-baseline / --baseline: today's findings recorded with fingerprints that survive lines
moving, later runs report only new ones; in the `.properties` and the YAML form."""
from __future__ import annotations

import json

import pytest

from lint_helpers import codes, producers

FORMS = {
    "properties": ("conf/p.properties", "acks=1\nenable.idempotence=false\nmax.in.flight.requests.per.connection=1\n",
                   "# a comment\n\n", "acks=0\n"),
    "yaml": ("conf/p.yaml", "acks: 1\nenable.idempotence: false\nmax.in.flight.requests.per.connection: 1\n",
             "# a comment\n\n", "acks: 0\n"),
}


def baseline(honolint, name: str = "honolint-baseline.json"):
    return honolint.tmp_path / name


@pytest.mark.parametrize("form", FORMS)
def test_a_baseline_hides_todays_findings_and_they_stay_hidden_when_lines_move(honolint, form):
    name, text, moved_above, _ = FORMS[form]
    path = honolint.write(name, text)
    report, exit_code = honolint.json(str(path))
    assert "HL201" in codes(report) and exit_code == 1
    result = honolint.run("check", "--write-baseline", str(baseline(honolint)), str(path))
    assert result.exit_code == 0 and "wrote 2 findings to" in result.stderr
    report, exit_code = honolint.json("--baseline", str(baseline(honolint)), str(path))
    assert codes(report) == [] and exit_code == 0
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is False  # the verdict stays as it is
    honolint.write(name, moved_above + text)  # every finding two lines further down
    report, exit_code = honolint.json("--baseline", str(baseline(honolint)), str(path))
    assert codes(report) == [] and exit_code == 0


@pytest.mark.parametrize("form", FORMS)
def test_a_new_finding_or_a_changed_value_is_reported(honolint, form):
    name, text, _, acks0 = FORMS[form]
    path = honolint.write(name, text)
    honolint.run("check", "--write-baseline", str(baseline(honolint)), str(path))
    honolint.write(name, text.replace("1\n", "0\n", 1))  # acks=0 now: HL201 with another value
    report, exit_code = honolint.json("--baseline", str(baseline(honolint)), str(path))
    assert codes(report) == ["HL201"] and exit_code == 1
    assert "acks=0" in producers(report)[0]["findings"][0]["message"]


def test_a_baseline_holds_as_many_of_a_finding_as_it_recorded(tmp_path):
    from honolint.filter.baseline import Baseline, render
    from honolint.model import Finding

    def finding(line: int) -> Finding:
        return Finding("HL002", "duplicate-key", "warning", ("at-least-once",), f"'acks' is set twice (line {line})",
                       "conf/p.properties", line, 1, "acks")

    file = tmp_path / "baseline.json"
    file.write_text(render([("conf/p.properties", None, finding(3)), ("conf/p.properties", None, finding(5))], str(file)))
    held = Baseline.load(str(file))
    # the same finding (only its line differs) three times: two are in the baseline, the third is new
    assert [held.take("conf/p.properties", None, finding(n)) for n in (4, 6, 8)] == [True, True, False]
    assert Baseline.load(str(file)).take("conf/p.properties", "producer", finding(3)) is False  # another scope


def test_baseline_paths_are_relative_to_the_baseline_file(honolint, monkeypatch):
    name, text, _, _ = FORMS["yaml"]
    honolint.write(name, text)
    monkeypatch.chdir(honolint.tmp_path)
    honolint.run("check", "--write-baseline", "honolint-baseline.json", name)
    document = json.loads(baseline(honolint).read_text())
    assert {f["path"] for f in document["findings"]} == {"conf/p.yaml"}
    monkeypatch.chdir(honolint.tmp_path / "conf")  # another directory, another spelling of the path
    report, exit_code = honolint.json("--baseline", "../honolint-baseline.json", "p.yaml")
    assert codes(report) == [] and exit_code == 0


def test_the_baseline_format(honolint):
    name, text, _, _ = FORMS["properties"]
    path = honolint.write(name, text)
    honolint.run("check", "--write-baseline", str(baseline(honolint)), str(path))
    document = json.loads(baseline(honolint).read_text())
    assert document["schema"] == "honolint.baseline/1"
    assert document["tool"]["name"] == "honolint"
    rows = document["findings"]
    assert rows == sorted(rows, key=lambda r: (r["path"], r["code"], r["scope"] or "", r["fingerprint"]))
    acks = next(r for r in rows if r["code"] == "HL201")
    assert acks["path"] == "conf/p.properties" and acks["scope"] == "producer" and acks["key"] == "acks"
    assert "line #" in acks["message"] and len(acks["fingerprint"]) == 64


def test_baselined_findings_are_dropped_before_every_report_and_the_exit_code(honolint):
    name, text, _, _ = FORMS["yaml"]
    path = honolint.write(name, text)
    honolint.run("check", "--write-baseline", str(baseline(honolint)), str(path))
    for fmt in ("sarif", "gitlab", "github", "junit", "text"):
        result = honolint.run("check", "--format", fmt, "--baseline", str(baseline(honolint)), str(path))
        out = result.stdout
        if fmt == "sarif":
            out = json.dumps(json.loads(out)["runs"][0]["results"])
        assert "HL201" not in out and result.exit_code == 0, fmt
    out = honolint.run("check", "--color", "never", "--baseline", str(baseline(honolint)), str(path)).stdout
    assert out.splitlines()[-1] == "2 findings not shown: ignored, suppressed in the file or in the baseline"


def test_the_baseline_applies_after_selection_and_suppressions(honolint):
    name, _, _, _ = FORMS["properties"]
    path = honolint.write(name, "# honolint: ignore[HL201]\nacks=1\nenable.idempotence=false\n")
    honolint.run("check", "--ignore", "HL208", "--write-baseline", str(baseline(honolint)), str(path))
    assert json.loads(baseline(honolint).read_text())["findings"] == [
        r for r in json.loads(baseline(honolint).read_text())["findings"] if r["code"] == "HL202"]
    report, exit_code = honolint.json("--baseline", str(baseline(honolint)), str(path))
    assert set(codes(report)) == {"HL208"} and exit_code == 0  # HL208 was ignored when the baseline was written


@pytest.mark.parametrize("content,message", [
    ("not json", "not JSON"),
    ('{"schema": "honolint.report/1", "findings": []}', 'not a honolint baseline (its "schema" must be'),
    ('{"schema": "honolint.baseline/1", "findings": [{"code": "HL201"}]}', 'must be a list of objects with a'),
])
def test_a_bad_baseline_is_a_usage_error(honolint, content, message):
    name, text, _, _ = FORMS["properties"]
    path = honolint.write(name, text)
    bad = honolint.write("bad.json", content)
    result = honolint.run("check", "--baseline", str(bad), str(path))
    assert result.exit_code == 2 and message in result.output
    result = honolint.run("check", "--baseline", str(honolint.tmp_path / "missing.json"), str(path))
    assert result.exit_code == 2


def test_write_baseline_never_overwrites_a_file_it_checks(honolint):
    name, text, _, _ = FORMS["yaml"]
    path = honolint.write(name, text)
    result = honolint.run("check", "--write-baseline", str(path), str(path))
    assert result.exit_code == 2 and "--write-baseline" in result.output
    assert path.read_text() == text
    out = honolint.tmp_path / "out.json"
    result = honolint.run("check", "--format", "json", "--output-file", str(out), "--write-baseline", str(out), str(path))
    assert result.exit_code == 2 and "name the same file" in result.output
