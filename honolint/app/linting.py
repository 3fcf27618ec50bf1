"""Linting the files of a run, one at a time: which files (walked, excluded, each once), which settings and
which Linter for each, and each file's Outcome, filtered (selection.py), with the notes said on the way."""
from __future__ import annotations

import os
import sys
from typing import Optional

from honolint.settings.choices import catalog, check_in_file_setting
from honolint.exits import EXIT_FINDINGS, EXIT_OK
from honolint.app.plan import Run
from honolint.report.escape import printable
from honolint.report.stream import Outcome
from honolint.filter.selection import MOST_PER_RULE, filter_result


def project_of(run: Run):
    from honolint.settings.project import Project

    return Project(run.command_line, catalog())


def lint_all(run: Run, project, baseline):
    """Every file's result, filtered (selection.py); the fail level of each; how many findings were dropped."""
    results, levels, hidden = [], [], 0
    for outcome in outcomes(run, Linters(run, project), baseline, inputs_of(run, project)):
        say_notes(outcome.notes)
        if outcome.result is not None:
            results.append(outcome.result)
            levels.append(outcome.level)
            hidden += outcome.dropped
    return results, levels, hidden


def say_notes(notes: list[str]) -> None:
    for note in notes:
        sys.stderr.write(f"honolint: note: {printable(note)}\n")


def inputs_of(run: Run, project):
    """(file, named explicitly) for each input, "-" for standard input, in the order they are linted."""
    seen: set[str] = set()
    for path in run.paths:
        if path != "-":
            yield from _files(run, project, [path], seen)
        elif not (run.force_exclude and run.stdin_filename and project.excluded(run.stdin_filename)):
            yield "-", True


def outcomes(run: Run, linters: "Linters", baseline, inputs):
    from honolint.load import read_stdin

    for file, named in inputs:
        if file == "-":
            file = run.stdin_filename or "-"
            resolved = linters.project.resolve(file, is_dir=False)
            loaded = read_stdin(file)
        else:
            resolved = linters.project.resolve(file, is_dir=False)
            loaded = linters.read(file, resolved) if not hasattr(file, "problem") else _unlistable(file)
        outcome = linters.lint(loaded, file, named, baseline, resolved)
        notes, linters.notes_new = linters.notes_new, []
        if outcome is not None:
            yield Outcome(*outcome, notes)
        elif notes:
            yield Outcome(None, None, 0, notes)


def _unlistable(directory):
    from honolint.model import LoadedFile, SyntaxProblem

    return LoadedFile(directory, "properties", error=SyntaxProblem(f"cannot list directory: {directory.problem}", 1, 1))


def _files(run: Run, project, paths, seen: set[str]):
    """(file, named explicitly) for the paths given: directories walked, excludes applied, each file once."""
    for path in paths:
        named = not os.path.isdir(path)
        if named and run.force_exclude and project.excluded(path):
            if run.read is not None:  # named on the command line: an input all the same
                run.read.append(path)
            continue
        for file, absolute in [(path, os.path.abspath(path))] if named else project.walk(path):
            if run.read is not None:
                run.read.append(file)
            if absolute not in seen:  # a file named and also found in a directory: once
                seen.add(absolute)
                yield file, named


class Linters:
    """A Linter per distinct (client, qos, dialect): files of one project usually share one."""

    def __init__(self, run: Run, project) -> None:
        self.run, self.project = run, project
        self.catalog = project.catalog
        self.linters: dict[tuple, object] = {}
        self.notes: set[str] = set()
        self.notes_new: list[str] = []  # notes said for the first time, handed on with the file's outcome
        self.builds = None  # maven.Builds, made for the first file that may be filtered
        self.repository = None  # repository.Repository, made for the first file whose build may name its client
        from honolint.load import read_file

        self._read_file = read_file

    def read(self, path: str, resolved):
        """The file as its build copies it (Maven resource filtering), with the values supplied for it."""
        return self._read_file(path, self._builds, resolved.supplied)

    def _builds(self):
        if self.builds is None:
            from honolint.maven import Builds

            self.builds = Builds()
        return self.builds

    def lint(self, loaded, path: str, named: bool, baseline, resolved):
        directives = None
        values = {key: resolved.value(key) for key in ("client", "qos", "dialect")}
        if loaded.directives and self.run.command_line.inline:
            from honolint.directives import parse

            directives = parse(loaded.directives, self.catalog.expand, check_in_file_setting)
            for key, (value, _) in directives.settings.items():
                if not resolved.source(key).startswith("command line"):
                    values[key] = value
        # the build files around the file may name the client
        build = self._build_around(path) if values["client"] is None and path != "-" else None
        result = self._linter(values["client"], values["qos"], values["dialect"], resolved.supplied).lint(
            loaded, named_explicitly=named, build=build)
        if result is None:
            return None
        hidden = filter_result(result, resolved.selection, self.catalog, directives, baseline,
                               None if self.run.write_baseline else MOST_PER_RULE)
        return result, resolved.selection.fail_level, hidden

    def _build_around(self, path: str):
        """repository.Repository.around, the Repository made on first use."""
        from honolint.repository import Repository

        self.repository = Repository(self._builds)
        self._build_around = self.repository.around
        return self._build_around(path)

    def _linter(self, client: Optional[str], qos: str, dialect: Optional[str], supplied):
        key = (client, qos, dialect, id(supplied))
        linter = self.linters.get(key)
        if linter is None:
            from honolint.pipeline import Linter, Options
            from honolint.profiles import DEFAULT_CLIENT, parse_client

            profile = parse_client(client or DEFAULT_CLIENT)
            if profile.note and profile.note not in self.notes and not self.run.quiet:
                self.notes.add(profile.note)
                self.notes_new.append(profile.note)
            linter = self.linters[key] = Linter(Options(profile, qos, dialect, supplied))
        return linter


def exit_code(results, levels) -> int:
    from honolint.filter.selection import fails

    for result, level in zip(results, levels):
        if fails(result, level):
            return EXIT_FINDINGS
    return EXIT_OK
