"""The terminal report: per file, per producer, one line per QoS class, its findings underneath.

Colour (through rich) only when asked for or when writing to a terminal; otherwise plain text, and
rich is never imported.
"""
from __future__ import annotations

from typing import Iterable, TextIO

from honolint.model import QOS_CLASSES, Finding, FileResult, ProducerResult
from honolint.report.escape import printable
from honolint.report.json_report import Summary

CLASS_TITLES = {"at-least-once": "AT LEAST ONCE", "at-most-once": "AT MOST ONCE"}
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "ok": "bold green", "FAIL": "bold red",
          "dim": "dim", "path": "bold"}

Line = list[tuple[str, str]]  # (text, style name or "")


def _finding_line(finding: Finding, indent: str) -> Line:
    where = f"{finding.path}:{finding.line or 1}:{finding.column or 1}"
    return [(indent, ""), (where, "dim"), ("  ", ""), (finding.code, finding.severity), ("  ", ""),
            (f"{finding.severity}: ", finding.severity), (finding.message, "")]


_CLASS_ORDER = {target: (target, *(c for c in QOS_CLASSES if c != target)) for target in QOS_CLASSES}
_VERDICT_LINES = {(qos_class, ok): [("    ", ""), (f"{CLASS_TITLES[qos_class]:<15}", ""),
                                    ("ok" if ok else "FAIL", "ok" if ok else "FAIL")]
                  for qos_class in QOS_CLASSES for ok in (True, False)}


def listed(findings: list[Finding], infos: bool) -> list[Finding]:
    """A producer's findings the text report lists: infos only when asked for (--show-infos, --fail-level
    info). A file's own infos (a template, no producer found) say what became of the file: always listed."""
    return findings if infos else [f for f in findings if f.severity != "info"]


def _producer_lines(producer: ProducerResult, infos: bool) -> list[Line]:
    """The producer's head, then a verdict line per class, the target's first; each finding under the
    first of those classes it concerns."""
    target, verdicts = producer.target, producer.verdict.ok
    client = producer.effective.client if producer.client_source is None else client_shown(producer)
    lines = [[("  ", ""), (producer.spec.scope, "path"), (f"  {client}, target {CLASS_TITLES[target]}", "dim")]]
    remaining = listed(producer.findings, infos)
    for qos_class in _CLASS_ORDER[target]:
        ok = verdicts[qos_class]
        lines.append(_VERDICT_LINES[qos_class, ok] if ok is not None else depends_line(producer, qos_class))
        later = []
        for finding in remaining:
            if qos_class in finding.classes:
                lines.append(_finding_line(finding, "      "))
            else:
                later.append(finding)
        remaining = later
    return lines


def client_shown(producer: ProducerResult) -> str:
    """`java:3.1.2`, or `java:3.1.2 from pom.xml` when the repository's build named it."""
    source = producer.client_source
    return producer.effective.client if source is None else f"{producer.effective.client} from {source.file}"


def depends_line(producer: ProducerResult, qos_class: str) -> Line:
    """`AT LEAST ONCE  DEPENDS  on ${KAFKA_ACKS} (acks): holds when all or -1`."""
    return [("    ", ""), (f"{CLASS_TITLES[qos_class]:<15}", ""), ("DEPENDS", "warning"),
            ("  " + depends_text(producer, qos_class), "")]


def depends_text(producer: ProducerResult, qos_class: str) -> str:
    conditions = (producer.verdict.depends or {}).get(qos_class, ())
    return "; ".join(f"on {c.expression} ({c.key}): holds when {c.holds_when}" for c in conditions)


def file_lines(result: FileResult, infos: bool = True) -> list[Line]:
    """The file's lines; `infos`: list its infos too (else the summary counts them)."""
    dialect = f"  ({result.dialect})" if result.dialect else ""
    lines: list[Line] = [[(result.path, "path"), (dialect, "dim")]]
    for finding in result.findings:
        lines.append(_finding_line(finding, "  "))
    for producer in result.producers:
        lines.extend(_producer_lines(producer, infos))
    lines.append([])
    return lines


def summary_line(summary: Summary, unlisted_infos: int = 0) -> Line:
    files, producers, counts = summary.files, summary.producers, summary.counts
    text = (f"{files} file{'s' * (files != 1)}, {producers} producer{'s' * (producers != 1)}: "
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    if unlisted_infos:
        text += f" ({'not listed' if unlisted_infos == counts['info'] else f'{unlisted_infos} not listed'}: " \
                "--show-infos lists them)"
    return [(text, "error" if counts["error"] else "ok")]


def infos(result: FileResult) -> int:
    """The producers' infos: what the text report counts instead of listing."""
    return sum(f.severity == "info" for p in result.producers for f in p.findings)


def report_lines(results: Iterable[FileResult], show_infos: bool = True, levels=None) -> list[Line]:
    """The whole report; a file's infos are listed with `show_infos`, or when its fail level is info."""
    lines: list[Line] = []
    summary, unlisted = Summary(), 0
    for index, result in enumerate(results):
        listing = show_infos or (levels is not None and levels[index] == "info")
        lines.extend(file_lines(result, listing))
        summary.add(result)
        unlisted += 0 if listing else infos(result)
    lines.append(summary_line(summary, unlisted))
    return lines


class LineWriter:
    """Writes report lines as they come; rich is imported only when there is colour to draw."""

    def __init__(self, stream: TextIO, color: bool) -> None:
        self.stream, self.console = stream, None
        if color:
            from rich.console import Console

            self.console = Console(file=stream, force_terminal=True, highlight=False, soft_wrap=True)

    def write(self, lines: list[Line]) -> None:
        if self.console is None:
            texts = ["".join([text for text, _ in line]) for line in lines]
            if not all(map(str.isprintable, texts)):  # (the common case costs one scan in C per line)
                texts = [printable(text) for text in texts]
            texts.append("")
            self.stream.write("\n".join(texts))
            return
        from rich.text import Text

        for line in lines:
            text = Text()
            for part, style in line:
                text.append(printable(part), style=STYLES.get(style, ""))
            self.console.print(text)


def write(lines: list[Line], stream: TextIO, color: bool) -> None:
    LineWriter(stream, color).write(lines)
