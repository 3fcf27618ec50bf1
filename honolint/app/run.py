"""Executing one `check` or `effective` run (plan.py): its files linted (linting.py) and handed to the report
formats. A run's only report is written file by file, keeping no result: a text or JSON report to standard
output in several processes for a long list (processes.py), any other format's through its Streamed writer;
several reports are made from the results kept. execute() answers the exit code (entry.py and cli.py alone
end the process).
"""
from __future__ import annotations

import os
import sys

from honolint.app.linting import Linters, exit_code, inputs_of, lint_all, outcomes, project_of, say_notes
from honolint.app.plan import Run, UsageError
from honolint.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Stop
from honolint.report.escape import printable
from honolint.report.formats import BY_NAME


def execute(run: Run) -> int:
    """Lint every file of the run and write its reports; its exit code."""
    try:
        return _execute(run)
    except Stop as stop:  # said already
        return stop.code


def _execute(run: Run) -> int:
    from honolint.settings.file import SettingsError

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
            from honolint.filter.baseline import Baseline, BaselineError

            try:
                baseline = Baseline.load(run.baseline_file)
            except BaselineError as exc:
                raise UsageError(str(exc)) from None
        if streams(run):
            return stream(run, project, baseline)
        writer = _streamed_alone(run)
        if writer is not None:
            return _stream_alone(run, project, baseline, writer)
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
    linters = Linters(run, project)
    inputs = inputs_of(run, project)

    def outcomes_of(files):
        return outcomes(run, linters, baseline, files)

    as_json = run.outputs[0][0] == "json"
    jobs = 1 if "-" in run.paths else run.jobs  # standard input is read once, by this process
    failed, _ = write_report(outcomes_of, list(inputs), as_json, not as_json and use_color(run.color), jobs,
                             run.show_infos)
    return EXIT_OK if run.exit_zero or not failed else EXIT_FINDINGS


def _streamed_alone(run: Run):
    """The writer of the run's only report when its format has one that writes file by file (JSON to a file,
    SARIF, GitLab, JUnit: code scanning's and merge requests' usual steps), else None."""
    if len(run.outputs) != 1 or run.view == "effective" or run.write_baseline:
        return None
    module = BY_NAME[run.outputs[0][0]].module
    if module is None:  # the text report: streamed by stream() to standard output, else built whole
        return None
    from importlib import import_module

    return getattr(import_module(f"honolint.report.{module}"), "Streamed", None)


def _stream_alone(run: Run, project, baseline, writer_class) -> int:
    from honolint.filter.selection import fails
    from honolint.writes import atomic

    failed = False

    def write(out) -> None:
        nonlocal failed
        writer = writer_class(out)
        for outcome in outcomes(run, Linters(run, project), baseline, inputs_of(run, project)):
            say_notes(outcome.notes)
            if outcome.result is not None:
                writer.add(outcome.result)
                failed = failed or fails(outcome.result, outcome.level)
        writer.close()

    file = run.outputs[0][1]
    if file == "-":
        write(sys.stdout)
    else:
        try:
            with atomic(file, before=lambda: refuse_overwriting_reads(run, project)) as out:
                write(out)
        except OSError as exc:
            _cannot_write(file, "--output-file", exc)
    return EXIT_OK if run.exit_zero or not failed else EXIT_FINDINGS


def _cannot_write(file: str, option: str, exc: OSError) -> None:
    sys.stderr.write(printable(f"honolint: cannot write {option} {file}: {exc.strerror or exc}") + "\n")
    raise Stop(EXIT_USAGE) from None


def write_file(file: str, text: str, option: str) -> None:
    from honolint.writes import write_atomic

    try:
        write_atomic(file, text)
    except OSError as exc:
        _cannot_write(file, option, exc)


def write_baseline(run: Run, results) -> int:
    """Record every finding left in FILE, then drop them from the report: they are the baseline now."""
    from honolint.filter.baseline import render
    from honolint.filter.fingerprint import iter_findings

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
    from honolint.app.processes import Team, processes
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
