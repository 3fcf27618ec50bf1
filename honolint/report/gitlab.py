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


def render(results: Iterable[FileResult]) -> str:
    return json.dumps(gitlab_list(results), ensure_ascii=False, indent=2) + "\n"
