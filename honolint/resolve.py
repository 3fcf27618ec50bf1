"""Resolve stage: a producer's layers -> the configuration the client receives -> its effective config.

The first half is the same for every client: file layers in precedence order (a later layer wins key
by key, as a Java `Map.putAll` or a Python `dict.update` does), then what the framework forces or
adds when absent. The second half, what the client makes of it, belongs to the client profile.
"""
from __future__ import annotations

from typing import Literal, NamedTuple, Optional

from honolint.model import Effective, Entry, ProducerSpec, Setting
from honolint.profiles import ClientProfile


class Given(NamedTuple):
    """A key in the configuration the client is constructed with."""

    key: str
    text: Optional[str]
    origin: Literal["framework", "file"]
    source: str
    entry: Optional[Entry] = None


def received(spec: ProducerSpec, overridden: list[tuple[Setting, str]] | None = None) -> list[Given]:
    """The client's input, in insertion order (a re-set key keeps its place and takes the new value).
    File settings that the framework replaces by another value are added to `overridden`."""
    config: dict[str, Given] = {}
    for layer in spec.layers:
        for setting in layer.settings:
            config[setting.key] = Given(setting.key, setting.value, "file", layer.name, setting.entry)
    framework = spec.framework
    if framework is not None:
        for key, text in framework.forced:
            mine = config.get(key)
            if mine is not None and mine.origin == "file" and mine.text != text and overridden is not None:
                overridden.append((Setting(key, mine.text, mine.entry), f"{framework.name} forces {key}={text}"))
            config[key] = Given(key, text, "framework", f"forced by {framework.name}")
        for key, text in framework.put_if_absent:
            if key not in config:
                config[key] = Given(key, text, "framework", f"added by {framework.name}")
    return list(config.values())


def resolve(spec: ProducerSpec, profile: ClientProfile) -> Effective:
    overridden: list[tuple[Setting, str]] = []
    given = received(spec, overridden)
    finalize = _FINALIZE.get(profile.family) or _finalize(profile.family)
    effective = finalize(profile, given)
    effective.overridden = overridden
    return effective


_FINALIZE: dict = {}  # client family -> its profile's finalize(); the profiles import this module


def _finalize(family: str):
    from importlib import import_module

    finalize = _FINALIZE[family] = import_module(f"honolint.profiles.{family}").finalize
    return finalize
