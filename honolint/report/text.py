"""The terminal report: per file, per producer, one line per QoS class, its findings underneath.

Colour (through rich) only when asked for or when writing to a terminal; otherwise plain text, and
rich is never imported.
"""
from __future__ import annotations

from typing import Iterable, TextIO

from honolint.model import QOS_CLASSES, Finding, FileResult, ProducerResult
from honolint.report.json_report import all_findings

CLASS_TITLES = {"at-least-once": "AT LEAST ONCE", "at-most-once": "AT MOST ONCE"}
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "ok": "bold green", "FAIL": "bold red",
          "dim": "dim", "path": "bold"}

Line = list[tuple[str, str]]  # (text, style name or "")


def _finding_line(finding: Finding, indent: str) -> Line:
    where = f"{finding.path}:{finding.line or 1}:{finding.column or 1}"
    return [(indent, ""), (where, "dim"), ("  ", ""), (finding.code, finding.severity), ("  ", ""),
            (f"{finding.severity}: ", finding.severity), (finding.message, "")]


def _producer_lines(producer: ProducerResult) -> list[Line]:
    target = producer.target
    head: Line = [("  ", ""), (producer.spec.scope, "path"),
                  (f"  {producer.effective.client}, target {CLASS_TITLES[target]}", "dim")]
    lines = [head]
    order = [target] + [c for c in QOS_CLASSES if c != target]
    shown: set[int] = set()
    for qos_class in order:
        ok = producer.verdict.ok[qos_class]
        lines.append([("    ", ""), (f"{CLASS_TITLES[qos_class]:<15}", ""), ("ok" if ok else "FAIL", "ok" if ok else "FAIL")])
        for index, finding in enumerate(producer.findings):
            if qos_class in finding.classes and index not in shown:
                shown.add(index)
                lines.append(_finding_line(finding, "      "))
    return lines


def report_lines(results: Iterable[FileResult]) -> list[Line]:
    lines: list[Line] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    files = producers = 0
    for result in results:
        files += 1
        producers += len(result.producers)
        dialect = f"  ({result.dialect})" if result.dialect else ""
        lines.append([(result.path, "path"), (dialect, "dim")])
        for finding in result.findings:
            lines.append(_finding_line(finding, "  "))
        for producer in result.producers:
            lines.extend(_producer_lines(producer))
        for finding in all_findings(result):
            counts[finding.severity] += 1
        lines.append([])
    summary = (f"{files} file{'s' * (files != 1)}, {producers} producer{'s' * (producers != 1)}: "
               f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    lines.append([(summary, "error" if counts["error"] else "ok")])
    return lines


def write(lines: list[Line], stream: TextIO, color: bool) -> None:
    if not color:
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style=STYLES.get(style, ""))
        console.print(text)
