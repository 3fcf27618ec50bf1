"""Interpolate stage: each value as the layout's reader resolves its expressions (expressions.py).

Between load and dialect: once a file's layout is known, `interpolate` replaces, in place, every entry
whose value holds an expression of the layout's syntax by one whose value is what the reader makes of
it, with an Expression that says how. A name is looked up in the supplied values first (`--define`,
`--define-file`, the settings' `defines`: what the deployment sets), then, for Spring and Quarkus, among
the file's own properties (the same document first, then the others; a `%profile.` key for a value in
that profile), then the reference's default. A name nothing gives a value leaves the value unknown:
`value` stays as written and the Expression names the references. A `{{ ... }}` in a value (a template
that some tool renders) is unknown too.

An environment file (`.env`) is read as docker compose reads it, whatever its layout.
"""
from __future__ import annotations

from typing import Callable, Optional

from honolint.expressions import MOST_STEPS, Found, parse, resolve
from honolint.model import Duplicate, Entry, Expression, LoadedFile, SuppliedLookup
_FILE_PROPERTIES = ("spring", "smallrye")  # readers that resolve a name among the application's properties


def syntax_for(loaded: LoadedFile, dialect_syntax: Optional[str]) -> Optional[str]:
    return "compose" if loaded.format == "env" else dialect_syntax


def interpolate(loaded: LoadedFile, syntax: Optional[str], supplied: Optional[SuppliedLookup] = None) -> None:
    """Resolve the expressions of `loaded`'s values in place (see the module)."""
    if syntax is None:
        return
    properties: Optional[_Properties] = None
    replaced: dict[int, Entry] = {}
    for doc in loaded.documents:
        entries = doc.entries
        for index, entry in enumerate(entries):
            value = entry.value
            if value is None or ("$" not in value and "{{" not in value):
                continue
            if properties is None:
                properties = _Properties(loaded, syntax, supplied)
            moved = _interpolated(entry, syntax, properties)
            if moved is not entry:
                entries[index] = replaced[id(entry)] = moved
    if replaced:
        for doc in loaded.documents:
            doc.duplicates = [Duplicate(replaced.get(id(d.first), d.first), replaced.get(id(d.second), d.second))
                              for d in doc.duplicates]


def _interpolated(entry: Entry, syntax: str, properties: "_Properties") -> Entry:
    value = entry.value or ""
    before = entry.expression
    template = parse(value, syntax) if "$" in value else None
    if template is None:
        if "{{" in value and "}}" in value[value.index("{{"):] and syntax != "vector":
            return entry._replace(expression=_merged(before, Expression(value, (), (value,), ())))
        return entry
    resolved = resolve(template, properties.lookup_for(entry), syntax, properties.budget)
    properties.budget -= resolved.steps_taken
    if resolved.value is not None and "{{" in resolved.value and "}}" in resolved.value and syntax != "vector":
        resolved = resolved._replace(value=None, unknown=resolved.unknown + (resolved.value,))
    expression = _merged(before, Expression(value, resolved.steps, resolved.unknown, resolved.names,
                                            resolved.supplied, resolved.defaulted))
    if resolved.value is None:
        return entry._replace(expression=expression)
    # a reader that takes YAML scalars as written (Fluent Bit, Vector) takes the resolved text as written
    raw = resolved.value if entry.raw is not None else None
    return entry._replace(value=resolved.value, raw=raw, expression=expression)


def _merged(before: Optional[Expression], now: Expression) -> Expression:
    """The build's filtering (before) and the reader's resolution (now) of one value, as one Expression."""
    return now if before is None else before.then(now)


class _Properties:
    """What a name stands for: a supplied value, else (Spring, Quarkus) a property of the file."""

    def __init__(self, loaded: LoadedFile, syntax: str, supplied: Optional[SuppliedLookup]) -> None:
        self.loaded, self.syntax, self.supplied = loaded, syntax, supplied
        self._by_name: Optional[dict[str, list[Entry]]] = None
        self._parsed: dict[str, Optional[tuple]] = {}  # a property's value -> its template (parse())
        # references the whole file may follow: properties that refer to each other cost time in proportion
        # to the file, not to its square
        self.budget = MOST_STEPS + 16 * sum(len(doc.entries) for doc in loaded.documents)

    def lookup_for(self, entry: Entry) -> Callable[[str], Optional[Found]]:
        profile = entry.key[1:].split(".", 1)[0] if entry.key.startswith("%") else None

        def lookup(name: str) -> Optional[Found]:
            if self.supplied is not None:
                found = self.supplied(name)
                if found is not None:
                    return Found(found[0], found[1], True)
            if self.syntax not in _FILE_PROPERTIES:
                return None
            if profile is not None:
                hit = self._property(f"%{profile}.{name}", entry.document)
                if hit is not None:
                    return hit
            return self._property(name, entry.document)

        return lookup

    def _property(self, name: str, document: int) -> Optional[Found]:
        if self._by_name is None:
            self._by_name = {}
            for doc in self.loaded.documents:
                for entry in doc.entries:
                    if entry.value is not None and entry.yaml_type not in ("map", "seq"):
                        self._by_name.setdefault(_relaxed(entry.key, self.syntax), []).append(entry)
        candidates = self._by_name.get(_relaxed(name, self.syntax))
        if not candidates:
            return None
        chosen = next((e for e in reversed(candidates) if e.document == document), candidates[-1])
        value = chosen.value or ""
        if value not in self._parsed:
            self._parsed[value] = parse(value, self.syntax) if "$" in value else None
        return Found(value, f"line {chosen.line}", False, True, self._parsed[value])


def _relaxed(name: str, syntax: str) -> str:
    """Spring binds names relaxed (`maxBlockMs`, `max-block-ms`, `max_block_ms` are one name)."""
    if syntax != "spring":
        return name
    return name.lower().replace("-", "").replace("_", "")

