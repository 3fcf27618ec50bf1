"""Which findings a run reports, decided in one place before any report is written.

In this order, for each file:

1. in-file suppressions (`# honolint: ignore[...]`, `file-ignore[...]`) drop the findings they
   cover; a suppression that covered nothing becomes an unused-suppression (HL008) finding, and a
   directive that could not be read an invalid-directive (HL009) finding;
2. the rules in force (select/ignore of the settings file, then of the command line, then the
   per-path `ignore` of the settings file's overrides) drop the findings of the other rules;
3. per-rule severities (`severity` in the settings file) replace the finding's severity;
4. the baseline drops the findings it holds;
5. at most MOST_PER_RULE findings of one rule are kept in a file: the first one beyond says how many
   more there are, at its own position (a generated file with 200,000 unknown keys is one problem,
   and a report of 200,000 findings would take gigabytes). `--write-baseline` records them all.

Verdicts are never touched: whether a producer meets AT LEAST ONCE is a fact about the producer, not
about which findings are shown. The exit code is computed from what is left (`exit_code`).
"""
from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING, Iterable, Optional

from honolint.model import Finding, FileResult
from honolint.rulebook import condense

if TYPE_CHECKING:
    from honolint.directives import Directives

_PREFIX = re.compile(r"HL\d*\Z")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class UnknownSelector(ValueError):
    """A rule code, name or prefix that names no rule."""


class Catalog:
    """The rules by code, and what a selector (code, name or code prefix) stands for."""

    def __init__(self, modules: Iterable[ModuleType]) -> None:
        self.modules = {m.CODE: m for m in modules}
        self.codes = frozenset(self.modules)
        self._names = {m.NAME: m.CODE for m in self.modules.values()}

    def expand(self, selector: str) -> Optional[frozenset[str]]:
        """The codes `selector` stands for; None when it names no rule. `HL` is every rule."""
        wanted = selector.strip()
        upper = wanted.upper()
        if upper in self.codes:
            return frozenset((upper,))
        code = self._names.get(wanted.lower())
        if code is not None:
            return frozenset((code,))
        if _PREFIX.match(upper):
            matched = frozenset(c for c in self.codes if c.startswith(upper))
            return matched or None
        return None

    def resolve(self, selectors: Iterable[str]) -> frozenset[str]:
        codes: set[str] = set()
        for selector in selectors:
            expanded = self.expand(selector)
            if expanded is None:
                raise UnknownSelector(selector)
            codes |= expanded
        return frozenset(codes)


class Selection:
    """What decides, for one file, which findings are reported and with which severity:
    the rules in force, severities that replace the rules' own (code -> severity), the fail level."""

    __slots__ = ("enabled", "severity", "fail_level", "everything")

    def __init__(self, enabled: frozenset[str], severity: Optional[dict[str, str]] = None,
                 fail_level: str = "error", everything: bool = False) -> None:
        self.enabled, self.severity, self.fail_level = enabled, severity or {}, fail_level
        self.everything = everything  # every rule is in force: nothing to filter by rule


def split_selectors(values: Iterable[str]) -> list[str]:
    """`--select HL1,HL2 --select acks-not-all` -> ["HL1", "HL2", "acks-not-all"]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


MOST_PER_RULE = 100


def filter_result(result: FileResult, selection: Selection, catalog: Catalog, directives: Optional["Directives"],
                  baseline=None, most: Optional[int] = MOST_PER_RULE) -> int:
    """Filter `result`'s findings in place (see the module) and condense what the selection and suppressions
    leave (rulebook.condense: one finding per cause and class); returns how many the filters dropped.
    `most`: the findings kept per rule (None: all)."""
    if directives is None and baseline is None and selection.everything and not selection.severity:
        condense(result)
        if most is not None and _count(result) > most:
            bound(result, most)
        return 0  # the common case: nothing to filter
    dropped = _count(result)
    if directives is not None:
        dropped += _apply_directives(result, directives, catalog)  # the HL008/HL009 findings it adds
    if not selection.everything or selection.severity:
        keep = _keeper(selection)
        result.findings = [f for f in map(keep, result.findings) if f is not None]
        for producer in result.producers:
            producer.findings = [f for f in map(keep, producer.findings) if f is not None]
    dropped -= _count(result)
    condense(result)  # before the baseline, which holds what the report said
    if baseline is not None:
        dropped += _count(result)
        result.findings = [f for f in result.findings if not baseline.take(result.path, None, f)]
        for producer in result.producers:
            scope = producer.spec.scope
            producer.findings = [f for f in producer.findings if not baseline.take(result.path, scope, f)]
        dropped -= _count(result)
    if most is not None and _count(result) > most:
        bound(result, most)
    return dropped


def bound(result: FileResult, most: int) -> None:
    """Keep the first `most` findings of each rule in the file; the next one becomes "and K more"."""
    lists = [result.findings] + [producer.findings for producer in result.producers]
    counts: dict[str, int] = {}
    for findings in lists:
        for finding in findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
    if max(counts.values(), default=0) <= most:
        return
    seen: dict[str, int] = {}

    def kept(findings: list[Finding]) -> list[Finding]:
        out = []
        for finding in findings:
            number = seen[finding.code] = seen.get(finding.code, 0) + 1
            if number <= most:
                out.append(finding)
            elif number == most + 1:
                more = counts[finding.code] - most
                out.append(finding._replace(message=f"and {more} more {finding.code} finding{'s' * (more != 1)} "
                                                    f"in this file (honolint reports {most} per rule and file)",
                                            key=None, cause=None, once=False))
        return out

    result.findings = kept(result.findings)
    for producer in result.producers:
        producer.findings = kept(producer.findings)


def _count(result: FileResult) -> int:
    return len(result.findings) + sum(len(p.findings) for p in result.producers)


def _keeper(selection: Selection):
    enabled, severity = selection.enabled, selection.severity

    def keep(finding: Finding) -> Optional[Finding]:
        if finding.code not in enabled:
            return None
        wanted = severity.get(finding.code)
        if wanted is not None and wanted != finding.severity:
            return finding._replace(severity=wanted)
        return finding

    return keep


def _apply_directives(result: FileResult, directives: "Directives", catalog: Catalog) -> int:
    """Drop the suppressed findings, add HL008/HL009 ones; returns how many were added."""
    line_rules = [s for s in directives.suppressions if s.target is not None]
    file_rules = [s for s in directives.suppressions if s.target is None]
    used: set[tuple[int, str]] = set()  # (id of the suppression, selector as written)

    def suppressed(finding: Finding) -> bool:
        hit = False
        line = finding.line or 1
        for suppression in line_rules:
            if suppression.target == line:
                written = suppression.covers(finding.code)
                if written is not None:
                    used.add((id(suppression), written))
                    hit = True
        for suppression in file_rules:
            written = suppression.covers(finding.code)
            if written is not None:
                used.add((id(suppression), written))
                hit = True
        return hit

    result.findings = [f for f in result.findings if not suppressed(f)]
    for producer in result.producers:
        producer.findings = [f for f in producer.findings if not suppressed(f)]

    path = result.path
    added: list[Finding] = []
    invalid = catalog.modules.get("HL009")
    for line, column, message in directives.problems:
        if invalid is not None:
            added.append(_rule_finding(invalid, message, path, line, column))
    unused = catalog.modules.get("HL008")
    for suppression in directives.suppressions:
        if unused is None:
            break
        # a suppression of HL008 itself is used by definition: it is there to keep this rule quiet
        idle = [w for w, codes in suppression.selectors
                if (id(suppression), w) not in used and "HL008" not in codes]
        if not idle:
            continue
        where = ("anywhere in the file" if suppression.target is None else
                 f"at line {suppression.target}")
        listed = ", ".join(idle)
        added.append(_rule_finding(
            unused, f"`honolint: {suppression.kind}[{listed}]` suppresses nothing: no {listed} finding {where}; "
                    "delete it (or the codes that no longer apply)", path, suppression.line, suppression.column))
    # HL008/HL009 themselves can be silenced for the whole file, or on the directive's line
    kept = []
    for finding in added:
        if not any(s.covers(finding.code) and (s.target is None or s.target == finding.line)
                   for s in directives.suppressions):
            kept.append(finding)
    if kept:
        result.findings = result.findings + sorted(kept, key=lambda f: (f.line or 0, f.column or 0, f.code))
    return len(kept)


def _rule_finding(rule: ModuleType, message: str, path: str, line: int, column: int) -> Finding:
    return Finding(code=rule.CODE, name=rule.NAME, severity=rule.SEVERITY, classes=tuple(rule.CLASSES),
                   message=message, path=path, line=line, column=column, key=None)


def fails(result: FileResult, fail_level: str) -> bool:
    """Whether `result` makes the run exit with 1: a finding at or above `fail_level` of the file
    itself, or of a producer when it concerns the producer's target class."""
    limit = SEVERITY_RANK[fail_level]
    if any(SEVERITY_RANK[f.severity] <= limit for f in result.findings):
        return True
    for producer in result.producers:
        if any(SEVERITY_RANK[f.severity] <= limit and producer.target in f.classes for f in producer.findings):
            return True
    return False

