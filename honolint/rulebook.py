"""Rules stage: what a rule module sees, what it yields, and how findings get their code and position.

A rule module in `rules/` declares CODE, NAME, SEVERITY, CLASSES, SCOPE ("file" or "producer") and
a `check(context)` generator of `Problem`s; its docstring is its documentation. A producer rule about
values written as expressions also declares ONLY_FOR_EXPRESSIONS = True (RuleSet).
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Iterable, NamedTuple, Optional

from honolint.model import (Condition, DialectResult, Effective, Entry, FileResult, Finding, LoadedFile, ProducerSpec,
                            QosClass, Severity, Verdict)
from honolint.profiles import ClientProfile


class Problem(NamedTuple):
    message: str
    key: Optional[str] = None
    entry: Optional[Entry] = None  # where to point; else the key's file position; else the producer's
    severity: Optional[Severity] = None  # when the rule's default does not fit this case
    classes: Optional[tuple[QosClass, ...]] = None
    line: Optional[int] = None  # a position that belongs to no entry (a syntax error)
    column: Optional[int] = None
    # the key whose effective value causes it: of the findings one cause gives, only the first rule's is
    # reported for each class (condense), so `acks=1` is one finding per class that fails, not one per rule
    cause: Optional[str] = None
    once: bool = False  # worth saying once per file, not for each producer


class FileContext:
    __slots__ = ("loaded", "dialect", "named_explicitly", "_producer_entries")

    def __init__(self, loaded: LoadedFile, dialect: Optional[DialectResult], named_explicitly: bool) -> None:
        self.loaded, self.dialect, self.named_explicitly = loaded, dialect, named_explicitly
        self._producer_entries: Optional[set[int]] = None

    def producer_entries(self) -> set[int]:
        """ids of the entries that reach some producer (a rule about values cares only for those)."""
        if self._producer_entries is None:
            dialect = self.dialect
            self._producer_entries = set() if dialect is None else {
                id(s.entry) for p in dialect.producers for layer in p.layers for s in layer.settings}
        return self._producer_entries


class ProducerContext:
    """One producer's effective configuration and verdict. When values are known only at deploy time, the
    rules run once per combination of the values that matter (unknowns.py), and a finding is reported
    when every combination has it: `effective` and `verdict` are then one combination's, `shown` is what
    all of them agree on (a value they differ on has no text) and `depends` says on what each class depends."""

    __slots__ = ("loaded", "spec", "effective", "verdict", "profile", "target", "shown", "depends")

    def __init__(self, loaded: LoadedFile, spec: ProducerSpec, effective: Effective, verdict: Verdict,
                 profile: ClientProfile, target: QosClass, shown: Optional[Effective] = None,
                 depends: Optional[dict[str, tuple[Condition, ...]]] = None) -> None:
        self.loaded, self.spec, self.effective, self.verdict = loaded, spec, effective, verdict
        self.profile, self.target = profile, target
        self.shown = shown if shown is not None else effective
        self.depends = depends

    def entry(self, key: str) -> Optional[Entry]:
        value = self.effective.values.get(key)
        return value.entry if value is not None else None

    def idempotence_culprit(self) -> Optional[str]:
        """The key that turned the client's default idempotence off without a word (Java 3.0.1+): `acks` other
        than all, `retries=0`, more than 5 in flight; None when nothing did."""
        effective = self.effective
        if not any(a.code == "idempotence-off" for a in effective.adjustments):
            return None
        culprits = [key for key, conflicts in (
            ("acks", effective.text("acks") not in ("all", "-1")),
            ("retries", effective.number("retries") == 0),
            ("max.in.flight.requests.per.connection",
             (effective.number("max.in.flight.requests.per.connection") or 0) > 5),
        ) if conflicts]
        return next((k for k in culprits if self.entry(k) is not None), culprits[0] if culprits else None)

    def describe(self, key: str) -> str:
        """`acks=1 at line 3`, `acks defaults to 1 in java:2.8`, `enable.idempotence=true forced by Hono`,
        `acks=${KAFKA_ACKS} at line 3, known at deploy time`, `acks=1 at line 3 (the default of ${KAFKA_ACKS:1})`."""
        value = self.shown.values.get(key)
        if value is None:
            return f"{key} is not set"
        expression = value.expression
        if value.text is None and value.unknown and expression is not None:
            where = f" at line {value.entry.line}" if value.entry is not None else ""
            return f"{key}={expression.written}{where}, known at deploy time"
        if value.text is None and value.source.startswith("depends on "):
            return f"{key} {value.source}"
        shown = value.text if value.text is not None else "(unset)"
        if value.origin == "default":
            return f"{key} defaults to {shown} in {self.profile.label}"
        if value.origin in ("file", "supplied") and value.entry is not None:
            how = f" ({'; '.join(expression.steps)})" if expression is not None and expression.steps else ""
            return f"{key}={shown} at line {value.entry.line}{how}"
        if value.origin == "adjusted":
            return f"{key} becomes {shown}: {value.source}"
        return f"{key}={shown} {value.source}"


def rule_modules() -> list[ModuleType]:
    from honolint.rules import RULE_MODULES

    return [import_module(f"honolint.rules.{name}") for name in RULE_MODULES]


def find_rule(code_or_name: str) -> Optional[ModuleType]:
    wanted = code_or_name.strip().lower()
    for module in rule_modules():
        if wanted in (module.CODE.lower(), module.NAME):
            return module
    return None


def _finding(rule: ModuleType, problem: Problem, path: str, fallback: tuple[Optional[int], Optional[int]],
             context: Optional[ProducerContext]) -> Finding:
    entry, key = problem.entry, problem.key
    if entry is None and key is not None and context is not None:
        value = context.effective.values.get(key)
        if value is not None and value.entry is not None:
            entry, key = value.entry, value.given_as or key
    if problem.line is not None:
        line, column = problem.line, problem.column
    else:
        line, column = (entry.line, entry.column) if entry is not None else fallback
    return Finding(rule.CODE, rule.NAME, problem.severity or rule.SEVERITY, problem.classes or tuple(rule.CLASSES),
                   problem.message, path, line, column, key, problem.cause, problem.once)


class RuleSet(NamedTuple):
    """The rule modules by scope, sorted once for a run. A rule that declares ONLY_FOR_EXPRESSIONS has
    nothing to say about a file whose values hold no expression (LoadedFile.expressions): `plain` leaves
    it out."""

    file: tuple[ModuleType, ...]
    producer: tuple[ModuleType, ...]
    plain_producer: tuple[ModuleType, ...]
    expressions: tuple[ModuleType, ...]  # the producer rules that declare ONLY_FOR_EXPRESSIONS

    @classmethod
    def of(cls, modules: Iterable[ModuleType]) -> "RuleSet":
        modules = tuple(modules)
        producer = tuple(m for m in modules if m.SCOPE == "producer")
        expressions = tuple(m for m in producer if getattr(m, "ONLY_FOR_EXPRESSIONS", False))
        return cls(tuple(m for m in modules if m.SCOPE == "file"), producer,
                   tuple(m for m in producer if m not in expressions), expressions)

    def for_producers(self, loaded: LoadedFile) -> tuple[ModuleType, ...]:
        return self.producer if loaded.expressions else self.plain_producer


def file_findings(rules: Iterable[ModuleType], context: FileContext) -> list[Finding]:
    """What the file rules `rules` find."""
    found = []
    path = context.loaded.path
    for rule in rules:
        for problem in rule.check(context):
            found.append(_finding(rule, problem, path, (1, 1), None))
    return found


def producer_findings(rules: Iterable[ModuleType], context: ProducerContext) -> list[Finding]:
    """What the producer rules `rules` find, in file order."""
    found = []
    path, fallback = context.loaded.path, (context.spec.line, context.spec.column)
    for rule in rules:
        for problem in rule.check(context):
            found.append(_finding(rule, problem, path, fallback, context))
    if len(found) > 1:
        found.sort(key=in_file_order)
    return found


def condense(result: FileResult) -> None:
    """What the report says of the findings the selection and suppressions leave: for each cause, only the
    first rule's finding for each class (rules run in RULE_MODULES order, the most direct first: acks-not-all
    before order-not-guaranteed), and a finding said once per file only for its first producer."""
    said: set[tuple] = set()
    several = len(result.producers) > 1
    for producer in result.producers:
        findings = producer.findings
        if len(findings) < 2 and not several:
            continue  # the common case: nothing to condense
        causes = [f.cause for f in findings if f.cause is not None]
        if len(causes) == len(set(causes)) and not (several and any(f.once for f in findings)):
            continue
        order = _RULE_ORDER or _rule_order()
        covered: dict[str, set[str]] = {}
        kept: dict[int, Finding] = {}
        for index, finding in sorted(enumerate(findings), key=lambda item: order.get(item[1].code, 0)):
            if finding.once:
                if (finding.code, finding.key) in said:
                    continue
                said.add((finding.code, finding.key))
            if finding.cause is not None:
                seen = covered.setdefault(finding.cause, set())
                classes = tuple(c for c in finding.classes if c not in seen)
                if not classes:
                    continue
                seen.update(classes)
                if len(classes) < len(finding.classes):
                    finding = finding._replace(classes=classes)
            kept[index] = finding
        producer.findings = [kept[i] for i in sorted(kept)]


_RULE_ORDER: dict[str, int] = {}


def _rule_order() -> dict[str, int]:
    from honolint.rules import RULE_MODULES

    for index, name in enumerate(RULE_MODULES):
        _RULE_ORDER[import_module(f"honolint.rules.{name}").CODE] = index
    return _RULE_ORDER


def in_file_order(finding: Finding) -> tuple:
    return (finding.line or 0, finding.column or 0, finding.code)

