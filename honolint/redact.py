"""What a finding may say about the file's values: secrets never leave the process, and a huge key or
value is shortened rather than quoted whole."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Optional

from honolint.model import Entry, Finding

MASK = "****"
LONGEST_QUOTED = 120
LONGEST_MESSAGE = 2000
_LONG_RUN = re.compile(r"[^\s'\"]{%d,}" % (LONGEST_QUOTED + 1))
# sasl.jaas.config, ssl.key.password, ssl.keystore.password, sasl.password (librdkafka),
# sasl.oauthbearer.client.secret, ssl.keystore.key (a PEM private key), basic.auth.user.info, ...
_SECRET_KEY = re.compile(r"(password|secret|jaas|credential|token|user\.info|(^|[.\"])key\"?$)", re.IGNORECASE)
_SHORTEST_ANYWHERE = 4  # shorter secrets are masked only in findings about their own key


_HINTS = ("pass", "secret", "jaas", "credential", "token", "info", "key")  # every match holds one of these


@lru_cache(maxsize=4096)  # the same keys come back in every file
def is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(hint in lowered for hint in _HINTS) and bool(_SECRET_KEY.search(key))


def _shortened(text: str) -> str:
    return f"{text[:60]}...({len(text)} characters)"


def redactor(entries: Iterable[Entry]) -> Optional[Callable[[list[Finding]], list[Finding]]]:
    """What a file's findings need masked or shortened, once per file; None when nothing does."""
    secrets, long_texts = set(), set()
    for entry in entries:
        key, value = entry.key, entry.value
        if value and is_secret(key):
            secrets.add((key, value))
        if (value and len(value) > LONGEST_QUOTED) or len(key) > LONGEST_QUOTED:
            long_texts.update(text for text in (value, key) if text and len(text) > LONGEST_QUOTED)
    if not secrets and not long_texts:
        return None
    return lambda findings: [_redacted(finding, secrets, long_texts) for finding in findings]


def _redacted(finding: Finding, secrets: set[tuple[str, str]], long_texts: set[str]) -> Finding:
    message = finding.message
    for key, value in secrets:
        if len(value) >= _SHORTEST_ANYWHERE or (finding.key and key.endswith(finding.key)):
            message = message.replace(value, MASK)
            stripped = value.strip()
            if stripped != value and len(stripped) >= _SHORTEST_ANYWHERE:
                message = message.replace(stripped, MASK)
    for text in sorted(long_texts, key=len, reverse=True):
        if text in message:
            message = message.replace(text, _shortened(text))
    if long_texts:  # parts of a long value (a value cut before its comment, say) and a last bound
        message = _LONG_RUN.sub(lambda match: _shortened(match.group(0)), message)
        if len(message) > LONGEST_MESSAGE:
            message = message[:LONGEST_MESSAGE] + "..."
    key = finding.key if finding.key is None or len(finding.key) <= LONGEST_QUOTED else _shortened(finding.key)
    if message == finding.message and key == finding.key:
        return finding
    return finding._replace(message=message, key=key)
