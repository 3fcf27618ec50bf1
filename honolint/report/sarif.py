"""The SARIF 2.1.0 report (`--format sarif`): one run, every rule with its documentation, one result
per finding with its physical location, the producer as logical location, and a stable partial
fingerprint.

Paths below the current directory are relative URIs with `uriBaseId` `%SRCROOT%` (what GitHub code
scanning and other viewers resolve against the checkout); others are absolute `file:` URIs.
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterable, Optional

from honolint import __version__
from honolint.model import FileResult
from honolint.filter.fingerprint import FINGERPRINT_VERSION, Located, fingerprinted

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
# characters a URI path keeps as they are (RFC 3986 unreserved, sub-delims, "/", "@")
_URI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=/@")


def _sections(doc: str) -> tuple[str, dict[str, str]]:
    """A rule docstring's first paragraph and its `## ` sections."""
    lines = doc.strip().splitlines()
    title_lines, sections, current = [], {}, None
    for line in lines:
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif current is None:
            title_lines.append(line)
        else:
            sections[current] += line + "\n"
    return " ".join(t.strip() for t in title_lines if t.strip()), {k: v.strip() for k, v in sections.items()}


def rule_descriptor(module) -> dict[str, Any]:
    doc = (module.__doc__ or "").strip()
    title, sections = _sections(doc)
    what = sections.get("What it checks", "")
    full = f"{title}\n\n{what}".strip() if what else (title or module.SUMMARY)
    return {
        "id": module.CODE,
        "name": module.NAME,
        "shortDescription": {"text": module.SUMMARY},
        "fullDescription": {"text": full, "markdown": full},
        "help": {"text": doc or module.SUMMARY, "markdown": doc or module.SUMMARY},
        "defaultConfiguration": {"level": LEVELS[module.SEVERITY]},
        "properties": {"tags": list(module.CLASSES)},
    }


def artifact_location(path: str) -> Optional[dict[str, str]]:
    """`path` is a report path (relative when below the current directory)."""
    if not path or path == "-":
        return None
    if os.path.isabs(path):
        from pathlib import Path

        return {"uri": Path(path).as_uri()}
    return {"uri": uri_path(path), "uriBaseId": SRCROOT}


def uri_path(path: str) -> str:
    """A relative path as a URI reference: UTF-8, percent-encoded (bytes a file name holds that
    are not UTF-8, kept by Python as surrogates, are encoded as those bytes)."""
    return "".join(c if c in _URI_SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogateescape"))
                   for c in path)


def _result(item: Located, index: dict[str, int]) -> dict[str, Any]:
    finding = item.finding
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": item.described},
        "partialFingerprints": {FINGERPRINT_VERSION: item.fingerprint},
        "properties": {"classes": list(finding.classes), "severity": finding.severity},
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    location: dict[str, Any] = {}
    artifact = artifact_location(item.path)
    if artifact is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if finding.line:
            region = {"startLine": finding.line}
            if finding.column:
                region["startColumn"] = finding.column
            physical["region"] = region
        location["physicalLocation"] = physical
    if item.scope:
        location["logicalLocations"] = [{"name": item.scope, "kind": "producer"}]
    if location:
        result["locations"] = [location]
    if item.scope:
        result["properties"]["producer"] = item.scope
    if finding.key:
        result["properties"]["key"] = finding.key
    return result


def _skeleton(results: list) -> dict[str, Any]:
    from honolint.rulebook import rule_modules

    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "honolint", "version": __version__,
                                "rules": [rule_descriptor(m) for m in rule_modules()]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


_ITEM_INDENT = " " * 8  # where a result stands in the document: runs[0].results[n]


class Streamed:
    """The SARIF report written to `out` file by file, as json.dumps(indent=2) writes it whole: the
    document around the results once, each result as its file comes, none kept."""

    def __init__(self, out) -> None:
        skeleton = _skeleton([])
        rules = skeleton["runs"][0]["tool"]["driver"]["rules"]
        head, _, self.tail = json.dumps(skeleton, ensure_ascii=False, indent=2).rpartition('"results": []')
        self.out, self.first, self.seen = out, True, {}
        self.index = {rule["id"]: i for i, rule in enumerate(rules)}
        out.write(head + '"results": [')

    def add(self, result: FileResult) -> None:
        for item in fingerprinted([result], self.seen):
            text = json.dumps(_result(item, self.index), ensure_ascii=False, indent=2)
            self.out.write(("\n" if self.first else ",\n") + _ITEM_INDENT
                           + text.replace("\n", "\n" + _ITEM_INDENT))
            self.first = False

    def close(self) -> None:
        self.out.write(("]" if self.first else "\n" + _ITEM_INDENT[:6] + "]") + self.tail + "\n")


def render(results: Iterable[FileResult]) -> str:
    from honolint.report.formats import whole

    return whole(Streamed, results)
