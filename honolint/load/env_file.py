"""Environment files (`.env`, `docker --env-file`): `[export ]NAME=value` lines, `#` comments."""
from __future__ import annotations

from honolint.model import Document, Entry, LoadedFile


def load_env(data: bytes, path: str) -> LoadedFile:
    loaded = LoadedFile(path=path, format="env")
    doc = Document(index=0)
    seen: dict[str, int] = {}
    text = data.decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or "=" not in stripped:
            continue
        indent = len(line) - len(line.lstrip())
        if stripped.startswith("export "):
            stripped, indent = stripped[len("export "):].lstrip(), indent + len("export ")
        name, _, value = stripped.partition("=")
        name, value = name.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        column = indent + 1
        entry = Entry((name,), name, value, number, column, number, line.index("=") + 2, document=0)
        if name in seen:
            from honolint.model import Duplicate

            doc.duplicates.append(Duplicate(doc.entries[seen[name]], entry))
            doc.entries[seen[name]] = entry
        else:
            seen[name] = len(doc.entries)
            doc.entries.append(entry)
    loaded.documents.append(doc)
    return loaded
