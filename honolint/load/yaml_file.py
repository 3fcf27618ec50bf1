"""YAML loader: libyaml's node composer, so every key keeps its position and duplicates are seen.

Values are turned into the text a YAML 1.1 reader (SnakeYAML in Spring/Quarkus/Hono, go-yaml v2
in Kubernetes) hands the application: `yes` -> "true", `0100` -> "64", `1:30` -> "90", `~` -> "".
No object is ever constructed from a tag, so no input can run code.
"""
from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from honolint.memo import remember
from honolint.model import Document, Duplicate, Entry, LoadedFile, SyntaxProblem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_scalars = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _TAG + "str", _TAG + "seq", _TAG + "map", _TAG + "merge"


class _Loader(_BaseLoader):
    """The safe loader, with the implicit tag of a plain scalar remembered: keys and values repeat from
    file to file, and PyYAML's resolver tries its regular expressions on each one every time."""

    plain_tags: dict[str, str] = {}

    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode:
            return _SEQ if kind is SequenceNode else _MAP  # the safe loader has no path resolvers
        if not implicit[0]:
            return _STR  # quoted or block: a string
        tag = self.plain_tags.get(value)
        if tag is None:
            tag = remember(self.plain_tags, value, _BaseLoader.resolve(self, kind, value, implicit), value)
        return tag

    def descend_resolver(self, current_node, current_index):  # called for every node; no path resolvers
        pass

    def ascend_resolver(self):
        pass

_MAX_ALIASED = 10_000  # keys repeated through aliases: an alias bomb stops here instead of eating the machine


def load_yaml(data: bytes, path: str, files: bool = True) -> LoadedFile:
    """`files`: look for the files a Kubernetes manifest or a compose file holds (load/manifests.py)."""
    loaded = LoadedFile(path=path, format="yaml")
    manifest = None
    try:
        for index, root in enumerate(yaml.compose_all(data, Loader=_Loader)):
            loaded.documents.append(_document(index, root))
            if files and root.__class__ is MappingNode and _may_hold_files(root):
                if manifest is None:
                    from honolint.load.manifests import Manifest

                    manifest = Manifest(data, path)
                loaded.embedded.extend(manifest.files(root))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        loaded.error = SyntaxProblem(message, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1)
    except yaml.YAMLError as exc:  # reader errors (bad UTF-8, control characters) carry a byte offset
        loaded.error = _reader_problem(exc, data)
    except RecursionError:
        loaded.error = SyntaxProblem("nesting too deep to read", 1, 1)
    except _TooLarge as exc:
        loaded.error = SyntaxProblem(str(exc), exc.line, exc.column)
    return loaded


_HOLDERS = frozenset({"ConfigMap", "Secret", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
                      "CronJob", "ReplicationController"})


def _may_hold_files(root: MappingNode) -> bool:
    """A Kubernetes object that holds files or containers, or a compose file's `services`: a look at the root keys."""
    for key, value in root.value:
        if key.__class__ is ScalarNode and value.__class__ is ScalarNode and key.value == "kind":
            return value.value.strip() in _HOLDERS
        if key.__class__ is ScalarNode and value.__class__ is MappingNode and key.value == "services":
            return True
    return False


class _TooLarge(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__(f"more than {_MAX_ALIASED} keys repeated through aliases (an alias bomb?)")
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


def _reader_problem(exc: yaml.YAMLError, data: bytes) -> SyntaxProblem:
    position = getattr(exc, "position", None)
    reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    if position is None:
        return SyntaxProblem(str(reason), 1, 1)
    before = data[:position]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1  # characters, as editors count
    return SyntaxProblem(f"cannot read the file as text: {reason} at byte {position}", line, column)


def _document(index: int, root: Node | None) -> Document:
    doc = Document(index=index)
    if root is None:
        return doc
    if not isinstance(root, MappingNode):
        kind = "list" if isinstance(root, SequenceNode) else "scalar"
        doc.not_a_mapping = SyntaxProblem(
            f"the document is a {kind}, not a mapping of keys", root.start_mark.line + 1, root.start_mark.column + 1
        )
        return doc
    replaced: set[int] = set()
    _Walk(doc, replaced).mapping(root, (), False)
    if replaced:
        doc.entries = [e for i, e in enumerate(doc.entries) if i not in replaced]
    return doc


class _Walk:
    """Flattens nested mappings into entries; `replaced` collects the indexes of overridden duplicates."""

    def __init__(self, doc: Document, replaced: set[int]) -> None:
        self.doc, self.replaced = doc, replaced
        self.active: set[int] = set()  # mappings on the current path: an alias back into one is a cycle
        self.visited: set[int] = set()
        self.aliased_budget = _MAX_ALIASED
        self.merges: dict[int, list[tuple[Node, Node]]] = {}

    def mapping(self, node: MappingNode, prefix: tuple[str, ...], aliased: bool) -> None:
        node_id = id(node)
        if node_id in self.active:
            return
        aliased = aliased or node_id in self.visited
        self.active.add(node_id)
        self.visited.add(node_id)
        doc, seen = self.doc, {}
        entries = doc.entries
        for key_node, value_node in _pairs(node, self.merges):
            key = key_node.value if key_node.__class__ is ScalarNode else "?"
            path = prefix + (key,)
            kind = value_node.__class__
            if kind is MappingNode and value_node.value:
                self.mapping(value_node, path, aliased)
                continue
            if kind is SequenceNode and any(n.__class__ is MappingNode for n in value_node.value):
                self.sequence(value_node, path, aliased)
                continue
            if aliased:
                self.spend(key_node)
            entry = _entry(path, key_node, value_node, doc.index)
            earlier = seen.get(key)
            if earlier is not None:
                doc.duplicates.append(Duplicate(entries[earlier], entry))
                self.replaced.add(earlier)
            seen[key] = len(entries)
            entries.append(entry)
        self.active.discard(node_id)

    def sequence(self, node: SequenceNode, prefix: tuple[str, ...], aliased: bool) -> None:
        """A list of mappings (Kubernetes `containers`, Fluent Bit `outputs`): each item under its index."""
        if id(node) in self.active:
            return
        aliased = aliased or id(node) in self.visited
        self.active.add(id(node))
        self.visited.add(id(node))
        for index, item in enumerate(node.value):
            path = prefix + (str(index),)
            if isinstance(item, MappingNode):
                self.mapping(item, path, aliased)
            elif isinstance(item, SequenceNode) and any(isinstance(n, MappingNode) for n in item.value):
                self.sequence(item, path, aliased)
            else:
                if aliased:
                    self.spend(item)
                self.doc.entries.append(_entry(path, item, item, self.doc.index))
        self.active.discard(id(node))

    def spend(self, node: Node) -> None:
        """One more key reached through an alias."""
        self.aliased_budget -= 1
        if self.aliased_budget < 0:
            raise _TooLarge(node)


def _pairs(node: MappingNode, cache: dict[int, list[tuple[Node, Node]]], depth: int = 0) -> list[tuple[Node, Node]]:
    """The mapping's pairs with `<<` merge keys expanded first (an earlier merged mapping wins a key,
    an explicit key overrides them all), so no merge chain can multiply keys."""
    for key_node, _ in node.value:
        if key_node.tag == _MERGE:
            break
    else:
        return node.value
    merged: dict[str, tuple[Node, Node]] = {}
    explicit: list[tuple[Node, Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag != _MERGE:
            explicit.append((key_node, value_node))
            continue
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if isinstance(source, MappingNode) and source is not node and depth < 50:
                if id(source) not in cache:
                    cache[id(source)] = _pairs(source, cache, depth + 1)
                for pair in cache[id(source)]:
                    merged.setdefault(pair[0].value if isinstance(pair[0], ScalarNode) else "?", pair)
    if not merged:
        return explicit
    explicit_keys = {k.value for k, _ in explicit if isinstance(k, ScalarNode)}
    return [pair for key, pair in merged.items() if key not in explicit_keys] + explicit


def _entry(path: tuple[str, ...], key_node: Node, value_node: Node, document: int) -> Entry:
    key_mark, value_mark = key_node.start_mark, value_node.start_mark
    value, yaml_type, raw = _text(value_node)
    key = path[0] if len(path) == 1 else ".".join(path)
    return Entry(path, key, value, key_mark.line + 1, key_mark.column + 1, value_mark.line + 1, value_mark.column + 1,
                 raw, yaml_type, document)


_TYPED: dict[tuple[str, str], tuple[str, str]] = {}  # (tag, plain scalar) -> (text, YAML type), as _typed gives


def _text(node: Node) -> tuple[str | None, str, str | None]:
    """(text the application reads, YAML type, the plain scalar as written)."""
    kind = node.__class__
    if kind is SequenceNode:
        items = [n.value for n in node.value if isinstance(n, ScalarNode)]
        return ",".join(items), "seq", None
    if kind is MappingNode:
        return None, "map", None
    value, tag = node.value, node.tag
    raw = value if not node.style else None  # libyaml gives "" for plain, PyYAML None
    if tag == _STR:
        return value, "str", raw
    typed = _TYPED.get((tag, value))
    if typed is None:
        typed = remember(_TYPED, (tag, value), _typed(node), value)
    return typed[0], typed[1], raw


def _typed(node: ScalarNode) -> tuple[str, str]:
    tag = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else "str"
    try:
        if tag == "int":
            return str(_scalars.construct_yaml_int(node)), "int"
        if tag == "bool":
            return ("true" if _scalars.construct_yaml_bool(node) else "false"), "bool"
        if tag == "null":
            return "", "null"
        if tag == "float":
            return _java_double(_scalars.construct_yaml_float(node)), "float"
    except (ConstructorError, ValueError, OverflowError):
        pass
    return node.value, "str"


def _java_double(number: float) -> str:
    if number != number:
        return "NaN"
    if number in (float("inf"), float("-inf")):
        return "Infinity" if number > 0 else "-Infinity"
    return repr(number)
