"""What a Maven or Gradle build, or a Python project's requirements, say about the Kafka client it runs.

Maven (the module's pom.xml and its parents inside the checkout, read by maven.py; `${name}` from their
`<properties>` and `project.*`), in the order Maven decides a dependency's version: a `kafka-clients`
dependency with a version, a `kafka-clients` entry of `<dependencyManagement>`, then what an external parent
manages (`spring-boot-starter-parent` or `spring-boot-dependencies`, where a `kafka.version` property overrides
it; an `org.eclipse.hono` parent), then the BOMs imported (`spring-boot-dependencies`, `io.quarkus.platform` or
`io.quarkus` `quarkus-bom`, `hono-bom`), then a dependency on an `org.eclipse.hono` module. The Kafka binder:
a `spring-cloud-stream*` dependency with a version, else the `spring-cloud-stream-dependencies` or
`spring-cloud-dependencies` BOM. Profiles are not evaluated.

Gradle (`build.gradle`, `build.gradle.kts` of the directory and of those above it up to the root project,
the one with `settings.gradle[.kts]`; `gradle.properties` beside them): `group:name:version` strings and
the `group: ..., name: ..., version: ...` form, the `org.springframework.boot` and `io.quarkus` plugins'
versions, with `$name`/`${name}` from `gradle.properties`, `ext`/`extra`/`set(...)` and `def`/`val`. A
`kafka.version` property overrides Spring Boot's as in Maven.

Python: `confluent-kafka` pinned (`==X.Y.Z`, or `~=X.Y.Z` for the X.Y line) in `requirements*.txt`,
`pyproject.toml` (PEP 621, or Poetry's exact `"X.Y.Z"`) or `setup.cfg`.

A version that refers to a value none of these give is not used.
"""
from __future__ import annotations

import bisect
import os
import re
import stat
from typing import NamedTuple, Optional

from honolint.platforms import HONO, QUARKUS, SPRING_BOOT, Platform, Stream, stream_of_train, stream_release
from honolint.paths import report_path

MOST_BYTES = 1024 * 1024  # a build file larger than this is not read
MOST_STEPS = 16  # references followed to resolve one version


class Declared(NamedTuple):
    version: str  # "3.6.1", as resolved
    where: str  # "pom.xml:12": where the version is written
    file: str  # "pom.xml": the build file that names it


class Declarations(NamedTuple):
    kafka: Optional[Declared] = None  # kafka-clients itself
    platform: Optional[tuple[Platform, Declared]] = None  # the platform release that manages it
    stream: Optional[Stream] = None  # the Spring Cloud Stream Kafka binder


NOTHING = Declarations()

# ---------------------------------------------------------------- Maven

BOOT_PARENTS = ("spring-boot-starter-parent", "spring-boot-dependencies")
QUARKUS_BOMS = (("io.quarkus.platform", "quarkus-bom"), ("io.quarkus", "quarkus-bom"),
                ("io.quarkus", "quarkus-universe-bom"))


def maven_declarations(chain: list, properties: dict) -> Declarations:
    """What the pom chain (module first; maven.Pom) says, `properties` being maven.chain_properties(chain)."""
    kafka = platform = hono = stream = bom = None
    for pom in chain:
        for element in _children(pom.root, "dependencies"):
            group, artifact, version = _coordinates(element, pom, properties)
            if version is None:
                continue
            if (group, artifact) == ("org.apache.kafka", "kafka-clients"):
                kafka = kafka or version
            elif group == "org.eclipse.hono":
                hono = hono or version
            elif group == "org.springframework.cloud" and artifact.startswith(("spring-cloud-stream",
                                                                                 "spring-cloud-starter-stream")):
                stream = stream or stream_release(version.version, version.where)
    for pom in chain:
        management = pom.root.child("dependencyManagement")
        for element in _children(management, "dependencies") if management is not None else ():
            group, artifact, version = _coordinates(element, pom, properties)
            if version is None:
                continue
            imported = (element.value("scope") or "") == "import"
            if (group, artifact) == ("org.apache.kafka", "kafka-clients") and not imported:
                kafka = kafka or version
            elif imported and (group, artifact) == ("org.springframework.boot", "spring-boot-dependencies"):
                platform = platform or (SPRING_BOOT, version)
            elif imported and (group, artifact) in QUARKUS_BOMS:
                platform = platform or (QUARKUS, version)
            elif imported and (group, artifact) == ("org.eclipse.hono", "hono-bom"):
                platform = platform or (HONO, version)
            elif imported and (group, artifact) == ("org.springframework.cloud", "spring-cloud-stream-dependencies"):
                bom = bom or stream_release(version.version, version.where)
            elif imported and (group, artifact) == ("org.springframework.cloud", "spring-cloud-dependencies"):
                bom = bom or stream_of_train(version.version, version.where)
    top = chain[-1]
    if top.parent is not None:  # an external parent: its dependency management is inherited, over any import
        group, artifact, version = _coordinates(top.parent, top, properties)
        if version is not None and group == "org.springframework.boot" and artifact in BOOT_PARENTS:
            override = properties.get("kafka.version")
            if override is not None and kafka is None:
                kafka = _resolved("${kafka.version}", version.where, properties)
            platform = (SPRING_BOOT, version)
        elif version is not None and group == "org.eclipse.hono":
            platform = (HONO, version)
    if platform is None and hono is not None:
        platform = (HONO, hono)
    return Declarations(kafka, platform, stream or bom)


def _children(element, tag: str) -> list:
    holder = element.child(tag) if element is not None else None
    return holder.children if holder is not None else []


def _coordinates(element, pom, properties: dict) -> tuple[str, str, Optional[Declared]]:
    """groupId, artifactId (resolved) and the version, with where it is written (None: none, or unresolved)."""
    group = _resolved(element.value("groupId") or "", "", properties)
    artifact = _resolved(element.value("artifactId") or "", "", properties)
    version_element = element.child("version")
    version = None
    if version_element is not None:
        version = _resolved("".join(version_element.text).strip(),
                            f"{report_path(pom.path)}:{version_element.line}", properties)
    return (group.version if group else ""), (artifact.version if artifact else ""), version


def _resolved(text: str, where: str, properties: dict) -> Optional[Declared]:
    """`text` with its `${name}` replaced; where the value is written: the property's place when the text
    is one reference."""
    for _ in range(MOST_STEPS):
        if "${" not in text:
            return Declared(text, where, where.rsplit(":", 1)[0]) if text else None
        whole = re.fullmatch(r"\$\{([^}]+)\}", text)
        if whole is not None:
            found = properties.get(whole[1])
            if found is None:
                return None
            text, where = found.value, f"{report_path(found.pom)}:{found.line}"
            continue
        missing = []
        text = re.sub(r"\$\{([^}]+)\}", lambda m: properties[m[1]].value if m[1] in properties
                      else missing.append(m[1]) or m[0], text)
        if missing:
            return None
    return None


# ---------------------------------------------------------------- Gradle

GRADLE_FILES = ("build.gradle", "build.gradle.kts")
SETTINGS_FILES = ("settings.gradle", "settings.gradle.kts")
_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*", re.M)
# a string, "...${property("x")}..." being one: each character can be read one way only, so a string that
# never closes costs its length, not more
_STRING = re.compile(r"\"((?:\$\{[^}\n]*\}|\$(?!\{)|[^\"\n$])*)\"|'([^'\n]*)'")
_ASSIGNED = (  # (regex, group of the name, group of the value)
    re.compile(r"\b(?:ext|extra|project\.ext)\s*\[\s*[\"']([\w.-]+)[\"']\s*\]\s*=\s*([\"'])([^\"'\n$]*)\2"),
    re.compile(r"\bset\s*\(\s*[\"']([\w.-]+)[\"']\s*,\s*([\"'])([^\"'\n$]*)\2\s*\)"),
    re.compile(r"\bval\s+(\w+)\s+by\s+extra\s*\(\s*([\"'])([^\"'\n$]*)\2\s*\)"),
    re.compile(r"(?:\b(?:ext|extra)\.|\b(?:def|val|var)\s+|^[ \t]*)([A-Za-z_]\w*)\s*=\s*([\"'])([^\"'\n$]*)\2", re.M),
)
_PLUGIN = re.compile(r"\bid\s*\(?\s*[\"'](org\.springframework\.boot|io\.quarkus)[\"']\s*\)?\s+version\s*\(?\s*"
                     r"(?:[\"']([^\"'\n]+)[\"']|([A-Za-z_][\w.]*))")
_MAP_NOTATION = re.compile(r"\bgroup\s*[:=]\s*[\"']org\.apache\.kafka[\"']\s*,\s*name\s*[:=]\s*[\"']kafka-clients[\"']"
                           r"\s*,\s*version\s*[:=]\s*(?:[\"']([^\"'\n]+)[\"']|([A-Za-z_][\w.]*))")
_REFERENCE = re.compile(r"\$\{([^}\n]*)\}|\$([A-Za-z_]\w*)")
_REFERENCE_NAME = re.compile(r"(?:(?:root)?[pP]roject\.)?(?:(?:ext|extra)\.)?(?:(?:find)?[pP]roperty\(\s*[\"']([\w.-]+)"
                             r"[\"']\s*\)|(?:ext|extra)\s*\[\s*[\"']([\w.-]+)[\"']\s*\]|([A-Za-z_][\w.]*))")


class _Gradle:
    """The build files of one Gradle project, closest first, and the values they give names."""

    def __init__(self, directory: str, last) -> None:
        self.texts: list[tuple[str, str, _Lines]] = []  # (path, text without comments, its lines)
        self.values: dict[str, tuple[str, str]] = {}  # name -> (value, where), the closest file's
        current = directory
        while True:
            for name in GRADLE_FILES:
                text = read_text(os.path.join(current, name))
                if text is not None:
                    text = _without_comments(text)
                    self.texts.append((os.path.join(current, name), text, _Lines(text)))
                    self._assigned(os.path.join(current, name), text, self.texts[-1][2])
            self._properties(os.path.join(current, "gradle.properties"))
            parent = os.path.dirname(current)
            if last(current) or parent == current or any(os.path.isfile(os.path.join(current, s))
                                                          for s in SETTINGS_FILES):
                break
            current = parent

    def _assigned(self, path: str, text: str, lines: "_Lines") -> None:
        for pattern in _ASSIGNED:
            for match in pattern.finditer(text):
                self.values.setdefault(match[1], (match[3], lines.where(path, match.start(3))))

    def _properties(self, path: str) -> None:
        text = read_text(path)
        for number, line in enumerate((text or "").splitlines(), start=1):
            match = re.match(r"\s*([\w.-]+)\s*[=:]\s*(\S.*)", line)
            if match and not line.lstrip().startswith(("#", "!")):
                self.values.setdefault(match[1], (match[2].rstrip(), f"{report_path(path)}:{number}"))

    def resolved(self, text: str, where: str, bare: bool = False) -> Optional[Declared]:
        """The text with its references replaced (`bare`: the text is a name, as in `version springBootVersion`);
        where the value is written: the variable's place when the text is one reference."""
        if bare:
            text = "${" + text + "}"
        for _ in range(MOST_STEPS):
            whole = _REFERENCE.fullmatch(text)
            if whole is not None:
                found = self.values.get(self._name(whole[1] if whole[1] is not None else whole[2]))
                if found is None:
                    return None
                text, where = found
                continue
            missing = []
            text = _REFERENCE.sub(lambda m: self._value(m[1] if m[1] is not None else m[2], missing), text)
            return None if missing or not text else Declared(text, where, where.rsplit(":", 1)[0])
        return None

    @staticmethod
    def _name(body: str) -> str:
        match = _REFERENCE_NAME.fullmatch(body.strip())
        return "" if match is None else next(g for g in match.groups() if g is not None)

    def _value(self, body: str, missing: list) -> str:
        found = self.values.get(self._name(body))
        if found is None:
            missing.append(body)
            return ""
        return found[0]


def gradle_declarations(directory: str, last) -> Declarations:
    """What the Gradle project at `directory` and the projects above it say; `last(d)`: d is a checkout's top."""
    gradle = _Gradle(directory, last)
    kafka = platform = quarkus_plugin = stream = train = hono = None
    for path, text, lines in gradle.texts:
        for match in _STRING.finditer(text):
            parts = (match[1] if match[1] is not None else match[2]).split(":")
            if len(parts) < 3:
                continue
            group, artifact = parts[0], parts[1]
            if group not in ("org.apache.kafka", "org.springframework.boot", "org.springframework.cloud",
                             "org.eclipse.hono") and not group.startswith(("io.quarkus", "$")):
                continue
            version = gradle.resolved(parts[2], lines.where(path, match.start()))
            group_found = gradle.resolved(group, "") if "$" in group else Declared(group, "", "")
            artifact_found = gradle.resolved(artifact, "") if "$" in artifact else Declared(artifact, "", "")
            if version is None or group_found is None or artifact_found is None:
                continue
            coordinates = (group_found.version, artifact_found.version)
            if coordinates == ("org.apache.kafka", "kafka-clients"):
                kafka = kafka or version
            elif coordinates in (("org.springframework.boot", "spring-boot-dependencies"),
                                 ("org.springframework.boot", "spring-boot-gradle-plugin")):
                platform = platform or (SPRING_BOOT, version)
            elif coordinates in QUARKUS_BOMS:
                platform = platform or (QUARKUS, version)
            elif coordinates[0] == "org.eclipse.hono":
                hono = hono or version
            elif coordinates == ("org.springframework.cloud", "spring-cloud-dependencies"):
                train = train or stream_of_train(version.version, version.where)
            elif coordinates[0] == "org.springframework.cloud" and coordinates[1].startswith("spring-cloud-stream"):
                stream = stream or stream_release(version.version, version.where)
        for match in _MAP_NOTATION.finditer(text):
            kafka = kafka or gradle.resolved(match[1] or match[2], lines.where(path, match.start()), not match[1])
        for match in _PLUGIN.finditer(text):
            version = gradle.resolved(match[2] or match[3], lines.where(path, match.start()), not match[2])
            if version is not None and match[1] == "org.springframework.boot":
                platform = platform or (SPRING_BOOT, version)
            elif version is not None:
                quarkus_plugin = quarkus_plugin or version
    if platform is None and quarkus_plugin is not None:
        platform = (QUARKUS, quarkus_plugin)
    if platform is None and hono is not None:
        platform = (HONO, hono)
    if kafka is None and platform is not None and platform[0] is SPRING_BOOT and "kafka.version" in gradle.values:
        kafka = gradle.resolved("${kafka.version}", "")
    return Declarations(kafka, platform, stream or train)


class _Lines:
    """The line of an offset in a text, without counting from its start each time."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, path: str, offset: int) -> str:
        return f"{report_path(path)}:{bisect.bisect_right(self.starts, offset)}"


def _without_comments(text: str) -> str:
    """`/* ... */` and whole-line `//` comments blanked out, the lines kept where they are."""
    parts, at = [], 0
    while True:
        start = text.find("/*", at)
        if start < 0:
            break
        end = text.find("*/", start + 2)
        end = len(text) if end < 0 else end + 2
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    text = "".join(parts) + text[at:]
    return _LINE_COMMENT.sub(lambda m: " " * len(m[0]), text)


def read_text(path: str) -> Optional[str]:
    """The file's text; None for one that cannot be read, is not a regular file or is too large."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size <= MOST_BYTES:
            chunk = os.read(fd, MOST_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace") if size <= MOST_BYTES else None


# ---------------------------------------------------------------- Python

_PINNED = re.compile(r"(?:^|[\"'\s,\[])confluent[-_.]kafka\s*(?:\[[^\]\n]*\])?\s*(===?|~=)\s*(\d+(?:\.\d+)+)",
                     re.I | re.M)
_POETRY = re.compile(r"^[ \t]*[\"']?confluent[-_.]kafka[\"']?\s*=\s*(?:\{[^}\n]*?\bversion\s*=\s*)?"
                     r"[\"'](==|~)?\s*(\d+(?:\.\d+)+)[\"']", re.I | re.M)


def python_declaration(directory: str, files: list[str]) -> tuple[Optional[Declared], bool]:
    """confluent-kafka as the directory's `files` (requirements*.txt, pyproject.toml, setup.cfg) pin it (None when
    they do not), and whether only its X.Y line is pinned (`~=X.Y.Z`)."""
    for name in files:
        path = os.path.join(directory, name)
        text = re.sub(r"(?m)#[^\n]*", "", read_text(path) or "")
        for pattern in (_PINNED, _POETRY) if name == "pyproject.toml" else (_PINNED,):
            match = pattern.search(text)
            if match is None:
                continue
            line_pin = match[1] in ("~=", "~")
            if line_pin and match[2].count(".") < 2:
                continue  # ~=2.3 allows every 2.x
            return Declared(match[2], _Lines(text).where(path, match.start(2)), report_path(path)), line_pin
    return None, False
