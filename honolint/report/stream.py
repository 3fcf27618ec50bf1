"""A text or JSON report written file by file as each result is made; none is kept.

When several processes lint a long list of files (processes.py), each writes its stretches with Items and
the report is the same, byte for byte, as one process's.
"""
from __future__ import annotations

from typing import Optional, TextIO

from honolint.model import FileResult
from honolint.report.json_report import Summary, file_json
from honolint.report.text import LineWriter, file_lines, infos
from honolint.filter.selection import fails

CHUNK = 1 << 16  # characters written to the output at once


class Outcome:
    """One file's result as the report takes it: `result` (None: only notes, said while linting a file that
    is not reported), the fail `level` that applies to it, the findings `dropped` by the selection,
    suppressions and baseline, and the `notes` said for the first time while linting it."""

    __slots__ = ("result", "level", "dropped", "notes")

    def __init__(self, result: Optional[FileResult], level: Optional[str], dropped: int, notes: list[str]) -> None:
        self.result, self.level, self.dropped, self.notes = result, level, dropped, notes


class Items:
    """The files one process lints: each file's text or JSON item, written to the stretch of the report
    at hand, and the counts the summary needs."""

    def __init__(self, as_json: bool, color: bool, show_infos: bool = True) -> None:
        self.as_json, self.color, self.show_infos = as_json, color, show_infos
        self.summary, self.failed, self.hidden, self.unlisted = Summary(), False, 0, 0  # unlisted: text infos
        self.chunks, self.lines, self.in_stretch, self.separate = None, None, 0, False

    def stretch(self, out: TextIO, after_items: bool = False) -> None:
        """Write the next files to `out`; `after_items`: JSON items went before (a ", " comes first)."""
        if self.chunks is not None:
            self.chunks.flush()
        self.chunks = _Chunks(out)
        self.lines = None if self.as_json else LineWriter(self.chunks, self.color)
        self.in_stretch, self.separate = 0, after_items

    @property
    def separator(self) -> str:
        """What goes between the files of two stretches written one after the other."""
        return ", " if self.as_json else ""

    def add(self, outcome: Outcome) -> None:
        result, level, dropped = outcome.result, outcome.level, outcome.dropped
        if result is None:
            return
        if self.as_json:
            self.chunks.write((", " if self.separate else "") + file_json(result))
            self.separate = True
        else:
            listing = self.show_infos or level == "info"
            self.lines.write(file_lines(result, listing))
            self.unlisted += 0 if listing else infos(result)
        self.in_stretch += 1
        self.summary.add(result)
        self.failed = self.failed or fails(result, level)
        self.hidden += dropped

    def flush(self) -> None:
        self.chunks.flush()

    def counts(self) -> dict:
        summary = self.summary
        return {"files": summary.files, "producers": summary.producers, "counts": summary.counts,
                "failed": self.failed, "hidden": self.hidden, "unlisted": self.unlisted}

    def merge(self, counts: dict) -> None:
        self.summary.add_counts(counts["files"], counts["producers"], counts["counts"])
        self.failed = self.failed or counts["failed"]
        self.hidden += counts["hidden"]
        self.unlisted += counts["unlisted"]


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
