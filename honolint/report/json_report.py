"""The JSON report: the stable contract `honolint.report/1` (schema in honolint/schema/)."""
from __future__ import annotations

import json
from typing import Any, Iterable

from honolint import __version__
from honolint.model import SEVERITIES, Finding, FileResult, ProducerResult

SCHEMA_ID = "honolint.report/1"
# a report is a tree made fresh for each file: no cycle to look for
encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# the keys every producer's "effective" holds, in this order
EFFECTIVE_KEYS = (
    "acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence", "delivery.timeout.ms",
    "linger.ms", "request.timeout.ms", "transactional.id", "max.block.ms", "retry.backoff.ms",
)


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code, "name": finding.name, "severity": finding.severity,
        "classes": list(finding.classes), "message": finding.message, "path": finding.path,
        "line": finding.line, "column": finding.column, "key": finding.key,
    }


def effective_dict(producer: ProducerResult) -> dict[str, dict[str, Any]]:
    values = producer.effective.values
    out = {}
    for key in EFFECTIVE_KEYS:
        value = values.get(key)
        if value is None:
            continue
        entry = value.entry
        out[key] = {
            "value": value.text, "origin": value.origin, "source": value.source, "explicit": value.explicit,
            "line": entry.line if entry else None, "column": entry.column if entry else None,
        }
    return out


def producer_dict(producer: ProducerResult) -> dict[str, Any]:
    verdict = producer.verdict
    return {
        "scope": producer.spec.scope,
        "line": producer.spec.line,
        "client": producer.effective.client,
        "target": producer.target,
        "effective": effective_dict(producer),
        "idempotent": None if verdict.rejected else verdict.idempotent,
        "ordered": None if verdict.rejected else verdict.ordered,
        "rejected": [refusal.message for refusal in producer.effective.refusals],
        "qos": {name: {"ok": ok} for name, ok in verdict.ok.items()},
        "findings": [finding_dict(f) for f in producer.findings],
    }


def file_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "dialect": result.dialect,
        "producers": [producer_dict(p) for p in result.producers],
        "findings": [finding_dict(f) for f in result.findings],
    }


class Summary:
    """The report's closing counts, kept as the files go by."""

    def __init__(self) -> None:
        self.files = self.producers = 0
        self.counts = dict.fromkeys(SEVERITIES, 0)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.producers += len(result.producers)
        for finding in all_findings(result):
            self.counts[finding.severity] += 1

    def add_counts(self, files: int, producers: int, counts: dict[str, int]) -> None:
        self.files += files
        self.producers += producers
        for severity, count in counts.items():
            self.counts[severity] += count

    def as_dict(self) -> dict[str, int]:
        return {"files": self.files, "producers": self.producers, **self.counts}


def report_dict(results: Iterable[FileResult]) -> dict[str, Any]:
    files, summary = [], Summary()
    for result in results:
        files.append(file_dict(result))
        summary.add(result)
    return {"schema": SCHEMA_ID, "tool": {"name": "honolint", "version": __version__}, "files": files,
            "summary": summary.as_dict()}


def opening() -> str:
    """The document render() makes, up to its first file: a streamed report writes this, then each
    file's `encode(file_dict(result))` with ", " between them, then closing()."""
    head = json.dumps({"schema": SCHEMA_ID, "tool": {"name": "honolint", "version": __version__}},
                      ensure_ascii=False)
    return head[:-1] + ', "files": ['


def closing(summary: Summary) -> str:
    return '], "summary": ' + json.dumps(summary.as_dict()) + "}\n"


def all_findings(result: FileResult) -> list[Finding]:
    return [*result.findings, *(f for p in result.producers for f in p.findings)]


def render(results: Iterable[FileResult]) -> str:
    # no indentation: json's C encoder only serves compact output, and it is several times faster
    return json.dumps(report_dict(results), ensure_ascii=False) + "\n"
