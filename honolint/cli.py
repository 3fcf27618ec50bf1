"""Command line: `honolint check|effective|rules|explain|dialects`.

Exit codes: 0 no error-severity finding concerns a producer's target class; 1 one does (an
unreadable file, a refused configuration); 2 usage error; 3 internal error.
"""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Optional

import click

from honolint import __version__

if TYPE_CHECKING:
    from honolint.settings import CommandLine

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
EFFECTIVE_FORMATS = ("text", "json")


def _client(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    from honolint.profiles import ClientSpecError, parse_client

    if value is None:
        return None
    try:
        parse_client(value)
    except ClientSpecError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _dialect(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    from honolint.dialects import DETECTION_ORDER

    if value is not None and value not in DETECTION_ORDER:
        raise click.BadParameter(f"'{value}' is not a dialect: choose one of {', '.join(DETECTION_ORDER)}")
    return value


def _rules(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Optional[list[str]]:
    """--select/--ignore: comma lists, repeatable; every code, name or prefix must name a rule."""
    from honolint.selection import split_selectors

    if not values:
        return None
    selectors = split_selectors(values)
    catalog = _catalog()
    for selector in selectors:
        if catalog.expand(selector) is None:
            raise click.BadParameter(f"'{selector}' names no rule: give codes (HL201), names (acks-not-all) or "
                                     "code prefixes (HL2); `honolint rules` lists them")
    return selectors


def _catalog():
    from honolint.rulebook import rule_modules
    from honolint.selection import Catalog

    return Catalog(rule_modules())


def lint_options(formats: tuple[str, ...]):
    """The options of `check` and `effective`; `formats`: the report formats the command writes."""
    return lambda function: _lint_options(function, formats)


def _lint_options(function, formats: tuple[str, ...]):
    options = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True, readable=False, allow_dash=True)),
        click.option("--client", callback=_client,
                     help="client and version: java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]]  [default: java, or "
                          "librdkafka for a file written in librdkafka's property names]"),
        click.option("--qos", type=click.Choice(["at-least-once", "at-most-once"]),
                     help="the class the producers must meet (Hono producers: always at-least-once)  "
                          "[default: at-least-once]"),
        click.option("--dialect", callback=_dialect,
                     help="the file's layout instead of detecting it (`honolint dialects` lists them)"),
        click.option("--config", "config_file", metavar="PATH",
                     type=click.Path(exists=True, dir_okay=False, allow_dash=False),
                     help="the settings file for every path (.honolint.yaml, pyproject.toml or setup.cfg), "
                          "instead of the closest one to each file"),
        click.option("--isolated", is_flag=True, help="ignore every settings file"),
        click.option("--no-inline-ignores", "no_inline", is_flag=True,
                     help="ignore every `# honolint:` comment in the files: suppressions and in-file settings"),
        click.option("--force-exclude", is_flag=True,
                     help="apply the settings file's exclude globs to files named explicitly too (pre-commit)"),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="colour the text report (auto: on a terminal, unless NO_COLOR is set)"),
        click.option("--stdin-filename", help="the name to report for '-' (standard input); its suffix picks the format"),
        click.option("--format", "output_formats", multiple=True, type=click.Choice(formats),
                     help="report format; repeatable, with an --output-file each  [default: text"
                          + ("; github when GITHUB_ACTIONS=true]" if "github" in formats else "]")),
        click.option("--output-file", "output_files", multiple=True, metavar="PATH",
                     type=click.Path(dir_okay=False, allow_dash=True),
                     help="write the report to PATH (- for standard output); repeatable: the n-th --output-file "
                          "takes the n-th --format"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _check_options(function):
    options = [
        click.option("--select", callback=_rules, multiple=True, metavar="RULES",
                     help="only these rules: codes, names or code prefixes (HL2), comma-separated; repeatable. "
                          "Replaces the settings file's select and ignore"),
        click.option("--ignore", callback=_rules, multiple=True, metavar="RULES",
                     help="not these rules: codes, names or code prefixes, comma-separated; repeatable. "
                          "Adds to the settings file's ignore"),
        click.option("--fail-level", type=click.Choice(["error", "warning", "info"]),
                     help="exit with 1 for a finding at or above this severity that concerns a producer's "
                          "target class  [default: error]"),
        click.option("--exit-zero", is_flag=True, help="exit with 0 even when findings fail (usage errors still exit 2)"),
        click.option("-q", "--quiet", is_flag=True,
                     help="text report: only the findings, one line each, no headers, verdicts or summary"),
        click.option("--statistics", is_flag=True, help="text report: the number of findings per rule instead"),
        click.option("--show-settings", is_flag=True,
                     help="print the settings in force for PATH... (or the current directory) and where each "
                          "comes from, then exit"),
        click.option("--baseline", "baseline_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
                     help="report only the findings that FILE (written by --write-baseline) does not hold"),
        click.option("--write-baseline", "write_baseline", metavar="FILE", type=click.Path(dir_okay=False),
                     help="record the findings of this run in FILE, and report none of them"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


class Run:
    """One `check` or `effective` run: what the command line asked for."""

    def __init__(self, view: str, paths: tuple[str, ...], command_line: "CommandLine", outputs: list[tuple[str, str]],
                 color: str, stdin_filename: Optional[str], force_exclude: bool = False, exit_zero: bool = False,
                 quiet: bool = False, statistics: bool = False, show_settings: bool = False,
                 baseline_file: Optional[str] = None, write_baseline: Optional[str] = None) -> None:
        self.view, self.paths, self.command_line, self.outputs = view, paths, command_line, outputs
        self.color, self.stdin_filename, self.force_exclude = color, stdin_filename, force_exclude
        self.exit_zero, self.quiet, self.statistics, self.show_settings = exit_zero, quiet, statistics, show_settings
        self.baseline_file, self.write_baseline = baseline_file, write_baseline


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="honolint")
def cli() -> None:
    """Lint Kafka producer configurations against the delivery semantics of Eclipse Hono's Kafka APIs."""


@cli.command()
@lint_options(CHECK_FORMATS)
@_check_options
def check(paths, client, qos, dialect, config_file, isolated, no_inline, force_exclude, color, stdin_filename,
          output_formats, output_files, select, ignore, fail_level, exit_zero, quiet, statistics, show_settings,
          baseline_file, write_baseline) -> None:
    """Check the producer configurations in PATH... (files, directories, or - for standard input)."""
    from honolint.settings import CommandLine

    if not paths and not show_settings:
        raise click.UsageError("Missing argument 'PATHS...'.")
    if statistics and not output_formats:
        output_formats = ("text",)
    outputs = _outputs(output_formats, output_files, github_default=True)
    if statistics and "text" not in [f for f, _ in outputs]:
        raise click.UsageError("--statistics replaces the text report: add --format text (with an --output-file "
                               "if another format goes to standard output)")
    if write_baseline and os.path.realpath(write_baseline) in [os.path.realpath(f) for _, f in outputs if f != "-"]:
        raise click.UsageError("--write-baseline and an --output-file name the same file")
    command_line = CommandLine(client, qos, dialect, select, ignore or [], fail_level, config_file, isolated,
                               not no_inline)
    _report(Run("findings", paths, command_line, outputs, color, stdin_filename, force_exclude, exit_zero, quiet,
                statistics, show_settings, baseline_file, write_baseline))


@cli.command()
@lint_options(EFFECTIVE_FORMATS)
def effective(paths, client, qos, dialect, config_file, isolated, no_inline, force_exclude, color, stdin_filename,
              output_formats, output_files) -> None:
    """Print each producer's effective configuration: value and origin of every key that matters."""
    from honolint.settings import CommandLine

    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    outputs = _outputs(output_formats, output_files, github_default=False)
    command_line = CommandLine(client, qos, dialect, None, [], None, config_file, isolated, not no_inline)
    _report(Run("effective", paths, command_line, outputs, color, stdin_filename, force_exclude))


def _outputs(formats: tuple[str, ...], files: tuple[str, ...], github_default: bool) -> list[tuple[str, str]]:
    """(format, file) pairs, "-" for standard output. The n-th --output-file takes the n-th --format;
    a single format (or the default one) without --output-file goes to standard output."""
    if not formats:
        default = "github" if github_default and os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        formats = (default,)
    if not files and len(formats) == 1:
        files = ("-",)
    if len(files) != len(formats):
        raise click.UsageError(
            f"{len(formats)} --format and {len(files)} --output-file: give one --output-file for each --format, "
            "in the same order (- for standard output), or a single --format without --output-file")
    if sum(1 for f in files if f == "-") > 1:
        raise click.UsageError("only one --format can go to standard output: give the others an --output-file")
    written = [os.path.realpath(f) for f in files if f != "-"]
    if len(set(written)) != len(written):
        raise click.UsageError("two --format write to the same --output-file")
    for file in files:
        folder = os.path.dirname(os.path.abspath(file))
        if file != "-" and not os.path.isdir(folder):
            raise click.UsageError(f"--output-file {file}: the directory {folder} does not exist")
    return list(zip(formats, files))


def _render(output_format: str, run: Run, results, hidden: int) -> str:
    """Every report format but colour text, as a string. Each module is imported only when used."""
    if output_format == "json":
        from honolint.report.json_report import render
    elif output_format == "sarif":
        from honolint.report.sarif import render
    elif output_format == "github":
        from honolint.report.github import render
    elif output_format == "junit":
        from honolint.report.junit import render
    elif output_format == "gitlab":
        from honolint.report.gitlab import render
    else:
        import io

        stream = io.StringIO()
        _write_text(run, results, hidden, stream, False)
        return stream.getvalue()
    return render(results)


def _write_text(run: Run, results, hidden: int, stream, color: bool) -> None:
    from honolint.report.text import write

    if run.view == "effective":
        from honolint.report.effective_text import effective_lines

        lines = effective_lines(results)
    elif run.statistics:
        lines = _statistics_lines(results, run.quiet)
    elif run.quiet:
        lines = _quiet_lines(results)
    else:
        from honolint.report.text import report_lines

        lines = report_lines(results) + _hidden_lines(hidden)
    write(lines, stream, color)


def _quiet_lines(results):
    """-q: one line per finding, as `path:line:col  CODE  severity: [scope: ]message`; nothing else."""
    from honolint.report.fingerprint import iter_findings
    from honolint.report.text import _finding_line

    lines = []
    for _, producer, finding in iter_findings(results):
        if producer is not None:
            finding = finding._replace(message=f"{producer.spec.scope}: {finding.message}")
        lines.append(_finding_line(finding, ""))
    return lines


def _statistics_lines(results, quiet: bool):
    """--statistics: findings per rule, the most frequent first (as ruff prints them)."""
    from honolint.report.fingerprint import iter_findings

    counts: dict[tuple[str, str], int] = {}
    severities: dict[str, set[str]] = {}
    for _, _, finding in iter_findings(results):
        counts[finding.code, finding.name] = counts.get((finding.code, finding.name), 0) + 1
        severities.setdefault(finding.code, set()).add(finding.severity)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for (code, name), count in rows:
        severity = "/".join(s for s in ("error", "warning", "info") if s in severities[code])
        lines.append([(f"{count:>{width}}", ""), ("  ", ""), (code, min(severities[code], key=_rank)), ("  ", ""),
                      (f"{severity:<8}", ""), ("  ", ""), (name, "")])
    if not quiet:
        total = sum(counts.values())
        lines.append([(f"{total} finding{'s' * (total != 1)} in {len(results)} file{'s' * (len(results) != 1)}",
                       "dim")])
    return lines


def _rank(severity: str) -> int:
    return ("error", "warning", "info").index(severity)


def _report(run: Run) -> None:
    from honolint.settings import SettingsError

    try:
        project = _project(run)
        if run.show_settings:
            _show_settings(run, project)
            sys.exit(EXIT_OK)
        baseline = None
        if run.baseline_file:
            from honolint.baseline import Baseline, BaselineError

            try:
                baseline = Baseline.load(run.baseline_file)
            except BaselineError as exc:
                raise click.UsageError(str(exc)) from None
        if _streams(run):
            _stream(run, project, baseline)
        results, levels, hidden = _lint(run, project, baseline if not run.write_baseline else None)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None
    stdin_name = (run.stdin_filename or "-") if "-" in run.paths else None
    read = {os.path.realpath(r.path) for r in results if r.path not in ("-", stdin_name)}
    written = [file for _, file in run.outputs] + ([run.write_baseline] if run.write_baseline else [])
    for file in written:  # honolint never writes to the files it reads
        if file != "-" and os.path.realpath(file) in read:
            option = "--write-baseline" if file == run.write_baseline else "--output-file"
            raise click.UsageError(f"{option} {file} is one of the files checked")
    if run.write_baseline:
        hidden += _write_baseline(run, results)
    for output_format, file in run.outputs:
        if file == "-":
            if output_format == "text":
                _write_text(run, results, hidden, sys.stdout, _use_color(run.color))
            else:
                sys.stdout.write(_render(output_format, run, results, hidden))
            continue
        text = _render(output_format, run, results, hidden)  # files never get colour
        _write_file(file, text, "--output-file")
    if run.exit_zero:
        sys.exit(EXIT_OK)
    sys.exit(_exit_code(results, levels))


def _streams(run: Run) -> bool:
    """One text or JSON report to standard output needs no second look at any file: write each file's
    result as it is made and keep none (10,000 files in the memory of one)."""
    ((output_format, file),) = run.outputs if len(run.outputs) == 1 else ((None, None),)
    return (file == "-" and output_format in ("text", "json") and run.view != "effective" and not run.quiet
            and not run.statistics and not run.write_baseline)


def _stream(run: Run, project, baseline) -> None:
    from honolint.selection import fails

    failed, hidden = False, 0

    def results():
        nonlocal failed, hidden
        for result, level, dropped in _each_result(run, project, baseline):
            failed = failed or fails(result, level)
            hidden += dropped
            yield result

    if run.outputs[0][0] == "json":
        from honolint.report.json_report import write

        write(results(), sys.stdout)
    else:
        from honolint.report.json_report import Summary
        from honolint.report.text import LineWriter, file_lines, summary_line

        writer, summary = LineWriter(sys.stdout, _use_color(run.color)), Summary()
        for result in results():
            writer.write(file_lines(result))
            summary.add(result)
        writer.write([summary_line(summary)] + _hidden_lines(hidden))
    sys.exit(EXIT_OK if run.exit_zero or not failed else EXIT_FINDINGS)


def _hidden_lines(hidden: int) -> list:
    if not hidden:
        return []
    return [[(f"{hidden} finding{'s' * (hidden != 1)} not shown: ignored, suppressed in the file or in the baseline",
              "dim")]]


def _write_file(file: str, text: str, option: str) -> None:
    try:
        with open(file, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            stream.write(text)
    except OSError as exc:
        click.echo(f"honolint: cannot write {option} {file}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)


def _write_baseline(run: Run, results) -> int:
    """Record every finding left in FILE, then drop them from the report: they are the baseline now."""
    from honolint.baseline import render
    from honolint.report.fingerprint import iter_findings

    found = [(result.path, producer.spec.scope if producer else None, finding)
             for result, producer, finding in iter_findings(results)]
    _write_file(run.write_baseline, render(found, run.write_baseline), "--write-baseline")
    if not run.quiet:
        click.echo(f"honolint: wrote {len(found)} finding{'s' * (len(found) != 1)} to {run.write_baseline}", err=True)
    for result in results:
        result.findings = []
        for producer in result.producers:
            producer.findings = []
    return len(found)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List the rules: code, name, severity, QoS classes, summary."""
    from honolint.rulebook import rule_modules

    modules = rule_modules()
    if output_format == "json":
        import json

        catalog = [{"code": m.CODE, "name": m.NAME, "severity": m.SEVERITY, "classes": list(m.CLASSES),
                    "summary": m.SUMMARY} for m in modules]
        click.echo(json.dumps(catalog, indent=2))
        return
    for m in modules:
        classes = ",".join("ALO" if c == "at-least-once" else "AMO" for c in m.CLASSES)
        click.echo(f"{m.CODE}  {m.NAME:<32} {m.SEVERITY:<8} {classes:<8} {m.SUMMARY}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of RULE (a code such as HL201, or a name such as acks-not-all)."""
    from honolint.rulebook import find_rule

    module = find_rule(rule)
    if module is None:
        raise click.UsageError(f"no rule '{rule}': `honolint rules` lists them")
    classes = ", ".join(module.CLASSES)
    click.echo(f"{module.CODE} {module.NAME} ({module.SEVERITY}; {classes})\n")
    click.echo((module.__doc__ or "").strip())


@cli.command()
def dialects() -> None:
    """List the configuration layouts honolint reads, and how each is recognised."""
    from honolint.dialects import DETECTION_ORDER, dialect_module

    for name in DETECTION_ORDER:
        module = dialect_module(name)
        click.echo(f"{name:<20} {module.SUMMARY}\n{'':<21}detected by: {module.DETECTION}")


# ---------------------------------------------------------------------------------------------


def _project(run: Run):
    from honolint.settings import Project

    return Project(run.command_line, _catalog())


def _lint(run: Run, project, baseline):
    """Every file's result, filtered (selection.py); the fail level of each; how many findings were dropped."""
    results, levels, hidden = [], [], 0
    for result, level, dropped in _each_result(run, project, baseline):
        results.append(result)
        levels.append(level)
        hidden += dropped
    return results, levels, hidden


def _each_result(run: Run, project, baseline):
    """(result, fail level, findings dropped) for each file, one file at a time."""
    from honolint.load import MAX_BYTES, load_bytes, read_file

    linter = _Linters(run, project)
    seen: set[str] = set()

    def lint(loaded, path, named):
        return linter.lint(loaded, path, named, baseline)

    for path in run.paths:
        if path == "-":
            name = run.stdin_filename or "-"
            if run.force_exclude and run.stdin_filename and project.excluded(name):
                continue
            loaded = load_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), name)
            outcome = lint(loaded, name if run.stdin_filename else "-", True)
            if outcome is not None:
                yield outcome
            continue
        named = not os.path.isdir(path)
        if named and run.force_exclude and project.excluded(path):
            continue
        for file in [path] if named else project.walk(path):
            if os.path.abspath(file) not in seen:  # a file named and also found in a directory: once
                seen.add(os.path.abspath(file))
                outcome = lint(read_file(file), file, named)
                if outcome is not None:
                    yield outcome


class _Linters:
    """A Linter per distinct (client, qos, dialect): files of one project usually share one."""

    def __init__(self, run: Run, project) -> None:
        self.run, self.project = run, project
        self.catalog = project.catalog
        self.linters: dict[tuple, object] = {}
        self.notes: set[str] = set()

    def lint(self, loaded, path: str, named: bool, baseline):
        from honolint.selection import filter_result

        resolved = self.project.resolve(path, is_dir=False)
        directives = None
        values = {key: resolved.value(key) for key in ("client", "qos", "dialect")}
        given = resolved.source("client") != "default"
        if loaded.directives and self.run.command_line.inline:
            from honolint.directives import parse

            directives = parse(loaded.directives, self.catalog.expand, _check_in_file_setting)
            for key, (value, _) in directives.settings.items():
                if not resolved.source(key).startswith("command line"):
                    values[key] = value
                    given = given or key == "client"
        result = self._linter(values["client"], values["qos"], values["dialect"], given).lint(
            loaded, named_explicitly=named)
        if result is None:
            return None
        hidden = filter_result(result, resolved.selection, self.catalog, directives, baseline)
        return result, resolved.selection.fail_level, hidden

    def _linter(self, client: Optional[str], qos: str, dialect: Optional[str], given: bool):
        key = (client, qos, dialect, given)
        linter = self.linters.get(key)
        if linter is None:
            from honolint.pipeline import Linter, Options
            from honolint.profiles import DEFAULT_CLIENT, parse_client

            profile = parse_client(client or DEFAULT_CLIENT)
            if profile.note and profile.note not in self.notes and not self.run.quiet:
                self.notes.add(profile.note)
                click.echo(f"honolint: note: {profile.note}", err=True)
            linter = self.linters[key] = Linter(Options(client=profile, qos=qos, dialect=dialect, client_given=given))
        return linter


def _check_in_file_setting(key: str, value: str) -> Optional[str]:
    """None when `# honolint: KEY=VALUE` can be applied, else what is wrong with it."""
    if key == "qos":
        return None if value in ("at-least-once", "at-most-once") else \
            f"'{value}' is not a QoS class: use at-least-once or at-most-once"
    if key == "dialect":
        from honolint.dialects import DETECTION_ORDER

        return None if value in DETECTION_ORDER else \
            f"'{value}' is not a dialect: use one of {', '.join(DETECTION_ORDER)}"
    from honolint.profiles import ClientSpecError, parse_client

    try:
        parse_client(value)
    except ClientSpecError as exc:
        return str(exc)
    return None


def _exit_code(results, levels) -> int:
    from honolint.selection import fails

    for result, level in zip(results, levels):
        if fails(result, level):
            return EXIT_FINDINGS
    return EXIT_OK


def _show_settings(run: Run, project) -> None:
    """--show-settings: for each path (or the current directory), each setting, its value, its source."""
    from honolint.load import read_file
    from honolint.settings import shown_path

    targets = [p for p in run.paths] or [None]
    for index, path in enumerate(targets):
        if path == "-":
            path = run.stdin_filename or None
        resolved = project.resolve(path)
        shown = path if path is not None else "."
        click.echo(("\n" if index else "") + f"settings for {shown}")
        settings = resolved.settings_file
        rows = [("settings file", "none found" if settings is None else
                 (f"{shown_path(settings.path)} {settings.section}".strip()),
                 "--config" if run.command_line.config else ("--isolated" if run.command_line.isolated else
                                                             "closest to the path"))]
        in_file = {}
        if path is not None and os.path.isfile(path) and run.command_line.inline:
            from honolint.directives import parse

            loaded = read_file(path)
            if loaded.directives:
                in_file = parse(loaded.directives, project.catalog.expand, _check_in_file_setting).settings
        for key in ("client", "qos", "dialect"):
            value, source = resolved.values[key]
            if key in in_file and not source.startswith("command line"):
                value, source = in_file[key][0], f"in-file directive ({path}:{in_file[key][1]})"
            default_text = {"client": "java (librdkafka for a file in librdkafka's names)",
                            "dialect": "detected from each file", "qos": value}[key]
            rows.append((key, value if value is not None else default_text, source))
        for key in ("include", "exclude"):
            value, source = resolved.values[key]
            rows.append((key, ", ".join(value) if value else "(none)", source))
        if not resolved.rule_sources:
            rows.append(("select", "every rule", "default"))
        for kind, selectors, source in resolved.rule_sources:
            rows.append((kind, selectors, source))
        enabled, every = resolved.selection.enabled, project.catalog.codes
        if enabled == every:
            in_force = f"all {len(every)} rules"
        elif len(enabled) <= len(every) // 2:
            in_force = ", ".join(sorted(enabled)) or "none"
        else:
            in_force = "all but " + ", ".join(sorted(every - enabled))
        rows.append(("rules in force", in_force, "select and ignore above"))
        by_source: dict[str, list[str]] = {}
        for code in sorted(resolved.selection.severity):
            by_source.setdefault(resolved.severity_sources[code], []).append(code)
        for source, codes in by_source.items():
            level = resolved.selection.severity[codes[0]]
            rows.append(("severity", f"{level}: {', '.join(codes)}", source))
        rows.append(("fail-level", *resolved.values["fail-level"]))
        rows.append(("inline ignores", "on" if run.command_line.inline else "off",
                     "default" if run.command_line.inline else "command line (--no-inline-ignores)"))
        if settings is not None and settings.data.get("overrides") and (path is None or os.path.isdir(path)):
            for glob, override in settings.data["overrides"].items():
                text = ", ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in override.items())
                rows.append((f"override {glob}", text, settings.where("overrides", glob)))
        width = max(len(name) for name, _, _ in rows)
        value_width = min(max(len(str(value)) for _, value, _ in rows), 48)
        for name, value, source in rows:
            click.echo(f"  {name:<{width}}  {str(value):<{value_width}}  ({source})")


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def main() -> None:
    try:
        cli.main(prog_name="honolint")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug of ours: say so, never pass as a clean or a failing lint
        import traceback

        sys.stderr.write(f"honolint: internal error (please report it): {type(exc).__name__}: {exc}\n")
        if os.environ.get("HONOLINT_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)
