"""Templates: a file holding Helm / Go template or Jinja syntax is the source of a configuration, not one.

A file is a template when it holds a Jinja statement (`{% ... %}`), a Go template action with a trim
marker (`{{-`, `-}}`), or a line that starts with an action (`{{ include ... }}`, `{{ if ... }}`, `{{ end }}`);
or when it cannot be parsed and holds `{{` at all. A `{{ ... }}` inside a value of a file that parses
(`acks: "{{ .Values.acks }}"`) leaves the file a configuration, with that value unknown.
"""
from __future__ import annotations

import re
from typing import Optional

from honolint.model import SyntaxProblem

_JINJA = re.compile(rb"\{%-?\s*[A-Za-z]")
_TRIMMED = re.compile(rb"\{\{-|-\}\}")
_ACTION_LINE = re.compile(rb"^[ \t]*\{\{", re.MULTILINE)
_ANY = re.compile(rb"\{\{")


def template_in(data: bytes, failed: bool) -> Optional[SyntaxProblem]:
    """What makes `data` a template, with its position; None when it is a configuration."""
    found = []
    for pattern, kind in ((_JINJA, "a Jinja statement ({% ... %})"), (_TRIMMED, "a Go template action ({{- ... }})"),
                          (_ACTION_LINE, "a line that is a Go template action ({{ ... }})")):
        match = pattern.search(data)
        if match is not None:
            found.append((match.start(), kind))
    if not found and failed:
        match = _ANY.search(data)
        if match is not None:
            found.append((match.start(), "a Go template action ({{ ... }}) that makes the file unreadable as it is"))
    if not found:
        return None
    at, kind = min(found)
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return SyntaxProblem(kind, line, column)
