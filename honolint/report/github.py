"""GitHub Actions workflow commands (`--format github`): one `::error`/`::warning`/`::notice` line
per finding, which GitHub shows as an annotation on that line of the file; then a plain summary line.

Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`, CR and LF;
in property values also `:` and `,`. What is left of the controls is escaped (report/escape.py), so
that nothing from a file can end the line and start a command of its own.
"""
from __future__ import annotations

from typing import Iterable

from honolint.model import SEVERITIES, FileResult
from honolint.report.escape import printable
from honolint.filter.fingerprint import Located, fingerprinted

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(item: Located) -> str:
    finding = item.finding
    properties = []
    if item.path and item.path != "-":
        properties.append(f"file={escape_property(item.path)}")
        if finding.line:
            properties.append(f"line={finding.line}")
            if finding.column:
                properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
    return f"::{COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(item.described)}"


def render(results: Iterable[FileResult]) -> str:
    results = list(results)
    located = fingerprinted(results)
    counts = dict.fromkeys(SEVERITIES, 0)
    for item in located:
        counts[item.finding.severity] += 1
    files, producers = len(results), sum(len(r.producers) for r in results)
    lines = [annotation(item) for item in located]
    lines.append(f"honolint: {files} file{'s' * (files != 1)}, {producers} producer{'s' * (producers != 1)}: "
                 f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "".join(line + "\n" for line in lines)
