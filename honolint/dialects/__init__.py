"""Dialect stage: which producers a file configures, and the layers each one is built from.

A dialect module has NAME, SUMMARY, DETECTION (words for `honolint dialects`), `matches(file)`
and `extract(file) -> DialectResult`. Detection tries them in DETECTION_ORDER: the most specific
layout first, `plain` last.
"""
from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Optional

from honolint.model import DialectResult, LoadedFile

DETECTION_ORDER = ("hono", "plain")


def dialect_module(name: str) -> ModuleType:
    if name not in DETECTION_ORDER:
        raise ValueError(f"unknown dialect '{name}': choose one of {', '.join(DETECTION_ORDER)}")
    return import_module(f"honolint.dialects.{name}")


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
