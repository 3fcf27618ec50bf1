"""The GitLab Code Quality report (`--format gitlab`): a JSON array of issues in the Code Climate
subset GitLab reads, each with a stable fingerprint unique in the report.

Severities: error -> major, warning -> minor, info -> info (GitLab knows info, minor, major,
critical, blocker).
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from honolint.model import FileResult
from honolint.filter.fingerprint import Located, fingerprinted

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issue(item: Located) -> dict[str, Any]:
    finding = item.finding
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.name}{f' ({item.scope})' if item.scope else ''}: {finding.message}",
        "categories": ["Bug Risk"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": item.fingerprint,
        "location": {"path": item.path, "lines": {"begin": finding.line or 1}},
    }


def gitlab_list(results: Iterable[FileResult]) -> list[dict[str, Any]]:
    return [issue(item) for item in fingerprinted(results)]


class Streamed:
    """The report written to `out` file by file, as json.dumps(indent=2) writes the whole array."""

    def __init__(self, out) -> None:
        self.out, self.first, self.seen = out, True, {}
        out.write("[")

    def add(self, result: FileResult) -> None:
        for item in fingerprinted([result], self.seen):
            text = json.dumps(issue(item), ensure_ascii=False, indent=2)
            self.out.write(("\n  " if self.first else ",\n  ") + text.replace("\n", "\n  "))
            self.first = False

    def close(self) -> None:
        self.out.write("]\n" if self.first else "\n]\n")


def render(results: Iterable[FileResult]) -> str:
    from honolint.report.formats import whole

    return whole(Streamed, results)
