"""One `check` or `effective` run: which files, which settings, which linter for each, which reports.

The command line (cli.py; argv.py for `check` on the hot path) builds a Run; execute() lints the files
one at a time and hands the results to the report formats, streaming a single text or JSON report to
standard output, and answers the exit code (entry.py and cli.py alone end the process).
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Optional

from honolint.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Stop
from honolint.report.escape import printable
from honolint.report.formats import BY_NAME
from honolint.report.stream import Outcome
from honolint.choices import catalog, check_in_file_setting
from honolint.selection import MOST_PER_RULE, filter_result

if TYPE_CHECKING:
    from honolint.settings import CommandLine


class UsageError(Exception):
    """A command line that cannot run (exit 2); the front end that read it says so, with its usage line."""


class Run:
    """One `check` or `effective` run: what the command line asked for."""

    def __init__(self, view: str, paths: tuple[str, ...], command_line: "CommandLine", outputs: list[tuple[str, str]],
                 color: str, stdin_filename: Optional[str], force_exclude: bool = False, exit_zero: bool = False,
                 quiet: bool = False, statistics: bool = False, show_settings: bool = False,
                 baseline_file: Optional[str] = None, write_baseline: Optional[str] = None, jobs: int = 0,
                 show_infos: bool = False) -> None:
        self.view, self.paths, self.command_line, self.outputs = view, paths, command_line, outputs
        self.show_infos = show_infos  # the text report lists infos (else it counts them)
        self.color, self.stdin_filename, self.force_exclude = color, stdin_filename, force_exclude
        self.exit_zero, self.quiet, self.statistics, self.show_settings = exit_zero, quiet, statistics, show_settings
        self.baseline_file, self.write_baseline, self.jobs = baseline_file, write_baseline, jobs
        writes = write_baseline or any(file != "-" for _, file in outputs)
        self.read: Optional[list[str]] = [] if writes else None  # files walked or named, when it writes (writes.py)


def check_run(paths, client, qos, dialect, config_file, isolated, no_inline, force_exclude, color, stdin_filename,
              output_formats, output_files, select, ignore, fail_level, exit_zero, quiet, statistics, show_settings,
              baseline_file, write_baseline, jobs, defines=(), define_files=(), show_infos=False) -> Run:
    """`honolint check`'s Run, from the parameters its command line gives (cli.py or argv.py)."""
    from honolint.settings import CommandLine

    if not paths and not show_settings:
        raise UsageError("Missing argument 'PATHS...'.")
    if statistics and not output_formats:
        output_formats = ("text",)
    outputs = outputs_of(output_formats, output_files, github_default=True)
    if statistics and "text" not in [f for f, _ in outputs]:
        raise UsageError("--statistics replaces the text report: add --format text (with an --output-file "
                         "if another format goes to standard output)")
    if write_baseline is not None:
        _writable(write_baseline, "--write-baseline")
    if write_baseline and _file_key(write_baseline) in [_file_key(f) for _, f in outputs if f != "-"]:
        raise UsageError("--write-baseline and an --output-file name the same file")
    command_line = CommandLine(client, qos, dialect, select, ignore or [], fail_level, config_file, isolated,
                               not no_inline, tuple(defines), tuple(define_files))
    return Run("findings", paths, command_line, outputs, color, stdin_filename, force_exclude, exit_zero, quiet,
               statistics, show_settings, baseline_file, write_baseline, jobs, show_infos)


def effective_run(paths, client, qos, dialect, config_file, isolated, no_inline, force_exclude, color,
                  stdin_filename, output_formats, output_files, defines=(), define_files=()) -> Run:
    """`honolint effective`'s Run, from the parameters its command line gives (cli.py)."""
    from honolint.settings import CommandLine

    if not paths:
        raise UsageError("Missing argument 'PATHS...'.")
    outputs = outputs_of(output_formats, output_files, github_default=False)
    command_line = CommandLine(client, qos, dialect, None, [], None, config_file, isolated, not no_inline,
                               tuple(defines), tuple(define_files))
    return Run("effective", paths, command_line, outputs, color, stdin_filename, force_exclude)


def outputs_of(formats: tuple[str, ...], files: tuple[str, ...], github_default: bool) -> list[tuple[str, str]]:
    """(format, file) pairs, "-" for standard output. The n-th --output-file takes the n-th --format;
    a single format (or the default one) without --output-file goes to standard output."""
    if not formats:
        default = "github" if github_default and os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        formats = (default,)
    if not files and len(formats) == 1:
        files = ("-",)
    if len(files) != len(formats):
        raise UsageError(
            f"{len(formats)} --format and {len(files)} --output-file: give one --output-file for each --format, "
            "in the same order (- for standard output), or a single --format without --output-file")
    if sum(1 for f in files if f == "-") > 1:
        raise UsageError("only one --format can go to standard output: give the others an --output-file")
    written = [_file_key(f) for f in files if f != "-"]
    if len(set(written)) != len(written):
        raise UsageError("two --format write to the same --output-file")
    for file in files:
        if file != "-":
            _writable(file, "--output-file")
    return list(zip(formats, files))


def _file_key(file: str):
    """What tells two destinations apart: the file's device and inode (a hard link is the same file),
    else, for a file not written yet, its real path."""
    from honolint.writes import identity

    return identity(file) or os.path.realpath(file)


def _writable(file: str, option: str) -> None:
    """UsageError for a destination honolint cannot or will not write (writes.py)."""
    from honolint.writes import WriteRefused, refuse_link

    if not file:
        raise UsageError(f"{option} '': an empty path names no file")
    folder = os.path.dirname(os.path.abspath(file))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {file}: the directory {folder} does not exist")
    try:
        refuse_link(file, option)
    except WriteRefused as exc:
        raise UsageError(str(exc)) from None


def execute(run: Run) -> int:
    """Lint every file of the run and write its reports; its exit code."""
    try:
        return _execute(run)
    except Stop as stop:  # said already
        return stop.code


def _execute(run: Run) -> int:
    from honolint.settings_file import SettingsError

    if hasattr(sys.stdout, "reconfigure"):  # what standard output cannot encode is escaped, never an error
        to_stdout = [output_format for output_format, file in run.outputs if file == "-"]
        output_format = to_stdout[0] if to_stdout else "text"
        if BY_NAME[output_format].machine and not _utf8(sys.stdout):
            # a machine's report on a non-UTF-8 standard output (LANG=C, PYTHONIOENCODING=latin-1): all ASCII,
            # the rest as the format's own escapes, so that it is the same document in any ASCII-based encoding
            sys.stdout.reconfigure(encoding="ascii", errors=escapes_for(output_format))
        else:
            sys.stdout.reconfigure(errors=escapes_for(output_format))
    try:
        project = project_of(run)
        if run.show_settings:
            from honolint.report.settings_text import show_settings

            show_settings(run.paths, run.stdin_filename, run.command_line, project, sys.stdout)
            return EXIT_OK
        baseline = None
        if run.baseline_file:
            from honolint.baseline import Baseline, BaselineError

            try:
                baseline = Baseline.load(run.baseline_file)
            except BaselineError as exc:
                raise UsageError(str(exc)) from None
        if streams(run):
            return stream(run, project, baseline)
        results, levels, hidden = lint_all(run, project, baseline if not run.write_baseline else None)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    refuse_overwriting_reads(run, project)
    if run.write_baseline:
        hidden += write_baseline(run, results)
    from honolint.report.output import TextView, render_report, write_text  # a streamed run never gets here

    view = TextView(run.view, run.statistics, run.quiet, run.show_infos)

    for output_format, file in run.outputs:
        if file == "-":
            if output_format == "text":
                write_text(view, results, hidden, sys.stdout, use_color(run.color), levels)
            else:
                sys.stdout.write(render_report(output_format, view, results, hidden, levels))
            continue
        text = render_report(output_format, view, results, hidden, levels)  # files never get colour
        write_file(file, text, "--output-file")
    return EXIT_OK if run.exit_zero else exit_code(results, levels)


def refuse_overwriting_reads(run: Run, project) -> None:
    """UsageError, before anything is written, when a destination is a file the run read (writes.py)."""
    destinations = [("--output-file", file) for _, file in run.outputs if file != "-"]
    if run.write_baseline:
        destinations.append(("--write-baseline", run.write_baseline))
    if not destinations:
        return
    from honolint.writes import WriteRefused, refuse_read

    cli = run.command_line
    given = [run.stdin_filename, run.baseline_file, *cli.define_files]
    read = [*(run.read or ()), *project.settings_read, *(file for file in given if file)]
    try:
        refuse_read(destinations, read)
    except WriteRefused as exc:
        raise UsageError(str(exc)) from None


def _utf8(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        return False


def escapes_for(output_format: str) -> str:
    """The codec error handler for a report on standard output: a file name that is not UTF-8, or text
    a non-UTF-8 terminal cannot show, written escaped (`\\xe9`), in JSON as JSON escapes it
    (`\\u00e9`), so that the report still parses, and in JUnit as an XML character reference (`&#233;`)."""
    escapes = BY_NAME[output_format].escapes
    if escapes == "xml":
        import codecs

        codecs.register_error("honolint-xml", _xml_escapes)
        return "honolint-xml"
    if escapes != "json":
        return "backslashreplace"
    import codecs
    import json

    def json_escapes(error: UnicodeError) -> tuple[str, int]:  # only ever met inside a JSON string
        if not isinstance(error, UnicodeEncodeError):
            raise error
        return json.dumps(error.object[error.start:error.end])[1:-1], error.end  # \uXXXX, and pairs

    codecs.register_error("honolint-json", json_escapes)
    return "honolint-json"


def _xml_escapes(error: UnicodeError) -> tuple[str, int]:
    """JUnit's text and attributes (never its names): a character reference, or `\\xNN` for the lone
    surrogate of a file name's undecodable byte, which XML cannot hold."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else
                   f"\\u{code:04x}" if 0xD800 <= code <= 0xDFFF else f"&#{code};")
    return "".join(out), error.end


def streams(run: Run) -> bool:
    """One text or JSON report to standard output needs no second look at any file: write each file's
    result as it is made and keep none (10,000 files in the memory of one)."""
    ((output_format, file),) = run.outputs if len(run.outputs) == 1 else ((None, None),)
    return (file == "-" and output_format is not None and BY_NAME[output_format].streams
            and run.view != "effective" and not run.quiet and not run.statistics and not run.write_baseline)


def stream(run: Run, project, baseline) -> int:
    linters = _Linters(run, project)
    inputs = _inputs(run, project)

    def outcomes_of(files):
        return _outcomes(run, linters, baseline, files)

    as_json = run.outputs[0][0] == "json"
    jobs = 1 if "-" in run.paths else run.jobs  # standard input is read once, by this process
    failed, _ = write_report(outcomes_of, list(inputs), as_json, not as_json and use_color(run.color), jobs,
                             run.show_infos)
    return EXIT_OK if run.exit_zero or not failed else EXIT_FINDINGS


def write_file(file: str, text: str, option: str) -> None:
    from honolint.writes import write_atomic

    try:
        write_atomic(file, text)
    except OSError as exc:
        sys.stderr.write(printable(f"honolint: cannot write {option} {file}: {exc.strerror or exc}") + "\n")
        raise Stop(EXIT_USAGE) from None


def write_baseline(run: Run, results) -> int:
    """Record every finding left in FILE, then drop them from the report: they are the baseline now."""
    from honolint.baseline import render
    from honolint.fingerprint import iter_findings

    found = [(result.path, producer.spec.scope if producer else None, finding)
             for result, producer, finding in iter_findings(results)]
    write_file(run.write_baseline, render(found, run.write_baseline), "--write-baseline")
    if not run.quiet:
        said = f"{len(found)} finding{'s' * (len(found) != 1)} to {printable(run.write_baseline)}"
        sys.stderr.write(f"honolint: wrote {said}\n")
    for result in results:
        result.findings = []
        for producer in result.producers:
            producer.findings = []
    return len(found)


def project_of(run: Run):
    from honolint.settings import Project

    return Project(run.command_line, catalog())


def lint_all(run: Run, project, baseline):
    """Every file's result, filtered (selection.py); the fail level of each; how many findings were dropped."""
    results, levels, hidden = [], [], 0
    for outcome in _outcomes(run, _Linters(run, project), baseline, _inputs(run, project)):
        say_notes(outcome.notes)
        if outcome.result is not None:
            results.append(outcome.result)
            levels.append(outcome.level)
            hidden += outcome.dropped
    return results, levels, hidden


def say_notes(notes: list[str]) -> None:
    for note in notes:
        sys.stderr.write(f"honolint: note: {printable(note)}\n")


def _inputs(run: Run, project):
    """(file, named explicitly) for each input, "-" for standard input, in the order they are linted."""
    seen: set[str] = set()
    for path in run.paths:
        if path != "-":
            yield from _files(run, project, [path], seen)
        elif not (run.force_exclude and run.stdin_filename and project.excluded(run.stdin_filename)):
            yield "-", True


def _outcomes(run: Run, linters: "_Linters", baseline, inputs):
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


class _Linters:
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
    from honolint.selection import fails

    for result, level in zip(results, levels):
        if fails(result, level):
            return EXIT_FINDINGS
    return EXIT_OK


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def write_report(outcomes_of, files, as_json: bool, color: bool, jobs: int,
                 show_infos: bool = True) -> tuple[bool, int]:
    """Write the report for `files` to standard output; (whether it fails, how many findings were dropped).

    `outcomes_of(files)` yields an Outcome for each file it lints (and one without a result for notes
    said while linting a file that is not reported)."""
    from honolint.processes import Team, processes
    from honolint.report.json_report import closing, opening
    from honolint.report.stream import Items
    from honolint.report.text import summary_line

    out = sys.stdout
    if as_json:
        out.write(opening())
    items = Items(as_json, color, show_infos)
    count = processes(jobs, len(files))
    team = Team.start(outcomes_of, files, count, lambda: Items(as_json, color, show_infos)) if count > 1 else None
    if team is not None:
        team.lint(items, out)
    else:
        items.stretch(out)
        for outcome in outcomes_of(files):
            say_notes(outcome.notes)
            items.add(outcome)
    items.stretch(out)
    if as_json:
        items.chunks.write(closing(items.summary))
    else:
        from honolint.report.output import hidden_lines

        items.lines.write([summary_line(items.summary, items.unlisted)] + hidden_lines(items.hidden))
    items.flush()
    return items.failed, items.hidden
