"""Spring Boot profiles: the documents of which files an application reads for each set of active profiles.

Spring reads a file as documents: YAML `---`, and in `.properties` a `#---` or `!---` line
(`OriginTrackedPropertiesLoader`: at column 0, not after a comment line with the same prefix, and a comment
right after it joins the new document to the previous one). A document gated by
`spring.config.activate.on-profile` (legacy `spring.profiles`; `on-cloud-platform` too) applies only when the
profile is active; later documents override earlier ones property by property (maps: key by key). The
default producer is the run without a profile (or with the file's own `spring.profiles.active`); every
profile named in a gate gives a producer of its own, `spring.kafka.producer [profile prod]`, when it
changes anything. A profile-specific file `application-<profile>.*` is layered over the
`application.{yaml,yml,properties}` (and the same profile's other extensions) found next to it, with
`.properties` winning over YAML; settings from those files carry no position (their layer names the file).
Linting a base file evaluates that file alone.

The `.properties` loader sees `#---` as a comment, so this module splits the file itself: it re-reads the
file from disk and uses that text only when it parses to exactly the entries it was given (so stdin or a
file changed meanwhile is never mixed up); otherwise a new document starts at each profile gate key. This
is only done when the file holds a profile gate at all.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import Callable, Iterable, NamedTuple, Optional

from honolint.dialects.spring_names import elements, spring_name, uniform
from honolint.model import Budget, Entry, LoadedFile

# profile gates and profile activation (uniform forms)
_ON_PROFILE = ("spring", "config", "activate", "onprofile")
_LEGACY_PROFILES = ("spring", "profiles")
_ON_CLOUD = ("spring", "config", "activate", "oncloudplatform")
_ACTIVATE = (("spring", "profiles", "active"), ("spring", "profiles", "include"))
_GATES = (_ON_PROFILE, _LEGACY_PROFILES, _ON_CLOUD)
_PROFILE_FILE = re.compile(r"application-(?P<profile>.+)\.(?:properties|ya?ml)")
BASE_FILES = ("application.yaml", "application.yml", "application.properties")  # lowest precedence first


class SpringDocument(NamedTuple):
    entries: list[Entry]
    condition: Optional[Callable[[frozenset[str]], bool]]  # None: always active
    names: frozenset[str]  # profile names its gate mentions
    activates: tuple[str, ...]  # spring.profiles.active / include of an ungated document
    file: Optional[str]  # None for the linted file, else the name of the file it comes from


class Variant(NamedTuple):
    """One run of the application: the documents active for a set of profiles, lowest precedence first."""

    label: str  # "" or " [profile prod]"
    active: frozenset[str]
    entries: tuple[tuple[Entry, Optional[str]], ...]


def variants(loaded: LoadedFile, budget: Budget) -> list[Variant]:
    """The default run first, then one run per profile the linted file gates a document on, while `budget`
    lasts."""
    own = documents(loaded, None)
    profile = _profile_of(loaded.path)
    if loaded.overrides is not None:  # an environment over the application's files: the highest layer
        profiles = _active_profiles(own)
        docs = _application_files(loaded, loaded.overrides, profiles) + own
        base = frozenset(profiles or {"default"})
        own = []  # an environment gates nothing
    elif profile is not None:
        docs = _profile_environment(loaded, own, profile)
        base = frozenset({profile})
    else:
        docs = own
        activated = {name for doc in own if doc.condition is None for name in doc.activates}
        base = frozenset(activated or {"default"})
    runs = [(_label(base) if base != {"default"} else "", base)]
    for name in sorted({name for doc in own for name in doc.names}):
        if name not in base:
            active = (base - {"default"}) | {name}
            runs.append((_label(active), frozenset(active)))
    found = []
    for label, active in runs:
        if not budget.fits(_gate(own, active), built=True):
            continue
        chosen = tuple((entry, doc.file) for doc in docs if doc.condition is None or _safe(doc.condition, active)
                       for entry in doc.entries)
        budget.spend(len(docs) + len(chosen), built=True)  # each run looks at every document
        found.append(Variant(label, active, chosen))
    return found


def _gate(own: list[SpringDocument], active: frozenset[str]) -> Optional[tuple[int, int]]:
    """Where a profile's run is written: the first entry of a document gated on one of the `active` profiles."""
    entry = next((doc.entries[0] for doc in own if doc.names & active and doc.entries), None)
    return None if entry is None else (entry.line, entry.column)


def _safe(condition: Callable[[frozenset[str]], bool], active: frozenset[str]) -> bool:
    try:
        return condition(active)
    except Exception:  # a malformed gate: Spring refuses to start; the document applies nowhere
        return False


def _label(active: Iterable[str]) -> str:
    profiles = sorted(p for p in active if not p.startswith("cloud:") and p != "default")
    clouds = sorted(p[6:] for p in active if p.startswith("cloud:"))
    parts = ([f"profile {', '.join(profiles)}"] if profiles else []) + (
        [f"cloud platform {', '.join(clouds)}"] if clouds else [])
    return f" [{'; '.join(parts)}]" if parts else ""


def _profile_of(path: str) -> Optional[str]:
    match = _PROFILE_FILE.fullmatch(os.path.basename(path))
    return match["profile"] if match else None


def _profile_environment(loaded: LoadedFile, own: list[SpringDocument], profile: str) -> list[SpringDocument]:
    """application.{yaml,yml,properties} next to the file, then application-<profile>.* with the linted
    file in its place: `.properties` wins over YAML, a profile-specific file over the base files."""
    directory = os.path.dirname(loaded.path)
    docs: list[SpringDocument] = []
    names = list(BASE_FILES) + [f"application-{profile}.{ext}" for ext in ("yaml", "yml", "properties")]
    for name in names:
        path = os.path.join(directory, name)
        if _same_file(path, loaded.path):
            docs.extend(own)
            continue
        other = _read(path)
        if other is not None and loaded.resolver is not None:
            loaded.resolver(other)
        if other is not None:
            docs.extend(documents(other, name))
    if not any(doc.file is None for doc in docs):  # the linted file is not where its name says (stdin)
        docs.extend(own)
    return docs


def _active_profiles(own: list[SpringDocument]) -> tuple[str, ...]:
    """SPRING_PROFILES_ACTIVE of an environment, comma-separated."""
    for doc in own:
        for entry in doc.entries:
            if entry.key.upper() == "SPRING_PROFILES_ACTIVE":
                return tuple(p.strip() for p in (entry.value or "").split(",") if p.strip())
    return ()


def _application_files(loaded: LoadedFile, directory: str, profiles: tuple[str, ...]) -> list[SpringDocument]:
    """The application's own files in `directory`, lowest precedence first, those of the active profiles
    over the base ones; their profile gates hold for the active profiles only."""
    active = frozenset(profiles or ("default",))
    names = list(BASE_FILES) + [f"application-{p}.{ext}" for p in profiles for ext in ("yaml", "yml", "properties")]
    found: list[SpringDocument] = []
    for name in names:
        path = os.path.join(directory, name)
        other = _read(path)
        if other is None:
            continue
        if loaded.resolver is not None:
            loaded.resolver(other)
        label = os.path.relpath(path, os.path.dirname(os.path.dirname(loaded.path)))  # beside the manifest
        found += [doc for doc in documents(other, label) if doc.condition is None or _safe(doc.condition, active)]
    return [doc._replace(condition=None, names=frozenset()) for doc in found]


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.abspath(one) == os.path.abspath(other) or (
            os.path.exists(one) and os.path.exists(other) and os.path.samefile(one, other))
    except (OSError, ValueError):
        return False


def _read(path: str) -> Optional[LoadedFile]:
    try:
        if not os.path.isfile(path):
            return None
        from honolint.load import read_file

        other = read_file(path)
    except (OSError, ValueError):
        return None
    return other if other.error is None else None


def documents(loaded: LoadedFile, file: Optional[str]) -> list[SpringDocument]:
    """The file's Spring documents with their profile gates."""
    if loaded.format == "properties" and len(loaded.documents) == 1:
        parts = _properties_documents(loaded)
    else:
        parts = [doc.entries for doc in loaded.documents]
    return [_document(entries, file) for entries in parts]


def _document(entries: list[Entry], file: Optional[str]) -> SpringDocument:
    conditions: list[Callable[[frozenset[str]], bool]] = []
    names: set[str] = set()
    activates: list[str] = []
    for entry in entries:
        forms = tuple(uniform(text) for text, _ in elements(spring_name(entry)))
        value = (entry.value or "").strip()
        if forms in (_ON_PROFILE, _LEGACY_PROFILES) and value:
            condition, mentioned = profile_condition(value)
            conditions.append(condition)
            names |= mentioned
        elif forms == _ON_CLOUD and value:
            platform = f"cloud:{value.lower()}"
            conditions.append(lambda active, platform=platform: platform in active)
            names.add(platform)
        elif forms in _ACTIVATE:
            activates.extend(p.strip() for p in value.split(",") if p.strip())
    condition = None
    if conditions:
        condition = (lambda active, conditions=tuple(conditions): all(c(active) for c in conditions))
    return SpringDocument(entries, condition, frozenset(names), tuple(activates) if condition is None else (), file)


_TOKEN = re.compile(r"\s*([()!&|]|[^()!&|\s]+)")


def profile_condition(text: str) -> tuple[Callable[[frozenset[str]], bool], frozenset[str]]:
    """Spring's `Profiles.of`: a comma-separated list of expressions with `!`, `&`, `|` and parentheses;
    the document is active when any of them holds."""
    matchers, names = [], set()
    for alternative in (part.strip() for part in text.split(",")):
        if not alternative:
            continue
        tokens = _TOKEN.findall(alternative)
        names |= {t for t in tokens if t not in "()!&|"}
        parser = _Expression(tokens)
        try:
            matcher = parser.expression()
            if parser.position != len(tokens):
                raise ValueError(alternative)
        except (ValueError, IndexError, RecursionError):
            matcher = _never
        matchers.append(matcher)
    return (lambda active: any(m(active) for m in matchers)), frozenset(names)


def _never(active: frozenset[str]) -> bool:
    return False


class _Expression:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.position = tokens, 0

    def _peek(self) -> Optional[str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expression(self) -> Callable[[frozenset[str]], bool]:
        terms = [self.term()]
        while self._peek() == "|":
            self.position += 1
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else (lambda active: any(t(active) for t in terms))

    def term(self) -> Callable[[frozenset[str]], bool]:
        factors = [self.factor()]
        while self._peek() == "&":
            self.position += 1
            factors.append(self.factor())
        return factors[0] if len(factors) == 1 else (lambda active: all(f(active) for f in factors))

    def factor(self) -> Callable[[frozenset[str]], bool]:
        token = self._peek()
        if token is None:
            raise ValueError("expression ends early")
        self.position += 1
        if token == "!":
            inner = self.factor()
            return lambda active: not inner(active)
        if token == "(":
            inner = self.expression()
            if self._peek() != ")":
                raise ValueError("missing )")
            self.position += 1
            return inner
        if token in ")&|":
            raise ValueError(f"unexpected {token}")
        return lambda active: token in active


def _properties_documents(loaded: LoadedFile) -> list[list[Entry]]:
    """A `.properties` file as Spring's documents (see the module docstring)."""
    numbered = _numbered_occurrences(loaded)
    if numbered is None:
        return [loaded.documents[0].entries]
    parts: dict[int, dict[str, Entry]] = {}
    for entry, number in numbered:
        part = parts.setdefault(number, {})
        part.pop(entry.path[0], None)  # within a document the last one wins
        part[entry.path[0]] = entry
    return [list(parts[n].values()) for n in sorted(parts)]


def entry_documents(loaded: LoadedFile) -> Optional[dict[int, int]]:
    """id(entry) -> its Spring document, every occurrence of every key; None for a file Spring reads
    as the loader did (not `.properties`, or no profile gate)."""
    if loaded.format != "properties" or len(loaded.documents) != 1:
        return None
    numbered = _numbered_occurrences(loaded)
    return None if numbered is None else {id(entry): number for entry, number in numbered}


def _numbered_occurrences(loaded: LoadedFile) -> Optional[list[tuple[Entry, int]]]:
    """Every occurrence of a key in file order, with the number of its Spring document; None when the
    file holds no profile gate (one document, whatever its `#---` lines)."""
    doc = loaded.documents[0]
    if not any(tuple(uniform(t) for t, _ in elements(e.path[0])) in _GATES for e in doc.entries if e.path):
        return None
    seen: set[int] = set()
    occurrences = []
    for entry in list(doc.entries) + [d.first for d in doc.duplicates] + [d.second for d in doc.duplicates]:
        if id(entry) not in seen:
            seen.add(id(entry))
            occurrences.append(entry)
    occurrences.sort(key=lambda e: (e.line, e.column))
    text = _raw_properties(loaded)
    if text is not None:
        by_line = spring_properties_documents(text)
        lines = sorted(by_line)
        numbers = []
        for entry in occurrences:
            number = by_line.get(entry.line)
            if number is None:
                before = bisect_right(lines, entry.line)
                number = by_line[lines[before - 1]] if before else 0
            numbers.append(number)
    else:  # no text to find the separators in: a document starts at each profile gate
        numbers, number, gated = [], 0, False
        for entry in occurrences:
            if tuple(uniform(t) for t, _ in elements(entry.path[0])) in _GATES:
                if gated:
                    number += 1
                elif number == 0:
                    number = 1
                gated = True
            numbers.append(number)
    return list(zip(occurrences, numbers))


def _raw_properties(loaded: LoadedFile) -> Optional[str]:
    """The file's text, if the file on disk is the one that was loaded."""
    from honolint.load import MAX_BYTES
    from honolint.load.properties import load_properties

    try:
        if not os.path.isfile(loaded.path) or os.path.getsize(loaded.path) > MAX_BYTES:
            return None
        with open(loaded.path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    again = load_properties(data, loaded.path)
    if again.error is not None or len(again.documents) != 1:
        return None
    if [_fingerprint(e) for e in again.documents[0].entries] != [_fingerprint(e) for e in loaded.documents[0].entries]:
        return None
    return data.decode("iso-8859-1")


def _fingerprint(entry: Entry) -> tuple:
    return (entry.path, entry.value, entry.line, entry.column)


_EOL = re.compile(r"\r\n|\r|\n")


def spring_properties_documents(text: str) -> dict[int, int]:
    """Line number of each key -> its document, as `OriginTrackedPropertiesLoader.load` splits the text."""
    documents: list[list[int]] = []
    current: list[int] = []
    last_prefix: Optional[str] = None
    continuing = False
    for number, line in enumerate(_EOL.split(text), 1):
        body = line.lstrip(" \t\f")
        if continuing:  # a continuation line is value text, whatever it starts with
            continuing = bool(body) and _continues(body)
            continue
        if body[:1] in ("#", "!"):
            prefix = body[0]
            if prefix != last_prefix and len(body) == len(line) and line[1:4] == "---" and (
                    len(line) == 4 or not line[5:].strip(" \t\f")):
                if current:
                    documents.append(current)
                current = []
            else:
                if not current and documents:  # a comment right after a separator: back to that document
                    current = documents.pop()
                last_prefix = prefix
            continue
        last_prefix = None
        if body:
            current.append(number)
            continuing = _continues(body)
    if current:
        documents.append(current)
    return {line: index for index, lines in enumerate(documents) for line in lines}


def _continues(body: str) -> bool:
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1
