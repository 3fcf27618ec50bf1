"""Expressions in configuration values, as each reader that resolves them writes them. Text only.

Which syntax applies to a file is its dialect's business (the module's EXPRESSIONS); where the values
come from is interpolate.py's. Every scanner here reads its text once, left to right (a value may be
megabytes long and written by anyone).

- `spring` (Spring Boot, Spring Cloud Stream): `${name}`, `${name:default}`, nested in names and
  defaults (`${a:${b:all}}`); the name ends at the first `:`, the default is taken verbatim (`${X:}` is
  empty); `\\${` is a literal `${` and `\\:` a literal colon in a name (Spring Framework 6.2+).
- `smallrye` (Quarkus, Hono): the same, and `$${` or `\\${` is a literal `${` (`$$` is `$`).
- `vector`: `$NAME`, `${NAME}`, `${NAME:-default}` (unset or empty), `${NAME-default}` (unset),
  `${NAME:?message}` / `${NAME?message}` (no default), `$$` is `$`; a name is word characters and dots.
- `compose` (docker compose `.env` files): as `vector`, with `${NAME:+alt}` / `${NAME+alt}` and defaults
  that nest; a name is a letter or `_`, then letters, digits and `_`.
- `fluent-bit`: `${NAME}`, and `${NAME:-default}` (Fluent Bit 5.0.6+).
- `shell`: files nobody but a deploy step resolves (envsubst, CI templating): `${NAME}`, `${NAME:-default}`,
  `${NAME-default}`.

Kafka's config providers (`${provider:[path:]key}`), which the Java client itself resolves, are read by
`provider_references`.
"""
from __future__ import annotations

from typing import Callable, NamedTuple, Optional, Union

SYNTAXES = ("spring", "smallrye", "vector", "compose", "fluent-bit", "shell")


class Reference(NamedTuple):
    """`${name:default}`: the name and default may hold references of their own (spring, smallrye, compose)."""

    name: "Template"
    default: Optional["Template"]  # None: no default
    written: str  # the reference as the file writes it
    when_empty: bool = True  # the default also replaces an empty value (`:-`; spring and smallrye: an unset one)
    alternative: bool = False  # compose `:+` / `+`: the text replaces a value that is set


Part = Union[str, Reference]
Template = tuple[Part, ...]


MOST_NESTING = 32  # references inside references: deeper than any configuration, and the cost of each level


def parse(text: str, syntax: str) -> Optional[Template]:
    """The value as literal text and references, or None when the syntax reads `text` as it is. A value
    nested deeper than MOST_NESTING is one reference named by the whole text: unknown, unless supplied."""
    if "$" not in text:
        return None
    try:
        if syntax in ("spring", "smallrye"):
            return _nested(text, syntax)
        return _flat(text, syntax)
    except _TooDeep:
        return (Reference((text,), None, text),)


class _TooDeep(Exception):
    pass


def written(template: Template) -> str:
    return "".join(part if isinstance(part, str) else part.written for part in template)


# ---------------------------------------------------------------- spring and smallrye


class _Open:
    """A `${` being read: the parts of its name, then (after the first `:`) of its default."""

    __slots__ = ("start", "name", "default", "braces")

    def __init__(self, start: int) -> None:
        self.start, self.name, self.default, self.braces = start, [], None, 0

    def parts(self) -> list[Part]:
        return self.name if self.default is None else self.default


def _nested(text: str, syntax: str) -> Optional[Template]:
    """One pass with a stack of open references; an opener never closed stays literal text."""
    top: list[Part] = []
    stack: list[_Open] = []
    literal: list[str] = []  # text read since the last part was added
    changed = False
    i, n = 0, len(text)
    next_close = _NextClose(text)

    def flush() -> None:
        if literal:
            (stack[-1].parts() if stack else top).append("".join(literal))
            literal.clear()

    while i < n:
        char = text[i]
        if char == "\\" and text.startswith("$", i + 1) and (syntax == "smallrye" or (
                text.startswith("{", i + 2) and next_close.after(i + 3) != -1)):
            literal.append("$")  # an escaped `$` (smallrye), an escaped opener that has a `}` after it (spring)
            i, changed = i + 2, True
            if syntax == "spring":
                literal.append("{")
                i += 1
            continue
        if char == "\\" and stack and stack[-1].default is None and text.startswith(":", i + 1) and syntax == "spring":
            literal.append(":")  # `\:` inside a name (Spring 6.2)
            i, changed = i + 2, True
            continue
        if char == "$" and syntax == "smallrye" and text.startswith("$", i + 1):
            literal.append("$")  # `$$` is `$`, so `$${` is a literal `${`
            i, changed = i + 2, True
            continue
        if char == "$" and text.startswith("{", i + 1):
            flush()
            stack.append(_Open(i))
            if len(stack) > MOST_NESTING:
                raise _TooDeep
            i += 2
            continue
        if stack:
            current = stack[-1]
            if char == "{":  # Spring counts plain braces inside a reference
                current.braces += 1
            elif char == "}" and current.braces:
                current.braces -= 1
            elif char == "}":
                flush()
                stack.pop()
                default = tuple(current.default) if current.default is not None else None
                (stack[-1].parts() if stack else top).append(
                    Reference(tuple(current.name), default, text[current.start:i + 1]))
                i, changed = i + 1, True
                continue
            elif char == ":" and current.default is None and not current.braces:
                flush()
                current.default = []
                i += 1
                continue
        literal.append(char)
        i += 1
    if stack:  # openers never closed: literal from the outermost one on, with what they hold
        flush()
        tail: list[Part] = []
        for opened in stack:
            tail.append("${")
            tail.extend(opened.name)
            if opened.default is not None:
                tail.append(":")
                tail.extend(opened.default)
        top.extend(tail)
    flush()
    if not changed:
        return None
    return _merged(top)


def _merged(parts: list[Part]) -> Template:
    """Adjacent literal texts joined."""
    merged: list[Part] = []
    run: list[str] = []
    for part in parts:
        if isinstance(part, str):
            run.append(part)
            continue
        if run:
            merged.append("".join(run))
            run = []
        merged.append(part)
    if run:
        merged.append("".join(run))
    return tuple(part for part in merged if part != "")


# ---------------------------------------------------------------- vector, compose, fluent-bit, shell


def _word(char: str, syntax: str) -> bool:
    if syntax == "compose":
        return char == "_" or (char.isascii() and char.isalnum())
    return char == "_" or char == "." or (char.isascii() and char.isalnum())


_OPERATORS = {
    "vector": (":-", ":?", "-", "?"),
    "compose": (":-", ":?", ":+", "-", "?", "+"),
    "fluent-bit": (":-",),
    "shell": (":-", "-"),
}


def _flat(text: str, syntax: str, depth: int = 0) -> Optional[Template]:
    if depth > MOST_NESTING:
        raise _TooDeep
    parts: list[Part] = []
    literal: list[str] = []
    changed = False
    i, n = 0, len(text)
    closing = _compose_closing(text) if syntax == "compose" else None
    next_close = _NextClose(text)
    operators = _OPERATORS[syntax]
    bare = syntax in ("vector", "compose")
    while i < n:
        char = text[i]
        if char != "$":
            literal.append(char)
            i += 1
            continue
        if bare and text.startswith("$", i + 1):
            literal.append("$")
            i, changed = i + 2, True
            continue
        if text.startswith("{", i + 1):
            j = i + 2
            while j < n and _word(text[j], syntax):
                j += 1
            name = text[i + 2:j]
            close = closing.get(i, -1) if closing is not None else next_close.after(j)
            if name and close != -1 and (syntax != "compose" or not name[0].isdigit()):
                reference = _flat_reference(name, text, j, close, operators, i, syntax, depth)
                if reference is not None:
                    if literal:
                        parts.append("".join(literal))
                        literal.clear()
                    parts.append(reference)
                    i, changed = close + 1, True
                    continue
        elif bare and i + 1 < n and _word(text[i + 1], syntax) and (syntax != "compose" or not text[i + 1].isdigit()):
            j = i + 1
            while j < n and _word(text[j], syntax):
                j += 1
            if literal:
                parts.append("".join(literal))
                literal.clear()
            parts.append(Reference((text[i + 1:j],), None, text[i:j]))
            i, changed = j, True
            continue
        literal.append(char)
        i += 1
    if literal:
        parts.append("".join(literal))
    return tuple(parts) if changed else None


class _NextClose:
    """The first `}` at or after an index; searches that start further on reuse the last answer, so all
    the searches of one pass read the text once."""

    __slots__ = ("text", "found")

    def __init__(self, text: str) -> None:
        self.text, self.found = text, -2  # -2: not searched yet

    def after(self, start: int) -> int:
        if self.found == -1 or self.found >= start:
            return self.found
        self.found = self.text.find("}", start)
        return self.found


def _compose_closing(text: str) -> dict[int, int]:
    """For each `${` that is closed, the index of its `}` (compose defaults may hold `${...}` themselves)."""
    closing, open_at = {}, []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("${", i):
            open_at.append(i)
            i += 2
            continue
        if text[i] == "}" and open_at:
            closing[open_at.pop()] = i
        i += 1
    return closing


def _flat_reference(name: str, text: str, after_name: int, close: int, operators: tuple[str, ...], start: int,
                    syntax: str, depth: int) -> Optional[Reference]:
    """The reference `text[start:close + 1]` whose name ends at `after_name`, or None when what follows the
    name is no operator of the syntax (`${NAME!}`, `${a:b}` for vector): the text stays as written."""
    if after_name == close:
        return Reference((name,), None, text[start:close + 1])
    for operator in operators:
        if text.startswith(operator, after_name):
            written_text = text[start:close + 1]
            if operator.endswith("?"):  # a required value: no default, the message is the reader's
                return Reference((name,), None, written_text)
            tail = text[after_name + len(operator):close]
            default = (_flat(tail, syntax, depth + 1) or (tail,)) if syntax == "compose" else (tail,)
            return Reference((name,), tuple(p for p in default if p != ""), written_text,
                             when_empty=operator.startswith(":"), alternative=operator.endswith("+"))
    return None


# ---------------------------------------------------------------- Kafka config providers


class ProviderReference(NamedTuple):
    """`${provider:path:key}` or `${provider:key}` as ConfigTransformer reads it (Kafka 2.2.2+)."""

    provider: str
    path: str
    key: str
    written: str


def provider_references(text: str) -> list[ProviderReference]:
    """ConfigTransformer's `\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}`, read in one pass."""
    found: list[ProviderReference] = []
    i = text.find("${")
    while i != -1:
        close = text.find("}", i + 2)
        if close == -1:
            break
        inside = text[i + 2:close]
        first = inside.find(":")
        if first == -1:
            i = text.find("${", i + 2)
            continue
        provider, rest = inside[:first], inside[first + 1:]
        second = rest.find(":")
        path, key = (rest[:second], rest[second + 1:]) if second != -1 else ("", rest)
        found.append(ProviderReference(provider, path, key, text[i:close + 1]))
        i = text.find("${", close + 1)
    return found


# ---------------------------------------------------------------- resolving


class Found(NamedTuple):
    """What a reference's name stands for."""

    value: str
    how: str  # where it is given: "--define on the command line", "line 4"
    supplied: bool  # given from outside the file (a define)
    expands: bool = False  # the value may hold references of its own (a property of the same file)
    template: Optional["Template"] = None  # the value parsed, when `expands` and it holds references


class Resolved(NamedTuple):
    value: Optional[str]  # None: known only at deploy time
    unknown: tuple[str, ...]  # the references (as written) nothing gave a value
    names: tuple[str, ...]  # their names, for --define NAME=VALUE
    steps: tuple[str, ...]  # how the references got their values, in order
    supplied: bool  # a supplied value took part
    defaulted: tuple[str, ...] = ()  # the names whose default was taken
    steps_taken: int = 0  # references followed


MOST_STEPS = 10_000  # references followed for one value: a file whose properties refer to each other
MOST_TEXT = 1 << 20  # characters a value may grow to
MOST_DEPTH = 32


class _State:
    __slots__ = ("lookup", "syntax", "unknown", "names", "steps", "supplied", "budget", "size", "active", "defaulted")

    def __init__(self, lookup, syntax: str) -> None:
        self.lookup, self.syntax = lookup, syntax
        self.unknown: list[str] = []
        self.names: list[str] = []
        self.defaulted: list[str] = []
        self.steps: list[str] = []
        self.supplied = False
        self.budget, self.size = MOST_STEPS, 0
        self.active: list[str] = []  # names being expanded: a name met again is a cycle


def resolve(template: Template, lookup: Callable[[str], Optional[Found]], syntax: str,
            budget: int = MOST_STEPS) -> Resolved:
    """The template's value, looking each name up with `lookup(name) -> Found | None`, following at most
    `budget` references (past it, a reference is unknown); Resolved.steps_taken says how many it followed."""
    state = _State(lookup, syntax)
    state.budget = min(budget, MOST_STEPS)
    value = _text(template, state, 0)
    if state.unknown:
        value = None
    return Resolved(value, tuple(dict.fromkeys(state.unknown)), tuple(dict.fromkeys(state.names)),
                    tuple(dict.fromkeys(state.steps)), state.supplied, tuple(dict.fromkeys(state.defaulted)),
                    min(budget, MOST_STEPS) - state.budget)


def _text(template: Template, state: _State, depth: int) -> Optional[str]:
    out = []
    for part in template:
        text = part if isinstance(part, str) else _reference(part, state, depth)
        if text is None:
            return None
        state.size += len(text)
        if state.size > MOST_TEXT:
            state.unknown.append(written(template))
            return None
        out.append(text)
    return "".join(out)


def _reference(reference: Reference, state: _State, depth: int) -> Optional[str]:
    state.budget -= 1
    if state.budget < 0 or depth > MOST_DEPTH:
        state.unknown.append(reference.written)
        return None
    name = _text(reference.name, state, depth + 1)
    if name is None:
        return None
    found = state.lookup(name) if name not in state.active else None
    value: Optional[str] = None
    if found is not None:
        value = found.value
        if found.expands:
            parsed = found.template
            if parsed is not None:
                state.active.append(name)
                value = _text(parsed, state, depth + 1)
                state.active.pop()
                if value is None:
                    return None
    if reference.alternative:  # compose `${NAME:+text}`: the text when the name has a value
        has_value = value is not None and (value != "" or not reference.when_empty)
        if found is None and name not in state.active:
            return _unknown(reference, name, state)
        return _text(reference.default or (), state, depth + 1) if has_value else ""
    if value is not None and not (value == "" and reference.when_empty and reference.default is not None
                                  and state.syntax in ("vector", "compose", "fluent-bit", "shell")):
        state.steps.append(f"{name} from {found.how}")
        state.supplied = state.supplied or found.supplied
        return value
    if reference.default is not None:
        default = _text(reference.default, state, depth + 1)
        if default is not None:
            state.steps.append(f"the default of {reference.written}")
            state.defaulted.append(name)
        return default
    return _unknown(reference, name, state)


def _unknown(reference: Reference, name: str, state: _State) -> None:
    state.unknown.append(reference.written)
    state.names.append(name)
    return None
