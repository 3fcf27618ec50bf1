"""Run `honolint` in-process, as its console script runs, on files written to a temp dir."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from honolint.entry import main


class _ConsoleScript:
    """The `honolint` console script (entry.main: argv.py's fast path for `check`, else click) in the shape
    click's CliRunner invokes, so that every in-process test goes the way a user's command line goes."""

    name = "honolint"

    def main(self, args=(), prog_name=None, **_) -> None:
        main(list(args))


CONSOLE_SCRIPT = _ConsoleScript()


def invoke(*args: str, stdin: bytes | None = None, env: dict | None = None):
    """`honolint ARGS` in-process: a click.testing.Result (stdout, stderr, output, exit_code)."""
    return CliRunner().invoke(CONSOLE_SCRIPT, list(args), input=stdin, env=env, catch_exceptions=False)


class Honolint:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    def run(self, *args: str, stdin: bytes | None = None):
        return invoke(*args, stdin=stdin)

    def json(self, *args: str) -> tuple[dict, int]:
        result = self.run("check", "--format", "json", *args)
        return json.loads(result.stdout), result.exit_code


def producers(report: dict) -> list[dict]:
    return [p for f in report["files"] for p in f["producers"]]


def codes(report: dict) -> list[str]:
    found = [x["code"] for f in report["files"] for x in f["findings"]]
    return found + [x["code"] for p in producers(report) for x in p["findings"]]
