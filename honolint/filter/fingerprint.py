"""What the machine-readable reports and the baseline share: stable fingerprints, findings with their scope.

A fingerprint identifies a finding across runs while the file is edited around it: it hashes the
file's report path, the producer's scope, the rule code, the key and the message with its line and
column numbers taken out, so inserting a line above a finding does not change it. SARIF
(`partialFingerprints`), the GitLab Code Quality report and a baseline file all use it.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from honolint.model import Finding, FileResult, ProducerResult
from honolint.paths import report_path

FINGERPRINT_VERSION = "honolint/v1"
# "line 14", "lines 3 and 7", "column 9", "lines 4-6": positions inside messages
_POSITIONS = re.compile(r"\b(lines?|columns?|col)\s+\d+(?:\s*(?:-|–|,|and|to)\s*\d+)*", re.IGNORECASE)


def normalized_message(message: str) -> str:
    """The message without line and column numbers."""
    return _POSITIONS.sub(lambda m: f"{m.group(1).lower()} #", message)


def finding_fingerprint(path: str, scope: Optional[str], finding: Finding) -> str:
    """A stable identity for `finding`: sha256 (hex) of its report path, the producer scope (None or
    "" for a finding of the file itself), the rule code, the key and the message without positions.

    It does not change when lines are inserted or removed elsewhere in the file; it changes when the
    file is renamed, the key or value changes, or the finding moves to another producer. Two
    findings can share it (the same key duplicated twice with the same values): `fingerprinted`
    tells such findings apart by their order.
    """
    parts = (FINGERPRINT_VERSION, report_path(path), scope or "", finding.code, finding.key or "",
             normalized_message(finding.message))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with what the machine-readable reports need around it."""

    path: str  # report_path of the finding's file
    result: FileResult
    producer: Optional[ProducerResult]  # None for a finding of the file itself
    finding: Finding
    fingerprint: str  # unique within the report

    @property
    def scope(self) -> Optional[str]:
        return self.producer.spec.scope if self.producer is not None else None

    @property
    def described(self) -> str:
        """The message, prefixed with the producer's scope for a producer's finding."""
        scope = self.scope
        return f"{scope}: {self.finding.message}" if scope else self.finding.message


def iter_findings(results: Iterable[FileResult]) -> Iterator[tuple[FileResult, Optional[ProducerResult], Finding]]:
    """Every finding in report order: a file's own findings, then each producer's."""
    for result in results:
        for finding in result.findings:
            yield result, None, finding
        for producer in result.producers:
            for finding in producer.findings:
                yield result, producer, finding


def fingerprinted(results: Iterable[FileResult], seen: Optional[dict[str, int]] = None) -> list[Located]:
    """Every finding with its report path and a fingerprint unique in this report: the n-th (n > 1)
    finding with the same `finding_fingerprint` gets the hash of that fingerprint and n. `seen`: the counts
    so far, for a report made file by file."""
    located, seen = [], {} if seen is None else seen
    for result, producer, finding in iter_findings(results):
        path = report_path(finding.path or result.path)
        base = finding_fingerprint(path, producer.spec.scope if producer else None, finding)
        count = seen[base] = seen.get(base, 0) + 1
        fingerprint = base if count == 1 else hashlib.sha256(f"{base}#{count}".encode()).hexdigest()
        located.append(Located(path, result, producer, finding, fingerprint))
    return located
