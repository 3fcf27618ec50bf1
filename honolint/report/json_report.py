"""The JSON report: the stable contract `honolint.report/1` (schema in honolint/schema/)."""
from __future__ import annotations

import json
from typing import Any, Iterable

from honolint import __version__
from honolint.model import SEVERITIES, Finding, FileResult, ProducerResult

SCHEMA_ID = "honolint.report/1"
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


def report_dict(results: Iterable[FileResult]) -> dict[str, Any]:
    files = []
    counts = dict.fromkeys(SEVERITIES, 0)
    producers = 0
    for result in results:
        files.append({
            "path": result.path,
            "dialect": result.dialect,
            "producers": [producer_dict(p) for p in result.producers],
            "findings": [finding_dict(f) for f in result.findings],
        })
        producers += len(result.producers)
        for finding in all_findings(result):
            counts[finding.severity] += 1
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": "honolint", "version": __version__},
        "files": files,
        "summary": {"files": len(files), "producers": producers, **counts},
    }


def all_findings(result: FileResult) -> list[Finding]:
    return [*result.findings, *(f for p in result.producers for f in p.findings)]


def render(results: Iterable[FileResult]) -> str:
    # no indentation: json's C encoder only serves compact output, and it is several times faster
    return json.dumps(report_dict(results), ensure_ascii=False) + "\n"
