"""One file through every stage: load -> dialect -> resolve -> rules -> verdict."""
from __future__ import annotations

from typing import NamedTuple, Optional

from honolint.dialects import extract
from honolint.model import FileResult, LoadedFile, ProducerResult, ProducerSpec, QosClass
from honolint.profiles import ClientProfile, parse_client
from honolint.resolve import resolve
from honolint.redact import redactor
from honolint.rulebook import FileContext, ProducerContext, file_findings, producer_findings, rule_modules
from honolint.verdict import verdict


class Options(NamedTuple):
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
        entries = [entry for doc in loaded.documents for entry in doc.entries]
        entries += [d.first for doc in loaded.documents for d in doc.duplicates]
        redact = redactor(entries)
        if redact is not None:
            findings = redact(findings)
            for producer in producers:
                producer.findings = redact(producer.findings)
        return FileResult(loaded.path, dialect.dialect if dialect else None, producers, findings)

    def profile_for(self, spec: ProducerSpec) -> ClientProfile:
        """--client, unless the layout says which client runs it (Hono: Java, whatever --client says)."""
        client, family = self.options.client, spec.client_family
        if family is None or family == client.family:
            return client
        return parse_client(family)

    def _producer(self, loaded: LoadedFile, spec: ProducerSpec) -> ProducerResult:
        profile = self.profile_for(spec)
        effective = resolve(spec, profile)
        result = verdict(effective)
        target = spec.target or self.options.qos
        context = ProducerContext(loaded, spec, effective, result, profile, target)
        return ProducerResult(spec, effective, result, target, producer_findings(self.rules, context))
