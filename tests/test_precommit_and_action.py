"""The pre-commit hook (`.pre-commit-hooks.yaml`) and the GitHub Action (`action.yml`), run for real.

- The hook: pre-commit's own schema reads the manifest, and `pre-commit try-repo` installs honolint
  into a fresh environment, from a snapshot of this work tree (tracked and untracked files, as a commit
  would hold them), then runs the hook in a temporary git repository: it passes on a good
  configuration, fails on a bad one and prints the finding; a file of another type is not handed to it.
- The action: its `run:` steps run with bash as the runner runs a composite action's steps
  (`bash --noprofile --norc -eo pipefail`), with the `${{ }}` expressions of their `env:` filled in
  from the inputs, `github.action_path` (the snapshot) and the outputs of the earlier steps.

The tests marked `integration` pip-install honolint and its dependencies into new virtual environments
(from PyPI, or pip's cache: about 10 s each); `pytest -m "not integration"` leaves them out. When PyPI
cannot be reached, or pre-commit is not installed, they skip, or fail under CI=true.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]

GOOD = ("config/application.yml",
        "spring:\n  kafka:\n    bootstrap-servers: kafka:9092\n    producer:\n      acks: all\n")
BAD = ("config/producer.properties", "bootstrap.servers=kafka:9092\nacks=1\n")
OTHER = ("config/notes.txt", "acks=1\n")  # no type of the hook: pre-commit never hands it over
BAD_FINDING = re.compile(r"config/producer\.properties:2:1\s+HL201\b")

NETWORK_TROUBLE = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
                   "Max retries exceeded", "ConnectTimeout", "ReadTimeout", "No matching distribution found",
                   "Could not find a version that satisfies")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _check_installed(what: str, output: str) -> None:
    if any(marker in output for marker in NETWORK_TROUBLE):
        _unavailable(f"{what}: PyPI could not be reached:\n{output[-3000:]}")


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of the child processes: nothing of the git, GitHub or pre-commit run (if any)
    that runs these tests, and no forced colour."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "GITHUB_", "RUNNER_", "PRE_COMMIT")) and k not in ("FORCE_COLOR", "CI")}
    env.update(extra)
    return env


def _write(folder: Path, *files: tuple[str, str]) -> Path:
    for name, text in files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=honolint tests", "-c", "user.email=tests@honolint.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, env=_clean_env(), check=True, capture_output=True)


def _copy_work_tree(target: Path) -> Path:
    """The work tree as a commit would hold it: tracked files and untracked ones not ignored."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=ROOT, env=_clean_env(), capture_output=True)
    if listing.returncode != 0:  # not a git work tree (an unpacked sdist): everything but the usual debris
        shutil.copytree(ROOT, target, symlinks=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", ".ci-venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
            ".hypothesis"))
        return target
    for name in sorted({n for n in listing.stdout.decode("utf-8", "surrogateescape").split("\0") if n}):
        source = ROOT / name
        if not os.path.lexists(source):  # deleted in the work tree
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """A git repository with one commit: this work tree, `.pre-commit-hooks.yaml` included."""
    repo = _copy_work_tree(tmp_path_factory.mktemp("snapshot") / "honolint")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot of the work tree")
    return repo


# --- pre-commit ------------------------------------------------------------------------------------


def _require_pre_commit() -> None:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _unavailable("pre-commit is not installed: pip install -e '.[test]'")


def test_the_hook_manifest_is_valid_for_pre_commit():
    _require_pre_commit()
    from identify.identify import tags_from_filename
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # pre-commit's schema, tags checked
    assert hook["id"] == "honolint" and hook["language"] == "python"
    assert hook["entry"] == "honolint check --force-exclude"
    assert hook["types_or"] == ["java-properties", "yaml"]
    assert hook["require_serial"]  # honolint spreads the files over the cores itself: one process, all files
    tags = set(hook["types_or"])
    for name in ("producer.properties", "application.properties", "application.yml", "values.yaml"):
        assert tags & tags_from_filename(name), name
    # what the README says needs a `files:` pattern and types of its own
    for name in ("connector.json", "vector.toml", "kcat.conf", "hono.env"):
        assert not tags & tags_from_filename(name), name


def test_the_hook_entry_is_a_honolint_command(tmp_path):
    """What pre-commit runs: the entry, then the file names."""
    from lint_helpers import invoke

    good = _write(tmp_path, GOOD) / GOOD[0]
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, *args = manifest[0]["entry"].split()
    assert program == "honolint"
    result = invoke(*args, str(good))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """The repository the hook runs in: one good and one bad configuration, and a text file."""
    repo = _write(tmp_path_factory.mktemp("hook") / "repo", GOOD, BAD, OTHER)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _try_repo(snapshot: Path, repo: Path, home: Path, *files: str) -> tuple[int, str]:
    """`pre-commit try-repo` runs the hook on `files`. It installs the hook's environment in a store of
    its own, a temporary directory, every time; PRE_COMMIT_HOME only keeps pre-commit's log away from
    ~/.cache/pre-commit."""
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "honolint", "--verbose",
         "--color", "never", "--files", *files],
        cwd=repo, env=_clean_env(PRE_COMMIT_HOME=str(home)), capture_output=True, text=True, timeout=900)
    output = proc.stdout + proc.stderr
    if proc.returncode == 3:  # pre-commit's own failure, such as the environment not installing
        _check_installed("pre-commit try-repo", output)
    return proc.returncode, output


@pytest.mark.integration
def test_pre_commit_try_repo_passes_a_good_configuration(snapshot, hook_repo, tmp_path):
    _require_pre_commit()
    code, output = _try_repo(snapshot, hook_repo, tmp_path / "pre-commit-home", GOOD[0], OTHER[0])
    assert code == 0, output
    assert re.search(r"^honolint\.+Passed$", output, re.M), output
    assert f"{GOOD[0]}  (spring-boot)" in output and " 0 error(s)" in output, output
    assert OTHER[0] not in output, output


@pytest.mark.integration
def test_pre_commit_try_repo_fails_a_bad_configuration_and_prints_the_finding(snapshot, hook_repo, tmp_path):
    _require_pre_commit()
    code, output = _try_repo(snapshot, hook_repo, tmp_path / "pre-commit-home", BAD[0], OTHER[0])
    assert code == 1, output
    assert re.search(r"^honolint\.+Failed$", output, re.M), output
    assert "- exit code: 1" in output, output  # findings, not a usage error (2)
    assert BAD_FINDING.search(output), output
    assert OTHER[0] not in output, output


# --- the GitHub Action -----------------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _step(action: dict, step_id: str) -> dict:
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == step_id]
    return step


def _context(action: dict, inputs: dict[str, str], **more: str) -> dict[str, str]:
    declared = action["inputs"]
    assert set(inputs) <= set(declared), set(inputs) - set(declared)
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in declared.items()}
    context.update({f"inputs.{name}": value for name, value in inputs.items()})
    context.update(more)
    return context


def _evaluate(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        assert match.group(1) in context, f"no value for ${{{{ {match.group(1)} }}}} in this test"
        return context[match.group(1)]

    return EXPRESSION.sub(value, text)


def _run_step(step: dict, context: dict[str, str], workspace: Path, runner: Path,
              **extra_env: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """Run one `run:` step as the runner does; return the process and the step's outputs."""
    assert step.get("shell") == "bash" and "run" in step, step
    files = {name: runner / f"{step['id']}.{name}" for name in ("output", "path", "env", "script")}
    for name in ("output", "path", "env"):
        files[name].write_text("")
    files["script"].write_text(step["run"], encoding="utf-8")
    env = _clean_env(GITHUB_ACTIONS="true", CI="true", GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner),
                     GITHUB_OUTPUT=str(files["output"]), GITHUB_PATH=str(files["path"]),
                     GITHUB_ENV=str(files["env"]), **extra_env)
    env.update({name: _evaluate(str(value), context) for name, value in step.get("env", {}).items()})
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(files["script"])],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=900)
    outputs = dict(line.split("=", 1) for line in files["output"].read_text().splitlines() if "=" in line)
    return proc, outputs


def test_the_action_is_composite_and_passes_inputs_only_through_env():
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    used = set()
    for step in steps:
        assert step.get("shell") == "bash" and "uses" not in step, step
        assert "${{" not in step["run"], f"step {step['name']!r}: an expression inside run: (script injection)"
        for value in step.get("env", {}).values():
            used |= {m.group(1) for m in EXPRESSION.finditer(str(value))}
    assert {u for u in used if u.startswith("inputs.")} == {f"inputs.{name}" for name in action["inputs"]}
    ids = [s.get("id") for s in steps]
    for expression in used | {EXPRESSION.fullmatch(o["value"]).group(1) for o in action["outputs"].values()}:
        if expression.startswith("steps."):
            assert expression.split(".")[1] in ids, expression
        else:
            assert expression.split(".")[0] in ("inputs", "github"), expression


FAKE_PYTHON = """#!/usr/bin/env bash
# stands for python: `-m venv DIR` makes a venv of fakes, `-m pip install ...` logs its arguments
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python"
  printf '#!/bin/sh\\necho "honolint, version fake"\\n' > "$3/bin/honolint" && chmod +x "$3/bin/honolint"
  exit 0
fi
if [ "$1 $2 $3" = "-m pip install" ]; then shift 3; echo "$*" >> "$FAKE_PIP_LOG"; exit 0; fi
exit 9
"""


@pytest.mark.parametrize("version, requirement", [
    ("", "{action_path}"),
    ("0.2.0", "honolint==0.2.0"),
    ("honolint>=0.2,<0.3", "honolint>=0.2,<0.3"),
    ("git+https://example.invalid/honolint@v1", "git+https://example.invalid/honolint@v1"),
])
def test_the_action_installs_the_version_asked_for(tmp_path, version, requirement):
    action = _action()
    python = tmp_path / "fake-python"
    python.write_text(FAKE_PYTHON)
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    runner, workspace = tmp_path / "runner", tmp_path / "workspace"
    runner.mkdir(), workspace.mkdir()
    context = _context(action, {"version": version, "python": str(python)}, **{"github.action_path": "/the/action"})
    proc, outputs = _run_step(_step(action, "install"), context, workspace, runner,
                              FAKE_PIP_LOG=str(tmp_path / "pip.log"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "pip.log").read_text().split()[-1] == requirement.format(action_path="/the/action")
    assert outputs["bin"] == str(runner / "honolint-venv" / "bin")
    assert (runner / "install.path").read_text().splitlines() == [outputs["bin"]]


@pytest.fixture(scope="module")
def installed(snapshot, tmp_path_factory) -> tuple[dict, dict[str, str], Path]:
    """The action's install step, run once: honolint from the action's checkout (a copy of the snapshot,
    so that building it leaves nothing in this work tree) into a venv under RUNNER_TEMP."""
    action = _action()
    checkout = _copy_work_tree(tmp_path_factory.mktemp("action") / "checkout")
    runner, workspace = tmp_path_factory.mktemp("runner-temp"), tmp_path_factory.mktemp("workspace")
    context = _context(action, {"python": sys.executable}, **{"github.action_path": str(checkout)})
    proc, outputs = _run_step(_step(action, "install"), context, workspace, runner)
    if proc.returncode != 0:
        _check_installed("the action's install step", proc.stdout + proc.stderr)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from honolint import __version__

    assert f"honolint, version {__version__}" in proc.stdout
    assert (runner / "install.path").read_text().splitlines() == [outputs["bin"]]
    return action, {"github.action_path": str(checkout), "steps.install.outputs.bin": outputs["bin"]}, runner


def _check(installed, workspace: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    action, known, runner = installed
    return _run_step(_step(action, "check"), _context(action, inputs, **known), workspace, runner)


@pytest.fixture
def workspace(tmp_path) -> Path:
    return _write(tmp_path / "workspace", GOOD, BAD, OTHER)


@pytest.mark.integration
def test_the_action_annotates_the_findings_of_a_bad_configuration(installed, workspace):
    proc, outputs = _check(installed, workspace)  # the defaults: paths ".", format github
    assert proc.returncode == 1 and outputs["exit-code"] == "1", proc.stdout + proc.stderr
    assert "::error file=config/producer.properties,line=2,col=1,title=HL201 acks-not-all::" in proc.stdout
    assert "file=config/application.yml" in proc.stdout  # its info notices
    assert "::error file=config/application.yml" not in proc.stdout


@pytest.mark.integration
def test_the_action_passes_a_good_configuration(installed, workspace):
    proc, outputs = _check(installed, workspace, paths=GOOD[0])
    assert proc.returncode == 0 and outputs["exit-code"] == "0", proc.stdout + proc.stderr
    assert "::error" not in proc.stdout


@pytest.mark.integration
def test_the_action_writes_more_reports_through_args(installed, workspace):
    proc, outputs = _check(installed, workspace, format="text", paths=f"{BAD[0]}\n  {GOOD[0]}\n",
                           args="--qos at-most-once  --format sarif --output-file honolint.sarif")
    assert proc.returncode == 1 and outputs["exit-code"] == "1", proc.stdout + proc.stderr
    assert f"{BAD[0]}  (plain)" in proc.stdout and f"{GOOD[0]}  (spring-boot)" in proc.stdout
    assert "target AT MOST ONCE" in proc.stdout and "::error" not in proc.stdout
    sarif = json.loads((workspace / "honolint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    errors = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
              for r in sarif["runs"][0]["results"] if r["level"] == "error"}
    assert ("HL202", BAD[0]) in errors and not any(uri == GOOD[0] for _, uri in errors)


@pytest.mark.integration
def test_the_action_writes_its_report_to_the_output_file(installed, workspace):
    proc, outputs = _check(installed, workspace, format="json", **{"output-file": "report.json"}, paths="config")
    assert proc.returncode == 1 and outputs["exit-code"] == "1", proc.stdout + proc.stderr
    report = json.loads((workspace / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "honolint.report/1"
    assert sorted(f["path"] for f in report["files"]) == [GOOD[0], BAD[0]]
    assert '"schema"' not in proc.stdout


@pytest.mark.integration
def test_the_action_reports_a_usage_error(installed, workspace):
    proc, outputs = _check(installed, workspace, args="--client java:0.1")
    assert proc.returncode == 2 and outputs["exit-code"] == "2", proc.stdout + proc.stderr
    assert "java:0.1" in proc.stderr
