"""One file through every stage: load -> dialect -> resolve -> rules -> verdict."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from honolint.dialects import extract
from honolint.model import FileResult, LoadedFile, ProducerResult, QosClass
from honolint.profiles import ClientProfile
from honolint.resolve import resolve
from honolint.rulebook import FileContext, ProducerContext, file_findings, producer_findings, rule_modules
from honolint.verdict import verdict


@dataclass(frozen=True, slots=True)
class Options:
    client: ClientProfile
    qos: QosClass = "at-least-once"
    dialect: Optional[str] = None


class Linter:
    """Holds what every file shares (the rule modules), so a run over many files sets it up once."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.rules = rule_modules()

    def lint(self, loaded: LoadedFile, named_explicitly: bool = True) -> Optional[FileResult]:
        """The file's result, or None for a file reached through a directory that configures no producer."""
        dialect = extract(loaded, self.options.dialect) if loaded.documents else None
        producers = [self._producer(loaded, spec) for spec in (dialect.producers if dialect else [])]
        findings = file_findings(self.rules, FileContext(loaded, dialect, named_explicitly))
        if not producers and not named_explicitly and loaded.error is None:
            return None
        return FileResult(loaded.path, dialect.dialect if dialect else None, producers, findings)

    def _producer(self, loaded: LoadedFile, spec) -> ProducerResult:
        effective = resolve(spec, self.options.client)
        result = verdict(effective)
        context = ProducerContext(loaded, spec, effective, result, self.options.client)
        target = spec.target or self.options.qos
        return ProducerResult(spec, effective, result, target, producer_findings(self.rules, context))
