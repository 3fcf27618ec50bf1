"""`honolint check`'s command line read without click, for the runs that happen on every commit.

Importing click is a third of the start-up of a run over one file (18 ms of 62). This module reads
the command lines a pre-commit hook or a CI step gives, exactly as click would (the same values,
defaults and validation: tests/test_argv.py holds it to click on generated command lines), and
answers None for anything else: help, --version, another command, an option it does not read, a
value click would refuse. click (cli.py) then reads the command line itself and says what is wrong.
"""
from __future__ import annotations

import os

from honolint.settings.choices import client_problem, dialect_problem, rule_selectors
from honolint.app.options import CHECK_OPTIONS, defaults, path_problem

# `check`'s options by every spelling, from the option table (options.py)
_BY_NAME = {name: option for option in CHECK_OPTIONS for name in option.names}
CHECK_DEFAULTS = defaults(CHECK_OPTIONS)
_MANY = tuple(option.param for option in CHECK_OPTIONS if option.kind == "many")


def parse_check(args: list[str]) -> dict | None:
    """`check`'s parameters from `honolint ARGS`, as click's `check` command receives them; None when
    the command line is not one this module reads, or click would refuse it."""
    if args[:1] != ["check"]:
        return None
    params, paths = dict(CHECK_DEFAULTS), []
    repeated: dict[str, list[str]] = {name: [] for name in _MANY}
    rest = iter(args[1:])  # pre-commit passes thousands of file names: no list.pop(0)
    for arg in rest:
        if arg[:1] != "-" or arg == "-":
            paths.append(arg)
            continue
        name, equals, attached = arg.partition("=")
        if arg.startswith("-j") and not arg.startswith("--"):  # -j N, -jN
            name, equals, attached = "-j", arg[2:] != "", arg[2:]
        option = _BY_NAME.get(name)
        if option is None:
            return None  # --help, --version, a misspelt option: click's to say
        if option.kind == "flag":
            if equals:
                return None
            params[option.param] = True
            continue
        value = attached if equals else next(rest, None)
        if value is None or (option.choices is not None and value not in option.choices) \
                or (option.path is not None and path_problem(value, option.path)):
            return None
        if option.kind == "many":
            repeated[option.param].append(value)
        else:
            params[option.param] = value
    for name in ("output_formats", "output_files", "defines", "define_files"):
        params[name] = tuple(repeated[name])
    if not _valid(params, paths, repeated):
        return None
    params["paths"] = tuple(paths)
    return params


def _valid(params: dict, paths: list[str], repeated: dict[str, list[str]]) -> bool:
    """Convert and check what click's types and callbacks convert and check; False where click would refuse."""
    jobs = params["jobs"]
    if isinstance(jobs, str):
        if not (jobs.isascii() and jobs.isdigit() and int(jobs) <= _BY_NAME["--jobs"].most):
            return False
        params["jobs"] = int(jobs)
    if params["client"] is not None and client_problem(params["client"]):
        return False
    if params["dialect"] is not None and dialect_problem(params["dialect"]):
        return False
    if repeated["defines"]:
        from honolint.settings.supplied import define_problem

        if any(define_problem(text) for text in repeated["defines"]):
            return False
    for name in ("select", "ignore"):
        if repeated[name]:
            params[name], problem = rule_selectors(repeated[name])
            if problem:
                return False
    return all(path == "-" or os.path.exists(path) for path in paths)
