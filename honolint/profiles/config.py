"""The effective configuration a client profile builds for one producer: the base of each profile's builder.

A configuration starts from the client's defaults; each key the client takes is `set`; then the client's
own checks `adjust` values (and say so) or `refuse` the producer. What differs between clients (how a
value is parsed, how a key is named in the report, what a number is) stays in the profile's subclass.
"""
from __future__ import annotations

from typing import Optional

from honolint.model import Adjustment, Effective, Given, Refusal, Setting, Value
from honolint.profiles import ClientProfile


def default_values(profile: ClientProfile, defaults: dict[str, Optional[str]]) -> dict[str, Value]:
    """The client's defaults (key -> text, None for unset) as the values a configuration starts from."""
    return {key: Value(text, "default", f"{profile.label} default", False) for key, text in defaults.items()}


def defaults_of(profile: ClientProfile, first: dict[str, Optional[str]],
                changes: tuple[tuple[tuple[int, ...], dict[str, str]], ...]) -> dict[str, Optional[str]]:
    """The defaults of `profile`'s version: the oldest line's (`first`), then each change since (oldest first)."""
    values = dict(first)
    for since, changed in changes:
        if profile.at_least(*since):
            values.update(changed)
    return values


def group_of(profile: ClientProfile, groups: tuple[tuple, ...]) -> tuple:
    """The row of `profile`'s version group; `groups` rows start with the group's first release, oldest first."""
    found = groups[0]
    for group in groups[1:]:
        if not profile.at_least(*group[0]):
            break
        found = group
    return found


class Config:
    """The effective values being built, with their origins, and what the client refuses, changes and ignores."""

    def __init__(self, profile: ClientProfile, defaults: dict[str, Value]) -> None:
        self.profile = profile
        self.values: dict[str, Value] = dict(defaults)
        self.refusals: list[Refusal] = []
        self.adjustments: list[Adjustment] = []
        self.unknown: list[Setting] = []  # keys the client does not know
        self.odd: list[tuple[Setting, str]] = []  # values the client takes, but reads other than they look

    def reported(self, name: str) -> str:
        """`name` (the client's own) as the report names the key."""
        return name

    def text(self, name: str) -> Optional[str]:
        value = self.values.get(name)
        return None if value is None else value.text

    def explicit(self, name: str) -> bool:
        """The configuration the client receives sets `name` (a default or an adjustment alone does not)."""
        value = self.values.get(name)
        return value is not None and value.explicit

    def set(self, name: str, text: Optional[str], given: Given, given_as: Optional[str] = None) -> None:
        """The client takes `given` as `text` for `name` (`given_as`: the file's spelling, when an alias)."""
        self.values[name] = Value(text, given.origin, given.source, True, given.entry, given_as, given.expression)

    def adjust(self, name: str, text: str, why: str, code: str = "idempotence-adjust") -> None:
        """The client changes `name` to `text` on its own, for `why`."""
        self.values[name] = Value(text, "adjusted", why, self.explicit(name))
        self.adjustments.append(Adjustment(self.reported(name), f"{name} set to {text}: {why}", code))

    def refuse(self, name: str, message: str, kind: str = "conflict", given: Optional[Given] = None) -> None:
        """The client refuses the producer. Every cause is listed once; a value the client cannot take
        (`given`) is named as the file spells it, at its position."""
        if given is not None:
            refusal = Refusal(given.key, message, kind, given.entry)  # type: ignore[arg-type]
        else:
            refusal = Refusal(self.reported(name), message, kind)  # type: ignore[arg-type]
        if refusal not in self.refusals:
            self.refusals.append(refusal)

    def effective(self, values: dict[str, Value], idempotent: bool) -> Effective:
        return Effective(client=self.profile.label, values=values, idempotent=idempotent, refusals=self.refusals,
                         adjustments=self.adjustments, unknown_keys=self.unknown, odd_values=self.odd)
