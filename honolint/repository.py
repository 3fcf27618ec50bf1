"""The client a repository builds an application with, for the configuration files inside it.

When neither --client nor the settings (nor a `# honolint: client=` line) name the client, a producer of
an application built from the repository that holds its file (dialects.BUILT_HERE) runs the client its
build declares. From the file's directory upwards, the first directory holding a build file decides:
`pom.xml`, `build.gradle` or `build.gradle.kts` for the Java client, `requirements*.txt`, `pyproject.toml`
or `setup.cfg` (confluent-kafka, whose wheels bundle the librdkafka release of the same number) for
librdkafka. The search ends at the top of the checkout (a directory holding `.git`) or of the file system.
What each build file says: build_files.py; the versions the platforms manage: platforms.py. A build that
names nothing readable leaves the client to the default, and the report says nothing of it.

Each directory is looked at once per run, each pom read once (maven.Builds, shared with resource filtering).
"""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional

from honolint.memo import closest_above
from honolint.model import ClientSource
from honolint.profiles import FAMILIES, ClientProfile, parse_client

if TYPE_CHECKING:
    from honolint.maven import Builds
    from honolint.platforms import Stream

JAVA_BUILD_FILES = ("pom.xml", "build.gradle", "build.gradle.kts")


class BuildVersions(NamedTuple):
    """What the build files closest to a configuration file say."""

    client: Optional[tuple[ClientProfile, ClientSource]] = None
    stream: Optional["Stream"] = None  # the Spring Cloud Stream Kafka binder release


NOTHING = BuildVersions()


class Repository:
    def __init__(self, builds: Callable[[], "Builds"]) -> None:
        self._builds = builds  # the run's poms, read once
        self._java: dict[str, Optional[BuildVersions]] = {}  # directory -> what its closest Java build says
        self._python: dict[str, Optional[BuildVersions]] = {}
        self._given: dict[tuple[str, str], Optional[BuildVersions]] = {}  # (directory as given, family) -> answer

    def versions(self, path: str, family: str) -> Optional[BuildVersions]:
        """What the build closest to the file at `path` says of the `family` client; None: no build file."""
        key = (os.path.dirname(path), family)
        found = self._given.get(key, NOTHING)
        if found is NOTHING:
            directory = os.path.abspath(key[0] or os.curdir)
            if family == "java":
                found = closest_above(directory, self._java, self._java_build, _checkout_top)
            elif family == "librdkafka":
                found = closest_above(directory, self._python, self._python_build, _checkout_top)
            found = self._given[key] = None if found is NOTHING else found
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
            declared = build_files.gradle_declarations(directory, _checkout_top)
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
        from honolint.build_files import python_declaration

        found = python_declaration(directory)
        if found is None:
            return None
        declared, line_only = found
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


def _checkout_top(directory: str) -> bool:
    return os.path.exists(os.path.join(directory, ".git"))
