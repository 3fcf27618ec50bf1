"""honolint's view of a configuration, end to end, next to a real client's."""
from __future__ import annotations

from typing import Optional

from config_generator import Pairs, properties_bytes

from honolint.load import load_bytes
from honolint.pipeline import Linter, Options
from honolint.profiles import parse_client
from honolint.report.json_report import producer_dict

EFFECTIVE_KEYS = ("acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence",
                  "delivery.timeout.ms", "linger.ms", "request.timeout.ms")
# honolint findings that claim the client refuses the producer
REFUSING = {("HL101", "error"), ("HL102", "error"), ("HL103", "error")}


def honolint_producer(linter: Linter, pairs: Pairs) -> dict:
    """The producer as `honolint check --format json --dialect plain` reports it for this .properties file."""
    result = linter.lint(load_bytes(properties_bytes(pairs), "oracle.properties"))
    (producer,) = result.producers
    return producer_dict(producer)


def java_effective(result: dict) -> dict:
    """The effective values a Java oracle result holds, under honolint's keys and spellings."""
    effective = dict(result["effective"] or {})
    if effective.get("acks") == "-1":
        effective["acks"] = "all"
    effective["enable.idempotence"] = "true" if result["idempotent"] else "false"
    return effective


def librdkafka_effective(dump: dict) -> dict:
    """The effective values of a librdkafka configuration dump, under honolint's keys."""
    return {
        "acks": "all" if dump.get("request.required.acks") == "-1" else dump.get("request.required.acks"),
        "retries": dump.get("message.send.max.retries"),
        "max.in.flight.requests.per.connection": dump.get("max.in.flight.requests.per.connection"),
        "enable.idempotence": dump.get("enable.idempotence"),
        "delivery.timeout.ms": dump.get("message.timeout.ms"),
        "linger.ms": dump.get("queue.buffering.max.ms"),
        "request.timeout.ms": dump.get("request.timeout.ms"),
    }


def linter_for(client: str) -> Linter:
    return Linter(Options(client=parse_client(client), dialect="plain"))


def refusal_findings(producer: dict) -> list[dict]:
    return [f for f in producer["findings"] if (f["code"], f["severity"]) in REFUSING]


def disagreement(producer: dict, accepted: bool, message: Optional[str], idempotent: Optional[bool],
                 effective: dict[str, Optional[str]]) -> Optional[str]:
    """Why honolint and the client differ, or None when they agree."""
    ours_accepted = not producer["rejected"]
    predicted = refusal_findings(producer)
    if ours_accepted != accepted:
        return f"client {'accepts' if accepted else 'refuses: ' + str(message)}; honolint rejected={producer['rejected']}"
    if bool(predicted) == accepted:
        return f"refusal findings {[(f['code'], f['message']) for f in predicted]} but client accepted={accepted}"
    if not accepted:
        return None if producer["rejected"][0] == message else f"message: client {message!r}, honolint {producer['rejected'][0]!r}"
    if producer["idempotent"] != idempotent:
        return f"idempotent: client {idempotent}, honolint {producer['idempotent']}"
    ours = {key: producer["effective"][key]["value"] for key in EFFECTIVE_KEYS}
    theirs = {key: effective[key] for key in EFFECTIVE_KEYS}
    wrong = {key: (theirs[key], ours[key]) for key in EFFECTIVE_KEYS if theirs[key] != ours[key]}
    return f"effective (client, honolint): {wrong}" if wrong else None


def honolint_says(producer: dict) -> str:
    codes = sorted({f"{f['code']} {f['name']}" for f in refusal_findings(producer)})
    return ", ".join(codes) or "no refusal finding"
