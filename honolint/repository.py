"""The client a repository builds an application with, for the configuration files inside it.

When neither --client nor the settings (nor a `# honolint: client=` line) name the client, a producer of
an application built from the repository that holds its file (dialects.BUILT_HERE) runs the client its
build declares. From the file's directory upwards, the first directory holding a build file decides:
`pom.xml`, `build.gradle` or `build.gradle.kts` for the Java client; `requirements.txt`, `pyproject.toml`
or `setup.cfg` (with the other `requirements*.txt` beside them) for librdkafka, through confluent-kafka,
whose wheels bundle the librdkafka release of the same number. The search ends at the top of the checkout
(a directory holding `.git`) or of the file system. What each build file says: build_files.py; the
versions the platforms manage: platforms.py. A build that names nothing readable leaves the client to
the default, and the report says nothing of it.

Each directory is looked at once per run, each pom read once (maven.Builds, shared with resource filtering).
"""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Callable, Optional

from honolint.memo import checkout_top, closest_above
from honolint.model import ClientSource
from honolint.profiles import FAMILIES, ClientProfile, parse_client

if TYPE_CHECKING:
    from honolint.maven import Builds
    from honolint.platforms import Stream

JAVA_BUILD_FILES = ("pom.xml", "build.gradle", "build.gradle.kts")
PYTHON_PROJECT_FILES = ("requirements.txt", "pyproject.toml", "setup.cfg")  # other requirements*.txt go with them


class BuildVersions:
    """What the build files closest to a configuration file say."""

    __slots__ = ("client", "stream")

    def __init__(self, client: Optional[tuple[ClientProfile, ClientSource]] = None,
                 stream: Optional["Stream"] = None) -> None:
        self.client = client
        self.stream = stream  # the Spring Cloud Stream Kafka binder release


NOTHING = BuildVersions()


class Repository:
    def __init__(self, builds: Callable[[], "Builds"]) -> None:
        self._builds = builds  # the run's poms, read once
        self._java: dict[str, Optional[BuildVersions]] = {}  # directory -> what its closest Java build says
        self._python: dict[str, Optional[BuildVersions]] = {}
        self._given: dict[str, Optional[dict[str, BuildVersions]]] = {}  # directory as given -> around()

    def around(self, path: str) -> Optional[dict[str, BuildVersions]]:
        """What the builds closest to the file at `path` say, by client family; None when no build file
        names anything (the common case costs a look-up by the directory as given)."""
        cut = path.rfind(os.sep) if os.altsep is None else max(path.rfind(os.sep), path.rfind(os.altsep))
        given = path[:cut + 1]  # the files of one directory share it
        found = self._given.get(given, NOTHING)
        if found is NOTHING:
            directory = os.path.dirname(os.path.abspath(path))
            java = closest_above(directory, self._java, self._java_build, checkout_top)
            python = closest_above(directory, self._python, self._python_build, checkout_top)
            by_family = {family: versions for family, versions in (("java", java), ("librdkafka", python))
                         if versions is not None and versions is not NOTHING}
            found = self._given[given] = by_family or None
        return found

    def _java_build(self, directory: str) -> Optional[BuildVersions]:
        pom, gradle, gradle_kts = (os.path.isfile(os.path.join(directory, name)) for name in JAVA_BUILD_FILES)
        if not (pom or gradle or gradle_kts):
            return None
        from honolint import build_files

        if pom:
            from honolint.maven import chain_properties

            chain = self._builds().chain(os.path.join(directory, "pom.xml"))
            if not chain:  # not a pom it can read
                return NOTHING
            declared = build_files.maven_declarations(chain, chain_properties(chain))
        else:
            declared = build_files.gradle_declarations(directory, checkout_top)
        client = None
        if declared.kafka is not None:
            client = _client("java", declared.kafka.version, f"kafka-clients {declared.kafka.version}",
                             declared.kafka)
        elif declared.platform is not None:
            from honolint.platforms import managed, parse_version

            platform, release = declared.platform
            version = parse_version(release.version)
            if version is not None:
                given = managed(platform, version, release.version)
                client = _client("java", given.kafka, f"kafka-clients {given.kafka} {given.text}", release)
        return BuildVersions(client, declared.stream) if client or declared.stream else NOTHING

    def _python_build(self, directory: str) -> Optional[BuildVersions]:
        # stat, not a directory listing, for the directories that hold none (a listing of 10,000 files costs ms)
        if not any(os.path.exists(os.path.join(directory, name)) for name in PYTHON_PROJECT_FILES):
            return None
        try:
            names = os.listdir(directory)
        except OSError:
            return None
        requirements = sorted(n for n in names if n.lower().startswith("requirements") and n.lower().endswith(".txt"))
        requirements.sort(key=lambda n: n.lower() != "requirements.txt")
        files = requirements + [n for n in ("pyproject.toml", "setup.cfg") if n in names]
        from honolint.build_files import python_declaration

        declared, line_only = python_declaration(directory, files)
        if declared is None:
            return NOTHING
        written = f"~={declared.version}" if line_only else declared.version
        version = ".".join(declared.version.split(".")[:2]) if line_only else declared.version
        client = _client("librdkafka", version, f"librdkafka {version} bundled with confluent-kafka {written}",
                         declared)
        return BuildVersions(client) if client else NOTHING


def _client(family: str, version: str, text: str, declared) -> Optional[tuple[ClientProfile, ClientSource]]:
    """The profile of the release `version` of `family`, the nearest modelled line for one outside them."""
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.\d+){0,2}", version)
    if match is None:
        return None  # a qualified release (7.5.0-ccs, 3.7.0-SNAPSHOT) is not guessed at
    lines = FAMILIES[family]
    line = (int(match[1]), int(match[2]))
    if line in lines:
        profile = parse_client(f"{family}:{version}")
    elif line > max(lines) or line < min(lines):
        nearest = max(lines) if line > max(lines) else min(lines)
        profile = parse_client(f"{family}:{nearest[0]}.{nearest[1]}")
        which = "newest" if line > max(lines) else "oldest"
        text += f", judged as {profile.label}, the {which} line honolint models"
    else:
        return None  # no such release line
    return profile, ClientSource(f"{text} ({declared.where})", declared.file)
