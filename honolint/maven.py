"""Maven resource filtering: the `${name}` and `@name@` a build replaces in a file before any application reads it.

A file is filtered when the Maven module it belongs to (the nearest `pom.xml` above it, inside the
checkout) copies it from a resource directory with `<filtering>true</filtering>`: the module's own
`<resources>` / `<testResources>`, else the closest parent's in the checkout, else Maven's defaults
(`src/main/resources`, `src/test/resources`, not filtered). Spring Boot's `spring-boot-starter-parent`
filters `application*.{yml,yaml,properties}` in `src/main/resources` with `@name@` only.

The values: the `<properties>` of the pom and of its parents in the checkout (a child's win, and a value
may refer to others), `project.*` (`version`, `groupId`, `artifactId`, `name`, `description`,
`basedir`, `build.directory`, `parent.*`), and what the user supplies (as `-Dname=value` would). A
reference nothing gives a value is left as written, as Maven leaves it. Substitution is on the file's
text, before it is parsed: a property may hold several lines of configuration (Eclipse Hono keeps whole
`application.properties` files in its poms).

Delimiters: `${*}` and `@` unless the maven-resources-plugin's `<delimiters>` and `<useDefaultDelimiters>`
(in the pom chain's build plugins or plugin management) say otherwise. Profiles are not evaluated.
"""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, NamedTuple, Optional

from honolint.memo import checkout_top, closest_above

if TYPE_CHECKING:
    from honolint.model import SuppliedLookup

POM = "pom.xml"
MOST_POM_BYTES = 4 * 1024 * 1024
MOST_PARENTS = 32
MOST_STEPS = 10_000  # references followed while filtering one file
MOST_GROWTH = 4 * 1024 * 1024  # characters a filtered file may grow by
SPRING_BOOT_PARENT = ("org.springframework.boot", "spring-boot-starter-parent")
SPRING_BOOT_FILES = ("**/application*.yml", "**/application*.yaml", "**/application*.properties")


class Property(NamedTuple):
    value: str
    pom: str  # the pom's path
    line: int

    def where(self, name: str) -> str:
        from honolint.paths import report_path

        return f"<{name}> in {report_path(self.pom)}:{self.line}"


class Resource(NamedTuple):
    directory: str  # absolute
    filtering: bool
    includes: tuple[str, ...]
    excludes: tuple[str, ...]


class _Element:
    __slots__ = ("tag", "line", "text", "children")

    def __init__(self, tag: str, line: int) -> None:
        self.tag, self.line, self.text, self.children = tag, line, [], []

    def child(self, tag: str) -> Optional["_Element"]:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def value(self, tag: str) -> Optional[str]:
        child = self.child(tag)
        return None if child is None else "".join(child.text).strip()


class Pom:
    """What one pom.xml says that filtering needs."""

    __slots__ = ("path", "root", "parent", "relative_path")

    def __init__(self, path: str, root: _Element) -> None:
        self.path, self.root = path, root
        self.parent = root.child("parent")
        relative = self.parent.child("relativePath") if self.parent is not None else None
        self.relative_path = "../pom.xml" if relative is None else "".join(relative.text).strip()

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path)

    def coordinates(self, key: str) -> Optional[str]:
        own = self.root.value(key)
        if own is None and self.parent is not None and key in ("groupId", "version"):
            return self.parent.value(key)
        return own

    def parent_coordinates(self) -> Optional[tuple[str, str]]:
        if self.parent is None:
            return None
        return (self.parent.value("groupId") or "", self.parent.value("artifactId") or "")


def _read_pom(path: str) -> Optional[Pom]:
    """The pom's elements with their lines; None for a file that is not a readable pom (a DOCTYPE, say:
    entities are never expanded)."""
    import xml.parsers.expat

    try:
        with open(path, "rb") as handle:
            data = handle.read(MOST_POM_BYTES + 1)
    except OSError:
        return None
    if len(data) > MOST_POM_BYTES:
        return None
    parser = xml.parsers.expat.ParserCreate()
    stack: list[_Element] = []
    top: list[_Element] = []

    def start(tag: str, _attributes) -> None:
        element = _Element(tag.rsplit(":", 1)[-1], parser.CurrentLineNumber)
        (stack[-1].children if stack else top).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text.append(data)

    def refuse(*_args) -> None:
        raise ValueError("a DOCTYPE")

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except (xml.parsers.expat.ExpatError, ValueError, RecursionError):
        return None
    if len(top) != 1 or top[0].tag != "project":
        return None
    return Pom(path, top[0])


# ---------------------------------------------------------------- which poms, which filter


class Filter:
    """How the build filters one resource file: delimiters and the values it has."""

    __slots__ = ("properties", "delimiters", "module")

    def __init__(self, properties: dict[str, Property], delimiters: tuple[tuple[str, str], ...], module: str) -> None:
        self.properties, self.delimiters, self.module = properties, delimiters, module


class Builds:
    """Finds the pom of each file and how it filters it, each pom read once per run."""

    def __init__(self) -> None:
        self._poms: dict[str, Optional[Pom]] = {}
        self._module: dict[str, Optional[str]] = {}  # directory -> its module's pom.xml
        self._chains: dict[str, list[Pom]] = {}
        self._builds: dict[str, tuple[list[Resource], Filter]] = {}  # module -> its resources and filter

    def filter_for(self, path: str) -> Optional[Filter]:
        """The filter the build applies to the file at `path`, or None when it copies it as it is."""
        absolute = os.path.abspath(path)
        module = self._module_of(os.path.dirname(absolute))
        if module is None:
            return None
        if module not in self._builds:
            chain = self._chain(module)
            if not chain:
                return None
            properties = _properties(chain)
            self._builds[module] = (_resources(chain), Filter(properties, _delimiters(chain, properties), module))
        resources, build_filter = self._builds[module]
        for resource in resources:  # the first resource that copies the file decides
            inside = _inside(absolute, resource.directory)
            if inside is not None and _selected(inside, resource):
                return build_filter if resource.filtering else None
        return None

    def chain(self, pom: str) -> list[Pom]:
        """The pom at the path `pom`, then its parents inside the checkout (the build's versions read them too)."""
        return self._chain(pom)

    def _module_of(self, directory: str) -> Optional[str]:
        """The pom.xml of the closest directory at or above `directory`, within the checkout (.git)."""
        return closest_above(directory, self._module, _pom_in, checkout_top)

    def _pom(self, path: str) -> Optional[Pom]:
        if path not in self._poms:
            self._poms[path] = _read_pom(path)
        return self._poms[path]

    def _chain(self, module: str) -> list[Pom]:
        """The module's pom, then its parents inside the checkout; an external parent ends the chain
        (Spring Boot's starter parent is known by name)."""
        if module in self._chains:
            return self._chains[module]
        chain: list[Pom] = []
        path: Optional[str] = module
        while path is not None and len(chain) < MOST_PARENTS:
            pom = self._pom(path)
            if pom is None or any(p.path == pom.path for p in chain):
                break
            chain.append(pom)
            path = self._parent_path(pom)
        self._chains[module] = chain
        return chain

    def _parent_path(self, pom: Pom) -> Optional[str]:
        if pom.parent is None or not pom.relative_path:
            return None
        candidate = os.path.normpath(os.path.join(pom.directory, pom.relative_path))
        if os.path.isdir(candidate):
            candidate = os.path.join(candidate, POM)
        parent = self._pom(candidate) if os.path.isfile(candidate) else None
        if parent is None or parent.root.value("artifactId") != pom.parent.value("artifactId"):
            return None  # Maven takes that parent from a repository
        return candidate


def _pom_in(directory: str) -> Optional[str]:
    candidate = os.path.join(directory, POM)
    return candidate if os.path.isfile(candidate) else None


def _inside(path: str, directory: str) -> Optional[str]:
    relative = os.path.relpath(path, directory)
    if relative == os.curdir or relative.startswith(os.pardir + os.sep) or relative == os.pardir:
        return None
    return relative.replace(os.sep, "/")


def _selected(relative: str, resource: Resource) -> bool:
    from honolint.globs import Glob

    if resource.includes and not any(Glob.compile("/" + p.lstrip("/")).matches(relative) for p in resource.includes):
        return False
    return not any(Glob.compile("/" + p.lstrip("/")).matches(relative) for p in resource.excludes)


def _expand_basedir(text: str, pom: Pom) -> str:
    for name in ("${project.basedir}", "${basedir}", "${pom.basedir}"):
        text = text.replace(name, pom.directory)
    return text


def _resources(chain: list[Pom]) -> list[Resource]:
    """The module's resources and test resources: the closest pom that declares them (Maven inherits
    `<build><resources>` whole); the starter parent's or Maven's defaults otherwise."""
    module = chain[0]
    found: list[Resource] = []
    for kind, default in (("resources", "src/main/resources"), ("testResources", "src/test/resources")):
        declared = None
        for pom in chain:
            build = pom.root.child("build")
            listed = build.child(kind) if build is not None else None
            if listed is not None:
                declared = (pom, listed)
                break
        if declared is not None:
            pom, listed = declared
            for item in listed.children:
                if item.tag != "resource" and item.tag != "testResource":
                    continue
                directory = _expand_basedir(item.value("directory") or default, module)
                directory = os.path.normpath(os.path.join(module.directory, directory))
                found.append(Resource(directory, (item.value("filtering") or "").lower() == "true",
                                      _patterns(item, "includes"), _patterns(item, "excludes")))
        elif kind == "resources" and _spring_boot_parent(chain):
            directory = os.path.join(module.directory, default)
            found.append(Resource(directory, True, SPRING_BOOT_FILES, ()))
            found.append(Resource(directory, False, (), SPRING_BOOT_FILES))
        else:
            found.append(Resource(os.path.join(module.directory, default), False, (), ()))
    return found


def _patterns(item: _Element, tag: str) -> tuple[str, ...]:
    listed = item.child(tag)
    if listed is None:
        return ()
    return tuple("".join(child.text).strip() for child in listed.children if "".join(child.text).strip())


def _spring_boot_parent(chain: list[Pom]) -> bool:
    return chain[-1].parent_coordinates() == SPRING_BOOT_PARENT


def chain_properties(chain: list[Pom]) -> dict[str, Property]:
    """Every value a `${name}` in the chain's poms can name (build_files.py reads versions with them)."""
    return _properties(chain)


def _properties(chain: list[Pom]) -> dict[str, Property]:
    """Every value a reference can name, the module's own over its parents'."""
    values: dict[str, Property] = {}
    if _spring_boot_parent(chain):
        values["resource.delimiter"] = Property("@", "spring-boot-starter-parent", 0)
    for pom in reversed(chain):
        properties = pom.root.child("properties")
        for element in (properties.children if properties is not None else ()):
            values[element.tag] = Property("".join(element.text).strip(), pom.path, element.line)
    module = chain[0]
    for key in ("version", "groupId", "artifactId", "name", "description"):
        element = module.root.child(key) or (module.parent.child(key) if module.parent is not None and key in (
            "version", "groupId") else None)
        if element is not None:
            prop = Property("".join(element.text).strip(), module.path, element.line)
            values[f"project.{key}"] = values[f"pom.{key}"] = prop
    values["project.basedir"] = values["basedir"] = Property(module.directory, module.path, 1)
    values["project.build.directory"] = Property(os.path.join(module.directory, "target"), module.path, 1)
    if module.parent is not None:
        for key in ("version", "groupId", "artifactId"):
            element = module.parent.child(key)
            if element is not None:
                values[f"project.parent.{key}"] = Property("".join(element.text).strip(), module.path, element.line)
    return values


def _delimiters(chain: list[Pom], properties: dict[str, Property]) -> tuple[tuple[str, str], ...]:
    """The maven-resources-plugin's delimiters: its configuration closest to the module wins."""
    custom: Optional[list[str]] = None
    use_defaults: Optional[bool] = None
    if _spring_boot_parent(chain):
        custom, use_defaults = ["${resource.delimiter}"], False
    for pom in reversed(chain):
        for configuration in _plugin_configurations(pom):
            listed = configuration.child("delimiters")
            if listed is not None:
                custom = ["".join(c.text).strip() for c in listed.children if "".join(c.text).strip()]
            flag = configuration.value("useDefaultDelimiters")
            if flag is not None:
                use_defaults = flag.lower() == "true"
    specs = []
    for spec in custom or []:
        spec = re.sub(r"\$\{([^}]*)\}", lambda m: properties[m[1]].value if m[1] in properties else m[0], spec)
        specs.append(spec)
    if use_defaults is not False:
        specs += ["${*}", "@"]
    pairs = []
    for spec in dict.fromkeys(specs):
        start, star, end = spec.partition("*")
        pairs.append((start, end) if star else (spec, spec))
    return tuple(pair for pair in pairs if pair[0] and pair[1])


def _plugin_configurations(pom: Pom) -> list[_Element]:
    build = pom.root.child("build")
    if build is None:
        return []
    found = []
    for holder in (build, build.child("pluginManagement")):
        plugins = holder.child("plugins") if holder is not None else None
        for plugin in (plugins.children if plugins is not None else ()):
            if plugin.value("artifactId") == "maven-resources-plugin":
                configuration = plugin.child("configuration")
                if configuration is not None:
                    found.append(configuration)
    return found


# ---------------------------------------------------------------- filtering a file's text


class Line(NamedTuple):
    """Where a line of the filtered text comes from."""

    line: int  # the line of the file as written
    column: Optional[int]  # for a line a property brought in: the column of the reference; else None
    steps: tuple[str, ...]  # the values it took: "<kafka.acks> in pom.xml:12"
    unknown: tuple[str, ...]  # references (as written) that stay unknown: an @name@ nothing gives a value
    reference: Optional[str] = None  # for a line a property brought in: the reference, as the file writes it


class Filtered(NamedTuple):
    data: bytes
    lines: list[Line]  # one per line of `data`


def apply(filter_: Filter, data: bytes, supplied: Optional["SuppliedLookup"] = None) -> Optional[Filtered]:
    """The file as the build copies it; None when filtering changes nothing."""
    text = data.decode("latin-1")  # byte for byte: the delimiters are ASCII, the rest is copied
    state = _FilterState(filter_, supplied)
    out_lines: list[Line] = []
    out: list[str] = []
    changed = False
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        chunks = state.text(line, 0, set())
        if len(chunks) == 1 and not chunks[0][1] and not chunks[0][2]:
            out.append(line)
            out_lines.append(Line(number, None, (), ()))
            continue
        changed = True
        column = 1
        first = True
        reference = state.references.get(column)
        pending: list[_Chunk] = []
        for text_part, steps, unknown in chunks:
            while True:
                cut = text_part.find("\n")
                if cut == -1:
                    pending.append((text_part, steps, unknown))
                    break
                pending.append((text_part[:cut + 1], steps, unknown))
                out_lines.append(_line_of(number, pending, None if first and not pending[0][1] else column, reference))
                out.append("".join(part for part, _, _ in pending))
                pending, first, text_part = [], False, text_part[cut + 1:]
            if first and not steps:
                column += len(text_part)
                reference = state.references.get(column)
        if pending and "".join(part for part, _, _ in pending):
            out_lines.append(_line_of(number, pending, None if first and not pending[0][1] else column, reference))
            out.append("".join(part for part, _, _ in pending))
        state.references.clear()
    if not changed:
        return None
    return Filtered("".join(out).encode("latin-1", "replace"), out_lines)


_Chunk = tuple[str, tuple[str, ...], tuple[str, ...]]  # text, the values that made it, unknown references


def _line_of(number: int, chunks: list[_Chunk], column: Optional[int], reference: Optional[str]) -> Line:
    steps = tuple(dict.fromkeys(step for _, chunk_steps, _ in chunks for step in chunk_steps))
    unknown = tuple(dict.fromkeys(ref for _, _, chunk_unknown in chunks for ref in chunk_unknown))
    return Line(number, column, steps, unknown, reference if column is not None else None)


class _FilterState:
    __slots__ = ("filter", "supplied", "budget", "growth", "starts", "references")

    def __init__(self, filter_: Filter, supplied: Optional["SuppliedLookup"]) -> None:
        self.filter, self.supplied = filter_, supplied
        self.budget, self.growth = MOST_STEPS, 0
        self.starts = tuple(dict.fromkeys(start for start, _ in filter_.delimiters))
        self.references: dict[int, str] = {}  # column -> a reference replaced on the line being filtered

    def lookup(self, name: str) -> Optional[tuple[str, str]]:
        if self.supplied is not None:
            found = self.supplied(name)
            if found is not None:
                return found
        prop = self.filter.properties.get(name)
        return None if prop is None else (prop.value, prop.where(name))

    def text(self, text: str, depth: int, active: set[str]) -> list[_Chunk]:
        """`text` filtered, as chunks that each carry the values they came from."""
        chunks: list[_Chunk] = []
        literal: list[str] = []
        finder = _Finder(text)
        i, n = 0, len(text)
        while i < n:
            at = min((found for found in (finder.next(start, i) for start in self.starts) if found >= 0), default=-1)
            if at < 0:
                literal.append(text[i:])
                break
            literal.append(text[i:at])
            i = at
            match = None
            for start, end in self.filter.delimiters:
                if text.startswith(start, i):
                    close = finder.next(end, i + len(start))
                    newline = finder.next("\n", i)
                    if close >= 0 and (newline < 0 or close < newline):
                        name = text[i + len(start):close]
                        if name and not any(c.isspace() for c in name):
                            match = (start, name, close + len(end))
                            break
            if match is None:
                literal.append(text[i])
                i += 1
                continue
            start, name, after = match
            self.budget -= 1
            found = None if name in active or self.budget < 0 or depth > 16 else self.lookup(name)
            if found is not None and self.growth + len(found[0]) > MOST_GROWTH:
                found = None
            if found is None:
                if start == "@":  # Maven leaves it; the application reads "@name@" unless a build profile fills it
                    _flush(chunks, literal)
                    chunks.append((text[i], (), (text[i:after],)))
                    i += 1
                else:
                    literal.append(text[i:after])
                    i = after
                continue
            value, how = found
            self.growth += len(value)
            if depth == 0:
                self.references[i + 1] = text[i:after]
            _flush(chunks, literal)
            active.add(name)
            for part, steps, unknown in self.text(value, depth + 1, active):
                chunks.append((part, (how, *steps), unknown))
            active.discard(name)
            i = after
        _flush(chunks, literal)
        return chunks or [("", (), ())]


def _flush(chunks: list[_Chunk], literal: list[str]) -> None:
    text = "".join(literal)
    if text:
        chunks.append((text, (), ()))
    literal.clear()


class _Finder:
    """`text.find(needle, start)` for starts that only grow: an answer at or after the start is reused, so
    one pass reads the text once per needle."""

    __slots__ = ("text", "found")

    def __init__(self, text: str) -> None:
        self.text, self.found = text, {}

    def next(self, needle: str, start: int) -> int:
        found = self.found.get(needle, -2)
        if found == -1 or found >= start:
            return found
        found = self.found[needle] = self.text.find(needle, start)
        return found
