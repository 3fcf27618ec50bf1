"""Resolve stage: a producer's layers -> the configuration the client receives -> its effective config.

The first half is the same for every client: file layers in precedence order (a later layer wins key
by key, as a Java `Map.putAll` or a Python `dict.update` does), then what the framework forces or
adds when absent. A value that holds a Kafka config provider reference (`${env:KAFKA_ACKS}`,
`${file:/etc/kafka/app.properties:acks}`) the supplied values do not give is known only at deploy
time: the client resolves it, or (with no `config.providers` naming the provider) hands it on as
written, which the provider-not-configured rule says. The second half, what the client makes of the
configuration, belongs to the client profile (`profile_module(family).finalize`).
"""
from __future__ import annotations

from typing import Callable, Optional

from honolint.model import Effective, Expression, FrameworkCheck, Given, ProducerSpec, Refusal, Setting, SuppliedLookup


def received(spec: ProducerSpec, overridden: list[tuple[Setting, str]] | None = None,
             supplied: Optional[SuppliedLookup] = None, expressions: bool = True) -> list[Given]:
    """The client's input, in insertion order (a re-set key keeps its place and takes the new value).
    File settings that the framework replaces by another value are added to `overridden`. `expressions`:
    the values may hold expressions (LoadedFile.expressions); without, none is looked for."""
    config: dict[str, Given] = {}
    for layer in spec.layers:
        name = layer.name
        for setting in layer.settings:
            entry = setting.entry
            if expressions and (setting.expression is not None or entry is not None and entry.expression is not None):
                config[setting.key] = _given(setting, name)
            else:
                config[setting.key] = Given(setting.key, setting.value, "file", name, entry)
    framework = spec.framework
    if framework is not None:
        for key, text in framework.forced:
            mine = config.get(key)
            if mine is not None and mine.origin != "framework" and mine.text != text and overridden is not None:
                overridden.append((Setting(key, mine.text, mine.entry), f"{framework.name} forces {key}={text}"))
            config[key] = Given(key, text, "framework", f"forced by {framework.name}")
        for key, text in framework.put_if_absent:
            if key not in config:
                config[key] = Given(key, text, "framework", f"added by {framework.name}")
    given = list(config.values())
    if expressions and any(g.text is not None and "${" in g.text and not g.unknown for g in given):
        given = [_providers_resolved(g, supplied) for g in given]
    return given


def _given(setting: Setting, layer: str) -> Given:
    entry = setting.entry
    expression = setting.expression or entry.expression
    origin = "supplied" if expression.supplied else "file"
    return Given(setting.key, setting.value, origin, layer, entry, expression, bool(expression.unknown))


def _providers_resolved(given: Given, supplied: Optional[SuppliedLookup]) -> Given:
    """A value with `${provider:[path:]key}` references: filled from the supplied values (named by the text
    inside the braces, `env:KAFKA_ACKS`), else known only at deploy time."""
    text = given.text
    if text is None or "${" not in text or given.unknown:
        return given
    from honolint.expressions import provider_references

    references = provider_references(text)
    if not references:
        return given
    steps, unknown, names = [], [], []
    for reference in references:
        name = reference.written[2:-1]
        found = supplied(name) if supplied is not None else None
        if found is not None:
            text = text.replace(reference.written, found[0])
            steps.append(f"{name} from {found[1]}")
        else:
            unknown.append(reference.written)
            names.append(name)
    now = Expression(given.text or "", tuple(steps), tuple(unknown), tuple(names), bool(steps))
    expression = now if given.expression is None else given.expression.then(now)
    origin = "supplied" if expression.supplied and given.origin == "file" else given.origin
    return given._replace(text=given.text if unknown else text, origin=origin, expression=expression,
                          unknown=bool(unknown))


def checked(finalize: Callable, checks: tuple[FrameworkCheck, ...]) -> Callable:
    """`finalize` (a client profile's), then the framework's checks of its own settings for the client version:
    a refusal refuses the producer as the client's own would; a warning is a value read other than it looks."""

    def run(profile, given: list[Given]) -> Effective:
        effective = finalize(profile, given)
        for check in checks:
            entry = check.entry
            if "${" in check.value or entry is not None and entry.expression is not None and entry.expression.unknown:
                continue  # known only at deploy time (an expression, or a config provider's reference)
            refusal, fix, warning = check.judge(profile.version, check.value)
            if refusal is not None:
                effective.refusals.append(Refusal(check.key, refusal, "value", entry, fix))
                effective.idempotent = False
            if warning is not None:
                effective.odd_values.append((Setting(check.key, check.value, entry), warning))
        return effective

    return run


_MODULES: dict = {}  # client family -> its profile module, imported on first use


def profile_module(family: str):
    module = _MODULES.get(family)
    if module is None:
        from importlib import import_module

        module = _MODULES[family] = import_module(f"honolint.profiles.{family}")
    return module
