"""The option table of `check` and `effective`, each option declared once, without click: cli.py makes the
click commands from it, argv.py reads the usual command lines from it without importing click.
"""
from __future__ import annotations

from typing import Optional

from honolint.settings.choices import COLORS, MOST_JOBS
from honolint.model import QOS_CLASSES, SEVERITIES as FAIL_LEVELS
from honolint.report.formats import CHECK_FORMATS, EFFECTIVE_FORMATS


class PathRule:
    """What a path-typed option accepts (as click.Path's flags of the same names say)."""

    __slots__ = ("exists", "dir_okay", "allow_dash")

    def __init__(self, exists: bool = False, dir_okay: bool = True, allow_dash: bool = False) -> None:
        self.exists, self.dir_okay, self.allow_dash = exists, dir_okay, allow_dash


class Option:
    """One option of `check` or `effective`, declared once: cli.py makes its click option, argv.py reads it.

    `names` as written on the command line (`("-j", "--jobs")`); `param` the parameter it sets; `kind`
    "flag", "value" (the last one given wins) or "many" (repeatable: a tuple of all); `default` for a
    "value" ("flag": False, "many": ()); `check` the validator of choices.py it goes through ("client",
    "dialect", "rules", "defines"); `most` for an integer from 0 to it. (A slotted class: the table is
    made on every run, and a NamedTuple class costs ten times as much to define.)"""

    __slots__ = ("names", "param", "kind", "help", "choices", "default", "path", "check", "metavar",
                 "show_default", "most")

    def __init__(self, names: tuple[str, ...], param: str, kind: str, help: str,
                 choices: Optional[tuple[str, ...]] = None, default: object = None, path: Optional[PathRule] = None,
                 check: Optional[str] = None, metavar: Optional[str] = None, show_default: bool = False,
                 most: Optional[int] = None) -> None:
        self.names, self.param, self.kind, self.help = names, param, kind, help
        self.choices, self.default, self.path, self.check = choices, default, path, check
        self.metavar, self.show_default, self.most = metavar, show_default, most


def lint_options(formats: tuple[str, ...]) -> tuple[Option, ...]:
    """The options `check` and `effective` share; `formats`: the report formats the command writes."""
    github = "; github when GITHUB_ACTIONS=true]" if "github" in formats else "]"
    return (
        Option(("--client",), "client", "value", check="client",
               help="client and version: java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]]  [default: java, or librdkafka "
                    "for a file written in librdkafka's property names]"),
        Option(("--qos",), "qos", "value", choices=QOS_CLASSES,
               help="the class the producers must meet (Hono producers: always at-least-once)  "
                    "[default: at-least-once]"),
        Option(("--dialect",), "dialect", "value", check="dialect",
               help="the file's layout instead of detecting it (`honolint dialects` lists them)"),
        Option(("--config",), "config_file", "value", metavar="PATH", path=PathRule(exists=True, dir_okay=False),
               help="the settings file for every path (.honolint.yaml, pyproject.toml or setup.cfg), instead of "
                    "the closest one to each file"),
        Option(("--isolated",), "isolated", "flag", help="ignore every settings file"),
        Option(("--define",), "defines", "many", metavar="NAME=VALUE", check="defines",
               help="the value the deployment gives a name that expressions refer to (${NAME}, ${NAME:default}, "
                    "Maven's ${name} and @name@, ${env:NAME}); repeatable. Wins over --define-file and the "
                    "settings file's defines"),
        Option(("--define-file",), "define_files", "many", metavar="FILE", path=PathRule(exists=True, dir_okay=False),
               help="NAME=VALUE lines (.properties, or .env syntax for a .env file) to use as --define; "
                    "repeatable, a later file wins"),
        Option(("--no-inline-ignores",), "no_inline", "flag",
               help="ignore every `# honolint:` comment in the files: suppressions and in-file settings"),
        Option(("--force-exclude",), "force_exclude", "flag",
               help="apply the settings file's exclude globs to files named explicitly too (pre-commit)"),
        Option(("--color",), "color", "value", choices=COLORS, default="auto", show_default=True,
               help="colour the text report (auto: on a terminal, unless NO_COLOR is set)"),
        Option(("--stdin-filename",), "stdin_filename", "value",
               help="the name to report for '-' (standard input); its suffix picks the format"),
        Option(("--format",), "output_formats", "many", choices=formats,
               help="report format; repeatable, with an --output-file each  [default: text" + github),
        Option(("--output-file",), "output_files", "many", metavar="PATH", path=PathRule(dir_okay=False,
                                                                                      allow_dash=True),
               help="write the report to PATH (- for standard output); repeatable: the n-th --output-file takes "
                    "the n-th --format"),
    )


CHECK_ONLY = (
    Option(("--select",), "select", "many", metavar="RULES", check="rules",
           help="only these rules: codes, names or code prefixes (HL2), comma-separated; repeatable. Replaces the "
                "settings file's select and ignore"),
    Option(("--ignore",), "ignore", "many", metavar="RULES", check="rules",
           help="not these rules: codes, names or code prefixes, comma-separated; repeatable. Adds to the settings "
                "file's ignore"),
    Option(("--fail-level",), "fail_level", "value", choices=FAIL_LEVELS,
           help="exit with 1 for a finding at or above this severity that concerns a producer's target class  "
                "[default: error]"),
    Option(("--exit-zero",), "exit_zero", "flag", help="exit with 0 even when findings fail (usage errors still exit 2)"),
    Option(("-q", "--quiet"), "quiet", "flag",
           help="text report: only the findings, one line each, no headers, verdicts or summary"),
    Option(("--statistics",), "statistics", "flag", help="text report: the number of findings per rule instead"),
    Option(("--show-infos",), "show_infos", "flag",
           help="text report: list the infos too (else the summary counts them; JSON, SARIF and the other formats "
                "always hold them)"),
    Option(("--show-settings",), "show_settings", "flag",
           help="print the settings in force for PATH... (or the current directory) and where each comes from, "
                "then exit"),
    Option(("--baseline",), "baseline_file", "value", metavar="FILE", path=PathRule(exists=True, dir_okay=False),
           help="report only the findings that FILE (written by --write-baseline) does not hold"),
    Option(("--write-baseline",), "write_baseline", "value", metavar="FILE", path=PathRule(dir_okay=False),
           help="record the findings of this run in FILE, and report none of them"),
    Option(("--jobs", "-j"), "jobs", "value", default=0, metavar="N", most=MOST_JOBS,
           help="lint in N processes when one text or JSON report goes to standard output; 0 (default): one per "
                "CPU core, with at least 100 files for each"),
)
CHECK_OPTIONS = lint_options(CHECK_FORMATS) + CHECK_ONLY
EFFECTIVE_OPTIONS = lint_options(EFFECTIVE_FORMATS)


def defaults(options: tuple[Option, ...]) -> dict:
    """The parameters a command receives when its command line gives only paths."""
    found: dict = {"paths": ()}
    for option in options:
        found[option.param] = False if option.kind == "flag" else (
            None if option.check == "rules" else ()) if option.kind == "many" else option.default
    return found


def path_problem(value: str, rule: PathRule) -> bool:
    """Whether a path-typed option refuses `value` (as click.Path with readable=True would)."""
    import os
    import stat

    if not value:
        return True
    if rule.allow_dash and value == "-":
        return False
    try:
        found = os.stat(value)
    except OSError:
        return rule.exists
    if not rule.dir_okay and stat.S_ISDIR(found.st_mode):
        return True
    return not os.access(value, os.R_OK)
