"""How reports name a file."""
from __future__ import annotations

import os


def report_path(path: str) -> str:
    """The path as reports show it: relative to the current directory when the file is below it,
    with forward slashes and no leading `./` (GitHub annotations and GitLab need repository-relative
    paths). Other paths are kept as given; `-` (standard input) stays `-`."""
    if path == "-" or not path:
        return path
    shown = path
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            relative = None
        if relative is not None and relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            shown = relative
    shown = shown.replace(os.sep, "/")
    while shown.startswith("./") and len(shown) > 2:
        shown = shown[2:]
    return shown
