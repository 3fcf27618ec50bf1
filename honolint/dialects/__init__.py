"""Dialect stage: which producers a file configures, and the layers each one is built from.

A dialect module has NAME, SUMMARY, DETECTION (words for `honolint dialects`), `matches(file)`
and `extract(file) -> DialectResult`. Detection tries them in DETECTION_ORDER: the most specific
layout first, `plain` last. A dialect's module is named after it (`spring-boot` -> spring_boot).
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
        if dialect_module(name).matches(loaded):
            return name
    return None


def extract(loaded: LoadedFile, forced: Optional[str] = None) -> Optional[DialectResult]:
    name = forced or detect(loaded)
    if name is None:
        return None
    return dialect_module(name).extract(loaded)
