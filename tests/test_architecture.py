"""The package's layers, held against its imports (lazy ones inside functions count as much as the others).

A module imports only modules of its own layer or of the layers below it, and no modules import each
other in a circle. The layers, from the ground up, are the table below; README's "Architecture" section
describes the same. A new module must be given its layer here.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (layer, the modules in it: a name, or a package's name followed by ".*" for all of its modules)
LAYERS = [
    ("ground", ["", "model", "exits", "paths", "globs", "memo", "spelling", "writes", "expressions", "directives",
                "platforms"]),  # "": the package's own __init__, which holds the version
    ("load", ["load", "load.*", "maven", "build_files"]),
    ("profiles", ["profiles", "profiles.*"]),
    ("resolve", ["resolve", "interpolate", "verdict", "unknowns", "redact", "repository"]),
    ("dialects", ["dialects", "dialects.*"]),
    ("rules", ["rulebook", "rules", "rules.*"]),
    ("filter", ["filter", "filter.*", "pipeline"]),
    ("settings", ["settings", "settings.*"]),
    ("report", ["report", "report.*"]),
    ("run", ["app", "app.*"]),
    ("front", ["cli", "entry", "__main__"]),
]
# the libraries that one module each stands between honolint and
ONE_IMPORTER = {"click": "cli", "rich": "report.text", "jsonschema": "settings.file"}
# what a rule may import: the rulebook, the model, and the tables and helpers it judges by
RULE_IMPORTS = {"rulebook", "model", "profiles", "profiles.java_keys", "profiles.librdkafka", "profiles.librdkafka_keys",
                "spelling", "expressions", "redact", "resolve", "load"}


def module_files() -> dict[str, Path]:
    """Module name (without the leading `honolint.`) -> its file; `rules/` is installed as honolint.rules."""
    found = {}
    for top, prefix in ((ROOT / "honolint", ""), (ROOT / "rules", "rules")):
        for path in top.rglob("*.py"):
            parts = [prefix] if prefix else []
            parts += list(path.relative_to(top).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(honolint modules, outside top-level packages) that the file imports, anywhere in it."""
    ours, outside = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            if name == "honolint" or name.startswith("honolint."):
                ours.add(name[len("honolint."):] if name != "honolint" else "")
            else:
                outside.add(name.split(".")[0])
    return ours, outside


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Module -> the package's modules it imports (`from honolint.x import name` counts as x, or as x.name
    when that is a module); module -> the outside packages it imports."""
    files = module_files()
    edges, outside = {}, {}
    for name, path in files.items():
        ours, others = imports(path)
        edges[name] = {target for target in ours if target in files and target != name}
        outside[name] = others
    return edges, outside


def layer_of(module: str) -> int:
    for index, (_, members) in enumerate(LAYERS):
        for member in members:
            if module == member or (member.endswith(".*") and module.startswith(member[:-1])):
                return index
    raise KeyError(module)


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Each import of a module from a higher layer than its own, said as `a (layer) -> b (layer)`."""
    found = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(source):
                found.append(f"{source} ({LAYERS[layer_of(source)][0]}) -> {target} ({LAYERS[layer_of(target)][0]})")
    return found


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), and modules that import themselves."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        work = [(node, iter(sorted(edges.get(node, ()))))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            current, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[current] = min(low[current], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[current])
            if low[current] == index[current]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == current:
                        break
                if len(group) > 1 or current in edges.get(current, ()):
                    found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer():
    unplaced = []
    for module in module_files():
        try:
            layer_of(module)
        except KeyError:
            unplaced.append(module)
    assert unplaced == [], f"give these modules a layer in LAYERS: {unplaced}"


def test_imports_go_to_the_same_layer_or_below():
    edges, _ = graph()
    assert upward(edges) == []


def test_no_modules_import_each_other_in_a_circle():
    edges, _ = graph()
    assert circles(edges) == []


def test_the_libraries_are_each_imported_by_one_module():
    _, outside = graph()
    for library, module in ONE_IMPORTER.items():
        assert sorted(m for m, packages in outside.items() if library in packages) == [module], library


def test_rules_import_only_the_rulebook_the_model_and_tables():
    edges, _ = graph()
    for module, targets in sorted(edges.items()):
        if module.startswith("rules."):
            assert targets <= RULE_IMPORTS, (module, sorted(targets - RULE_IMPORTS))


@pytest.mark.parametrize("source,target", [("model", "app.run"), ("report.text", "app.run"), ("load", "pipeline"),
                                           ("profiles.java", "rulebook")])
def test_a_planted_upward_import_is_found(source, target):
    edges, _ = graph()
    edges[source] = edges[source] | {target}
    assert any(line.startswith(f"{source} (") and f"-> {target} (" in line for line in upward(edges))


def test_a_planted_circle_is_found():
    edges, _ = graph()
    edges["verdict"] = edges["verdict"] | {"pipeline"}  # pipeline imports verdict: now each the other
    assert ["pipeline", "verdict"] in circles(edges)
