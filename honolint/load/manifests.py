"""Files inside files: what a Kubernetes manifest or a docker compose file hands the programs it runs.

- A ConfigMap or Secret (`apiVersion: v1`) is mounted as a directory with a file per `data` / `stringData`
  key, so a key that names a file honolint reads (`application.yml`, `producer.properties`,
  `fluent-bit.conf`, `vector.toml`...: the name picks the format, then the dialect is detected as for any
  file) is read as that file. A literal block scalar (`key: |`) keeps every position: the file's line 1 is
  the line after the key, its indentation stripped. Any other scalar, and a Secret's base64 `data`, can only
  be pointed at through its key: every position inside it is the key's. A `data` value that is not base64
  is an unreadable file; `binaryData` is never read.
- The containers of a Pod or of a workload's pod template (`env`: `name` with `value`, a `valueFrom` known
  at deploy time) and a compose service's `environment` (a map, or a list of `NAME=VALUE`; a name without
  a value takes the shell's at deploy time) are an `.env` document, read by the dialects that know
  environment variables (Spring Boot's relaxed names, Hono's), at the positions of the entries. A value
  known at deploy time reads as `${NAME}`: unknown, unless `--define NAME=VALUE` gives it. A container of
  a Kafka Connect image (Confluent's cp-kafka-connect / cp-server-connect, Debezium's connect) is instead
  the worker file the image's entrypoint renders from its `CONNECT_*` variables.

Nothing here is nested deeper than the manifest's own structure, every file's text counts against one
budget of MAX_BYTES, and at most MOST_FILES files and MOST_VARIABLES variables are read from one manifest:
aliases that repeat a large value cannot make the work grow beyond the size of what is read.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from honolint.model import Document, Duplicate, Embedded, Entry, Expression, LoadedFile, SyntaxProblem

MOST_FILES = 1000
MOST_VARIABLES = 100_000
_KEY = re.compile(r"[-._a-zA-Z0-9]+")  # what Kubernetes accepts as a ConfigMap or Secret key
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a name ${...} can refer to
_K8S_REFERENCE = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")  # `$(NAME)`, `$$` escapes it
_NULL = "tag:yaml.org,2002:null"
# where each kind keeps its pod spec
_POD_SPEC = {"Pod": ("spec",), "CronJob": ("spec", "jobTemplate", "spec", "template", "spec")}
_WORKLOADS = ("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController")


class Manifest:
    """The files inside one manifest, document by document (yaml_file.load_yaml calls `files`)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.data, self.path = data, path
        from honolint.load import MAX_BYTES

        self._lines: Optional[list[bytes]] = None
        self.bytes_left, self.files_left, self.variables_left = MAX_BYTES, MOST_FILES, MOST_VARIABLES

    def files(self, root: MappingNode) -> list[Embedded]:
        """The files of one document of the manifest, its `root`."""
        fields = _fields(root)
        kind = _text(fields.get("kind"))
        if kind in ("ConfigMap", "Secret"):
            return list(self._mounted(kind, fields)) if _text(fields.get("apiVersion")) == "v1" else []
        if kind in _WORKLOADS:
            return list(self._containers(kind, fields))
        if kind is None and "apiVersion" not in fields and isinstance(fields.get("services"), MappingNode):
            return list(self._services(fields["services"]))
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

    # ------------------------------------------------------------ environments

    def _containers(self, kind: str, fields: dict[str, Node]) -> Iterator[Embedded]:
        spec: Optional[Node] = None
        for step in _POD_SPEC.get(kind, ("spec", "template", "spec")):
            spec = (fields if spec is None else _fields(spec)).get(step)
        containers = _fields(spec).get("containers")
        if not isinstance(containers, SequenceNode):
            return
        name = _object_name(fields)
        for index, container in enumerate(containers.value):
            own = _fields(container)
            env = own.get("env")
            if not isinstance(env, SequenceNode) or self.files_left <= 0:
                continue
            self.files_left -= 1
            label = _text(own.get("name")) or str(index)
            entries = []
            for item in env.value:
                if not self._spend():
                    break
                entry = self._variable(item)
                if entry is not None:
                    entries.append(entry)
            yield self._environment(f"{kind} {name} containers[{label}] env", f"{kind}.{name}.{label}", entries,
                                    _text(own.get("image")) or "")

    def _variable(self, item: Node) -> Optional[Entry]:
        """One `env` item of a container: `name` with `value` (`$(NAME)` expanded by Kubernetes), or `valueFrom`."""
        own = _fields(item)
        name_node = own.get("name")
        if not isinstance(name_node, ScalarNode) or not name_node.value:
            return None
        name, source = name_node.value, own.get("valueFrom")
        value_node = own.get("value") if source is None else source
        at = value_node if value_node is not None else name_node
        if source is not None:
            return _deploy_time(name, name_node, at, f"valueFrom: {_describe(source)}")
        text = value_node.value if isinstance(value_node, ScalarNode) and value_node.tag != _NULL else ""
        entry = _entry(name, text, name_node, at)
        return _expanded(entry) if "$" in text else entry

    def _services(self, services: MappingNode) -> Iterator[Embedded]:
        for key_node, service in services.value:
            own = _fields(service)
            env = own.get("environment")
            label = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if not isinstance(env, (MappingNode, SequenceNode)) or self.files_left <= 0:
                continue
            self.files_left -= 1
            entries = list(self._compose_variables(env))
            found = self._environment(f"services.{label} environment", label, entries, _text(own.get("image")) or "")
            found.file.overrides = self._resources(own.get("build"))
            yield found

    def _resources(self, build: Optional[Node]) -> Optional[str]:
        """The `src/main/resources` of a service's build context (`build: ./orders`, `build: {context: ...}`),
        when it is a directory: the application configuration the service's environment overrides."""
        context = _text(_fields(build).get("context")) if isinstance(build, MappingNode) else _text(build)
        if not context or self.path in ("", "-") or "://" in context:
            return None
        import os

        folder = os.path.join(os.path.dirname(self.path), context, "src", "main", "resources")
        return folder if os.path.isdir(folder) else None

    def _compose_variables(self, env: Node) -> Iterator[Entry]:
        shell = "(the shell's, when docker compose runs)"
        if isinstance(env, MappingNode):
            for key_node, value_node in env.value:
                if not self._spend():
                    return
                if not isinstance(key_node, ScalarNode) or not key_node.value:
                    continue
                if isinstance(value_node, ScalarNode) and value_node.tag == _NULL:
                    yield _deploy_time(key_node.value, key_node, key_node, f"{key_node.value} {shell}")
                elif isinstance(value_node, ScalarNode):
                    yield _entry(key_node.value, value_node.value, key_node, value_node)
            return
        for node in env.value:
            if not self._spend():
                return
            name, equals, text = node.value.partition("=") if isinstance(node, ScalarNode) else ("", "", "")
            if not name.strip():
                continue
            if not equals:
                yield _deploy_time(name.strip(), node, node, f"{name.strip()} {shell}")
                continue
            shift = len(name) + 1 + (1 if node.style in ("'", '"') else 0)
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            yield Entry((name,), name, text, line, column, line, column + shift)

    def _spend(self) -> bool:
        """One more variable read, if the manifest's budget allows it."""
        self.variables_left -= 1
        return self.variables_left >= 0

    def _environment(self, scope: str, label: str, entries: list[Entry], image: str) -> Embedded:
        from honolint.load.connect_images import connect_image, rendered

        image_kind = connect_image(image, {entry.key for entry in entries})
        if image_kind is not None:
            path = f"{self.path}/{label}/connect-distributed.properties"
            loaded = LoadedFile(path, "properties", [Document(0, rendered(entries, image_kind))])
            dialect: Optional[str] = "connect-worker"
        else:
            loaded, dialect = LoadedFile(f"{self.path}/{label}.env", "env", [_env_document(entries)]), None
        loaded.expressions = any("$" in (entry.value or "") for doc in loaded.documents for entry in doc.entries)
        return Embedded(scope, loaded, dialect)


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


def _entry(name: str, value: str, key_node: Node, value_node: Node) -> Entry:
    key_mark, value_mark = key_node.start_mark, value_node.start_mark
    return Entry((name,), name, value, key_mark.line + 1, key_mark.column + 1, value_mark.line + 1,
                 value_mark.column + 1)


def _deploy_time(name: str, key_node: Node, value_node: Node, written: str) -> Entry:
    """A variable whose value is known at deploy time: `${NAME}`, which `--define NAME=VALUE` can give."""
    entry = _entry(name, "", key_node, value_node)
    if _NAME.fullmatch(name):
        return entry._replace(value="${" + name + "}", expression=Expression(written))
    return entry._replace(expression=Expression(written, (), (written,)))


def _expanded(entry: Entry) -> Entry:
    """Kubernetes expands `$(NAME)` from the container's environment at deploy time: read as `${NAME}`
    (`$$` is a `$`, as in a `.env` file; a `${...}` is left to the program, unknown here either way)."""
    text = entry.value or ""
    value = _K8S_REFERENCE.sub(lambda m: "$$" if m.group(1) is None else "${" + m.group(1) + "}", text)
    return entry if value == text else entry._replace(value=value, expression=Expression(text))


def _describe(source: Node) -> str:
    """`secretKeyRef orders-kafka/acks`, `fieldRef metadata.name`."""
    for key, value in (source.value if isinstance(source, MappingNode) else ()):
        own = _fields(value)
        parts = [_text(own.get(field)) for field in ("name", "key", "fieldPath", "resource")]
        return f"{key.value} {'/'.join(p for p in parts if p)}".strip()
    return "?"


def _env_document(entries: list[Entry]) -> Document:
    """An environment as a `.env` file is read: a name given twice takes its later value."""
    doc = Document(0)
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.key in seen:
            doc.duplicates.append(Duplicate(doc.entries[seen[entry.key]], entry))
            doc.entries[seen[entry.key]] = entry
        else:
            seen[entry.key] = len(doc.entries)
            doc.entries.append(entry)
    return doc
