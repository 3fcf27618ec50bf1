"""Which kafka-clients a platform release manages, and the framework defaults that changed between releases.

Each table lists the releases from which the managed version changes, oldest first; a release takes the
version of the last entry at or before it. A release newer than the newest minor listed is taken as that
minor's newest, one older than the first entry as the first entry, and the text says so. Read from the
upstream repositories at their release tags:

- Spring Boot: spring-projects/spring-boot `v<version>`, spring-boot-dependencies (`<kafka.version>` in its
  pom.xml up to 2.2, `library("Kafka", ...)` in its build.gradle from 2.3); 2.0.0 and 2.0.1 managed none.
- Quarkus: quarkusio/quarkus-platform `<version>`, generated-platform-project/quarkus/bom/pom.xml (the flattened
  io.quarkus.platform:quarkus-bom) from 2.0; 1.x from the release branches' bom/application/pom.xml
  `<kafka2.version>` (the release manager's backport branches, not tags: approximate).
- Eclipse Hono: eclipse-hono/hono `<version>`, bom/pom.xml (its own kafka-clients version where it sets one, else
  the Quarkus BOM's it imports; in 1.6 vertx-kafka-client's).
- Spring Cloud: spring-cloud/spring-cloud-release `v<train>`, spring-cloud-dependencies/pom.xml
  `<spring-cloud-stream.version>`. Spring Cloud's BOMs do not manage kafka-clients (spring-cloud-stream's
  bom/spring-cloud-stream-dependencies lists only its own modules): a train names the binder, not the client.
- The Kafka binder's `required-acks` default: `requiredAcks = "1"` in KafkaBinderConfigurationProperties from
  spring-cloud-stream-binder-kafka 1.3 to spring-cloud-stream 5.0.1, `"all"` from v5.0.2 (commit 1adb51788,
  GH-3170).
"""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

Version = tuple[int, ...]


class Platform(NamedTuple):
    name: str
    changes: tuple[tuple[Version, str], ...]  # (the first release managing it, the kafka-clients version)
    newest: Version  # the newest minor release read


SPRING_BOOT = Platform("Spring Boot", (
    ((2, 0, 2), "1.0.1"), ((2, 0, 4), "1.0.2"), ((2, 1, 0), "2.0.0"), ((2, 1, 1), "2.0.1"), ((2, 2, 0), "2.3.0"),
    ((2, 2, 1), "2.3.1"), ((2, 3, 0), "2.5.0"), ((2, 3, 3), "2.5.1"), ((2, 4, 0), "2.6.0"), ((2, 4, 6), "2.6.2"),
    ((2, 4, 13), "2.6.3"), ((2, 5, 0), "2.7.1"), ((2, 5, 7), "2.7.2"), ((2, 6, 0), "3.0.0"), ((2, 6, 5), "3.0.1"),
    ((2, 6, 12), "3.0.2"), ((2, 7, 0), "3.1.1"), ((2, 7, 4), "3.1.2"), ((3, 0, 0), "3.3.1"), ((3, 0, 2), "3.3.2"),
    ((3, 1, 0), "3.4.0"), ((3, 1, 1), "3.4.1"), ((3, 2, 0), "3.6.0"), ((3, 2, 1), "3.6.1"), ((3, 2, 5), "3.6.2"),
    ((3, 3, 0), "3.7.0"), ((3, 3, 2), "3.7.1"), ((3, 3, 7), "3.7.2"), ((3, 4, 0), "3.8.1"), ((3, 5, 0), "3.9.1"),
    ((3, 5, 12), "3.9.2"), ((4, 0, 0), "4.1.1"), ((4, 0, 4), "4.1.2"), ((4, 1, 0), "4.2.1"),
), (4, 1))

QUARKUS = Platform("Quarkus", (
    ((1, 1, 0), "2.2.1"), ((1, 3, 0), "2.4.0"), ((1, 4, 0), "2.4.1"), ((1, 5, 0), "2.5.0"), ((1, 11, 7), "2.7.0"),
    ((1, 12, 0), "2.5.0"), ((1, 13, 0), "2.7.0"), ((2, 0, 0), "2.8.0"), ((2, 2, 4), "2.8.1"), ((2, 6, 0), "3.0.0"),
    ((2, 7, 0), "3.1.0"), ((2, 12, 0), "3.2.1"), ((2, 13, 1), "3.2.3"), ((2, 14, 0), "3.3.1"), ((2, 16, 1), "3.3.2"),
    ((3, 0, 0), "3.4.0"), ((3, 3, 0), "3.5.0"), ((3, 4, 0), "3.5.1"), ((3, 6, 0), "3.6.0"), ((3, 6, 2), "3.6.1"),
    ((3, 8, 6), "3.7.0"), ((3, 13, 0), "3.7.1"), ((3, 15, 4), "3.7.2"), ((3, 16, 0), "3.7.1"), ((3, 18, 0), "3.7.2"),
    ((3, 19, 0), "3.9.0"), ((3, 20, 3), "3.9.1"), ((3, 21, 0), "3.9.0"), ((3, 24, 0), "4.0.0"),
    ((3, 27, 3, 1), "4.0.2"), ((3, 28, 0), "4.0.0"), ((3, 30, 0), "4.0.1"), ((3, 30, 3), "4.1.1"),
    ((3, 33, 1, 1), "4.1.2"), ((3, 34, 0), "4.1.1"), ((3, 34, 5), "4.1.2"), ((3, 35, 0), "4.2.0"),
    ((3, 36, 2), "4.2.1"),
), (3, 37))

HONO = Platform("Eclipse Hono", (
    ((1, 6, 0), "2.6.0"), ((1, 10, 1), "2.8.1"), ((2, 1, 0), "3.2.1"), ((2, 2, 0), "3.2.3"), ((2, 3, 0), "3.3.2"),
    ((2, 5, 0), "3.4.0"), ((2, 6, 0), "3.6.1"), ((2, 7, 0), "3.9.1"),
), (2, 7))

# Spring Cloud release train -> its Spring Cloud Stream: the train's patch plus an offset (2021.0.n is 3.2.n+1)
TRAINS: dict[tuple[int, int], Version] = {
    (2020, 0): (3, 1, 0), (2021, 0): (3, 2, 1), (2022, 0): (4, 0, 0), (2023, 0): (4, 1, 0), (2024, 0): (4, 2, 0),
    (2025, 0): (4, 3, 0), (2025, 1): (5, 0, 0),
}
TRAIN_EXCEPTIONS: dict[Version, Version] = {(2020, 0, 5): (3, 1, 6)}
ACKS_ALL_FROM: Version = (5, 0, 2)  # the Kafka binder's required-acks default is all from this release

_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[.-][A-Za-z][\w.-]*)?")


def parse_version(text: str) -> Optional[Version]:
    """(3, 2, 5) for "3.2.5", "3.2.5.RELEASE", "2.16.3.Final", "3.3.0-SNAPSHOT"; (3, 27, 3, 1) for "3.27.3.1"."""
    match = _VERSION.fullmatch(text.strip())
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def shown(version: Version) -> str:
    return ".".join(map(str, version))


class Managed(NamedTuple):
    kafka: str  # "3.1.2"
    text: str  # "managed by Spring Boot 2.7.18"


def managed(platform: Platform, version: Version, written: str) -> Managed:
    """The kafka-clients version `platform` release `version` (as the build writes it) manages."""
    changes = platform.changes
    if version[:2] > platform.newest:
        newest = shown(platform.newest)
        return Managed(changes[-1][1], f"managed by {platform.name} {newest}, the newest release honolint knows "
                                       f"(the build names {written})")
    if version < changes[0][0]:
        oldest = shown(changes[0][0])
        return Managed(changes[0][1], f"managed by {platform.name} {oldest}, the oldest release honolint knows "
                                      f"(the build names {written})")
    kafka = changes[0][1]
    for first, managed_version in changes:
        if first > version:
            break
        kafka = managed_version
    return Managed(kafka, f"managed by {platform.name} {written}")


class Stream(NamedTuple):
    """The Kafka binder release a build names."""

    version: Optional[Version]  # None: a release named, not numbered (Horsham.SR13, a train before 2020.0)
    label: str  # "4.1.1", "of Spring Cloud Hoxton.SR12"
    via: str  # how the build names it when not itself: "Spring Cloud 2023.0.1"; else ""
    where: str  # "pom.xml:30"


def stream_of_train(written: str, where: str) -> Optional[Stream]:
    """The Spring Cloud Stream release of a Spring Cloud release train ("2023.0.1", "Hoxton.SR12"); None for a
    number that is no train."""
    version = parse_version(written)
    if version is None:  # Hoxton and the trains before it are named: Spring Cloud Stream 3.0 and older
        named = re.fullmatch(r"[A-Z][a-z]+(\.[\w-]+)?", written)
        return Stream(None, f"of Spring Cloud {written}", "", where) if named else None
    if len(version) < 3:
        return None
    if version[:2] > max(TRAINS):
        return Stream(ACKS_ALL_FROM, f"of Spring Cloud {written}",
                      f"a train newer than the newest honolint knows, {shown(max(TRAINS))}", where)
    base = TRAINS.get(version[:2])
    if base is None:
        return None
    stream = TRAIN_EXCEPTIONS.get(version[:3], (*base[:2], base[2] + version[2]))
    return Stream(stream, shown(stream), f"Spring Cloud {written}", where)


def stream_release(written: str, where: str) -> Stream:
    """A Spring Cloud Stream release as the build writes it ("4.1.2", "3.0.13.RELEASE", "Horsham.SR13")."""
    return Stream(parse_version(written), written, "", where)


BINDER = "Spring Cloud Stream Kafka binder"


def required_acks(stream: Stream) -> tuple[str, str]:
    """The Kafka binder's required-acks default in the release, and the framework layer's name that says why:
    "Spring Cloud Stream Kafka binder 4.1.1 (Spring Cloud 2023.0.1, pom.xml:30; required-acks defaults to 1
    before 5.0.2)"."""
    where = f"{stream.via}, {stream.where}" if stream.via else stream.where
    if stream.version is not None and stream.version >= ACKS_ALL_FROM:
        return "all", f"{BINDER} {stream.label} ({where}; required-acks defaults to all from 5.0.2)"
    return "1", f"{BINDER} {stream.label} ({where}; required-acks defaults to 1 before 5.0.2)"
