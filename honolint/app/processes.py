"""Linting a long list of files in several processes, with os.fork (the multiprocessing package alone
takes 35 ms to import, more than linting 100 files).

The files are cut into small slices, handed out in order through a pipe, so a process that falls
behind (its core busy with something else) takes fewer. A child writes each slice's report into an
unnamed file and says, slice by slice, where it is. This process writes the slices in file order as
soon as each one and all before it are done: its own straight to standard output when they come next
(else kept in memory until they do), the children's copied as the bytes they encoded.
"""
from __future__ import annotations

import errno
import io
import json
import os
import sys
from functools import partial
from typing import Optional, TextIO

from honolint.report.escape import printable
from honolint.exits import EXIT_INTERNAL, Stop
from honolint.report.stream import Items

MIN_FILES_PER_PROCESS = 100  # below this a second process costs more than it saves (benchmarks/RESULTS.md)
MOST_PROCESSES_BY_DEFAULT = 8
SLICES_PER_PROCESS = 32  # small slices: the processes end within a slice's time of each other
MOST_SLICES = 255  # a slice's number is one byte in the pipe
# where Linux says a container's CPU quota: cgroup v2 ("200000 100000" or "max 100000"), then v1
CPU_QUOTA_FILES = (("/sys/fs/cgroup/cpu.max", None),
                   ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))


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


class Team:
    """This process and its children, linting the slices of one list of files."""

    def __init__(self, outcomes_of, files: list, count: int, new_items) -> None:
        number = min(MOST_SLICES, count * SLICES_PER_PROCESS, len(files))
        bounds = [len(files) * part // number for part in range(number + 1)]
        self.slices = [files[bounds[part]:bounds[part + 1]] for part in range(number)]
        self.outcomes_of, self.new_items = outcomes_of, new_items  # new_items(): an empty report.stream.Items
        self.children: list[_Child] = []
        self.queue, queue_end = os.pipe()
        os.write(queue_end, bytes(range(1, number)))  # slice 0 is this process's: the report starts with it
        os.close(queue_end)

    @classmethod
    def start(cls, outcomes_of, files: list, count: int, new_items) -> Optional[Team]:
        """The team with its children running; None when there is no process, pipe or file to be had."""
        try:
            team = cls(outcomes_of, files, count, new_items)
        except OSError:
            return None
        try:
            for _ in range(count - 1):
                team.children.append(_Child(team))
        except OSError:
            team.stop()
            return None
        return team

    def lint(self, items: Items, out: TextIO) -> None:
        """Lint slices here until none is left, write every slice's report in order, and add the
        children's counts to `items`."""
        order = _InOrder(out, items.separator)
        try:
            index: Optional[int] = 0
            while index is not None:
                self._lint_slice(index, items, order)
                for child in self.children:
                    child.hear(order)
                index = _claim(self.queue)
            for child in self.children:
                items.merge(child.end(order))
            if order.next != len(self.slices):
                sys.stderr.write(f"honolint: internal error: slice {order.next} of the files was never linted\n")
                raise Stop(EXIT_INTERNAL)
        finally:
            self.stop()

    def _lint_slice(self, index: int, items: Items, order: _InOrder) -> None:
        notes: list[str] = []
        live = index == order.next
        stream = order.out if live else io.StringIO()
        items.stretch(stream, after_items=live and order.items > 0)
        for outcome in self.outcomes_of(self.slices[index]):
            notes += outcome.notes
            items.add(outcome)
        items.flush()
        if live:
            order.written(items.in_stretch, notes)
        else:
            order.done(index, stream.getvalue(), items.in_stretch, notes)

    def stop(self) -> None:
        for child in self.children:
            child.stop()
        if self.queue is not None:
            os.close(self.queue)
            self.queue = None


class _InOrder:
    """The body of the report: each slice's report written in file order, once it and all before it are done."""

    def __init__(self, out: TextIO, separator: str) -> None:
        self.out, self.separator = out, separator  # what goes between two slices' files (JSON: ", ")
        self.next, self.items = 0, 0  # the first slice not written yet; the files written
        self.waiting: dict[int, tuple] = {}
        self.said: set[str] = set()

    def written(self, files: int, notes: list[str]) -> None:
        """The next slice was written straight to the output."""
        self.items += files
        self._say(notes)
        self.next += 1
        self._write_waiting()

    def done(self, index: int, report, files: int, notes: list[str]) -> None:
        """Slice `index` is done: `report` is its text, or a function that writes it to a stream."""
        self.waiting[index] = (report, files, notes)
        self._write_waiting()

    def _write_waiting(self) -> None:
        while self.next in self.waiting:
            report, files, notes = self.waiting.pop(self.next)
            if files:
                if self.separator and self.items:
                    self.out.write(self.separator)
                if isinstance(report, str):
                    self.out.write(report)
                else:
                    report(self.out)
                self.items += files
            self._say(notes)
            self.next += 1

    def _say(self, notes: list[str]) -> None:
        for note in notes:
            if note not in self.said:
                self.said.add(note)
                sys.stderr.write(f"honolint: note: {printable(note)}\n")


def _claim(queue: int) -> Optional[int]:
    """The next slice nobody has taken, or None."""
    token = os.read(queue, 1)
    return token[0] if token else None


class _Child:
    """A forked process linting slices into an unnamed file; it says where each one's report is."""

    def __init__(self, team: Team) -> None:
        self.output = _unnamed_file()
        try:
            read_end, write_end = os.pipe()
        except OSError:
            self.output.close()
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        try:
            self.pid: Optional[int] = os.fork()
        except OSError:
            for end in (read_end, write_end):
                os.close(end)
            self.output.close()
            raise
        if self.pid == 0:
            os.close(read_end)
            _child_main(team, self.output, write_end, parent)
        os.close(write_end)
        os.set_blocking(read_end, False)
        self.said: Optional[int] = read_end
        self.heard, self.counts = b"", None

    def hear(self, order: _InOrder) -> None:
        """Hand `order` the slices the child has finished since last asked."""
        try:
            data = os.read(self.said, 1 << 16)
        except BlockingIOError:
            return
        self._take(data, order)

    def end(self, order: _InOrder) -> dict:
        """Wait for the child; hand `order` its last slices; its counts."""
        os.set_blocking(self.said, True)
        while data := os.read(self.said, 1 << 16):
            self._take(data, order)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        if code < 0:  # killed (out of memory, say): it could not say why itself
            sys.stderr.write(f"honolint: internal error: a linting process was ended by signal {-code}\n")
        if code != 0 or self.counts is None:
            raise Stop(EXIT_INTERNAL)  # a child that failed has said why on standard error
        return self.counts

    def _take(self, data: bytes, order: _InOrder) -> None:
        *lines, self.heard = (self.heard + data).split(b"\n")
        for line in lines:
            record = json.loads(line)
            if "counts" in record:
                self.counts = record["counts"]
            else:
                order.done(record["slice"], partial(self._copy, record["start"], record["end"]), record["files"],
                           record["notes"])

    def _copy(self, start: int, end: int, out: TextIO) -> None:
        """The child encoded its text as standard output would have: copy the bytes, not decode and encode."""
        data = b""
        while len(data) < end - start:
            chunk = os.pread(self.output.fileno(), end - start - len(data), start + len(data))
            if not chunk:
                break
            data += chunk
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            out.write(data.decode(**_encoding(out)))
            return
        out.flush()
        buffer.write(data)

    def stop(self) -> None:
        if self.pid is not None:  # this process is leaving early: take the child with it
            import signal

            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.said is not None:
            os.close(self.said)
            self.said = None
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


def _die_with_parent(parent: int) -> None:
    """A child must not outlive this process (SIGTERM'd, killed): on Linux the kernel sends it SIGKILL
    when its parent ends (prctl PR_SET_PDEATHSIG); elsewhere it stops at its next write to the parent.
    Ctrl-C reaches the whole process group: the parent alone answers it, and stops its children."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the prctl
        os._exit(0)


def _child_main(team: Team, output, said_fd: int, parent: int) -> None:
    code = EXIT_INTERNAL
    try:
        _die_with_parent(parent)
        text = io.TextIOWrapper(output, **_encoding(sys.stdout), newline="")
        items = team.new_items()
        with os.fdopen(said_fd, "w", encoding="utf-8") as said:
            while (index := _claim(team.queue)) is not None:
                start, notes = output.tell(), []
                items.stretch(text)
                for outcome in team.outcomes_of(team.slices[index]):
                    notes += outcome.notes
                    items.add(outcome)
                items.flush()
                said.write(json.dumps({"slice": index, "start": start, "end": output.tell(),
                                       "files": items.in_stretch, "notes": notes}) + "\n")
                said.flush()
            said.write(json.dumps({"counts": items.counts()}) + "\n")
        code = 0
    except KeyboardInterrupt:
        code = 130
    except BaseException as exc:  # noqa: BLE001 - a child must never return into the parent's code
        if os.getppid() != parent or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
            os._exit(0)  # the parent is gone: nobody to report to, nothing to say
        sys.stderr.write(f"honolint: internal error (please report it): {type(exc).__name__}: {printable(str(exc))}\n")
        if os.environ.get("HONOLINT_DEBUG"):
            import traceback

            traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)
