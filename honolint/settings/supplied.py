"""Supplied values: what the deployment sets, told to honolint so that expressions resolve as they will.

`--define NAME=VALUE` (repeatable), `--define-file FILE` (`.properties` syntax, or `.env` for a file
named so) and the settings file's `defines:` map. A name is what an expression refers to: `KAFKA_ACKS`
for `${KAFKA_ACKS}`, `kafka.acks` for Maven's `${kafka.acks}`, `env:KAFKA_ACKS` for a config provider's
`${env:KAFKA_ACKS}`. Precedence: `--define` > `--define-file` (a later file over an earlier one) >
`defines:` > the expression's default.
"""
from __future__ import annotations

from typing import Iterable, Optional


class DefineError(ValueError):
    """A define honolint cannot use: a usage error (exit 2)."""


def define_problem(text: str) -> Optional[str]:
    """What is wrong with `--define TEXT`, or None."""
    name, equals, _ = text.partition("=")
    if not equals:
        return f"'{text}' is not NAME=VALUE (for example --define KAFKA_ACKS=all)"
    if not name or name != name.strip() or any(c.isspace() for c in name):
        return f"'{text}': the name before '=' must be non-empty, without spaces"
    return None


class Supplied:
    """name -> (value, how it was supplied); called as `supplied(name)` by the stages that resolve names."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, tuple[str, str]]) -> None:
        self.values = values

    def __call__(self, name: str) -> Optional[tuple[str, str]]:
        return self.values.get(name)

    @classmethod
    def layered(cls, layers: Iterable[dict[str, tuple[str, str]]]) -> "Supplied":
        """Layers lowest precedence first; a later one wins name by name."""
        values: dict[str, tuple[str, str]] = {}
        for layer in layers:
            values.update(layer)
        return cls(values)


def command_line_defines(defines: Iterable[str]) -> dict[str, tuple[str, str]]:
    found = {}
    for text in defines:
        problem = define_problem(text)
        if problem is not None:
            raise DefineError(f"--define {problem}")
        name, _, value = text.partition("=")
        found[name] = (value, "--define on the command line")
    return found


def define_file(path: str) -> dict[str, tuple[str, str]]:
    """The NAME=VALUE lines of a `.properties` or `.env` file, as its own format reads them."""
    from honolint.load import MAX_BYTES, file_format, load_bytes
    from honolint.settings.file import shown_path

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DefineError(f"--define-file {shown_path(path)}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DefineError(f"--define-file {shown_path(path)}: larger than {MAX_BYTES // 1024 // 1024} MiB")
    loaded = load_bytes(data, path, "env" if file_format(path) == "env" else "properties")
    if loaded.error is not None:
        raise DefineError(f"--define-file {shown_path(path)}:{loaded.error.line}: {loaded.error.message}")
    found = {}
    for doc in loaded.documents:
        for entry in doc.entries:
            if entry.value is not None:
                found[entry.key] = (entry.value, f"--define-file {shown_path(path)}:{entry.line}")
    return found
