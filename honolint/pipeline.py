"""One file through every stage: load -> dialect (its values interpolated) -> resolve -> verdict -> rules."""
from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from honolint.dialects import BUILT_HERE, detect, dialect_module, reader
from honolint.model import (Budget, ClientSource, Effective, Embedded, Finding, FileResult, Given, LoadedFile,
                            ProducerResult, ProducerSpec, QosClass, SuppliedLookup)
from honolint.profiles import ClientProfile, parse_client
from honolint.resolve import checked, profile_module, received
from honolint.redact import redactor
from honolint.rulebook import (FileContext, ProducerContext, RuleSet, file_findings, in_file_order, producer_findings,
                               rule_modules)
from honolint.verdict import verdict


class Options(NamedTuple):
    client: ClientProfile
    qos: QosClass = "at-least-once"
    dialect: Optional[str] = None
    supplied: Optional[SuppliedLookup] = None  # --define and friends


class Linter:
    """Holds what every file shares (the rule modules), so a run over many files sets it up once."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.rules = RuleSet.of(rule_modules())
        self._resolvers: dict[str, _Resolver] = {}  # dialect -> the resolver of its files' expressions
        self._combinations_left: Optional[int] = None  # combinations of unknown values this file may still evaluate
        self._build: Optional[dict] = None  # what the file's build files say, by client family: see lint()
        self._follow: dict[str, Optional[Callable]] = {}  # dialect -> its follow_versions, if it has one

    def lint(self, loaded: LoadedFile, named_explicitly: bool = True,
             build: Optional[dict] = None) -> Optional[FileResult]:
        """The file's result, or None for a file reached through a directory that configures no producer
        (unless a switch written as true turned its producers off). The files inside a manifest
        (LoadedFile.embedded) are part of its result: their producers scoped by where they are in it, their
        own findings (an unreadable file) said with that scope. `build`: client family -> what the build
        files around the file say of that client (repository.py's BuildVersions), for a layout the repository
        builds; None when the run names the client or no build file names anything."""
        self._combinations_left: Optional[int] = None  # unknowns.FILE_COMBINATIONS once this file needs them
        loaded.budget = Budget(loaded.path)
        for embedded in loaded.embedded:
            embedded.file.budget = loaded.budget
        inner = [found for embedded in loaded.embedded if (found := self._embedded(loaded.path, embedded, build))]
        if not inner:
            return self._lint(loaded, named_explicitly, self.options.dialect, build)
        # files inside that configure producers: the manifest itself is no "no producer found"
        result = self._lint(loaded, named_explicitly and not any(r.producers for r in inner), self.options.dialect,
                            build)
        if result is None:
            result = FileResult(loaded.path, None, [], [])
        dialects = [result.dialect] if result.dialect else []
        for found in inner:
            result.producers.extend(found.producers)
            result.findings.extend(found.findings)
            if found.dialect and found.dialect not in dialects:
                dialects.append(found.dialect)
        result.dialect = ", ".join(dialects) or None
        return result

    def _embedded(self, path: str, embedded: Embedded, build: Optional[dict]) -> Optional[FileResult]:
        """A file inside a manifest, linted as a file reached through a directory, said as the manifest's."""
        found = self._lint(embedded.file, False, embedded.dialect, build)
        if found is None or embedded.file.template is not None:
            return None  # a file that configures no producer, or a template (of some other tool)
        scope = embedded.scope
        for producer in found.producers:
            producer.spec.scope = f"{scope}: {producer.spec.scope}"
            producer.findings = [f._replace(path=path) for f in producer.findings]
        found.findings = [f._replace(path=path, message=f"{scope}: {f.message}") for f in found.findings]
        return found

    def _lint(self, loaded: LoadedFile, named_explicitly: bool, forced: Optional[str],
              build: Optional[dict]) -> Optional[FileResult]:
        dialect = None
        self._build = None
        if loaded.documents:
            name = forced or detect(loaded)
            if name is not None:
                module = dialect_module(name)
                resolver = self._resolvers.get(name)
                if resolver is None:
                    resolver = self._resolvers[name] = _Resolver(module.EXPRESSIONS, self.options.supplied)
                resolver.used = False
                loaded.resolver = resolver
                resolver(loaded)
                dialect = reader(module, forced is not None)(loaded)
                loaded.resolver = None
                loaded.expressions = resolver.used
                if build is not None and dialect.producers and name in BUILT_HERE:
                    self._build = build
                    follow = self._follow.get(name, self)
                    if follow is self:
                        follow = self._follow[name] = getattr(module, "follow_versions", None)
                    if follow is not None:  # the dialect's defaults follow the framework release the build names
                        versions = build.get(dialect.producers[0].client_family or self.options.client.family)
                        if versions is not None:
                            follow(dialect, versions)
        if dialect is not None and dialect.producers:
            dialect.producers = self._within(loaded.budget, dialect.producers)
        producers = [self._producer(loaded, spec) for spec in (dialect.producers if dialect else [])]
        findings = file_findings(self.rules.file, FileContext(loaded, dialect, named_explicitly))
        if not producers and not named_explicitly and loaded.error is None and loaded.template is None \
                and not (dialect is not None and dialect.switches) \
                and not (loaded.budget.left_out and loaded.budget.path == loaded.path):
            return None  # (unless a switch turned the producers off, or the files inside left producers out)
        entries = [entry for doc in loaded.documents for entry in doc.entries]
        entries += [d.first for doc in loaded.documents for d in doc.duplicates]
        redact = redactor(entries, producers)
        if redact is not None:
            findings = redact.findings(findings)
            for producer in producers:
                redact.producer(producer)
        return FileResult(loaded.path, dialect.dialect if dialect else None, producers, findings)

    @staticmethod
    def _within(budget: Budget, specs: list[ProducerSpec]) -> list[ProducerSpec]:
        """The producers the file's budget still checks (rules/producers_not_checked.py says of the others)."""
        kept = []
        for spec in specs:
            if budget.fits((spec.line, spec.column)):
                size = 0
                for layer in spec.layers:
                    size += len(layer.settings)
                budget.spend(size)
                kept.append(spec)
        return kept

    def _client(self, spec: ProducerSpec) -> tuple[ClientProfile, Optional[ClientSource]]:
        client = self.options.client
        family = spec.client_family or client.family
        if self._build is not None:
            versions = self._build.get(family)
            if versions is not None and versions.client is not None:
                return versions.client
        return (client if family == client.family else parse_client(family)), None

    def _producer(self, loaded: LoadedFile, spec: ProducerSpec) -> ProducerResult:
        profile, client_source = self._client(spec)
        overridden: list = []
        given = received(spec, overridden, self.options.supplied, loaded.expressions)
        target = spec.target or self.options.qos
        finalize = profile_module(profile.family).finalize
        if spec.framework is not None and spec.framework.checks:
            finalize = checked(finalize, spec.framework.checks)
        if loaded.expressions and any(g.unknown for g in given):
            from honolint.unknowns import FILE_COMBINATIONS, TooMany, combinations

            if self._combinations_left is None:
                self._combinations_left = FILE_COMBINATIONS
            try:
                found = combinations(profile, given, self._combinations_left)
            except TooMany as too_many:
                return self._not_evaluated(loaded, spec, profile, target, overridden, finalize(profile, given),
                                           too_many, client_source)
            if found is not None:
                self._combinations_left -= len(found[1])
                return self._combined(loaded, spec, profile, target, overridden, finalize, client_source, *found)
        effective = finalize(profile, given)
        effective.overridden = overridden
        result = verdict(effective)
        context = ProducerContext(loaded, spec, effective, result, profile, target)
        return ProducerResult(spec, effective, result, target,
                              producer_findings(self.rules.for_producers(loaded), context), client_source)

    def _combined(self, loaded: LoadedFile, spec: ProducerSpec, profile: ClientProfile, target: QosClass,
                  overridden: list, finalize: Callable[[ClientProfile, list[Given]], Effective],
                  client_source: Optional[ClientSource], unknowns, combos) -> ProducerResult:
        """A producer with values known only at deploy time: every combination of the values that matter
        evaluated, the findings they all have reported (unknowns.py)."""
        from honolint.unknowns import merged_effective, merged_verdict

        effectives = []
        for combo in combos:
            effective = finalize(profile, combo.given)
            effective.overridden = overridden
            effectives.append(effective)
        verdicts = [verdict(effective) for effective in effectives]
        shown = merged_effective(effectives, unknowns)
        overall = merged_verdict(verdicts, effectives, unknowns, combos)
        common: Optional[dict[tuple, Finding]] = None
        for effective, result in zip(effectives, verdicts):
            context = ProducerContext(loaded, spec, effective, result, profile, target, shown, overall.depends)
            found = {_identity(f): f for f in producer_findings(self.rules.plain_producer, context)}
            common = found if common is None else {k: f for k, f in common.items() if k in found}
        # the rules about expressions read only what every combination shares: once
        context = ProducerContext(loaded, spec, effectives[0], verdicts[0], profile, target, shown, overall.depends)
        findings = list((common or {}).values()) + producer_findings(self.rules.expressions, context)
        return ProducerResult(spec, shown, overall, target, sorted(findings, key=in_file_order), client_source)


    def _not_evaluated(self, loaded: LoadedFile, spec: ProducerSpec, profile: ClientProfile, target: QosClass,
                       overridden: list, effective: Effective, too_many,
                       client_source: Optional[ClientSource]) -> ProducerResult:
        """Too many unknowns to evaluate together: every class depends, and only the rules about expressions
        speak (the others would judge values that are not known)."""
        from honolint.unknowns import too_many_verdict

        effective.overridden = overridden
        result = too_many_verdict(too_many)
        context = ProducerContext(loaded, spec, effective, result, profile, target, None, result.depends)
        return ProducerResult(spec, effective, result, target, producer_findings(self.rules.expressions, context),
                              client_source)


class _Resolver:
    """Interpolates the files of one layout: the linted file, and any other the dialect reads with it (a
    Spring profile file's base application.yml). `used`: some file's values hold expressions."""

    __slots__ = ("syntax", "supplied", "used")

    def __init__(self, syntax: Optional[str], supplied) -> None:
        self.syntax, self.supplied, self.used = syntax, supplied, False

    def __call__(self, loaded: LoadedFile) -> None:
        if not loaded.expressions:
            return
        from honolint.interpolate import interpolate, syntax_for

        interpolate(loaded, syntax_for(loaded, self.syntax), self.supplied)
        self.used = True


def _identity(finding: Finding) -> tuple:
    """What makes two combinations' findings one: the rule, where, and what it concerns."""
    return (finding.code, finding.key, finding.line, finding.column, finding.classes, finding.severity)
