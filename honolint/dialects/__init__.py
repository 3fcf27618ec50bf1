"""Dialect stage: which producers a file configures, and the layers each one is built from.

A dialect module has NAME, SUMMARY, DETECTION (words for `honolint dialects`), `matches(file)`
and `extract(file) -> DialectResult`, and may have `extract_chosen(file)` for a file the user says is
of its layout (`--dialect`, a directive, a settings file) rather than one detection found. Detection
tries them in DETECTION_ORDER: the most specific layout first, `plain` last. A dialect's module is named after it (`spring-boot` -> spring_boot).
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Optional

from honolint.model import DialectResult, LoadedFile

DETECTION_ORDER = (
    "strimzi",
    "hono-helm",
    "hono",
    "spring-cloud-stream",
    "spring-boot",
    "strimzi-bridge",
    "quarkus",
    "mirrormaker2",
    "connect-connector",
    "connect-worker",
    "kafka-streams",
    "fluent-bit",
    "vector",
    "librdkafka",
    "plain",
)

# The layouts of applications built from the repository that holds the file: their client is the one the
# build files around the file name (repository.py). Connect, MirrorMaker 2, Strimzi, Helm charts, Fluent Bit
# and Vector run a client built elsewhere.
BUILT_HERE = frozenset(("hono", "spring-cloud-stream", "spring-boot", "quarkus", "kafka-streams", "librdkafka",
                        "plain"))

# What a file must hold before a dialect's module is imported and asked: a word that some key holds,
# in any case (LoadedFile.key_text). Only a necessary condition, never the decision, so most files
# are turned away without importing eleven modules. tests/dialects/test_detection_shortcut.py
# holds detection to what the modules alone decide. A dialect not listed is always asked.
_WORDS: dict[str, tuple[str, ...]] = {
    "strimzi": ("apiversion",),
    "hono-helm": ("adapters.kafkamessagingspec", "commandrouterservice.hono.kafka", "deviceregistryexample.hono.kafka"),
    "hono": ("hono.kafka.", "hono_kafka_"),
    "spring-cloud-stream": ("spring.cloud.stream.kafka.", "spring.cloud.stream.binders.", "spring.cloud.stream.bindings"),
    "spring-boot": ("spring.kafka.", "spring_kafka_"),
    "strimzi-bridge": ("bridge.id", "http.host", "http.port"),
    "quarkus": ("mp.messaging.", "kafka.", "kafka-streams."),
    "mirrormaker2": ("->",),
    "connect-connector": ("connector.class",),
    "connect-worker": ("group.id", "offset.storage.file.filename"),
    "kafka-streams": ("application.id",),
    "fluent-bit": ("name",),  # a kafka output says `Name kafka`, in an [OUTPUT] section or a pipeline
    "vector": ("sinks.",),
}


def worth_asking(name: str, loaded: LoadedFile) -> bool:
    """Whether `name`'s module could read the file at all."""
    words = _WORDS.get(name)
    if words is None:
        return True
    text = loaded.key_text()
    for word in words:
        if word in text:
            return True
    return False


_MODULES: dict[str, ModuleType] = {}


def dialect_module(name: str) -> ModuleType:
    module = _MODULES.get(name)
    if module is None:
        if name not in DETECTION_ORDER:
            raise ValueError(f"unknown dialect '{name}': choose one of {', '.join(DETECTION_ORDER)}")
        module = _MODULES[name] = import_module(f"honolint.dialects.{name.replace('-', '_')}")
    return module


def detect(loaded: LoadedFile) -> Optional[str]:
    for name in DETECTION_ORDER:
        if worth_asking(name, loaded) and dialect_module(name).matches(loaded):
            return name
    return None


def reader(module: ModuleType, chosen: bool):
    """The module's extract for a file detected as its layout, or chosen to be."""
    return getattr(module, "extract_chosen", module.extract) if chosen else module.extract


def extract(loaded: LoadedFile, forced: Optional[str] = None) -> Optional[DialectResult]:
    name = forced or detect(loaded)
    if name is None:
        return None
    return reader(dialect_module(name), forced is not None)(loaded)
