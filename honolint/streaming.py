"""One text or JSON report to standard output, written file by file as each result is made; none is kept.

A run with many files is split across processes with os.fork (the multiprocessing package alone takes
35 ms to import, more than linting 100 files): the files are cut into contiguous slices, this process
lints the first slice straight to standard output while each child lints one more into an unnamed
file, then this process copies the children's output after its own, in file order.
"""
from __future__ import annotations

import json
import os
import sys
from typing import TextIO

from honolint.report.json_report import Summary, closing, file_json, opening
from honolint.report.text import LineWriter, file_lines, summary_line
from honolint.run import EXIT_INTERNAL
from honolint.selection import fails

CHUNK = 1 << 16  # characters written to the output at once
MIN_FILES_PER_PROCESS = 100  # below this a second process costs more than it saves (benchmarks/RESULTS.md)
MOST_PROCESSES_BY_DEFAULT = 8
# where Linux says a container's CPU quota: cgroup v2 ("200000 100000" or "max 100000"), then v1
CPU_QUOTA_FILES = (("/sys/fs/cgroup/cpu.max", None),
                   ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))


class Items:
    """One stretch of the report: each file's text or JSON item, and the counts its summary needs."""

    def __init__(self, out: TextIO, as_json: bool, color: bool) -> None:
        self.out, self.as_json = out, as_json
        self.chunks = _Chunks(out)
        self.lines = None if as_json else LineWriter(self.chunks, color)
        self.summary, self.failed, self.hidden = Summary(), False, 0

    def add(self, result, level, dropped: int) -> None:
        if self.as_json:
            self.chunks.write((", " if self.summary.files else "") + file_json(result))
        else:
            self.lines.write(file_lines(result))
        self.summary.add(result)
        self.failed = self.failed or fails(result, level)
        self.hidden += dropped

    def counts(self) -> dict:
        summary = self.summary
        return {"files": summary.files, "producers": summary.producers, "counts": summary.counts,
                "failed": self.failed, "hidden": self.hidden}

    def write(self, text: str) -> None:
        self.chunks.write(text)

    def flush(self) -> None:
        self.chunks.flush()

    def merge(self, counts: dict) -> None:
        self.summary.add_counts(counts["files"], counts["producers"], counts["counts"])
        self.failed = self.failed or counts["failed"]
        self.hidden += counts["hidden"]


class _Chunks:
    """A stream written to in pieces of CHUNK characters: under PYTHONUNBUFFERED=1 (set in many container
    images) a write per file would be a system call per file."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.pending, self.size = out, [], 0

    def write(self, text: str) -> None:
        self.pending.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.out.write("".join(self.pending))
            self.pending, self.size = [], 0
        self.out.flush()


def processes(jobs: int, files: int) -> int:
    """How many processes lint `files` files: --jobs N, or (0) one per usable core when there is work for it."""
    most = files // MIN_FILES_PER_PROCESS
    if most < 2 or not hasattr(os, "fork"):  # the usual pre-commit run: no need to ask about cores
        return 1
    return min(jobs or min(usable_cores(), MOST_PROCESSES_BY_DEFAULT), most)


def usable_cores() -> int:
    """The cores this process may run on, and no more than its container's CPU quota (cgroup v2, v1):
    a CI container often sees the host's 64 cores and may use 2."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    for quota_file, period_file in CPU_QUOTA_FILES:
        try:
            with open(quota_file) as handle:
                fields = handle.read().split()
            if period_file:
                with open(period_file) as handle:
                    fields.append(handle.read().strip())
            quota, period = int(fields[0]), int(fields[1])
        except (OSError, ValueError, IndexError):  # no such file, or "max": no quota
            continue
        if quota > 0 and period > 0:
            return max(1, min(cores, -(-quota // period)))
    return cores


def write_report(outcomes_of, files, as_json: bool, color: bool, jobs: int, notes) -> tuple[bool, int]:
    """Write the report for `files` to standard output; (whether it fails, how many findings were dropped).

    `outcomes_of(files, notes=None)` yields (result, fail level, findings dropped) for each file it
    lints; in a child it gets a list, `notes`, to collect the notes it would print. `notes` here is the
    set of notes this process has printed: a child's are printed after them, each once."""
    out = sys.stdout
    if as_json:
        out.write(opening())
    items = Items(out, as_json, color)
    count = processes(jobs, len(files))
    children = []
    try:
        if count > 1:
            bounds = [len(files) * part // count for part in range(count + 1)]
            try:
                for part in range(1, count):
                    children.append(_Child(outcomes_of, files[bounds[part]:bounds[part + 1]], as_json, color))
            except OSError:  # no file for the output or no process to be had: this process lints them all
                for child in children:
                    child.stop()
                children = []
            else:
                files = files[:bounds[1]]
        for outcome in outcomes_of(files):
            items.add(*outcome)
        for child in children:
            child.copy_into(items, notes)
    finally:
        for child in children:
            child.stop()
    if as_json:
        items.write(closing(items.summary))
    else:
        from honolint.report.output import hidden_lines

        items.lines.write([summary_line(items.summary)] + hidden_lines(items.hidden))
    items.flush()
    return items.failed, items.hidden


class _Child:
    """A forked process linting one slice of the files into an unnamed file."""

    def __init__(self, outcomes_of, files, as_json: bool, color: bool) -> None:
        self.output = _unnamed_file()
        try:
            read_end, write_end = os.pipe()
        except OSError:
            self.output.close()
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            self.pid = os.fork()
        except OSError:
            for end in (read_end, write_end):
                os.close(end)
            self.output.close()
            raise
        if self.pid == 0:
            os.close(read_end)
            _child_main(outcomes_of, files, self.output, write_end, as_json, color)
        os.close(write_end)
        self.counts = os.fdopen(read_end, "r", encoding="utf-8")

    def copy_into(self, items: Items, notes: set[str]) -> None:
        items.flush()  # what this process wrote comes first, even when the child failed
        counts = self.counts.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        if code < 0:  # killed (out of memory, say): it could not say why itself
            sys.stderr.write(f"honolint: internal error: a linting process was ended by signal {-code}\n")
        if code != 0 or not counts:
            sys.exit(EXIT_INTERNAL)  # a child that failed has said why on standard error
        counts = json.loads(counts)
        if counts["files"] and items.summary.files and items.as_json:
            items.out.write(", ")
        items.out.flush()
        self.output.seek(0)
        # the child encoded its text as standard output would have: copy the bytes, not decode and encode
        out = getattr(items.out, "buffer", None)
        if out is None:
            import io

            out, self.output = items.out, io.TextIOWrapper(self.output, **_encoding(items.out), newline="")
        chunk = self.output.read(1 << 20)
        while chunk:
            out.write(chunk)
            chunk = self.output.read(1 << 20)
        items.merge(counts)
        for note in counts["notes"]:
            if note not in notes:
                notes.add(note)
                sys.stderr.write(f"honolint: note: {note}\n")

    def stop(self) -> None:
        if self.pid is not None:  # this process is leaving early: take the child with it
            import signal

            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = None
        self.counts.close()
        self.output.close()


def _unnamed_file():
    """A file with no name for a child's output: in memory on Linux (memfd; the tempfile module alone
    takes 4 ms to import), else in the temporary directory."""
    if hasattr(os, "memfd_create"):
        try:
            return os.fdopen(os.memfd_create("honolint-report", os.MFD_CLOEXEC), "w+b")
        except OSError:
            pass
    import tempfile

    return tempfile.TemporaryFile()


def _encoding(stream) -> dict[str, str]:
    return {"encoding": getattr(stream, "encoding", None) or "utf-8",
            "errors": getattr(stream, "errors", None) or "strict"}


def _child_main(outcomes_of, files, output, counts_fd: int, as_json: bool, color: bool) -> None:
    import io

    code = EXIT_INTERNAL
    try:
        out = io.TextIOWrapper(output, **_encoding(sys.stdout), newline="")
        items = Items(out, as_json, color)
        notes: list[str] = []
        for outcome in outcomes_of(files, notes):
            items.add(*outcome)
        items.flush()
        with os.fdopen(counts_fd, "w", encoding="utf-8") as counts:
            counts.write(json.dumps({**items.counts(), "notes": notes}))
        code = 0
    except KeyboardInterrupt:
        code = 130
    except BaseException as exc:  # noqa: BLE001 - a child must never return into the parent's code
        sys.stderr.write(f"honolint: internal error (please report it): {type(exc).__name__}: {exc}\n")
        if os.environ.get("HONOLINT_DEBUG"):
            import traceback

            traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)
