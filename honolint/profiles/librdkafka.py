"""librdkafka (confluent-kafka for Python/Go/.NET, kcat, Fluent Bit, ...), 0.11 to 2.16.

`rd_kafka_conf_set` for each key in order (aliases resolve to one property, the last one set wins;
unknown names, bad types and out-of-range values refuse the producer), then the checks of
`rd_kafka_new` and of the first topic (client-semantics.md §2.3). Java spellings map onto the
same effective keys (`acks` is `request.required.acks`, `retries` is `message.send.max.retries`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from honolint.model import Effective, Given, Setting, Value
from honolint.profiles import ClientProfile
from honolint.profiles.config import Config, default_values, defaults_of, group_of
from honolint.profiles.librdkafka_keys import (ALIASES, ENUM_VALUES, PROPERTIES, TOPIC_SHADOWED, TOPIC_SHADOWED_ALIASES,
                                              TOPIC_SHADOWED_ENUM_VALUES)

INT32_MAX = 2**31 - 1
# the first release that knows a property of the generated (newest) table, where that is later than 0.11;
# from the property tables of 47 real builds 0.11.4-2.16.0: a release between two builds measured counts as
# knowing it (the first release after the last build without it), so no release is told a name is unknown
# that it knows
SINCE: dict[str, tuple[int, int, int]] = {
    "enable.idempotence": (1, 0, 0), "enable.gapless.guarantee": (1, 0, 0), "delivery.timeout.ms": (1, 0, 0),
    "transactional.id": (1, 4, 0), "transaction.timeout.ms": (1, 4, 0), "linger.ms": (0, 11, 0),
    "retry.backoff.max.ms": (2, 3, 0),
    # 1.1.0
    "enable.sasl.oauthbearer.unsecure.jwt": (1, 1, 0),
    "enable.ssl.certificate.verification": (1, 1, 0),
    "oauthbearer_token_refresh_cb": (1, 1, 0),
    "sasl.oauthbearer.config": (1, 1, 0),
    "ssl.certificate.pem": (1, 1, 0),
    "ssl.certificate.verify_cb": (1, 1, 0),
    "ssl.endpoint.identification.algorithm": (1, 1, 0),
    "ssl.key.pem": (1, 1, 0),
    # 1.2.0
    "isolation.level": (1, 2, 0),
    # 1.2.1
    "client.rack": (1, 2, 1),
    # 1.4.0
    "group.instance.id": (1, 4, 0),
    "interceptors": (1, 4, 0),
    "ssl_ca": (1, 4, 0),
    "ssl_certificate": (1, 4, 0),
    "ssl_key": (1, 4, 0),
    # 1.4.1
    "enable.random.seed": (1, 4, 1),
    # 1.4.3
    "allow.auto.create.topics": (1, 4, 3),
    "batch.size": (1, 4, 3),
    "topic.metadata.propagation.max.ms": (1, 4, 3),
    # 1.5.1
    "ssl.ca.certificate.stores": (1, 5, 1),
    "sticky.partitioning.linger.ms": (1, 5, 1),
    # 1.6.2
    "connections.max.idle.ms": (1, 6, 2),
    "ssl.engine.id": (1, 6, 2),
    "ssl.engine.location": (1, 6, 2),
    "ssl_engine_callback_data": (1, 6, 2),
    # 1.7.1
    "ssl.ca.pem": (1, 7, 1),
    # 1.9.0
    "sasl.oauthbearer.client.id": (1, 9, 0),
    "sasl.oauthbearer.client.secret": (1, 9, 0),
    "sasl.oauthbearer.extensions": (1, 9, 0),
    "sasl.oauthbearer.method": (1, 9, 0),
    "sasl.oauthbearer.scope": (1, 9, 0),
    "sasl.oauthbearer.token.endpoint.url": (1, 9, 0),
    "socket.connection.setup.timeout.ms": (1, 9, 0),
    # 2.0.0
    "resolve_cb": (2, 0, 0),
    "ssl.providers": (2, 0, 0),
    # 2.2.0
    "client.dns.lookup": (2, 2, 0),
    "fetch.queue.backoff.ms": (2, 2, 0),
    # 2.4.0
    "group.protocol": (2, 4, 0),
    "group.remote.assignor": (2, 4, 0),
    # 2.5.0
    "enable.metrics.push": (2, 5, 0),
    # 2.8.1
    "metadata.recovery.strategy": (2, 8, 1),
    # 2.10.2
    "https.ca.location": (2, 10, 2),
    "https.ca.pem": (2, 10, 2),
    "metadata.recovery.rebootstrap.trigger.ms": (2, 10, 2),
    "sasl.oauthbearer.assertion.algorithm": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.aud": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.exp.seconds": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.iss": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.jti.include": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.nbf.seconds": (2, 10, 2),
    "sasl.oauthbearer.assertion.claim.sub": (2, 10, 2),
    "sasl.oauthbearer.assertion.file": (2, 10, 2),
    "sasl.oauthbearer.assertion.jwt.template.file": (2, 10, 2),
    "sasl.oauthbearer.assertion.private.key.file": (2, 10, 2),
    "sasl.oauthbearer.assertion.private.key.passphrase": (2, 10, 2),
    "sasl.oauthbearer.assertion.private.key.pem": (2, 10, 2),
    "sasl.oauthbearer.client.credentials.client.id": (2, 10, 2),
    "sasl.oauthbearer.client.credentials.client.secret": (2, 10, 2),
    "sasl.oauthbearer.grant.type": (2, 10, 2),
    # 2.11.2
    "sasl.oauthbearer.metadata.authentication.type": (2, 11, 2),
    # 2.13.3
    "sasl.oauthbearer.sub.claim.name": (2, 13, 3),
    # 2.14.3
    "max.poll.records": (2, 14, 3),
    "share.acknowledgement.mode": (2, 14, 3),
}
# rows older releases had where the generated (newest) table differs: property -> ((the first release with
# the newest row, the older row's fields), ...), oldest first; measured against 47 real builds 0.11.4-2.16.0
# (confluent-kafka wheels) and their CONFIGURATION.md at the tags
ROW_BEFORE: dict[str, tuple[tuple[tuple[int, int, int], dict], ...]] = {
    "message.send.max.retries": (((1, 5, 2), {"high": 10000000}),),
    "message.timeout.ms": (((1, 1, 0), {"high": 900000}),),
    "queue.buffering.max.ms": (((1, 2, 0), {"kind": "integer", "low": 0, "high": 900000}),),
    "queue.buffering.backpressure.threshold": (((0, 11, 5), {"low": 0}),),
    "queue.buffering.max.messages": (((2, 0, 0), {"low": 1, "high": 10000000}),),
    "queue.buffering.max.kbytes": (((1, 2, 0), {"high": 2097151}),),
    "sasl.kerberos.min.time.before.relogin": (((1, 1, 0), {"low": 1}),),
    "fetch.min.bytes": (((2, 15, 0), {"low": 1, "high": 100000000}),),
}
# enum values older releases had where the generated table differs: property -> ((first release with the
# newest values, the older values), ...)
ENUM_BEFORE: dict[str, tuple[tuple[tuple[int, int, int], tuple[str, ...]], ...]] = {
    "compression.codec": (((1, 0, 0), ("none", "gzip", "snappy", "lz4")),),  # zstd came with 1.0.0
    "compression.type": (((1, 0, 0), ("none", "gzip", "snappy", "lz4")),),
}
# properties of older releases that the newest one no longer has: name -> (first release without it, its row)
UNTIL: dict[str, tuple[tuple[int, int, int], tuple]] = {
    "metadata.request.timeout.ms": ((1, 7, 0), ("global", "*", "integer", 10, 900000, "60000")),
}
# effective key (the name the report uses) -> librdkafka's canonical property
CANONICAL = {
    "acks": "request.required.acks",
    "retries": "message.send.max.retries",
    "max.in.flight.requests.per.connection": "max.in.flight.requests.per.connection",
    "enable.idempotence": "enable.idempotence",
    "delivery.timeout.ms": "message.timeout.ms",
    "linger.ms": "queue.buffering.max.ms",
    "request.timeout.ms": "request.timeout.ms",
    "transactional.id": "transactional.id",
    "retry.backoff.ms": "retry.backoff.ms",
}
REPORTED = {canonical: key for key, canonical in CANONICAL.items()}
_SPACE = " \t\n\v\f\r"
_DIGITS = {8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}
_STRTOD = re.compile(
    r"[ \t\n\v\f\r]*(?P<number>[+-]?(?:"
    r"(?P<hex>0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)"
    r"|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
    r"|inf(?:inity)?|nan))", re.IGNORECASE | re.ASCII)
_EMPTY = {"integer": "Integer configuration property", "float": "Float configuration property",
          "boolean": "Bool configuration property", "enum": "Configuration property"}


# the oldest line's defaults, then the releases that changed one
FIRST_DEFAULTS: dict[str, Optional[str]] = {
    "request.required.acks": "1",
    "message.send.max.retries": "2",
    "max.in.flight.requests.per.connection": "1000000",
    "enable.idempotence": "false",
    "message.timeout.ms": "300000",
    "queue.buffering.max.ms": "0",
    "request.timeout.ms": "5000",
    "transactional.id": None,
    "retry.backoff.ms": "100",
    "transaction.timeout.ms": "60000",
    "socket.timeout.ms": "60000",
    "queue.buffering.backpressure.threshold": "1",
    "queuing.strategy": "fifo",
}
DEFAULT_CHANGES: tuple[tuple[tuple[int, int, int], dict[str, str]], ...] = (
    ((1, 0, 0), {"request.required.acks": "-1"}),
    ((1, 2, 0), {"queue.buffering.max.ms": "0.5"}),
    ((1, 5, 0), {"queue.buffering.max.ms": "5"}),
    ((1, 5, 2), {"message.send.max.retries": str(INT32_MAX), "request.timeout.ms": "30000"}),
)


def defaults(profile: ClientProfile) -> dict[str, Optional[str]]:
    return defaults_of(profile, FIRST_DEFAULTS, DEFAULT_CHANGES)


def _exists(profile: ClientProfile, name: str) -> bool:
    since = SINCE.get(name)
    return since is None or profile.at_least(*since)


@lru_cache(maxsize=None)
def _names(version: tuple[int, int, int]) -> tuple[str, ...]:
    return tuple(sorted([name for name in PROPERTIES if name not in SINCE or version >= SINCE[name]]
                        + [name for name, (until, _) in UNTIL.items() if version < until]))


def _row(profile: ClientProfile, name: str, row: tuple) -> tuple:
    """The property's row as the profile's release has it (ROW_BEFORE)."""
    for first, fields in ROW_BEFORE.get(name, ()):
        if profile.below(*first):
            scope, access, kind, low, high, default = row
            return (scope, access, fields.get("kind", kind), fields.get("low", low), fields.get("high", high),
                    default)
    return row


def known_names(profile: ClientProfile) -> tuple[str, ...]:
    return _names(profile.version)


def lookup(profile: ClientProfile, name: str) -> Optional[tuple[str, tuple]]:
    """(canonical name, property row) as rd_kafka_conf_set finds it: global scope first, then topic."""
    if name in PROPERTIES and _exists(profile, name):
        canonical = ALIASES.get(name, name)
        return canonical, _row(profile, canonical, PROPERTIES[name])
    if name in UNTIL and profile.below(*UNTIL[name][0]):
        return name, UNTIL[name][1]
    if name.startswith("topic."):
        short = name[len("topic."):]
        if short in TOPIC_SHADOWED:
            return TOPIC_SHADOWED_ALIASES.get(short, short), TOPIC_SHADOWED[short]
        row = PROPERTIES.get(short)
        if row is not None and row[0] == "topic" and _exists(profile, short):
            canonical = ALIASES.get(short, short)
            return canonical, _row(profile, canonical, row)
    return None


def _c_int(number: int) -> int:
    number &= 0xFFFFFFFF
    return number - 2**32 if number >= 2**31 else number


def parse_integer(text: str) -> tuple[Optional[int], bool]:
    """`(int)strtol(text, &end, 0)`: (value, or None when no digit was read; whether it reads oddly)."""
    i, n = 0, len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    sign = 1
    if i < n and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    if text[i:i + 2] in ("0x", "0X") and i + 2 < n and text[i + 2] in _DIGITS[16]:
        base, i = 16, i + 2
    else:
        base = 8 if text[i:i + 1] == "0" else 10
    j = i
    while j < n and text[j] in _DIGITS[base]:
        j += 1
    if j == i:
        return None, True
    digits = text[i:j]
    if len(digits.lstrip("0")) > 24:  # beyond any 64-bit value in every base (and int() refuses 4,300 digits)
        number = -(2**63) if sign < 0 else 2**63 - 1  # strtol saturates
        odd = True
    else:
        number = max(-(2**63), min(2**63 - 1, sign * int(digits, base)))  # strtol saturates
        odd = base == 16 or (base == 8 and int(digits, 8) != int(digits)) or j != n or i != 0 and text[0] in _SPACE
    return _c_int(number), odd


def _float(text: str) -> tuple[Optional[float], bool]:
    """strtod(text, &end): hex floats, inf and nan included; (value or None, whether it reads oddly)."""
    match = _STRTOD.match(text)
    if match is None:
        return None, True
    number = match["number"]
    if match["hex"]:
        sign = -1.0 if number.startswith("-") else 1.0
        value = sign * float.fromhex(match["hex"] if "p" in match["hex"].lower() else match["hex"] + "p0")
    else:
        value = float(number)
    return value, match.end() != len(text) or match.start("number") != 0 or bool(match["hex"])


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


@lru_cache(maxsize=None)
def _default_values(profile: ClientProfile) -> dict[str, Value]:
    return default_values(profile, defaults(profile))


class _Config(Config):
    """Keys under librdkafka's canonical property names (the report uses the Java names, REPORTED);
    numbers are read as the C double librdkafka compares."""

    def __init__(self, profile: ClientProfile) -> None:
        super().__init__(profile, _default_values(profile))
        self.topic_conf = False  # a topic-level property was set: topic checks run at rd_kafka_new

    def reported(self, name: str) -> str:
        return REPORTED.get(name, name)

    def double(self, name: str) -> float:
        """The value as a number; 0 when unset."""
        return float(self.text(name) or 0)


def _conf_set(config: _Config, given: Given) -> None:
    found = lookup(config.profile, given.key)
    setting = Setting(given.key, given.text, given.entry)
    if found is None:
        config.unknown.append(setting)
        config.refuse(given.key, f'No such configuration property: "{given.key}"', "unknown-key", given)
        return
    name, (scope, _, kind, low, high, _) = found
    if given.unknown:  # known at deploy time only: librdkafka will parse what it turns out to be
        config.set(name, None, given, given.key)
        config.topic_conf = config.topic_conf or scope == "topic"
        return
    text = given.text if given.text is not None else ""
    parsed: Optional[str] = text
    if not text:  # rd_kafka_conf_set takes "" as NULL: unset for a string, an error for the rest
        if kind in _EMPTY:
            return config.refuse(name, f'{_EMPTY[kind]} "{name}" cannot be set to empty value', "value", given)
        config.set(name, None, given._replace(expression=None), given.key)  # an unset value keeps no expression
        return
    if kind == "integer":
        number, odd = parse_integer(text)
        if name == "request.required.acks" and text.lower() == "all":
            number, odd = -1, False
        if number is None:
            return config.refuse(name, f'Invalid value for configuration property "{name}"', "value", given)
        if not low <= number <= high:
            return config.refuse(name, f'Configuration property "{name}" value {number} is outside allowed range '
                                       f"{low}..{high}\n", "value", given)
        if odd:
            config.odd.append((setting, f"librdkafka reads this as {number} (strtol: octal, hex or trailing text)"))
        if name == "request.required.acks" and number not in (-1, 0, 1):
            config.odd.append((setting, "librdkafka accepts it, but every broker rejects acks other than -1 (all), "
                                        "0 and 1 (INVALID_REQUIRED_ACKS)"))
        parsed = str(number)
    elif kind == "float":
        value, odd = _float(text)
        if value is None:
            return config.refuse(name, f'Invalid value for configuration property "{name}"', "value", given)
        if not low <= value <= high:
            return config.refuse(name, f'Configuration property "{name}" value {value:g} is outside allowed range '
                                       f"{low:g}..{high:g}\n", "value", given)
        if odd:
            config.odd.append((setting, f"librdkafka reads this as {_number_text(value)} (strtod stops at the "
                                        "first character that is not part of a number)"))
        parsed = _number_text(value)
    elif kind == "boolean":
        lowered = text.lower()
        if lowered not in ("true", "false", "t", "f", "1", "0"):
            return config.refuse(name, f'Expected bool value for "{name}": true or false', "value", given)
        parsed = "true" if lowered in ("true", "t", "1") else "false"
    elif kind == "enum":
        word = text.lstrip(_SPACE)  # librdkafka trims the left side only
        if not word:
            return  # nothing to set: the property keeps its value and is not modified
        shadowed = given.key.startswith("topic.") and given.key[len("topic."):] in TOPIC_SHADOWED
        allowed = (TOPIC_SHADOWED_ENUM_VALUES if shadowed else ENUM_VALUES).get(name, ())  # topic.compression.codec
        for first, older in ENUM_BEFORE.get(name, ()):
            if config.profile.below(*first):
                allowed = tuple(value for value in allowed if value in older or value == "inherit")
                break
        match = next((a for a in allowed if a.lower() == word.lower()), None)
        if match is None:
            return config.refuse(name, f'Invalid value "{word}" for configuration property "{name}"', "value", given)
        parsed = match
    config.set(name, parsed, given, given.key)
    config.topic_conf = config.topic_conf or scope == "topic"


def _finalize(config: _Config) -> None:
    """rd_kafka_conf_finalize, then rd_kafka_topic_conf_finalize: at rd_kafka_new when a topic-level
    property was set, otherwise at the first produce() (the refusal is the same, only later)."""
    profile = config.profile
    transactional = bool(config.text("transactional.id")) and profile.at_least(1, 4)
    why = "required by the idempotent producer"
    if transactional:
        if config.text("enable.idempotence") != "true":
            if config.explicit("enable.idempotence"):
                config.refuse("transactional.id", "`transactional.id` requires `enable.idempotence=true`")
            else:
                config.adjust("enable.idempotence", "true", "a transactional.id makes the producer idempotent")
        limit = int(config.double("transaction.timeout.ms"))
        mistaken = profile.at_least(1, 4) and profile.below(1, 4, 4)  # tested session.timeout.ms instead
        if not config.explicit("socket.timeout.ms") or mistaken:
            config.adjust("socket.timeout.ms", str(max(limit - 100, 900)), "bounded by transaction.timeout.ms")
        elif limit + 100 < config.double("socket.timeout.ms"):
            config.refuse("socket.timeout.ms", "`socket.timeout.ms` must be set <= `transaction.timeout.ms` + 100")
    idempotent = config.text("enable.idempotence") == "true"
    if idempotent:
        if not config.explicit("max.in.flight.requests.per.connection"):
            if config.double("max.in.flight.requests.per.connection") > 5:
                config.adjust("max.in.flight.requests.per.connection", "5", why)
        elif config.double("max.in.flight.requests.per.connection") > 5:
            config.refuse("max.in.flight.requests.per.connection",
                                 "`max.in.flight` must be set <= 5 when `enable.idempotence` is true")
        if not config.explicit("message.send.max.retries"):
            if config.text("message.send.max.retries") != str(INT32_MAX):
                config.adjust("message.send.max.retries", str(INT32_MAX), why)
        elif config.double("message.send.max.retries") < 1:
            config.refuse("message.send.max.retries",
                                 "`retries` must be set >= 1 when `enable.idempotence` is true")
        if config.explicit("queue.buffering.backpressure.threshold") and \
                config.double("queue.buffering.backpressure.threshold") > 1:
            config.refuse("queue.buffering.backpressure.threshold",
                                 "`queue.buffering.backpressure.threshold` must be set to 1 when "
                                 "`enable.idempotence` is true")
    elif config.explicit("enable.gapless.guarantee") and config.text("enable.gapless.guarantee") == "true":
        config.refuse("enable.gapless.guarantee",
                             "`enable.gapless.guarantee` requires `enable.idempotence` to be enabled")
    if config.topic_conf:
        _linger(config, group_of(profile, LINGER_GROUPS)[1])
    _topic_finalize(config, idempotent, transactional)


# linger.ms not below message.timeout.ms, by version group, oldest first: (first release, what
# rd_kafka_conf_finalize does (only when a topic-level property made the default topic config), what
# rd_kafka_topic_conf_finalize does), each as (with linger.ms set, with the default linger.ms): "refuse",
# "lower" (linger.ms lowered below the timeout) or None. 1.6.0-1.8.x looked the linger.ms set up in the
# wrong scope (fixed in 1.9.0, #3709), so they always lowered it.
LINGER_GROUPS: tuple[tuple[tuple[int, int, int], tuple, tuple], ...] = (
    ((0, 11, 0), (None, None), (None, None)),
    ((1, 0, 0), (None, None), ("refuse", "refuse")),
    ((1, 5, 0), (None, None), ("lower", "lower")),
    ((1, 6, 0), ("lower", "lower"), (None, None)),
    ((1, 9, 0), ("refuse", "lower"), ("refuse", None)),
)
_LINGER = "`message.timeout.ms` must be greater than `linger.ms`"


def _linger_too_long(config: _Config) -> bool:
    timeout, linger = config.double("message.timeout.ms"), config.double("queue.buffering.max.ms")
    return timeout <= linger and (timeout != 0 or config.profile.below(1, 2))  # 1.0.x had no "0 is infinite" guard


def _linger(config: _Config, actions: tuple) -> None:
    action = actions[0] if config.explicit("queue.buffering.max.ms") else actions[1]
    if action is None or not _linger_too_long(config):
        return
    if action == "refuse":
        config.refuse("message.timeout.ms", _LINGER)
    else:
        config.adjust("queue.buffering.max.ms", _number_text(config.double("message.timeout.ms") - 0.1),
                      "lowered below message.timeout.ms")


def _topic_finalize(config: _Config, idempotent: bool, transactional: bool) -> None:
    if idempotent:
        if config.explicit("request.required.acks"):
            if config.double("request.required.acks") != -1:
                config.refuse("request.required.acks",
                                     "`acks` must be set to `all` when `enable.idempotence` is true")
        elif config.text("request.required.acks") != "-1":
            config.adjust("request.required.acks", "-1", "required by the idempotent producer")
        if config.explicit("queuing.strategy") and config.text("queuing.strategy") != "fifo":
            config.refuse("queuing.strategy",
                                 "`queuing.strategy` must be set to `fifo` when `enable.idempotence` is true")
        if transactional:
            if not config.explicit("message.timeout.ms"):
                config.adjust("message.timeout.ms", config.text("transaction.timeout.ms") or "60000",
                              "a transactional producer's messages time out with transaction.timeout.ms")
            elif config.double("message.timeout.ms") > config.double("transaction.timeout.ms"):
                config.refuse("message.timeout.ms",
                                     "`message.timeout.ms` must be set <= `transaction.timeout.ms`")
    _linger(config, group_of(config.profile, LINGER_GROUPS)[2])


def finalize(profile: ClientProfile, given: list[Given]) -> Effective:
    config = _Config(profile)
    for item in given:
        _conf_set(config, item)
    if not config.refusals:
        _finalize(config)
    values = {key: config.values[canonical] for key, canonical in CANONICAL.items()}
    acks = values["acks"]
    if acks.text == "-1":
        values["acks"] = acks._replace(text="all")
    return config.effective(values, config.text("enable.idempotence") == "true" and not config.refusals)


# ------------------------------------------------------------------ values known at deploy time

# canonical property -> the values among which the verdict or rd_kafka_new's checks can change, and what they are
_CANDIDATES: dict[str, tuple[tuple[str, ...], str]] = {
    "request.required.acks": (("-1", "1", "0"), "values"),
    "enable.idempotence": (("true", "false"), "values"),
    "enable.gapless.guarantee": (("true", "false"), "values"),
    "message.send.max.retries": (("0", "1"), "ranges"),
    "max.in.flight.requests.per.connection": (("1", "2", "6"), "ranges"),
    "queue.buffering.backpressure.threshold": (("1", "2"), "ranges"),
    "queuing.strategy": (("fifo", "lifo"), "values"),
    "transactional.id": (("transactional-id",), "values"),
}
# timeouts that rd_kafka_new compares with each other
_COMPARED = ("message.timeout.ms", "queue.buffering.max.ms", "transaction.timeout.ms", "socket.timeout.ms")
_AROUND = (-101, -100, -1, 0, 1, 100, 101)  # their comparisons: <=, and socket.timeout.ms <= transaction.timeout.ms + 100


def candidates(profile: ClientProfile, key: str, texts: dict[str, Optional[str]],
               unknown: frozenset[str]) -> Optional[tuple[tuple[str, ...], str]]:
    """As the Java profile's `candidates`, for librdkafka's properties under any of their names."""
    found = lookup(profile, key)
    if found is None:
        return None
    name, (_, _, _, low, high, _) = found
    if name in _CANDIDATES:
        return _CANDIDATES[name]
    if name not in _COMPARED:
        return None
    low, high = int(low), int(high)  # only values the property accepts
    others = {lookup(profile, other)[0] for other in unknown if other != key and lookup(profile, other) is not None}
    if others & set(_COMPARED):
        return tuple(dict.fromkeys(str(v) for v in (low, low + 1, high))), "samples"
    values = {str(low), str(low + 1), str(high)}
    for other, text in texts.items():
        row = lookup(profile, other)
        if row is None or row[0] not in _COMPARED or row[0] == name or text is None:
            continue
        number, _ = parse_integer(text)
        if number is not None:
            values.update(str(max(0, number + delta)) for delta in _AROUND)
    for default_name in _COMPARED:
        if default_name != name and default_name not in {lookup(profile, o)[0] for o in texts if lookup(profile, o)}:
            text = defaults(profile).get(default_name)
            if text is not None:
                number = int(float(text))
                values.update(str(max(0, number + delta)) for delta in _AROUND)
    return tuple(sorted((v for v in values if low <= int(v) <= high), key=int)), "ranges"
