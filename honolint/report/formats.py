"""The report formats: each one's name, the module that writes it, and how it goes to standard output."""
from __future__ import annotations

from typing import Optional


class Format:
    """`module`: report/<module>.py, whose render(results) writes it (None: the text report); `escapes`: what
    standard output writes a character it cannot encode as ("backslash", "json" or "xml"); `machine`: a
    document a program parses, all ASCII with its own escapes on a non-UTF-8 output; `streams`: one report
    of it to standard output is written file by file by report/stream.py, in several processes for a long
    list (SARIF has a writer of its own that streams: sarif.Streamed); `effective`: `honolint effective`
    writes it too."""

    __slots__ = ("name", "module", "escapes", "machine", "streams", "effective")

    def __init__(self, name: str, module: Optional[str], escapes: str, machine: bool, streams: bool,
                 effective: bool) -> None:
        self.name, self.module, self.escapes = name, module, escapes
        self.machine, self.streams, self.effective = machine, streams, effective


FORMATS = (
    Format("text", None, "backslash", machine=False, streams=True, effective=True),
    Format("json", "json_report", "json", machine=True, streams=True, effective=True),
    Format("sarif", "sarif", "json", machine=True, streams=False, effective=False),
    Format("github", "github", "backslash", machine=False, streams=False, effective=False),
    Format("junit", "junit", "xml", machine=True, streams=False, effective=False),
    Format("gitlab", "gitlab", "json", machine=True, streams=False, effective=False),
)
BY_NAME = {found.name: found for found in FORMATS}
CHECK_FORMATS = tuple(found.name for found in FORMATS)
EFFECTIVE_FORMATS = tuple(found.name for found in FORMATS if found.effective)


def whole(writer, results) -> str:
    """The report a format's Streamed `writer` class writes for `results`, as one string: the whole report is
    made of the same pieces as a streamed one, so the two cannot differ."""
    import io

    out = io.StringIO()
    streamed = writer(out)
    for result in results:
        streamed.add(result)
    streamed.close()
    return out.getvalue()
