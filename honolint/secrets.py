"""Secrets never leave the process: the values of password-like keys are masked in every message."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from honolint.model import Entry, Finding

MASK = "****"
# sasl.jaas.config, ssl.key.password, ssl.keystore.password, sasl.password (librdkafka),
# sasl.oauthbearer.client.secret, ssl.keystore.key (a PEM private key), basic.auth.user.info, ...
_SECRET_KEY = re.compile(r"(password|secret|jaas|credential|token|user\.info|(^|[.\"])key\"?$)", re.IGNORECASE)
_SHORTEST_ANYWHERE = 4  # shorter secrets are masked only in findings about their own key


def is_secret(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def mask_findings(findings: list[Finding], entries: Iterable[Entry]) -> list[Finding]:
    secrets = {(entry.key, entry.value) for entry in entries if entry.value and is_secret(entry.key)}
    if not secrets:
        return findings
    masked = []
    for finding in findings:
        message = finding.message
        for key, value in secrets:
            if len(value) >= _SHORTEST_ANYWHERE or (finding.key and key.endswith(finding.key)):
                message = message.replace(value, MASK)
                if value.strip() and value.strip() != value and len(value.strip()) >= _SHORTEST_ANYWHERE:
                    message = message.replace(value.strip(), MASK)
        masked.append(finding if message == finding.message else replace(finding, message=message))
    return masked
