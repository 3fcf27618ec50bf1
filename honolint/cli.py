"""Command line: `honolint check|effective|rules|explain|dialects`.

Exit codes: 0 no error-severity finding concerns a producer's target class; 1 one does (an
unreadable file, a refused configuration); 2 usage error; 3 internal error.
"""
from __future__ import annotations

import os
import sys
from typing import Optional

import click

from honolint import __version__
from honolint import run as _run
from honolint.run import EXIT_INTERNAL, Run, report

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
    catalog = _run.catalog()
    for selector in selectors:
        if catalog.expand(selector) is None:
            raise click.BadParameter(f"'{selector}' names no rule: give codes (HL201), names (acks-not-all) or "
                                     "code prefixes (HL2); `honolint rules` lists them")
    return selectors


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
        click.option("--jobs", "-j", type=click.IntRange(0, 64), default=0, metavar="N",
                     help="lint in N processes when one text or JSON report goes to standard output; "
                          "0 (default): one per CPU core, with at least 100 files for each"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="honolint")
def cli() -> None:
    """Lint Kafka producer configurations against the delivery semantics of Eclipse Hono's Kafka APIs."""


@cli.command()
@lint_options(CHECK_FORMATS)
@_check_options
def check(paths, client, qos, dialect, config_file, isolated, no_inline, force_exclude, color, stdin_filename,
          output_formats, output_files, select, ignore, fail_level, exit_zero, quiet, statistics, show_settings,
          baseline_file, write_baseline, jobs) -> None:
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
    report(Run("findings", paths, command_line, outputs, color, stdin_filename, force_exclude, exit_zero, quiet,
                statistics, show_settings, baseline_file, write_baseline, jobs))


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
    report(Run("effective", paths, command_line, outputs, color, stdin_filename, force_exclude))


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
