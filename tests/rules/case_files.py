"""Loads tests/rules/cases/<CODE>.yaml strictly: a row the runner would misread is an error naming the file
and the row. cases.schema.json says what a row may hold; this module adds what a schema cannot say: no key
written twice in a mapping, names unique per file (they make the test ids), the file named by a rule code,
and `lines` / `repeat` per form naming exactly the forms the row writes, and no config value YAML reads as other
text than is written."""
from __future__ import annotations

import json
import re
from collections.abc import Hashable
from pathlib import Path

import jsonschema
import yaml

HERE = Path(__file__).parent
CASES_DIR = HERE / "cases"
SCHEMA = json.loads((HERE / "cases.schema.json").read_text(encoding="utf-8"))
COMBINATORS = {"oneOf", "anyOf", "allOf", "not"}


class CaseError(Exception):
    """A case file the runner cannot trust."""


class _Loader(yaml.SafeLoader):
    """safe_load keeps the last of two equal keys without a word; a case file must not."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                continue  # SafeLoader refuses it itself
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"{key!r} is written twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def slug(name: str) -> str:
    """The part of the test id a row's name gives: `acks=1 explicitly` -> `acks=1-explicitly`."""
    return re.sub(r"[^a-z0-9=.+]+", "-", re.sub(r"[,'`\"]", "", name.lower())).strip("-")


def forms(row: dict) -> set[str]:
    """The forms a row writes: a configuration is written in both, a raw file in its own."""
    if "config" in row or "hono" in row:
        return {"properties", "yaml"}
    return {form for form in ("properties", "yaml") if form in row}


def parse(code: str, text: str, where: str) -> list[dict]:
    """The rows of one rule's file, each with its `rule`; CaseError when one is wrong."""
    loader = _Loader(text)
    loader.name = where  # for the marks of its errors
    try:
        node = loader.get_single_node()
        rows = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise CaseError(f"{where}: {error}") from None
    finally:
        loader.dispose()
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    starts = [item.start_mark.line + 1 for item in items]

    def at(index: int) -> str:
        row = rows[index]
        name = f" ({row['name']!r})" if isinstance(row, dict) and isinstance(row.get("name"), str) else ""
        return f"{where}:{starts[index]}: row {index + 1}{name}"

    problems = []
    for error in sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(rows), key=lambda e: list(map(str, e.path))):
        path = list(error.path)
        field = ".".join(map(str, path[1:]))
        said = error.schema.get("description") if error.validator in COMBINATORS else None
        text = f"{field}: {error.instance!r} does not fit: {said}" if field and said else (
            f"{field + ': ' if field else ''}{said or error.message}")
        problems.append(f"{at(path[0])}: {text}" if path else f"{where}: {text}")
    if problems:
        raise CaseError("\n".join(problems))
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        problem = _row_problem(code, row, seen.get(slug(row["name"]))) or _retyped(row, items[index])
        if problem:
            raise CaseError(f"{at(index)}: {problem}")
        seen[slug(row["name"])] = index + 1
        row.setdefault("rule", code)
    return rows


def _row_problem(code: str, row: dict, same_id: int | None) -> str | None:
    if row.get("rule", code) != code:
        return f"rule {row['rule']!r} in the file of {code}: leave `rule` out or write {code}"
    if not slug(row["name"]):
        return "the name gives no test id: use letters or digits"
    if same_id is not None:
        return f"the same test id {slug(row['name'])!r} as row {same_id}: names must differ in letters or digits"
    for field in ("lines", "repeat"):
        written = row.get(field)
        if isinstance(written, dict) and set(written) - {"count"} != forms(row):
            return f"{field} must name each form the row writes, no other: {sorted(forms(row))}"
    return None


def _retyped(row: dict, node: yaml.MappingNode) -> str | None:
    """A config or hono value YAML reads as other text than is written (0100 is 64): the file would get that."""
    for key_node, value_node in node.value:
        if key_node.value in ("config", "hono"):
            for (key, value), (_, written) in zip(row[key_node.value].items(), value_node.value):
                if str(value) != written.value:
                    return f"{key_node.value}.{key}: YAML reads {written.value} as {value!r}: quote it"
    return None


def load(directory: Path = CASES_DIR, codes: set[str] | None = None) -> dict[str, list[dict]]:
    """code -> its rows, for every <CODE>.yaml of `directory`; anything else there is an error."""
    if codes is None:
        from honolint.rulebook import rule_modules

        codes = {module.CODE for module in rule_modules()}
    cases = {}
    for path in sorted(directory.iterdir()):
        where = _shown(path)
        if path.suffix != ".yaml" or path.stem not in codes:
            raise CaseError(f"{where}: not a rule's case file: name it <CODE>.yaml for a rule code of `honolint rules`")
        cases[path.stem] = parse(path.stem, path.read_text(encoding="utf-8"), where)
    return cases


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(HERE.parent.parent))
    except ValueError:
        return str(path)
