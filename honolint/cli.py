"""Command line: `honolint check|effective|rules|explain|dialects`, read by click. The console script
(entry.py) reads the usual `check` command lines without it (argv.py).

Exit codes: 0 no error-severity finding concerns a producer's target class; 1 one does (an
unreadable file, a refused configuration); 2 usage error; 3 internal error.
"""
from __future__ import annotations

import errno
import sys
from typing import Optional

import click

from honolint import __version__
from honolint.settings.choices import client_problem, dialect_problem, rule_selectors
from honolint.app.options import CHECK_OPTIONS, EFFECTIVE_OPTIONS, Option
from honolint.app.plan import UsageError, check_run, effective_run
from honolint.app.run import execute
from honolint.settings.supplied import define_problem


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


_CHECKS = {"client": _client, "dialect": _dialect, "rules": _rules, "defines": _defines}


def _click_option(option: Option):
    """The click option of one row of the option table."""
    extra: dict = {}
    if option.kind == "flag":
        extra["is_flag"] = True
    elif option.kind == "many":
        extra["multiple"] = True
    if option.choices is not None:
        extra["type"] = click.Choice(option.choices)
    elif option.most is not None:
        extra["type"] = click.IntRange(0, option.most)
    elif option.path is not None:
        extra["type"] = _Path(exists=option.path.exists, dir_okay=option.path.dir_okay,
                              allow_dash=option.path.allow_dash)
    if option.check is not None:
        extra["callback"] = _CHECKS[option.check]
    if option.default is not None:
        extra["default"] = option.default
    if option.show_default:
        extra["show_default"] = True
    if option.metavar is not None:
        extra["metavar"] = option.metavar
    return click.option(*option.names, option.param, help=option.help, **extra)


def _with_options(options: tuple[Option, ...]):
    """A command's PATHS argument and its options, from the option table (options.py)."""
    def decorate(function):
        for option in reversed(options):
            function = _click_option(option)(function)
        return click.argument("paths", nargs=-1, type=_Path(exists=True, readable=False, allow_dash=True))(function)
    return decorate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="honolint")
def cli() -> None:
    """Lint Kafka producer configurations against the delivery semantics of Eclipse Hono's Kafka APIs."""


@cli.command()
@_with_options(CHECK_OPTIONS)
def check(**params) -> int:
    """Check the producer configurations in PATH... (files, directories, or - for standard input)."""
    return _said_by_click(lambda: execute(check_run(**params)))


@cli.command()
@_with_options(EFFECTIVE_OPTIONS)
def effective(**params) -> int:
    """Print each producer's effective configuration: value and origin of every key that matters."""
    return _said_by_click(lambda: execute(effective_run(**params)))


def _said_by_click(action) -> int:
    """Run `action` for its exit code; a UsageError it raises is said as click says its own, with the usage
    line, exit 2."""
    try:
        return action()
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


def main_by_click(args: list[str]) -> None:
    """click reads the command line; its errors name what was given (a path, an option), escaped."""
    from honolint.report.escape import said

    try:
        code = cli.main(args, prog_name="honolint", standalone_mode=False)
    except click.ClickException as exc:
        exc.message = said(exc.message)
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def say_usage_error(message: str) -> None:
    """A UsageError raised while `check` ran, said as click says it (cli.py), with `check`'s usage line."""
    from honolint.report.escape import said

    context = click.Context(check, info_name="check", parent=click.Context(cli, info_name="honolint"))
    click.UsageError(said(message), context).show()
    sys.exit(click.UsageError.exit_code)
