"""The files a run writes (--output-file, --write-baseline): never one it read, never through a link,
never half written.

A destination that is the same file as anything the run read (the same device and inode: the file
itself, another path to it, a hard link) is refused before anything is written, as is a destination
that is a symbolic link: honolint does not decide for the user whether the link or what it points to
should change. A device or a pipe (a named pipe, anything under /dev or /proc: /dev/null, /dev/stdout,
which links to whatever standard output is) is written to as it is: there is no file to replace.
Each regular file is written to a temporary file beside it, then renamed over it (os.replace),
so that a full disk or a failed write leaves the old file as it was; a link put in its place after
the check is itself replaced, as os.replace never follows one.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Optional, TextIO


class WriteRefused(Exception):
    """A destination the run must not write (a usage error)."""


def identity(path: str) -> Optional[tuple[int, int]]:
    """(device, inode) of the file at `path`, following links; None when there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _stream(path: str) -> bool:
    """Whether `path` is (or links to) something written as a stream: a device, a pipe, a socket."""
    if os.path.abspath(path).startswith(("/dev/", "/proc/")) and os.name == "posix":
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path)
    except (OSError, ValueError):
        return False


def refuse_link(path: str, option: str) -> None:
    if os.path.islink(path) and not _stream(path):
        raise WriteRefused(f"{option} {path} is a symbolic link: honolint does not write through links "
                           "(name the file it points to, or remove the link)")


def refuse_read(destinations: Iterable[tuple[str, str]], read: Iterable[str]) -> None:
    """WriteRefused when a destination (option, path) is the same file as one of the paths read."""
    existing = {}
    for option, path in destinations:
        found = identity(path)
        if found is not None:
            existing.setdefault(found, (option, path))
    if not existing:
        return
    for path in read:
        found = identity(path)
        if found in existing:
            option, destination = existing[found]
            same = "" if os.path.abspath(path) == os.path.abspath(destination) else f" (as {path})"
            raise WriteRefused(f"{option} {destination} is a file this run reads{same}: honolint never "
                               "writes over its input (write it elsewhere, or exclude it in the settings file)")


def write_atomic(path: str, text: str) -> None:
    """`text` in `path` as UTF-8, through a temporary file in the same directory; OSError when it cannot
    be written, the old file then left as it was."""
    with atomic(path) as stream:
        stream.write(text)


@contextmanager
def atomic(path: str, before: Optional[Callable[[], None]] = None) -> Iterator[TextIO]:
    """A stream whose text goes to `path` (UTF-8) when the block ends, through a temporary file in the same
    directory renamed over it; `before()` runs first and may still refuse (raise). If the block or
    `before` raises, the old file is left as it was. A device or pipe is written to directly."""
    if _stream(path):
        if before is not None:
            before()
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
        return
    folder = os.path.dirname(os.path.abspath(path))
    base = os.path.basename(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    while True:
        temporary = os.path.join(folder, f".{base}.{os.urandom(4).hex()}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
            break
        except FileExistsError:
            continue
    try:
        with open(descriptor, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
        if before is not None:
            before()
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
