"""Load stage: bytes -> keys with positions. Knows file formats, nothing about Kafka."""
from __future__ import annotations

import os
import stat

from honolint.model import LoadedFile, SyntaxProblem

YAML_SUFFIXES = (".yaml", ".yml")
PROPERTIES_SUFFIXES = (".properties",)
# a UTF-8 byte order mark as java.util.Properties reads it (ISO-8859-1): part of the first key
PROPERTIES_BOM = "\u00ef\u00bb\u00bf"
MAX_BYTES = 4 * 1024 * 1024  # configuration files are small; a huge file is a mistake, not a config


def file_format(path: str) -> str:
    lower = path.lower()
    if lower.endswith(YAML_SUFFIXES):
        return "yaml"
    if lower.endswith(PROPERTIES_SUFFIXES):
        return "properties"
    return "unknown"


def load_bytes(data: bytes, path: str, fmt: str | None = None) -> LoadedFile:
    """Parse `data` as the format its name says; a name that says nothing is sniffed."""
    fmt = fmt or file_format(path)
    if fmt == "unknown":
        fmt = _sniff(data)
    if len(data) > MAX_BYTES:
        return LoadedFile(path, fmt, error=SyntaxProblem(
            f"cannot read file: larger than {MAX_BYTES // 1024 // 1024} MiB, the most honolint reads", 1, 1))
    if fmt == "yaml":
        from honolint.load.yaml_file import load_yaml

        return load_yaml(data, path)
    from honolint.load.properties import load_properties

    return load_properties(data, path)


def read_file(path: str) -> LoadedFile:
    fmt = file_format(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device would block or never end
            return LoadedFile(path, "yaml" if fmt == "yaml" else "properties",
                              error=SyntaxProblem("cannot read file: not a regular file", 1, 1))
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return LoadedFile(path, "yaml" if fmt == "yaml" else "properties",
                          error=SyntaxProblem(f"cannot read file: {exc.strerror or exc}", 1, 1))
    return load_bytes(data, path, fmt)


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
