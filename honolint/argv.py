"""`honolint check`'s command line read without click, for the runs that happen on every commit.

Importing click is a third of the start-up of a run over one file (18 ms of 62). This module reads
the command lines a pre-commit hook or a CI step gives, exactly as click would (the same values,
defaults and validation: tests/test_argv.py holds it to click on generated command lines), and
answers None for anything else: help, --version, another command, an option it does not read, a
value click would refuse. click (cli.py) then reads the command line itself and says what is wrong.
"""
from __future__ import annotations

import os

from honolint.options import (CHECK_FORMATS, COLORS, FAIL_LEVELS, MOST_JOBS, QOS_CLASSES, client_problem,
                              dialect_problem, rule_selectors)

# `check`'s options read here: spelling -> (parameter, what it takes); the rest are left to click
_FLAGS = {"--isolated": "isolated", "--no-inline-ignores": "no_inline", "--force-exclude": "force_exclude",
          "--exit-zero": "exit_zero", "-q": "quiet", "--quiet": "quiet", "--statistics": "statistics",
          "--show-infos": "show_infos"}
_VALUES = {"--client": "client", "--qos": "qos", "--dialect": "dialect", "--color": "color",
           "--stdin-filename": "stdin_filename", "--fail-level": "fail_level", "-j": "jobs", "--jobs": "jobs"}
_REPEATED = {"--format": "output_formats", "--select": "select", "--ignore": "ignore", "--define": "defines"}
_CHOICES = {"qos": QOS_CLASSES, "color": COLORS, "fail_level": FAIL_LEVELS, "output_formats": CHECK_FORMATS}

CHECK_DEFAULTS = {"paths": (), "client": None, "qos": None, "dialect": None, "config_file": None, "isolated": False,
                  "no_inline": False, "force_exclude": False, "color": "auto", "stdin_filename": None,
                  "output_formats": (), "output_files": (), "select": None, "ignore": None, "fail_level": None,
                  "exit_zero": False, "quiet": False, "statistics": False, "show_settings": False,
                  "baseline_file": None, "write_baseline": None, "jobs": 0, "defines": (), "define_files": (),
                  "show_infos": False}


def parse_check(args: list[str]) -> dict | None:
    """`check`'s parameters from `honolint ARGS`, as click's `check` command receives them; None when
    the command line is not one this module reads, or click would refuse it."""
    if args[:1] != ["check"]:
        return None
    params, paths = dict(CHECK_DEFAULTS), []
    repeated: dict[str, list[str]] = {"output_formats": [], "select": [], "ignore": [], "defines": []}
    rest = iter(args[1:])  # pre-commit passes thousands of file names: no list.pop(0)
    for arg in rest:
        if arg[:1] != "-" or arg == "-":
            paths.append(arg)
            continue
        option, equals, attached = arg.partition("=")
        if arg.startswith("-j") and not arg.startswith("--"):  # -j N, -jN
            option, equals, attached = "-j", arg[2:] != "", arg[2:]
        if option in _FLAGS and not equals:
            params[_FLAGS[option]] = True
            continue
        name = _VALUES.get(option) or _REPEATED.get(option)
        value = attached if equals else next(rest, None)
        if name is None or value is None or value not in _CHOICES.get(name, (value,)):
            return None
        if option in _REPEATED:
            repeated[name].append(value)
        else:
            params[name] = value
    params["output_formats"] = tuple(repeated["output_formats"])
    params["defines"] = tuple(repeated["defines"])
    if not _valid(params, paths, repeated):
        return None
    params["paths"] = tuple(paths)
    return params


def _valid(params: dict, paths: list[str], repeated: dict[str, list[str]]) -> bool:
    """Convert and check what click's types and callbacks convert and check; False where click would refuse."""
    jobs = params["jobs"]
    if isinstance(jobs, str):
        if not (jobs.isascii() and jobs.isdigit() and int(jobs) <= MOST_JOBS):
            return False
        params["jobs"] = int(jobs)
    if params["client"] is not None and client_problem(params["client"]):
        return False
    if params["dialect"] is not None and dialect_problem(params["dialect"]):
        return False
    if repeated["defines"]:
        from honolint.supplied import define_problem

        if any(define_problem(text) for text in repeated["defines"]):
            return False
    for name in ("select", "ignore"):
        if repeated[name]:
            params[name], problem = rule_selectors(repeated[name])
            if problem:
                return False
    return all(path == "-" or os.path.exists(path) for path in paths)
