"""Project settings (.honolint.yaml, [tool.honolint] in pyproject.toml, [honolint] in setup.cfg),
their discovery and validation, --show-settings, and the command line options that select findings
and decide the exit code (--select, --ignore, --fail-level, --exit-zero, -q, --statistics,
--force-exclude); each with a `.properties` and a YAML producer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lint_helpers import codes, producers

ROOT = Path(__file__).parents[1]
# acks=1 with one request in flight: HL201 (error) for AT LEAST ONCE, AT MOST ONCE holds; HL208 infos
PRODUCERS = {
    "properties": ("p.properties", "acks=1\nenable.idempotence=false\nmax.in.flight.requests.per.connection=1\n"),
    "yaml": ("p.yaml", "acks: 1\nenable.idempotence: false\nmax.in.flight.requests.per.connection: 1\n"),
}

# the same settings in the three forms
SETTINGS = {
    ".honolint.yaml": """\
client: java:3.9
qos: at-most-once
ignore: [HL208]
severity:
  HL203: error
fail-level: error
exclude: [generated]
overrides:
  "strict/**":
    qos: at-least-once
    ignore: [idempotence-needs-privileges]
""",
    "pyproject.toml": """\
[project]
name = "orders"

[tool.honolint]
client = "java:3.9"
qos = "at-most-once"
ignore = ["HL208"]
fail-level = "error"
exclude = ["generated"]

[tool.honolint.severity]
HL203 = "error"

[tool.honolint.overrides."strict/**"]
qos = "at-least-once"
ignore = ["idempotence-needs-privileges"]
""",
    "setup.cfg": """\
[metadata]
name = orders

[honolint]
client = java:3.9
qos = at-most-once
ignore = HL208
severity =
    HL203 = error
fail-level = error
exclude =
    generated

[honolint:overrides:strict/**]
qos = at-least-once
ignore = idempotence-needs-privileges
""",
}


def producer(honolint, form: str, folder: str = "conf") -> Path:
    name, text = PRODUCERS[form]
    return honolint.write(f"{folder}/{name}", text)


# ------------------------------------------------------------------------------------ the three forms


@pytest.mark.parametrize("form", PRODUCERS)
@pytest.mark.parametrize("settings_name", SETTINGS)
def test_each_settings_form_sets_client_qos_and_ignore(honolint, settings_name, form):
    honolint.write(settings_name, SETTINGS[settings_name])
    path = producer(honolint, form)
    report, exit_code = honolint.json(str(path))
    (found,) = producers(report)
    assert (found["client"], found["target"]) == ("java:3.9", "at-most-once")
    assert "HL208" not in codes(report) and exit_code == 0
    strict = producer(honolint, form, "strict")  # the override: AT LEAST ONCE, so HL201 fails the run
    report, exit_code = honolint.json(str(strict))
    assert producers(report)[0]["target"] == "at-least-once" and "HL201" in codes(report) and exit_code == 1


@pytest.mark.parametrize("settings_name", SETTINGS)
def test_show_settings_names_the_file_and_key_of_each_value(honolint, settings_name, monkeypatch):
    honolint.write(settings_name, SETTINGS[settings_name])
    path = producer(honolint, "yaml", "strict")
    monkeypatch.chdir(honolint.tmp_path)
    out = honolint.run("check", "--show-settings", "--fail-level", "warning", "strict/p.yaml").stdout
    rows = {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}
    key = {".honolint.yaml": "", "pyproject.toml": "tool.honolint.", "setup.cfg": "[honolint] "}[settings_name]
    assert settings_name in rows["settings"]
    assert "java:3.9" in rows["client"] and (key + "client").replace(". ", " ") in rows["client"]
    assert "at-least-once" in rows["qos"] and "strict/**" in rows["qos"]  # from the override
    assert "detected from each file" in rows["dialect"] and "(default)" in rows["dialect"]
    assert "warning" in rows["fail-level"] and "command line (--fail-level)" in rows["fail-level"]
    assert "all but HL207, HL208" in out
    assert "error: HL203" in rows["severity"]
    assert path.exists()


def test_show_settings_without_paths_is_for_the_current_directory(honolint, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    result = honolint.run("check", "--show-settings", "--ignore", "HL2")
    assert result.exit_code == 0
    assert result.stdout.startswith("settings for .\n")
    assert "none found" in result.stdout and "command line (--ignore)" in result.stdout
    assert "all but HL201, HL202" in result.stdout


def test_show_settings_shows_in_file_settings(honolint, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    honolint.write("p.properties", "# honolint: qos=at-most-once\nacks=0\n")
    out = honolint.run("check", "--show-settings", "p.properties").stdout
    assert "at-most-once" in out and "in-file directive (p.properties:1)" in out


# ------------------------------------------------------------------------------------ discovery


def test_the_closest_settings_file_wins_whole(honolint):
    honolint.write(".honolint.yaml", "client: java:3.9\nignore: [HL208]\n")
    honolint.write("team/.honolint.yml", "qos: at-most-once\n")
    top, team = producer(honolint, "properties", "conf"), producer(honolint, "yaml", "team/deep/er")
    report, _ = honolint.json(str(top), str(team))
    first, second = producers(report)
    assert (first["client"], first["target"]) == ("java:3.9", "at-least-once")
    assert (second["client"], second["target"]) == ("java:4.3", "at-most-once")  # no cascade


def test_pyproject_and_setup_cfg_count_only_with_the_honolint_section(honolint):
    honolint.write(".honolint.yaml", "qos: at-most-once\n")
    honolint.write("sub/pyproject.toml", "[project]\nname = 'x'\n[tool.ruff]\nline-length = 120\n")
    honolint.write("sub/setup.cfg", "[metadata]\nname = x\n[flake8]\nmax-line-length = 120\n")
    path = producer(honolint, "properties", "sub")
    report, _ = honolint.json(str(path))
    assert producers(report)[0]["target"] == "at-most-once"
    honolint.write("sub/setup.cfg", "[metadata]\nname = x\n[honolint]\nclient = java:3.0\n")
    report, _ = honolint.json(str(path))
    assert (producers(report)[0]["client"], producers(report)[0]["target"]) == ("java:3.0", "at-least-once")
    honolint.write("sub/pyproject.toml", "[tool.honolint]\nclient = 'java:2.8'\n")  # checked before setup.cfg
    report, _ = honolint.json(str(path))
    assert producers(report)[0]["client"] == "java:2.8"


@pytest.mark.parametrize("form", PRODUCERS)
def test_config_names_one_settings_file_and_isolated_ignores_them(honolint, form):
    honolint.write(".honolint.yaml", "qos: at-most-once\n")
    other = honolint.write("elsewhere/pyproject.toml", "[tool.honolint]\nclient = 'java:3.9'\n")
    path = producer(honolint, form)
    report, _ = honolint.json("--config", str(other), str(path))
    assert (producers(report)[0]["client"], producers(report)[0]["target"]) == ("java:3.9", "at-least-once")
    report, _ = honolint.json("--isolated", str(path))
    assert (producers(report)[0]["client"], producers(report)[0]["target"]) == ("java:4.3", "at-least-once")
    bare = honolint.write("elsewhere/setup.cfg", "[metadata]\nname = x\n")
    result = honolint.run("check", "--config", str(bare), str(path))
    assert result.exit_code == 2 and "has no [honolint] section" in result.output


@pytest.mark.parametrize("form", PRODUCERS)
def test_the_command_line_wins_over_the_settings_file(honolint, form):
    honolint.write(".honolint.yaml", SETTINGS[".honolint.yaml"])
    strict = producer(honolint, form, "strict")
    report, exit_code = honolint.json("--qos", "at-most-once", "--client", "java:3.0", str(strict))
    assert (producers(report)[0]["client"], producers(report)[0]["target"]) == ("java:3.0", "at-most-once")
    assert exit_code == 0


def test_settings_apply_to_effective_too(honolint):
    honolint.write(".honolint.yaml", "client: librdkafka:2.3\n")
    path = producer(honolint, "properties")
    out = json.loads(honolint.run("effective", "--format", "json", str(path)).stdout)
    assert producers(out)[0]["client"] == "librdkafka:2.3"


# ------------------------------------------------------------------------------------ validation


@pytest.mark.parametrize("settings_name,text,message", [
    (".honolint.yaml", "qos: exactly-once\n",
     ".honolint.yaml: qos: 'exactly-once' is not allowed: use one of at-least-once, at-most-once"),
    (".honolint.yaml", "selct: [HL2]\n", "unknown key 'selct': the keys honolint reads here are client, qos"),
    (".honolint.yaml", "overrides:\n  legacy/**:\n    fail-level: info\n",
     '.honolint.yaml: overrides."legacy/**": unknown key \'fail-level\': the keys honolint reads here are client, qos, '
     "dialect, ignore"),
    (".honolint.yaml", "select: [HL2, HL2O1]\n", ".honolint.yaml: select: 'HL2O1' names no rule"),
    (".honolint.yaml", "severity:\n  acks-not-al: warning\n", "severity.acks-not-al: 'acks-not-al' names no rule"),
    (".honolint.yaml", "severity:\n  HL201: fatal\n", "severity.HL201: 'fatal' is not allowed: use one of error, "
                                                      "warning, info"),
    (".honolint.yaml", "client: java:9.1\n", ".honolint.yaml: client: java:9.1 is not modelled: java:0.11 to java:4.3"),
    (".honolint.yaml", "dialect: spring\n", "dialect: 'spring' is not allowed: use one of strimzi, hono-helm"),
    (".honolint.yaml", "exclude: 3\n", "exclude: 3 is not allowed: expected a list of globs"),
    (".honolint.yaml", "- qos\n", ".honolint.yaml: must be a mapping of settings"),
    (".honolint.yaml", "qos: [\n", ".honolint.yaml:2:1: not valid YAML"),
    ("pyproject.toml", "[tool.honolint]\nfail-level = 'warn'\n",
     "pyproject.toml: tool.honolint.fail-level: 'warn' is not allowed: use one of error, warning, info"),
    ("pyproject.toml", "[tool.honolint]\nqos = 1\n", "pyproject.toml: tool.honolint.qos: 1 is not allowed"),
    ("pyproject.toml", "[tool.honolint\n", "pyproject.toml: not valid TOML"),
    ("pyproject.toml", "[tool.honolint]\ncolor = 'never'\n", "pyproject.toml: [tool.honolint]: unknown key 'color'"),
    ("setup.cfg", "[honolint]\nignore = HL201, nope\n", "setup.cfg: [honolint] ignore: 'nope' names no rule"),
    ("setup.cfg", "[honolint]\nqos = exactly-once\n", "setup.cfg: [honolint] qos: 'exactly-once' is not allowed"),
    ("setup.cfg", "[honolint]\nseverity = HL201\n", "severity: 'HL201' is not RULE=LEVEL"),
    ("setup.cfg", "[honolint:legacy]\nqos = at-most-once\n", "unknown section [honolint:legacy]"),
    ("setup.cfg", "[honolint:overrides:legacy/**]\nacks = all\n",
     "setup.cfg: [honolint:overrides:legacy/**]: unknown key 'acks'"),
])
def test_a_bad_settings_file_is_a_usage_error_naming_file_key_and_what_is_allowed(honolint, settings_name, text,
                                                                                  message, monkeypatch):
    monkeypatch.chdir(honolint.tmp_path)
    honolint.write(settings_name, text)
    producer(honolint, "properties")
    for args in (["check", "conf"], ["check", "--show-settings"], ["effective", "conf"]):
        result = honolint.run(*args)
        assert result.exit_code == 2, args
        assert message in result.output, result.output


def test_the_schema_ships_in_the_package_and_lists_every_dialect():
    from honolint.dialects import DETECTION_ORDER
    from honolint.settings.file import KEYS, OVERRIDE_KEYS

    schema = json.loads((ROOT / "honolint" / "schema" / "settings.schema.json").read_text())
    assert schema["properties"]["dialect"]["enum"] == list(DETECTION_ORDER)
    assert tuple(schema["properties"]) == KEYS
    assert tuple(schema["properties"]["overrides"]["additionalProperties"]["properties"]) == OVERRIDE_KEYS


def test_jsonschema_is_imported_only_when_a_settings_file_is_loaded(tmp_path):
    (tmp_path / "p.properties").write_text("acks=all\n")
    probe = ("import sys\nfrom honolint.entry import main\nsys.argv = ['honolint', 'check', '--format', 'json', "
             "'p.properties']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('rich', 'jsonschema')}),"
             " file=sys.stderr)")
    run = lambda: subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert run().stderr.strip() == "[]"
    (tmp_path / ".honolint.yaml").write_text("qos: at-most-once\n")
    assert run().stderr.strip() == "['jsonschema']"


# ------------------------------------------------------------------------------------ rule selection


@pytest.mark.parametrize("form", PRODUCERS)
@pytest.mark.parametrize("args,present,absent", [
    (["--select", "HL201"], {"HL201"}, {"HL208"}),
    (["--select", "acks-not-all,recommended-config"], {"HL201", "HL208"}, set()),
    (["--select", "HL2", "--ignore", "HL208"], {"HL201"}, {"HL208"}),
    (["--ignore", "HL2"], set(), {"HL201", "HL208"}),
    (["--ignore", "HL201", "--ignore", "hl208"], set(), {"HL201", "HL208"}),
    (["--select", "HL1"], set(), {"HL201", "HL208"}),
])
def test_select_and_ignore_on_the_command_line(honolint, form, args, present, absent):
    path = producer(honolint, form)
    report, exit_code = honolint.json(*args, str(path))
    found = set(codes(report))
    assert present <= found and not absent & found
    assert exit_code == (1 if "HL201" in found else 0)  # an ignored error does not fail the run


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["HL999", "HL2O1", "acks", "HL1,bogus", "E501"])
def test_an_unknown_rule_on_the_command_line_is_a_usage_error_naming_it(honolint, option, value):
    path = producer(honolint, "properties")
    result = honolint.run("check", option, value, str(path))
    assert result.exit_code == 2
    assert f"'{value.split(',')[-1]}' names no rule" in result.output


@pytest.mark.parametrize("form", PRODUCERS)
def test_command_line_select_replaces_the_file_selection_and_ignore_adds_to_it(honolint, form):
    honolint.write(".honolint.yaml", "select: [HL2]\nignore: [HL201]\n")
    path = producer(honolint, form)
    report, exit_code = honolint.json(str(path))
    assert "HL201" not in codes(report) and "HL208" in codes(report) and exit_code == 0
    report, exit_code = honolint.json("--select", "HL201", str(path))  # the file's ignore is replaced too
    assert set(codes(report)) == {"HL201"} and exit_code == 1
    report, _ = honolint.json("--ignore", "HL208", str(path))
    assert not {"HL201", "HL208"} & set(codes(report))


@pytest.mark.parametrize("form", PRODUCERS)
def test_override_ignores_apply_whatever_the_command_line_selects(honolint, form):
    honolint.write(".honolint.yaml", "overrides:\n  legacy:\n    ignore: [acks-not-all]\n")
    path = producer(honolint, form, "legacy/conf")
    report, exit_code = honolint.json("--select", "HL2", str(path))
    assert "HL201" not in codes(report) and exit_code == 0


# ------------------------------------------------------------------------------------ severity, fail level, exit


@pytest.mark.parametrize("form", PRODUCERS)
def test_severity_per_rule_and_fail_level(honolint, form):
    path = producer(honolint, form)
    assert honolint.json(str(path))[1] == 1
    honolint.write(".honolint.yaml", "severity:\n  HL2: info\n  acks-not-all: warning\n")
    report, exit_code = honolint.json(str(path))
    assert {f["severity"] for f in producers(report)[0]["findings"] if f["code"] == "HL201"} == {"warning"}
    assert {f["severity"] for f in producers(report)[0]["findings"] if f["code"] == "HL208"} == {"info"}
    assert exit_code == 0
    assert honolint.json("--fail-level", "warning", str(path))[1] == 1
    honolint.write(".honolint.yaml", "severity:\n  HL201: warning\nfail-level: warning\n")
    assert honolint.json(str(path))[1] == 1
    assert honolint.json("--fail-level", "error", str(path))[1] == 0


@pytest.mark.parametrize("form", PRODUCERS)
def test_fail_level_counts_only_findings_about_the_target_class(honolint, form):
    # at-most-once target: HL201 (AT LEAST ONCE only) never fails the run, the HL208 infos neither
    # (they concern AT LEAST ONCE only); a file's own info (HL005) does at --fail-level info
    path = producer(honolint, form)
    assert honolint.json("--qos", "at-most-once", "--fail-level", "info", str(path))[1] == 0
    other = honolint.write("other.yaml", "server:\n  port: 8080\n")
    assert honolint.json("--fail-level", "info", str(other))[1] == 1
    assert honolint.json("--fail-level", "warning", str(other))[1] == 0


def test_exit_zero(honolint):
    path = producer(honolint, "properties")
    result = honolint.run("check", "--exit-zero", str(path))
    assert result.exit_code == 0 and "HL201" in result.stdout
    assert honolint.run("check", "--exit-zero", "--qos", "nope", str(path)).exit_code == 2


@pytest.mark.parametrize("form", PRODUCERS)
def test_quiet_prints_only_the_findings(honolint, form):
    path = producer(honolint, form)
    out = honolint.run("check", "-q", "--ignore", "HL208", str(path)).stdout
    assert out == (f"{path}:1:1  HL201  error: producer: AT LEAST ONCE needs acks=all, but acks=1 at line 1: a message "
                   "acknowledged by the leader alone is lost if the leader fails before replication; set acks=all\n")
    good = honolint.write("good.properties", "acks=all\ndelivery.timeout.ms=120000\n")
    result = honolint.run("check", "--quiet", "--select", "HL1,HL201,HL202", str(good))
    assert result.stdout == "" and result.exit_code == 0


def test_statistics(honolint):
    paths = [str(producer(honolint, form)) for form in PRODUCERS]
    out = honolint.run("check", "--statistics", *paths).stdout.splitlines()
    assert [line.split() for line in out] == [
        ["2", "HL201", "error", "acks-not-all"], ["2", "HL208", "info", "recommended-config"],
        ["4", "findings", "in", "2", "files"]]
    assert honolint.run("check", "--statistics", "-q", *paths).stdout.count("\n") == 2
    result = honolint.run("check", "--statistics", "--format", "json", *paths)
    assert result.exit_code == 2 and "--statistics replaces the text report" in result.output


# ------------------------------------------------------------------------------------ include, exclude


def test_include_and_exclude_when_walking_and_force_exclude_for_named_files(honolint, monkeypatch):
    honolint.write(".honolint.yaml", "exclude: [generated, 'conf/skip-*.yaml']\ninclude: ['*.properties', '*.yaml']\n")
    for folder in ("conf", "generated/deep", "conf/generated"):
        producer(honolint, "properties", folder)
        producer(honolint, "yaml", folder)
    honolint.write("conf/skip-me.yaml", PRODUCERS["yaml"][1])
    honolint.write("conf/p.yml", PRODUCERS["yaml"][1])  # not included
    monkeypatch.chdir(honolint.tmp_path)
    report, _ = honolint.json(".")
    assert sorted(f["path"] for f in report["files"]) == ["./conf/p.properties", "./conf/p.yaml"]
    # named explicitly: linted, unless --force-exclude (pre-commit names every file)
    named = ["generated/deep/p.yaml", "conf/skip-me.yaml", "conf/p.yml", "conf/p.properties"]
    report, _ = honolint.json(*named)
    assert [f["path"] for f in report["files"]] == named
    report, _ = honolint.json("--force-exclude", *named)
    assert [f["path"] for f in report["files"]] == ["conf/p.yml", "conf/p.properties"]
    result = honolint.run("check", "--force-exclude", "--format", "json", "--stdin-filename", "generated/x.yaml", "-",
                          stdin=PRODUCERS["yaml"][1].encode())
    assert json.loads(result.stdout)["files"] == [] and result.exit_code == 0


@pytest.mark.parametrize("pattern,path,covered", [
    ("legacy", "legacy/a/p.yaml", True), ("legacy", "x/legacy/p.yaml", True), ("legacy", "legacyx/p.yaml", False),
    ("*.yaml", "a/b/p.yaml", True), ("/conf/*.yaml", "conf/p.yaml", True), ("conf/*.yaml", "x/conf/p.yaml", False),
    ("conf/*.yaml", "conf/a/p.yaml", False), ("conf/**/*.yaml", "conf/a/b/p.yaml", True),
    ("conf/**/*.yaml", "conf/p.yaml", True), ("**/values.yaml", "a/b/values.yaml", True),
    ("legacy/**", "legacy/p.yaml", True), ("p?.yaml", "p1.yaml", True), ("p[!0-4].yaml", "p3.yaml", False),
    ("p[!0-4].yaml", "p5.yaml", True), ("a/", "a/p.yaml", True),
])
def test_globs(pattern, path, covered):
    from honolint.globs import Glob

    assert Glob.compile(pattern).covers(path) is covered
