"""Baseline files: today's findings, recorded so that later runs report only new ones.

`honolint check --write-baseline FILE` records each finding the run would report; `--baseline FILE`
drops every finding recorded there before the exit code is computed. A finding is recognised by
`fingerprint.finding_fingerprint`: the file's path, the producer's scope, the rule, the key and
the message without line numbers (which carries the value), so lines moving in the file keep it, and
a changed value, a renamed file or another producer make it new. Paths are taken relative to the
baseline file's directory, so the baseline works from any current directory. The same finding twice
(a key duplicated twice with the same values) is recorded twice: the baseline holds as many as it
recorded, and a third one is new.

Format (`honolint.baseline/1`): JSON, the findings sorted by path, code and fingerprint, so that a
diff of the file shows what was added or fixed:

    {"schema": "honolint.baseline/1",
     "tool": {"name": "honolint", "version": "0.1.0"},
     "findings": [{"fingerprint": "8beae5fa...", "path": "conf/bad.properties", "scope": "producer",
                   "code": "HL101", "key": "acks", "message": "java:4.3 refuses ..."}]}

Only `schema` and each finding's `fingerprint` are read back; the rest is for people reviewing it.
"""
from __future__ import annotations

import json
import os
from typing import Iterable, Optional

from honolint.model import Finding
from honolint.filter.fingerprint import finding_fingerprint, normalized_message

SCHEMA_ID = "honolint.baseline/1"


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a honolint baseline (a usage error)."""


def baseline_path(path: str, base_dir: str) -> str:
    """The path a baseline records: relative to the baseline's directory, with forward slashes."""
    if path == "-":
        return path
    try:
        relative = os.path.relpath(os.path.abspath(path), base_dir)
    except ValueError:  # another drive (Windows)
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


class Baseline:
    """The fingerprints of a baseline file, each with how many findings it still covers."""

    def __init__(self, counts: dict[str, int], base_dir: str) -> None:
        self.counts = counts
        self.base_dir = base_dir

    @classmethod
    def load(cls, file: str) -> "Baseline":
        from honolint.load import read_regular

        try:
            raw = read_regular(file)
        except ValueError as exc:
            raise BaselineError(f"--baseline {file}: cannot read it: {exc}") from None
        try:
            document = json.loads(raw)
        except ValueError as exc:
            raise BaselineError(f"--baseline {file}: not JSON ({exc})") from None
        except RecursionError:
            raise BaselineError(f"--baseline {file}: not a honolint baseline: nested too deeply") from None
        if not isinstance(document, dict) or document.get("schema") != SCHEMA_ID:
            raise BaselineError(f"--baseline {file}: not a honolint baseline (its \"schema\" must be "
                                f"\"{SCHEMA_ID}\"; write one with --write-baseline)")
        findings = document.get("findings")
        if not isinstance(findings, list) or not all(
                isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings):
            raise BaselineError(f"--baseline {file}: \"findings\" must be a list of objects with a \"fingerprint\"")
        counts: dict[str, int] = {}
        for finding in findings:
            counts[finding["fingerprint"]] = counts.get(finding["fingerprint"], 0) + 1
        return cls(counts, os.path.dirname(os.path.abspath(file)))

    def take(self, path: str, scope: Optional[str], finding: Finding) -> bool:
        """True (and one use of it spent) when the baseline holds this finding."""
        fingerprint = finding_fingerprint(baseline_path(path, self.base_dir), scope, finding)
        left = self.counts.get(fingerprint, 0)
        if left <= 0:
            return False
        self.counts[fingerprint] = left - 1
        return True


def render(findings: Iterable[tuple[str, Optional[str], Finding]], file: str) -> str:
    """The baseline document for (file path, producer scope, finding) triples."""
    from honolint import __version__

    base_dir = os.path.dirname(os.path.abspath(file))
    rows = []
    for path, scope, finding in findings:
        shown = baseline_path(path, base_dir)
        rows.append({"fingerprint": finding_fingerprint(shown, scope, finding), "path": shown, "scope": scope,
                     "code": finding.code, "key": finding.key, "message": normalized_message(finding.message)})
    rows.sort(key=lambda r: (r["path"], r["code"], r["scope"] or "", r["fingerprint"]))
    document = {"schema": SCHEMA_ID, "tool": {"name": "honolint", "version": __version__}, "findings": rows}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
