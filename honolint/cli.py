"""Command line: `honolint check|effective|rules|explain|dialects`.

Exit codes: 0 no error-severity finding concerns a producer's target class; 1 one does (an
unreadable file, a refused configuration); 2 usage error; 3 internal error.
"""
from __future__ import annotations

import os
import sys
from typing import Iterator, Optional

import click

from honolint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
SUFFIXES = (".properties", ".yaml", ".yml", ".json", ".toml", ".conf", ".env")
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
EFFECTIVE_FORMATS = ("text", "json")
SKIPPED_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}


def _client(ctx: click.Context, param: click.Parameter, value: Optional[str]):
    from honolint.profiles import DEFAULT_CLIENT, ClientSpecError, parse_client

    try:
        return parse_client(value or DEFAULT_CLIENT), value is not None
    except ClientSpecError as exc:
        raise click.BadParameter(str(exc)) from None


def _dialect(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    from honolint.dialects import DETECTION_ORDER

    if value is not None and value not in DETECTION_ORDER:
        raise click.BadParameter(f"'{value}' is not a dialect: choose one of {', '.join(DETECTION_ORDER)}")
    return value


def lint_options(formats: tuple[str, ...]):
    """The options of `check` and `effective`; `formats`: the report formats the command writes."""
    return lambda function: _lint_options(function, formats)


def _lint_options(function, formats: tuple[str, ...]):
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, readable=False, allow_dash=True)),
        click.option("--client", callback=_client,
                     help="client and version: java[:X.Y[.Z]] or librdkafka[:X.Y[.Z]]  [default: java, or "
                          "librdkafka for a file written in librdkafka's property names]"),
        click.option("--qos", type=click.Choice(["at-least-once", "at-most-once"]), default="at-least-once",
                     show_default=True, help="the class the producers must meet (Hono producers: always at-least-once)"),
        click.option("--dialect", callback=_dialect,
                     help="the file's layout instead of detecting it (`honolint dialects` lists them)"),
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="honolint")
def cli() -> None:
    """Lint Kafka producer configurations against the delivery semantics of Eclipse Hono's Kafka APIs."""


@cli.command()
@lint_options(CHECK_FORMATS)
def check(paths, client, qos, dialect, color, stdin_filename, output_formats, output_files) -> None:
    """Check the producer configurations in PATH... (files, directories, or - for standard input)."""
    outputs = _outputs(output_formats, output_files, github_default=True)
    _report("findings", paths, client, qos, dialect, outputs, color, stdin_filename)


@cli.command()
@lint_options(EFFECTIVE_FORMATS)
def effective(paths, client, qos, dialect, color, stdin_filename, output_formats, output_files) -> None:
    """Print each producer's effective configuration: value and origin of every key that matters."""
    outputs = _outputs(output_formats, output_files, github_default=False)
    _report("effective", paths, client, qos, dialect, outputs, color, stdin_filename)


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


def _render(output_format: str, view: str, results) -> str:
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
        _write_text(view, results, stream, False)
        return stream.getvalue()
    return render(results)


def _write_text(view, results, stream, color: bool) -> None:
    from honolint.report.text import write

    if view == "effective":
        from honolint.report.effective_text import effective_lines as lines
    else:
        from honolint.report.text import report_lines as lines
    write(lines(results), stream, color)


def _report(view, paths, client, qos, dialect, outputs, color, stdin_filename) -> None:
    results = _lint(paths, client, qos, dialect, stdin_filename)
    stdin_name = (stdin_filename or "-") if "-" in paths else None
    read = {os.path.realpath(r.path) for r in results if r.path not in ("-", stdin_name)}
    for _, file in outputs:  # honolint never writes to the files it reads
        if file != "-" and os.path.realpath(file) in read:
            raise click.UsageError(f"--output-file {file} is one of the files checked")
    for output_format, file in outputs:
        if file == "-":
            if output_format == "text":
                _write_text(view, results, sys.stdout, _use_color(color))
            else:
                sys.stdout.write(_render(output_format, view, results))
            continue
        text = _render(output_format, view, results)  # files never get colour
        try:
            with open(file, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
                stream.write(text)
        except OSError as exc:
            click.echo(f"honolint: cannot write --output-file {file}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
    sys.exit(_exit_code(results))


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


def _walk(path: str) -> Iterator[str]:
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                yield os.path.join(root, name)


def _lint(paths, client, qos, dialect, stdin_filename):
    from honolint.load import MAX_BYTES, load_bytes, read_file
    from honolint.pipeline import Linter, Options

    profile, client_given = client
    if profile.note:
        click.echo(f"honolint: note: {profile.note}", err=True)
    linter = Linter(Options(client=profile, qos=qos, dialect=dialect, client_given=client_given))
    results, seen = [], set()
    for path in paths:
        if path == "-":
            loaded = load_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), stdin_filename or "-")
            results.append(linter.lint(loaded, named_explicitly=True))
            continue
        named = not os.path.isdir(path)
        for file in [path] if named else _walk(path):
            if os.path.abspath(file) not in seen:  # a file named and also found in a directory: once
                seen.add(os.path.abspath(file))
                results.append(linter.lint(read_file(file), named_explicitly=named))
    return [r for r in results if r is not None]


def _exit_code(results) -> int:
    for result in results:
        if any(f.severity == "error" for f in result.findings):
            return EXIT_FINDINGS
        for producer in result.producers:
            if any(f.severity == "error" and producer.target in f.classes for f in producer.findings):
                return EXIT_FINDINGS
    return EXIT_OK


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
