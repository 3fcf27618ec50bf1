"""Files inside files: what a Kubernetes manifest hands the programs it runs.

- A ConfigMap or Secret (`apiVersion: v1`) is mounted as a directory with a file per `data` / `stringData`
  key, so a key that names a file honolint reads (`application.yml`, `producer.properties`,
  `fluent-bit.conf`, `vector.toml`...: the name picks the format, then the dialect is detected as for any
  file) is read as that file. A literal block scalar (`key: |`) keeps every position: the file's line 1 is
  the line after the key, its indentation stripped. Any other scalar, and a Secret's base64 `data`, can only
  be pointed at through its key: every position inside it is the key's. A `data` value that is not base64
  is an unreadable file; `binaryData` is never read.

Nothing here is nested deeper than the manifest's own structure, every file's text counts against one
budget of MAX_BYTES, and at most MOST_FILES files are read from one manifest: aliases that repeat a large
value cannot make the work grow beyond the size of what is read.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from yaml.nodes import MappingNode, Node, ScalarNode

from honolint.model import Duplicate, Embedded, Entry, LoadedFile, SyntaxProblem

MOST_FILES = 1000
_KEY = re.compile(r"[-._a-zA-Z0-9]+")  # what Kubernetes accepts as a ConfigMap or Secret key


class Manifest:
    """The files inside one manifest, document by document (yaml_file.load_yaml calls `files`)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data, self.path = data, path
        from honolint.load import MAX_BYTES

        self._lines: Optional[list[bytes]] = None
        self.bytes_left, self.files_left = MAX_BYTES, MOST_FILES

    def files(self, root: MappingNode) -> list[Embedded]:
        """The files of one document of the manifest, its `root`."""
        fields = _fields(root)
        kind = _text(fields.get("kind"))
        if kind in ("ConfigMap", "Secret"):
            return list(self._mounted(kind, fields)) if _text(fields.get("apiVersion")) == "v1" else []
        return []

    # ------------------------------------------------------------ ConfigMap and Secret

    def _mounted(self, kind: str, fields: dict[str, Node]) -> Iterator[Embedded]:
        name = _object_name(fields)
        written = _fields(fields.get("stringData"))
        for field in ("stringData", "data"):
            node = fields.get(field)
            if not isinstance(node, MappingNode):
                continue
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else ""
                if not isinstance(value_node, ScalarNode) or not _KEY.fullmatch(key) or self.files_left <= 0:
                    continue
                if field == "data" and key in written:  # the API server writes stringData over data
                    continue
                from honolint.load import file_format

                fmt = file_format(key)
                if fmt == "unknown":
                    continue
                self.files_left -= 1
                encoded = kind == "Secret" and field == "data"
                yield Embedded(f"{kind} {name} {field}[{key}]", self._file(key, fmt, key_node, value_node, encoded))

    def _file(self, key: str, fmt: str, key_node: Node, value_node: ScalarNode, encoded: bool) -> LoadedFile:
        from honolint.load import MAX_BYTES, load_nested

        path = f"{self.path}/{key}"
        pin = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if encoded:
            text, problem = _base64(value_node.value)
        else:
            text, problem = value_node.value.encode("utf-8", "replace"), None
        if problem is None and len(text) > self.bytes_left:
            problem = (f"the files inside this manifest are larger than {MAX_BYTES // 1024 // 1024} MiB in all, "
                       "the most honolint reads")
        if problem is not None:
            return LoadedFile(path, fmt if fmt in ("yaml", "json", "toml", "env") else "properties",
                              error=SyntaxProblem(f"cannot read the file: {problem}", *pin))
        self.bytes_left -= len(text)
        loaded = load_nested(text, path, fmt)
        start = None if encoded else self._literal_start(value_node)
        return _placed(loaded, start, pin)

    def _literal_start(self, node: ScalarNode) -> Optional[tuple[int, int]]:
        """(line, indentation) where a `|` scalar's text starts in the manifest, when its lines are the
        manifest's lines (checked on its first and last line of text); None for any other scalar."""
        if node.style != "|":
            return None
        body = node.start_mark.line + 1  # 0-based: the line after the `|` header
        lines = node.value.split("\n")
        first = next((i for i, line in enumerate(lines) if line), None)
        if first is None:
            return body + 1, 0
        last = max(i for i, line in enumerate(lines) if line)
        numbered = [(first, lines[first]), (last, lines[last])]
        indent = None
        for index, text in numbered:
            source = self._line(body + index)
            if source is None or not source.endswith(text):
                return None
            width = len(source) - len(text)
            if source[:width].strip(" ") or (indent is not None and width != indent):
                return None
            indent = width
        return body + 1, indent or 0

    def _line(self, index: int) -> Optional[str]:
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        if index >= len(self._lines):
            return None
        return self._lines[index].rstrip(b"\r").decode("utf-8", "replace")


# ------------------------------------------------------------------------ helpers


def _fields(node: Optional[Node]) -> dict[str, Node]:
    """A mapping's values by key (a later key wins, as in the loader); {} for anything else."""
    if not isinstance(node, MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, ScalarNode)}


def _text(node: Optional[Node]) -> Optional[str]:
    return node.value.strip() if isinstance(node, ScalarNode) else None


def _object_name(fields: dict[str, Node]) -> str:
    return _text(_fields(fields.get("metadata")).get("name")) or "(unnamed)"


def _base64(text: str) -> tuple[bytes, Optional[str]]:
    import base64
    import binascii

    try:
        return base64.b64decode("".join(text.split()), validate=True), None
    except (binascii.Error, ValueError):
        return b"", "its value is not base64, as a Secret's data must be (stringData takes text)"


def _placed(loaded: LoadedFile, start: Optional[tuple[int, int]], pin: tuple[int, int]) -> LoadedFile:
    """The file's positions as the manifest's: shifted to where its text starts, or all at `pin`."""
    if start is not None:
        lines, columns = start[0] - 1, start[1]

        def problem(found: SyntaxProblem) -> SyntaxProblem:
            return found._replace(line=found.line + lines, column=found.column + columns)

        def entry(found: Entry) -> Entry:
            return found._replace(line=found.line + lines, column=found.column + columns,
                                  value_line=found.value_line + lines, value_column=found.value_column + columns)
    else:
        def problem(found: SyntaxProblem) -> SyntaxProblem:
            return found._replace(line=pin[0], column=pin[1])

        def entry(found: Entry) -> Entry:
            return found._replace(line=pin[0], column=pin[1], value_line=pin[0], value_column=pin[1])

    for doc in loaded.documents:
        moved = {id(e): entry(e) for e in doc.entries}
        for duplicate in doc.duplicates:
            for e in duplicate:
                if id(e) not in moved:
                    moved[id(e)] = entry(e)
        doc.entries = [moved[id(e)] for e in doc.entries]
        doc.duplicates = [Duplicate(moved[id(d.first)], moved[id(d.second)]) for d in doc.duplicates]
        doc.line = problem(SyntaxProblem("", doc.line, 1)).line
        if doc.not_a_mapping is not None:
            doc.not_a_mapping = problem(doc.not_a_mapping)
    if loaded.error is not None:
        loaded.error = problem(loaded.error)
    if loaded.template is not None:
        loaded.template = problem(loaded.template)
    return loaded
