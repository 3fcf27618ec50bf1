"""Verdict stage: the QoS definitions of qos-model.md §2, computed on the effective configuration."""
from __future__ import annotations

from honolint.model import Effective, Verdict


def verdict(effective: Effective) -> Verdict:
    rejected = bool(effective.refusals)
    acks = effective.text("acks")
    retries = effective.number("retries") or 0
    in_flight = effective.number("max.in.flight.requests.per.connection")
    # "Setting acks to 0 effectively disables retries."
    retries_active = retries > 0 and acks != "0"
    ordered = effective.idempotent or in_flight == 1 or not retries_active
    acks_all = acks in ("all", "-1")
    return Verdict(
        rejected=rejected,
        idempotent=effective.idempotent and not rejected,
        acks_all=acks_all,
        retries_active=retries_active,
        ordered=ordered and not rejected,
        ok={
            "at-least-once": not rejected and acks_all and ordered,
            "at-most-once": not rejected and ordered,
        },
    )
