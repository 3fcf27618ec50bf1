"""Load stage: bytes -> keys with positions. Knows file formats, nothing about Kafka."""
from __future__ import annotations

import os
import stat
import sys

from honolint.model import LoadedFile, SyntaxProblem

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".properties": "properties", ".json": "json", ".toml": "toml",
            ".env": "env", ".conf": "conf"}
# a UTF-8 byte order mark as java.util.Properties reads it (ISO-8859-1): part of the first key
PROPERTIES_BOM = "\u00ef\u00bb\u00bf"
MAX_BYTES = 4 * 1024 * 1024  # configuration files are small; a huge file is a mistake, not a config
KCAT_NAMES = ("kcat.conf", "kafkacat.conf")  # and *.kcat.conf: read as kcat reads them (kcat_file.py)


def file_format(path: str) -> str:
    name = os.path.basename(path).lower()
    if name == ".env" or name.endswith(".env"):
        return "env"
    return SUFFIXES.get(os.path.splitext(name)[1], "unknown")


def is_kcat_name(path: str) -> bool:
    name = os.path.basename(path).lower()
    return name in KCAT_NAMES or name.endswith(".kcat.conf")


def load_bytes(data: bytes, path: str, fmt: str | None = None) -> LoadedFile:
    """Parse `data` as the format its name says; a name that says nothing is sniffed."""
    loaded = _parse(data, path, fmt)
    _expressions_and_template(loaded, data)
    if data.find(b"honolint:") != -1 and len(data) <= MAX_BYTES:  # `# honolint:` comments (directives.py)
        from honolint.directives import scan

        loaded.directives = scan(data, loaded.format)
    return loaded


def load_nested(data: bytes, path: str, fmt: str) -> LoadedFile:
    """A file inside a manifest (load/manifests.py): read as load_bytes reads it, but the files inside it are
    not looked for, and its `# honolint:` comments are the manifest's."""
    loaded = _parse(data, path, fmt, nested=True)
    _expressions_and_template(loaded, data)
    return loaded


def _expressions_and_template(loaded: LoadedFile, data: bytes) -> None:
    braces = data.find(b"{") != -1 and (data.find(b"{{") != -1 or data.find(b"{%") != -1)
    loaded.expressions = braces or data.find(b"$") != -1
    if braces and len(data) <= MAX_BYTES:
        from honolint.load.templates import template_in

        loaded.template = template_in(data, loaded.error is not None)
        if loaded.template is not None:
            loaded.documents, loaded.error, loaded.embedded = [], None, []


def _parse(data: bytes, path: str, fmt: str | None, nested: bool = False) -> LoadedFile:
    fmt = fmt or file_format(path)
    if fmt == "unknown":
        fmt = _sniff(data)
    if fmt == "conf":  # kcat's key=value, or Fluent Bit's [SECTION]s
        from honolint.load.ini_file import looks_like_ini

        fmt = "ini" if looks_like_ini(data) else "properties"
    if len(data) > MAX_BYTES:
        return LoadedFile(path, fmt if fmt in ("yaml", "json", "toml", "env", "ini") else "properties", error=SyntaxProblem(
            f"cannot read file: larger than {MAX_BYTES // 1024 // 1024} MiB, the most honolint reads", 1, 1))
    if fmt in ("yaml", "json"):  # JSON is read as YAML: libyaml gives the positions json does not
        loaded = _loader("yaml")(data, path, not nested)
        loaded.format = fmt
        return loaded
    if fmt not in ("toml", "env", "ini") and is_kcat_name(path):
        return _loader("kcat")(data, path)
    return _loader(fmt if fmt in ("toml", "env", "ini") else "properties")(data, path)


_LOADERS: dict = {}  # format -> its parse function, its module imported when a file first needs it


def _loader(fmt: str):
    loader = _LOADERS.get(fmt)
    if loader is None:
        from importlib import import_module

        module = import_module(f"honolint.load.{'properties' if fmt == 'properties' else fmt + '_file'}")
        loader = _LOADERS[fmt] = getattr(module, f"load_{fmt}")
    return loader


def read_stdin(name: str) -> LoadedFile:
    """Standard input (`-`) as the file `name`, read as read_file reads a path."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # closed by the caller (`<&-`)
            raise OSError("it is closed")
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadedFile(name, _error_format(name), error=SyntaxProblem(
            f"cannot read standard input: {exc.strerror or exc}", 1, 1))
    return load_bytes(data, name)


def _error_format(path: str) -> str:
    """The format to report a file that could not be read as: the one its name says, else properties."""
    named = file_format(path)
    return named if named in ("yaml", "json", "toml", "env") else "properties"


def read_file(path: str, builds=None, supplied=None) -> LoadedFile:
    """The file at `path`; with `builds() -> maven.Builds`, as its build's resource filtering copies it,
    filling references with `supplied(name) -> (value, how)` first."""
    named = file_format(path)
    fmt = _error_format(path)  # for an error before sniffing
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for a regular file
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
                return LoadedFile(path, fmt, error=SyntaxProblem("cannot read file: not a regular file", 1, 1))
            data = _read(fd, min(info.st_size, MAX_BYTES) + 1 if info.st_size else MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return LoadedFile(path, fmt, error=SyntaxProblem(f"cannot read file: {exc.strerror or exc}", 1, 1))
    loaded = load_bytes(data, path, named)
    if builds is not None and (loaded.expressions or data.find(b"@") != -1) and len(data) <= MAX_BYTES:
        from honolint.load.filtered import filtered

        loaded = filtered(loaded, data, builds(), lambda text: load_bytes(text, path, named), supplied) or loaded
    return loaded


def read_regular(path: str) -> bytes:
    """The bytes of the regular file at `path` (a settings file, a baseline); ValueError, its message for
    the user, when it cannot be read, is no regular file or is larger than MAX_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO would wait for a writer, /dev/zero never end
                raise ValueError("not a regular file")
            data = _read(fd, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // 1024 // 1024} MiB, the most honolint reads")
    return data


def _read(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes (a file's size said by stat, plus one to see it grew), without a buffer object."""
    chunks = []
    while limit > 0:
        chunk = os.read(fd, limit)
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _sniff(data: bytes) -> str:
    """A `.properties` line is `key=value` or `key: value`; YAML is told apart by its nesting."""
    for raw in data.splitlines()[:50]:
        line = raw.strip()
        if not line or line.startswith((b"#", b"!")):
            continue
        if line == b"---" or line.startswith((b"- ", b"%YAML")):
            return "yaml"
        if raw[:1] in (b" ", b"\t"):
            return "yaml"
        if b"=" in line.split(b":", 1)[0]:
            return "properties"
    return "yaml"
