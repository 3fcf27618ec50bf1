"""Verdicts over values known only at deploy time.

A producer whose configuration holds values nothing resolves at lint time (`acks=${KAFKA_ACKS}`) is
evaluated once for each combination of the values among which its verdict can change: the candidates
its client profile names for each such key (`candidates()`: acks all/1/0, booleans, integers at the
thresholds the client and the spec use, the delivery-timeout sum). Every combination goes through the
same client profile, so refusals that depend on a value count too. Each QoS class then holds for every
combination (ok), for none (FAIL), or depends: the Conditions say on which values, and for which values
of each it holds. A key no candidate of which changes anything stays unknown and is not enumerated.
"""
from __future__ import annotations

from itertools import product
from typing import NamedTuple, Optional

from honolint.model import QOS_CLASSES, Condition, Effective, Given, Value, Verdict
from honolint.profiles import ClientProfile
from honolint.resolve import profile_module

MOST_COMBINATIONS = 1024  # for one producer
FILE_COMBINATIONS = 16384  # for all the producers of one file: a 4 MiB file of them is no reason to wait


class Unknown(NamedTuple):
    key: str
    given: Given
    values: tuple[str, ...]
    kind: str  # "values", "ranges" or "samples" (profiles' candidates())


class Combination(NamedTuple):
    values: tuple[str, ...]  # one per Unknown, in order
    given: list[Given]


class TooMany(Exception):
    """More combinations than MOST_COMBINATIONS: the verdict cannot be told (too_many_verdict)."""

    def __init__(self, unknowns: list[Unknown], count: int) -> None:
        super().__init__(count)
        self.unknowns, self.count = unknowns, count


def combinations(profile: ClientProfile, given: list[Given], most: int = MOST_COMBINATIONS,
                 ) -> Optional[tuple[list[Unknown], list[Combination]]]:
    """The unknowns whose values can change something, and the configurations to evaluate; None when
    there are none. Raises TooMany past `most` (at most MOST_COMBINATIONS)."""
    unknown_keys = frozenset(g.key for g in given if g.unknown)
    if not unknown_keys:
        return None
    candidates = profile_module(profile.family).candidates
    texts = {g.key: g.text for g in given if not g.unknown}
    unknowns = []
    for g in given:
        if g.unknown:
            found = candidates(profile, g.key, texts, unknown_keys)
            if found is not None:
                unknowns.append(Unknown(g.key, g, found[0], found[1]))
    count = 1
    for unknown in unknowns:
        count *= len(unknown.values)
    if not unknowns:
        return None
    if count > min(most, MOST_COMBINATIONS):
        raise TooMany(unknowns, count)
    position = {g.key: i for i, g in enumerate(given)}
    found: list[Combination] = []
    for values in product(*(u.values for u in unknowns)):
        configuration = list(given)
        for unknown, value in zip(unknowns, values):
            configuration[position[unknown.key]] = unknown.given._replace(text=value, unknown=False)
        found.append(Combination(values, configuration))
    return unknowns, found


# ---------------------------------------------------------------- what every combination has in common


def merged_effective(effectives: list[Effective], unknowns: list[Unknown]) -> Effective:
    """What the report shows: a value every combination agrees on as it is; one that differs has no
    text, and, when it is not one of the unknowns itself, says what it depends on."""
    first = effectives[0]
    depends = "depends on " + ", ".join(dict.fromkeys(u.given.expression.written for u in unknowns
                                                      if u.given.expression is not None))
    unknown_keys = {u.key for u in unknowns}
    values: dict[str, Value] = {}
    for key, value in first.values.items():
        others = [e.values.get(key) for e in effectives[1:]]
        if all(other == value for other in others):
            values[key] = value
        elif key in unknown_keys or value.unknown:
            values[key] = value._replace(text=None)
        else:
            values[key] = value._replace(text=None, source=depends)
    merged = Effective(first.client, values, all(e.idempotent for e in effectives),
                       _common([e.refusals for e in effectives]), _common([e.adjustments for e in effectives]),
                       first.unknown_keys, _common([e.odd_values for e in effectives]))
    merged.overridden = first.overridden
    return merged


def _common(lists: list[list]) -> list:
    """The items of the first list that every list holds, in its order."""
    rest = [set(items) for items in lists[1:]]
    return [item for item in lists[0] if all(item in others for others in rest)]


def merged_verdict(verdicts: list[Verdict], effectives: list[Effective], unknowns: list[Unknown],
                   combos: list[Combination]) -> Verdict:
    def agreed(field: str):
        seen = {getattr(v, field) for v in verdicts}
        return seen.pop() if len(seen) == 1 else None

    ok: dict[str, Optional[bool]] = {}
    depends: dict[str, tuple[Condition, ...]] = {}
    for qos_class in QOS_CLASSES:
        outcomes = [v.ok[qos_class] for v in verdicts]
        if all(outcomes):
            ok[qos_class] = True
        elif not any(outcomes):
            ok[qos_class] = False
        else:
            ok[qos_class] = None
            depends[qos_class] = conditions(unknowns, combos, outcomes, _failures(verdicts, effectives, qos_class))
    return Verdict(agreed("rejected"), agreed("idempotent"), agreed("acks_all"), agreed("retries_active"),
                   agreed("ordered"), ok, depends or None)


def too_many_verdict(too_many: TooMany) -> Verdict:
    """Every class depends, on every unknown, in ways not evaluated."""
    why = (f"cannot be told: {too_many.count:,} combinations of values known only at deploy time, more than the "
           f"{MOST_COMBINATIONS:,} honolint evaluates for a producer (or {FILE_COMBINATIONS:,} for a file)")
    found = tuple(Condition(", ".join(u.given.expression.names) if u.given.expression else u.key,
                            u.given.expression.written if u.given.expression else u.key, u.key, why)
                  for u in too_many.unknowns)
    return Verdict(None, None, None, None, None, dict.fromkeys(QOS_CLASSES), dict.fromkeys(QOS_CLASSES, found))


def _failures(verdicts: list[Verdict], effectives: list[Effective], qos_class: str) -> str:
    """Why the class fails for the values it does not hold for, each reason once."""
    reasons = []
    for result, effective in zip(verdicts, effectives):
        if result.ok[qos_class]:
            continue
        if result.rejected:
            reasons.append(f"{effective.client} refuses to create the producer: \"{effective.refusals[0].message.rstrip()}\"")
        elif qos_class == "at-least-once" and not result.acks_all:
            reasons.append("acks is not all")
        else:
            reasons.append("messages may be reordered")
    return "; ".join(dict.fromkeys(reasons))


def conditions(unknowns: list[Unknown], combos: list[Combination], outcomes: list[bool],
               otherwise: str = "") -> tuple[Condition, ...]:
    """For each unknown the outcome changes with: for which of its values the class holds."""
    holding = {combo.values for combo, holds in zip(combos, outcomes) if holds}
    deciding = [i for i in range(len(unknowns)) if _decides(i, combos, outcomes)]
    exact = _is_product(holding, deciding, unknowns)
    found = []
    for i in deciding:
        unknown = unknowns[i]
        values = {values[i] for values in holding}
        expression = unknown.given.expression
        names = expression.names if expression is not None else ()
        text = describe_values(unknown, values)
        if not exact:
            text += " (and on the other values " + ("it depends on)" if len(deciding) > 1 else "given)")
        found.append(Condition(", ".join(names) or unknown.key, expression.written if expression else unknown.key,
                               unknown.key, text, otherwise))
    return tuple(found)


def _decides(index: int, combos: list[Combination], outcomes: list[bool]) -> bool:
    """Whether two combinations that differ only in unknown `index` have different outcomes."""
    seen: dict[tuple, bool] = {}
    for combo, holds in zip(combos, outcomes):
        rest = combo.values[:index] + combo.values[index + 1:]
        if rest in seen and seen[rest] != holds:
            return True
        seen.setdefault(rest, holds)
    return False


def _is_product(holding: set[tuple], deciding: list[int], unknowns: list[Unknown]) -> bool:
    if any(unknowns[i].kind == "samples" for i in deciding):
        return False
    projected = {tuple(values[i] for i in deciding) for values in holding}
    per_key = [{values[i] for values in holding} for i in deciding]
    size = 1
    for values in per_key:
        size *= len(values)
    return size == len(projected)


def describe_values(unknown: Unknown, values: set[str]) -> str:
    """`all or -1`, `true`, `0`, `at least 1`, `at most 2495`, `2 to 5`."""
    if unknown.kind != "ranges":
        shown = []
        for value in unknown.values:
            if value in values:
                shown.extend(("all", "-1") if value in ("all", "-1") and unknown.key in _ACKS else (value,))
        return _listed(list(dict.fromkeys(shown)))
    starts = [int(v) for v in unknown.values]
    ranges: list[list[int]] = []  # [low, high], high -1: no upper bound
    for index, start in enumerate(starts):
        if str(start) not in values:
            continue
        high = starts[index + 1] - 1 if index + 1 < len(starts) else -1
        if ranges and ranges[-1][1] == start - 1:
            ranges[-1][1] = high
        else:
            ranges.append([start, high])
    lowest = starts[0]
    parts = []
    for low, high in ranges:
        if high == -1:
            parts.append(f"at least {low}" if low != lowest else "any value")
        elif low == high:
            parts.append(str(low))
        elif low == lowest:
            parts.append(f"at most {high}")
        else:
            parts.append(f"{low} to {high}")
    return _listed(parts)


_ACKS = ("acks", "request.required.acks")


def _listed(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]
