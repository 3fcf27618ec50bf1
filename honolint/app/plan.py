"""One `check` or `effective` run as the command line asks for it: what to lint, which settings, which reports
to which files. Both command-line readers (cli.py, argv.py) build it; run.py executes it."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from honolint.settings.project import CommandLine


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
    from honolint.settings.project import CommandLine

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
    from honolint.settings.project import CommandLine

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
