"""`honolint effective`: every key that matters to the spec, its value and where it came from."""
from __future__ import annotations

from typing import Iterable

from honolint.model import QOS_CLASSES, FileResult, ProducerResult, Value
from honolint.report.json_report import EFFECTIVE_KEYS
from honolint.report.text import CLASS_TITLES, Line, client_shown, depends_line


def _origin(value: Value, path: str) -> str:
    if value.origin in ("file", "supplied") and value.entry is not None:
        where = f"{value.origin} {path}:{value.entry.line}:{value.entry.column} ({value.source})"
    else:
        where = f"{value.origin}: {value.source}"
    expression = value.expression
    if expression is None:
        return where
    if value.unknown:
        return f"{where}: {expression.written}, known at deploy time"
    return f"{where}: {expression.written}" + (f" <- {'; '.join(expression.steps)}" if expression.steps else "")


def _shown(value: Value) -> str:
    if value.text is not None:
        return value.text
    return "(deploy time)" if value.unknown or value.source.startswith("depends on ") else "(unset)"


def _producer(producer: ProducerResult, path: str) -> list[Line]:
    lines: list[Line] = [[("  ", ""), (producer.spec.scope, "path"), (f"  {client_shown(producer)}", "dim")]]
    width = max(len(k) for k in EFFECTIVE_KEYS)
    shown = {key: _shown(value) for key, value in producer.effective.values.items() if key in EFFECTIVE_KEYS}
    value_width = max(map(len, shown.values()), default=0)
    for key in EFFECTIVE_KEYS:
        value = producer.effective.values.get(key)
        if value is None:
            continue
        lines.append([("    ", ""), (f"{key:<{width}}  ", ""), (f"{shown[key]:<{value_width}}", "path"), ("  ", ""),
                      (_origin(value, path), "dim")])
    verdict = producer.verdict
    facts = "rejected" if verdict.rejected else (
        f"idempotent={_fact(verdict.idempotent)}, ordered={_fact(verdict.ordered)}")
    lines.append([("    ", ""), (facts, "")])
    for refusal in producer.effective.refusals:
        lines.append([("    refused: ", "error"), (refusal.message, "")])
    for adjustment in producer.effective.adjustments:
        lines.append([("    adjusted: ", "warning"), (adjustment.message, "")])
    for qos_class in QOS_CLASSES:
        ok = verdict.ok[qos_class]
        target = "  (target)" if qos_class == producer.target else ""
        if ok is None:
            lines.append(depends_line(producer, qos_class) + [(target, "dim")])
            continue
        lines.append([("    ", ""), (f"{CLASS_TITLES[qos_class]:<15}", ""), ("ok" if ok else "FAIL", "ok" if ok else "FAIL"),
                      (target, "dim")])
    return lines


def _fact(fact) -> str:
    return "depends" if fact is None else ("yes" if fact else "no")


def effective_lines(results: Iterable[FileResult]) -> list[Line]:
    lines: list[Line] = []
    for result in results:
        lines.append([(result.path, "path"), (f"  ({result.dialect})" if result.dialect else "", "dim")])
        if not result.producers:
            lines.append([("  no producer configuration found", "dim")])
        for producer in result.producers:
            lines.extend(_producer(producer, result.path))
        lines.append([])
    return lines
