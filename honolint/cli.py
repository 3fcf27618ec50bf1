"""Command line: `honolint check|effective|rules|explain|dialects`, read by click. The console script
(entry.py) reads the usual `check` command lines without it (argv.py).

Exit codes: 0 no error-severity finding concerns a producer's target class; 1 one does (an
unreadable file, a refused configuration); 2 usage error; 3 internal error.
"""
from __future__ import annotations

from typing import Optional

import click

from honolint import __version__
from honolint.options import (CHECK_FORMATS, COLORS, EFFECTIVE_FORMATS, FAIL_LEVELS, MOST_JOBS, QOS_CLASSES,
                              client_problem, dialect_problem, rule_selectors)
from honolint.run import UsageError, check_run, effective_run, report
from honolint.supplied import define_problem


class _Path(click.Path):
    """click.Path that says what is wrong with an empty path instead of "Path '' does not exist"."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value:
            self.fail("'': an empty path names no file", param, ctx)
        return super().convert(value, param, ctx)


def _client(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    problem = client_problem(value) if value is not None else None
    if problem:
        raise click.BadParameter(problem)
    return value


def _dialect(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    problem = dialect_problem(value) if value is not None else None
    if problem:
        raise click.BadParameter(problem)
    return value


def _defines(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        problem = define_problem(value)
        if problem:
            raise click.BadParameter(problem)
    return values


def _rules(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Optional[list[str]]:
    if not values:
        return None
    selectors, problem = rule_selectors(values)
    if problem:
        raise click.BadParameter(problem)
    return selectors


def lint_options(formats: tuple[str, ...]):
    """The options of `check` and `effective`; `formats`: the report formats the command writes."""
    return lambda function: _lint_options(function, formats)


def _lint_options(function, formats: tuple[str, ...]):
    options = [
        click.argument("paths", nargs=-1, type=_Path(exists=True, readable=False, allow_dash=True)),
        click.option("--client", callback=_client,
                     help="client and version: java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]]  [default: java, or "
                          "librdkafka for a file written in librdkafka's property names]"),
        click.option("--qos", type=click.Choice(QOS_CLASSES),
                     help="the class the producers must meet (Hono producers: always at-least-once)  "
                          "[default: at-least-once]"),
        click.option("--dialect", callback=_dialect,
                     help="the file's layout instead of detecting it (`honolint dialects` lists them)"),
        click.option("--config", "config_file", metavar="PATH",
                     type=_Path(exists=True, dir_okay=False, allow_dash=False),
                     help="the settings file for every path (.honolint.yaml, pyproject.toml or setup.cfg), "
                          "instead of the closest one to each file"),
        click.option("--isolated", is_flag=True, help="ignore every settings file"),
        click.option("--define", "defines", multiple=True, metavar="NAME=VALUE", callback=_defines,
                     help="the value the deployment gives a name that expressions refer to (${NAME}, ${NAME:default}, "
                          "Maven's ${name} and @name@, ${env:NAME}); repeatable. Wins over --define-file and the "
                          "settings file's defines"),
        click.option("--define-file", "define_files", multiple=True, metavar="FILE",
                     type=_Path(exists=True, dir_okay=False),
                     help="NAME=VALUE lines (.properties, or .env syntax for a .env file) to use as --define; "
                          "repeatable, a later file wins"),
        click.option("--no-inline-ignores", "no_inline", is_flag=True,
                     help="ignore every `# honolint:` comment in the files: suppressions and in-file settings"),
        click.option("--force-exclude", is_flag=True,
                     help="apply the settings file's exclude globs to files named explicitly too (pre-commit)"),
        click.option("--color", type=click.Choice(COLORS), default="auto", show_default=True,
                     help="colour the text report (auto: on a terminal, unless NO_COLOR is set)"),
        click.option("--stdin-filename", help="the name to report for '-' (standard input); its suffix picks the format"),
        click.option("--format", "output_formats", multiple=True, type=click.Choice(formats),
                     help="report format; repeatable, with an --output-file each  [default: text"
                          + ("; github when GITHUB_ACTIONS=true]" if "github" in formats else "]")),
        click.option("--output-file", "output_files", multiple=True, metavar="PATH",
                     type=_Path(dir_okay=False, allow_dash=True),
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
        click.option("--fail-level", type=click.Choice(FAIL_LEVELS),
                     help="exit with 1 for a finding at or above this severity that concerns a producer's "
                          "target class  [default: error]"),
        click.option("--exit-zero", is_flag=True, help="exit with 0 even when findings fail (usage errors still exit 2)"),
        click.option("-q", "--quiet", is_flag=True,
                     help="text report: only the findings, one line each, no headers, verdicts or summary"),
        click.option("--statistics", is_flag=True, help="text report: the number of findings per rule instead"),
        click.option("--show-infos", is_flag=True,
                     help="text report: list the infos too (else the summary counts them; JSON, SARIF and the "
                          "other formats always hold them)"),
        click.option("--show-settings", is_flag=True,
                     help="print the settings in force for PATH... (or the current directory) and where each "
                          "comes from, then exit"),
        click.option("--baseline", "baseline_file", metavar="FILE", type=_Path(exists=True, dir_okay=False),
                     help="report only the findings that FILE (written by --write-baseline) does not hold"),
        click.option("--write-baseline", "write_baseline", metavar="FILE", type=_Path(dir_okay=False),
                     help="record the findings of this run in FILE, and report none of them"),
        click.option("--jobs", "-j", type=click.IntRange(0, MOST_JOBS), default=0, metavar="N",
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
def check(**params) -> None:
    """Check the producer configurations in PATH... (files, directories, or - for standard input)."""
    _said_by_click(lambda: report(check_run(**params)))


@cli.command()
@lint_options(EFFECTIVE_FORMATS)
def effective(**params) -> None:
    """Print each producer's effective configuration: value and origin of every key that matters."""
    _said_by_click(lambda: report(effective_run(**params)))


def _said_by_click(action) -> None:
    """Run `action`; a UsageError it raises is said as click says its own, with the usage line, exit 2."""
    try:
        action()
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


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
