"""Run `honolint check --format json` in-process on files written to a temp dir."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from honolint.cli import cli


class Honolint:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    def run(self, *args: str, stdin: bytes | None = None):
        return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)

    def json(self, *args: str) -> tuple[dict, int]:
        result = self.run("check", "--format", "json", *args)
        return json.loads(result.stdout), result.exit_code


def producers(report: dict) -> list[dict]:
    return [p for f in report["files"] for p in f["producers"]]


def codes(report: dict) -> list[str]:
    found = [x["code"] for f in report["files"] for x in f["findings"]]
    return found + [x["code"] for p in producers(report) for x in p["findings"]]
