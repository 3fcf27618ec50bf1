"""The console script, `honolint`.

A `check` command line that argv.py reads runs without importing click: a third of the start-up of a
pre-commit run over one file. Every other command line goes to click (cli.py), as does every one that
cannot run, so that click says what is wrong with it, with its usage line.
"""
from __future__ import annotations

import errno
import os
import sys

# only the exit codes are imported before console_script() has taken SIGINT over: a Ctrl-C during the
# imports of a run is then exit 130 too, not a traceback
from honolint.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE

# what writing standard output fails with when it cannot take the report (>/dev/full, a full disk, a
# vanished terminal); EPIPE, a reader that stopped reading, is no failure of the run
_WRITE_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC), errno.ENXIO}
_unwritable = []  # set once standard output was said to be unwritable


class _Interrupted(BaseException):
    """SIGINT, raised past click's own KeyboardInterrupt handling ("Aborted!", exit 1)."""


def _interrupted(signum, frame) -> None:
    raise _Interrupted


def console_script() -> None:
    """The `honolint` command: main(), then straight out. Tearing the interpreter down (freeing every
    object and module one by one) would be an eighth of a run over one file, for nothing."""
    try:
        import _signal as signal  # the C module: `signal` would add a millisecond to every start
    except ImportError:
        import signal
    signal.signal(signal.SIGINT, _interrupted)
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as exc:  # a reader that stopped reading; or a report that could not be written
            if stream is sys.stdout and exc.errno in _WRITE_ERRNOS and not _unwritable:
                code = _say_unwritable(exc)
        except ValueError:  # a stream closed
            pass
    os._exit(code)


def _say_unwritable(exc: OSError) -> int:
    _unwritable.append(exc)
    try:
        sys.stderr.write(f"honolint: cannot write the report to standard output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return EXIT_USAGE


def main(args: list[str] | None = None) -> None:
    args = sys.argv[1:] if args is None else list(args)
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed by the caller (`>&-`): only the exit code is wanted
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    try:
        _main(args)
    except SystemExit:
        raise
    except EOFError:  # as click's main() ends it
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    except (KeyboardInterrupt, _Interrupted):  # Ctrl-C: the user knows, the shell says it by the code
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            _internal(exc)
        sys.exit(_say_unwritable(exc))
    except Exception as exc:  # a bug of ours: say so, never pass as a clean or a failing lint
        _internal(exc)


def _internal(exc: Exception) -> None:
    """A bug of ours: say so, never pass as a clean or a failing lint."""
    from honolint.report.escape import said

    shown = said(f"{type(exc).__name__}: {exc}")
    sys.stderr.write(f"honolint: internal error (please report it): {shown}\n")
    if os.environ.get("HONOLINT_DEBUG"):
        import traceback

        traceback.print_exc()
    sys.exit(EXIT_INTERNAL)


def _main(args: list[str]) -> None:
    from honolint.app.argv import parse_check

    params = parse_check(args)
    if params is None:
        return _click(args)
    from honolint.app.plan import UsageError, check_run
    from honolint.app.run import execute

    try:
        run = check_run(**params)
    except UsageError:
        return _click(args)
    try:
        code = execute(run)
    except UsageError as exc:
        _said_by_click(str(exc))
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.exit(1)  # a reader that stopped reading (| head), as click ends it; console_script's flush is guarded
    sys.exit(code)


def _click(args: list[str]) -> None:
    from honolint.cli import main_by_click

    main_by_click(args)


def _said_by_click(message: str) -> None:
    from honolint.cli import say_usage_error

    say_usage_error(message)
