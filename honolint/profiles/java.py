"""Apache Kafka's Java producer (`kafka-clients`), 0.11 to 4.x.

What `new KafkaProducer(props)` does with a configuration, by version group (client-semantics.md
§1.3): ConfigDef parses each known key (trimmed strings, strict integers, case-insensitive
booleans, `acks` in all/-1/0/1 case-sensitively), then the idempotence post-processing of the
group, then the delivery-timeout check of the producer's constructor.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from honolint.memo import remember
from honolint.model import Effective, Given, Setting, Value
from honolint.profiles import ClientProfile
from honolint.profiles.config import Config, default_values, defaults_of, group_of
from honolint.profiles.java_keys import DEFINITION_ORDER, PRODUCER_KEYS, TYPES

INT_MAX = 2**31 - 1
LONG_MAX = 2**63 - 1

M1 = "Must set retries to non-zero when using the idempotent producer."
M2 = "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."
M3A = ("Must set max.in.flight.requests.per.connection to 1 in orderto use the idempotent producer. "
       "Otherwise we cannot guarantee idempotence.")
M3B = "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer."
M3C = ("To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. "
       "Current value is {}.")
M4 = "Cannot set a transactional.id without also enabling idempotence."
D1 = "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms"

ACKS_VALUES = ("all", "-1", "0", "1")
COMPRESSION = ("none", "gzip", "snappy", "lz4", "zstd")

# keys that did not exist in older lines: there they are unknown, logged and ignored
SINCE: dict[str, tuple[int, int]] = {
    "delivery.timeout.ms": (2, 1),
    "retry.backoff.max.ms": (3, 7),
    "config.providers": (2, 3),  # KIP-421: every client resolves config provider references
}


# the oldest line's defaults, then the releases that changed one (a key the line does not have: None)
FIRST_DEFAULTS: dict[str, Optional[str]] = {
    "acks": "1",
    "retries": "0",
    "max.in.flight.requests.per.connection": "5",
    "enable.idempotence": "false",
    "linger.ms": "0",
    "request.timeout.ms": "30000",
    "transactional.id": None,
    "retry.backoff.ms": "100",
    "max.block.ms": "60000",
    "delivery.timeout.ms": None,
}
DEFAULT_CHANGES: tuple[tuple[tuple[int, int], dict[str, str]], ...] = (
    ((2, 1), {"retries": str(INT_MAX), "delivery.timeout.ms": "120000"}),  # KIP-91
    ((3, 0), {"acks": "all", "enable.idempotence": "true"}),  # KIP-679
    ((4, 0), {"linger.ms": "5"}),
)


def defaults(profile: ClientProfile) -> dict[str, Optional[str]]:
    return defaults_of(profile, FIRST_DEFAULTS, DEFAULT_CHANGES)


@lru_cache(maxsize=None)
def known_keys(profile: ClientProfile) -> frozenset[str]:
    """The producer keys `profile`'s client knows."""
    return frozenset(key for key in PRODUCER_KEYS if key not in SINCE or profile.at_least(*SINCE[key]))


# ------------------------------------------------------------------ ConfigDef parsing


def java_trim(text: str) -> str:
    """String.trim(): strips every char <= U+0020, not Unicode whitespace."""
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def _invalid(key: str, shown: object, why: str) -> str:
    return f"Invalid value {shown} for configuration {key}: {why}"


def _parse_integer(key: str, text: str, kind: str) -> tuple[Optional[int], Optional[str]]:
    trimmed = java_trim(text)
    body = trimmed[1:] if trimmed[:1] in "+-" else trimmed
    limit = INT_MAX if kind == "INT" else (2**15 - 1 if kind == "SHORT" else LONG_MAX)
    if body and body.isdecimal():
        first = next((i for i, digit in enumerate(body) if int(digit)), len(body))  # leading zeros (any script)
        if len(body) - first <= 19:  # more digits are out of range whatever they are (and int() refuses 4,300)
            number = int(trimmed)
            if -limit - 1 <= number <= limit:
                return number, None
    return None, _invalid(key, text, f"Not a number of type {kind}")


def _at_least(key: str, number: int, minimum: int) -> Optional[str]:
    return None if number >= minimum else _invalid(key, number, f"Value must be at least {minimum}")


def _one_of(key: str, text: str, allowed: tuple[str, ...]) -> Optional[str]:
    return None if text in allowed else _invalid(key, text, "String must be one of: " + ", ".join(allowed))


MINIMUMS = {
    "retries": 0, "max.in.flight.requests.per.connection": 1, "delivery.timeout.ms": 0, "linger.ms": 0,
    "request.timeout.ms": 0, "retry.backoff.ms": 0, "max.block.ms": 0, "batch.size": 0, "buffer.memory": 0,
    "max.request.size": 0, "retry.backoff.max.ms": 0,
}


def parse_value(key: str, text: str) -> tuple[Optional[str], Optional[str]]:
    """(normalised text, refusal message) for one key, as ConfigDef.parseType plus its validator."""
    kind = TYPES.get(key, "STRING")
    if kind in ("INT", "LONG", "SHORT"):
        number, error = _parse_integer(key, text, kind)
        if error:
            return None, error
        assert number is not None
        minimum = MINIMUMS.get(key)
        error = _at_least(key, number, minimum) if minimum is not None else None
        return (None, error) if error else (str(number), None)
    if kind == "BOOLEAN":
        lowered = java_trim(text).lower()
        if lowered in ("true", "false"):
            return lowered, None
        return None, _invalid(key, text, "Expected value to be either true or false")
    if kind == "DOUBLE":
        try:
            return str(float(java_trim(text))), None
        except ValueError:
            return None, _invalid(key, text, "Not a number of type DOUBLE")
    trimmed = java_trim(text)
    if key == "acks":
        error = _one_of(key, trimmed, ACKS_VALUES)
        return (None, error) if error else ("all" if trimmed == "-1" else trimmed, None)
    if key == "compression.type":
        return (None, error) if (error := _one_of(key, trimmed, COMPRESSION)) else (trimmed, None)
    if key == "transactional.id" and not trimmed:
        return None, _invalid(key, trimmed, "String must be non-empty")
    return trimmed, None


# ------------------------------------------------------------------ the producer


@lru_cache(maxsize=None)
def _default_values(profile: ClientProfile) -> dict[str, Value]:
    return default_values(profile, defaults(profile))


class _Config(Config):
    """Keys under their Java names; numbers are the integers ConfigDef parsed."""

    def __init__(self, profile: ClientProfile) -> None:
        super().__init__(profile, _default_values(profile))
        self.known = known_keys(profile)

    def number(self, key: str) -> Optional[int]:
        text = self.text(key)
        return int(text) if text is not None else None


def finalize(profile: ClientProfile, given: list[Given]) -> Effective:
    config = _Config(profile)
    _parse(config, given)
    if not config.refusals:  # cross-key checks run once every value parsed; all causes are listed,
        _idempotence(config)  # the first is the one the client throws
        if profile.at_least(2, 1):
            _delivery_timeout(config)
        order = _check_order(profile)
        config.refusals.sort(key=lambda refusal: order.index(_CHECK[refusal.message[:24]]))
    return config.effective(config.values, config.text("enable.idempotence") == "true" and not config.refusals)


_DEFINED_AT = {key: i for i, key in enumerate(DEFINITION_ORDER)}  # ConfigDef validates in this order


_PARSED: dict[tuple[str, str], tuple[Optional[str], Optional[str]]] = {}  # parse_value's answers


def _parse(config: _Config, given: list[Given]) -> None:
    for g in sorted(given, key=lambda g: _DEFINED_AT.get(g.key, len(_DEFINED_AT))):
        if g.key not in config.known and not _provider_key(config.profile, g.key):
            config.unknown.append(Setting(g.key, g.text, g.entry))
            continue
        if g.unknown:  # known at deploy time only: the client will parse what it turns out to be
            config.set(g.key, None, g)
            continue
        raw = g.text if g.text is not None else ""
        answer = _PARSED.get((g.key, raw))  # the same pairs come back file after file
        text, error = answer if answer is not None else remember(_PARSED, (g.key, raw), parse_value(g.key, raw), raw)
        if error:
            config.refuse(g.key, error, "value", g)
            config.set(g.key, g.text, g)
            continue
        config.set(g.key, text, g)


def _provider_key(profile: ClientProfile, key: str) -> bool:
    """`config.providers.<name>.class` and `.param.<name>`: read by AbstractConfig (2.3+), not unknown keys."""
    return key.startswith("config.providers.") and profile.at_least(2, 3)


_CHECK = {message[:24]: check for message, check in ((M1, "M1"), (M2, "M2"), (M3A, "M3"), (M3B, "M3"),
                                                      (M3C, "M3"), (M4, "M4"), (D1, "D1"))}


BY_DEFAULT_ORDER = ("M1", "M2", "M3", "M4", "D1")  # all in ProducerConfig, then the delivery timeout
OPT_IN_ORDER = ("M4", "M1", "M2", "D1", "M3")  # ProducerConfig, then KafkaProducer
# version groups, oldest first: (first release, which conflict the client meets first (where each check sits
# in KafkaProducer/ProducerConfig), whether idempotence is on by default). 3.0.0 and 3.1.0 declare the
# default but do not apply it (KAFKA-13598).
GROUPS: tuple[tuple[tuple[int, int, int], tuple[str, ...], bool], ...] = (
    ((0, 11, 0), ("M4", "M1", "M3", "M2", "D1"), False),  # KafkaProducer: transaction state, retries, in-flight, acks
    ((2, 1, 0), ("M4", "D1", "M3", "M1", "M2"), False),  # the delivery timeout is checked before newSender's checks
    ((2, 5, 0), OPT_IN_ORDER, False),
    ((3, 0, 1), BY_DEFAULT_ORDER, True),
    ((3, 1, 0), OPT_IN_ORDER, False),
    ((3, 1, 1), BY_DEFAULT_ORDER, True),
)


@lru_cache(maxsize=None)
def _group(profile: ClientProfile) -> tuple[tuple[int, int, int], tuple[str, ...], bool]:
    return group_of(profile, GROUPS)


def _check_order(profile: ClientProfile) -> tuple[str, ...]:
    return _group(profile)[1]


def _idempotence(config: _Config) -> None:
    if _group(config.profile)[2]:
        _idempotence_by_default(config)
    else:
        _idempotence_opt_in(config)


def _idempotence_by_default(config: _Config) -> None:
    """3.0.1+, 3.1.1+, 3.2 and later: on unless a conflict turns it off (or, on 4.x, refuses)."""
    profile = config.profile
    user_set = config.explicit("enable.idempotence")
    enabled = config.text("enable.idempotence") == "true"
    disable: list[str] = []
    if enabled:
        acks, retries = config.text("acks"), config.number("retries")
        in_flight = config.number("max.in.flight.requests.per.connection") or 0
        if retries == 0:
            if user_set:
                config.refuse("retries", M1)
            else:
                disable.append("retries is set to 0")
        if acks != "all":
            if user_set:
                config.refuse("acks", M2)
            else:
                disable.append(f"acks is set to {acks}, not set to 'all'")
        if in_flight > 5:
            if profile.at_least(4, 0):
                config.refuse("max.in.flight.requests.per.connection", M3C.format(in_flight))
            elif user_set:
                config.refuse("max.in.flight.requests.per.connection", M3B)
            else:
                disable.append(f"max.in.flight.requests.per.connection is set to {in_flight}, which is greater than 5")
    if disable:
        config.adjust("enable.idempotence", "false", "Idempotence will be disabled because " + " and ".join(disable),
                      "idempotence-off")
        enabled = False
    if not enabled and config.explicit("transactional.id"):
        config.refuse("transactional.id", M4)


def _idempotence_opt_in(config: _Config) -> None:
    """0.11 to 3.0.0/3.1.0: idempotent only when asked for or transactional; then conflicts refuse."""
    profile = config.profile
    user_set = config.explicit("enable.idempotence")
    transactional = config.explicit("transactional.id")
    asked = user_set and config.text("enable.idempotence") == "true"
    if transactional and user_set and not asked:
        return config.refuse("transactional.id", M4)
    if not (asked or transactional):
        if profile.at_least(3, 0):
            config.adjust("enable.idempotence", "false",
                          f"the declared default true is not applied in {profile.label} (KAFKA-13598)",
                          "idempotence-default-bug")
        return
    if not user_set:
        config.adjust("enable.idempotence", "true", "a transactional.id makes the producer idempotent",
                      "idempotence-adjust")
    why = f"required by the idempotent producer ({profile.label})"
    if not config.explicit("acks"):
        config.adjust("acks", "all", why, "idempotence-adjust")
    if profile.below(2, 1) and not config.explicit("retries"):
        config.adjust("retries", str(INT_MAX), why, "idempotence-adjust")
    if profile.below(1, 0) and not config.explicit("max.in.flight.requests.per.connection"):
        config.adjust("max.in.flight.requests.per.connection", "1", why, "idempotence-adjust")
    in_flight = config.number("max.in.flight.requests.per.connection") or 0
    if config.number("retries") == 0:
        config.refuse("retries", M1)
    if profile.below(1, 0) and in_flight != 1:
        config.refuse("max.in.flight.requests.per.connection", M3A)
    elif in_flight > 5:
        config.refuse("max.in.flight.requests.per.connection", M3B)
    if config.text("acks") != "all":
        config.refuse("acks", M2)


def _delivery_timeout(config: _Config) -> None:
    """KafkaProducer.configureDeliveryTimeout (2.1+)."""
    delivery = config.number("delivery.timeout.ms")
    linger, request = config.number("linger.ms"), config.number("request.timeout.ms")
    if delivery is None or linger is None or request is None:
        return
    total = min(linger + request, INT_MAX)
    if config.profile.below(2, 5) and delivery == INT_MAX:
        return
    if delivery >= total:
        return
    if config.explicit("delivery.timeout.ms"):
        config.refuse("delivery.timeout.ms", D1)
    else:
        config.adjust("delivery.timeout.ms", str(total),
                      f"{D1}. Setting it to {total}.", "delivery-raised")


# ------------------------------------------------------------------ values known at deploy time

TIMEOUTS = ("delivery.timeout.ms", "linger.ms", "request.timeout.ms")
_CANDIDATES: dict[str, tuple[tuple[str, ...], str]] = {
    "acks": (("all", "1", "0"), "values"),
    "enable.idempotence": (("true", "false"), "values"),
    "retries": (("0", "1"), "ranges"),
    "max.in.flight.requests.per.connection": (("1", "2", "6"), "ranges"),
    "transactional.id": (("transactional-id",), "values"),
}


def candidates(profile: ClientProfile, key: str, texts: dict[str, Optional[str]],
               unknown: frozenset[str]) -> Optional[tuple[tuple[str, ...], str]]:
    """The values of `key` among which this producer's verdict or the client's checks can change, when its
    value is known only at deploy time, and what they are: "values" (each stands for itself), "ranges"
    (each integer starts a range up to the next) or "samples" (extremes of a sum of several unknowns).
    None when no value of the key changes anything modelled. `texts`: the other keys' values as given."""
    found = _CANDIDATES.get(key)
    if found is not None:
        return found
    if key in TIMEOUTS and profile.at_least(2, 1):
        return _timeout_candidates(profile, key, texts, unknown)
    return None


def _timeout_candidates(profile: ClientProfile, key: str, texts: dict[str, Optional[str]],
                        unknown: frozenset[str]) -> tuple[tuple[str, ...], str]:
    """delivery.timeout.ms >= linger.ms + request.timeout.ms (D1): the thresholds of one unknown among
    known others; the extremes when another is unknown too."""
    if any(other in unknown for other in TIMEOUTS if other != key):
        return ("0", str(INT_MAX)), "samples"
    default = defaults(profile)
    known = {}
    for other in TIMEOUTS:
        parsed, error = parse_value(other, texts[other]) if texts.get(other) is not None else (default[other], None)
        known[other] = int(parsed) if not error and parsed is not None else int(default[other] or 0)
    if key == "delivery.timeout.ms":
        threshold = min(known["linger.ms"] + known["request.timeout.ms"], INT_MAX)
        values = ["0", str(threshold)] if threshold > 0 else ["0"]
        if profile.below(2, 5) and threshold < INT_MAX:
            values.append(str(INT_MAX))  # 2.1-2.4 skip the check for Integer.MAX_VALUE
        return tuple(dict.fromkeys(values)), "ranges"
    other = "request.timeout.ms" if key == "linger.ms" else "linger.ms"
    room = known["delivery.timeout.ms"] - known[other]
    return (("0", str(room + 1)) if room >= 0 else ("0",)), "ranges"
