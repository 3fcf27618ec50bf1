"""A file as its build copies it: Maven resource filtering applied before the file is parsed (maven.py).

The entries of the filtered text keep the positions of the file as written: a line that a property
brought in is placed at the reference that brought it. An entry whose value the build changed carries
an Expression: the value as written (when the file as written parses), which values it took, and the
`@name@` references nothing filled.
"""
from __future__ import annotations

from typing import Callable, Optional

from honolint.maven import Builds, Filtered, apply
from honolint.model import Duplicate, Entry, Expression, LoadedFile, SyntaxProblem


def filtered(loaded: LoadedFile, data: bytes, builds: Builds, parse: Callable[[bytes], LoadedFile],
             supplied=None) -> Optional[LoadedFile]:
    """The file after the build's filtering, or None when the build copies it as it is."""
    build_filter = builds.filter_for(loaded.path)
    if build_filter is None:
        return None
    result = apply(build_filter, data, supplied)
    if result is None:
        return None
    after = parse(result.data)
    after.directives = loaded.directives  # comments are where the file has them
    after.expressions = True  # values the build filled in carry what filled them
    written = {(entry.key, entry.line): entry.value for doc in loaded.documents for entry in doc.entries}
    remapped: dict[int, Entry] = {}
    for doc in after.documents:
        doc.entries = [_entry(entry, result, written, remapped) for entry in doc.entries]
        doc.duplicates = [Duplicate(_entry(d.first, result, written, remapped), _entry(d.second, result, written,
                                                                                        remapped))
                          for d in doc.duplicates]
        doc.line = _line(result, doc.line)[0]
        if doc.not_a_mapping is not None:
            doc.not_a_mapping = _problem(doc.not_a_mapping, result)
    if after.error is not None:
        after.error = _problem(after.error, result)
    return after


def _line(result: Filtered, line: int, column: int = 1) -> tuple[int, int]:
    if not 1 <= line <= len(result.lines):
        return line, column
    origin = result.lines[line - 1]
    return origin.line, origin.column if origin.column is not None else column


def _problem(problem: SyntaxProblem, result: Filtered) -> SyntaxProblem:
    line, column = _line(result, problem.line, problem.column)
    return SyntaxProblem(problem.message, line, column)


def _entry(entry: Entry, result: Filtered, written: dict, remapped: dict[int, Entry]) -> Entry:
    done = remapped.get(id(entry))
    if done is not None:
        return done
    line, column = _line(result, entry.line, entry.column)
    value_line, value_column = _line(result, entry.value_line, entry.value_column)
    origin = result.lines[entry.value_line - 1] if 1 <= entry.value_line <= len(result.lines) else None
    expression = entry.expression
    if origin is not None and (origin.steps or origin.unknown):
        as_written = written.get((entry.key, line))
        names = tuple(reference.strip("@") for reference in origin.unknown)
        if origin.reference is not None:  # a line the reference brought in
            as_written = origin.reference
        expression = Expression(as_written if as_written is not None else (entry.value or ""), origin.steps,
                                origin.unknown, names)
    moved = entry._replace(line=line, column=column, value_line=value_line, value_column=value_column,
                           expression=expression)
    remapped[id(entry)] = moved
    return moved

