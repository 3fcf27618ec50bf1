"""What a finding may say about the file's values: secrets never leave the process, and a huge key or
value is shortened rather than quoted whole.

A key is secret by meaning, in any layout's spelling (`ssl.key.password`, Spring's `key-password`,
`keyPassword` and `SPRING_KAFKA_SSL_KEY_PASSWORD`, a Hono quoted key, librdkafka's `ssl_key.pem`): its
name says so, or it ends in a key the clients' own tables mark secret (SECRET_KEYS), or (an unknown key)
it is close to one of those (`ssl.key.pasword`). A value holding a PEM private key is secret whatever
its key. Every text the file gives a secret (the value, its raw YAML text, its expression, the parts a
comment would split it into) is masked in every finding, refusal and effective value of the file."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from honolint.model import Entry, Finding

MASK = "****"
LONGEST_QUOTED = 120
LONGEST_MESSAGE = 2000
_LONG_RUN = re.compile(r"[^\s'\"]{%d,}" % (LONGEST_QUOTED + 1))
_SECRET_KEY = re.compile(r"(pas+w(or)?d|pwd|passphrase|secret|jaas|credential|token|user\.info|private"
                         r"|(^|[.\"_])key\"?$)", re.IGNORECASE)
# The keys the clients themselves hide: Java's ConfigDef type PASSWORD (profiles/java_keys.py TYPES), and
# the properties librdkafka's rdkafka_conf.c flags _RK_SENSITIVE (redacted from its own config dumps).
# tests/test_secrets.py checks this list against the Java table.
SECRET_KEYS = (
    "sasl.jaas.config", "sasl.oauthbearer.assertion.private.key.passphrase",
    "sasl.oauthbearer.client.credentials.client.secret", "ssl.key.password", "ssl.keystore.certificate.chain",
    "ssl.keystore.key", "ssl.keystore.password", "ssl.truststore.certificates", "ssl.truststore.password",
    # librdkafka: the properties src/rdkafka_conf.c flags _RK_SENSITIVE (and ssl_key.pem, an older spelling)
    "sasl.password", "sasl.username", "sasl.oauthbearer.client.secret", "sasl.oauthbearer.config",
    "sasl.oauthbearer.assertion.private.key.pem", "sasl.oauthbearer.assertion.private.key.file",
    "sasl.oauthbearer.assertion.private.key.passphrase", "ssl.key.pem", "ssl.key.location", "ssl.ca.pem",
    "ssl_key.pem", "ssl_key",
)
_COMPACT = re.compile(r"[^a-z0-9]")
_SECRET_TAILS = tuple({_COMPACT.sub("", key.lower()) for key in SECRET_KEYS})
_HINTS = ("pas", "pwd", "secret", "jaas", "credential", "token", "info", "key", "cert", "pem", "private", "oauth",
          "username")
_SHORTEST_ANYWHERE = 6  # shorter secrets are masked only in findings about their own key, as a whole word
_COMMENT = re.compile(r"\s[#!]")
_OPTION = re.compile(r"=\s*(?:\"([^\"]+)\"|([^\s\";]+))")


@lru_cache(maxsize=4096)  # the same keys come back in every file
def is_secret(key: str) -> bool:
    lowered = key.lower()
    if not any(hint in lowered for hint in _HINTS):
        return False
    if _SECRET_KEY.search(key):
        return True
    # ssl.keystore.key as keyStoreKey, key-store-key or SSL_KEYSTORE_KEY: compared without separators
    compact = _COMPACT.sub("", re.sub(r"([a-z0-9])([A-Z])", r"\1.\2", key).lower())
    return compact.endswith(_SECRET_TAILS)


def secret_value(value: str) -> bool:
    """A value that is a secret whatever its key: a PEM private key."""
    return "-----BEGIN" in value and "PRIVATE KEY" in value


# what a misspelt secret key still holds (ssl.key.pasword, sasl.pasword, sasl.jass.config, ssl.kye.pem)
_MISSPELT_HINTS = ("ssl", "sasl", "sal.", "jaas", "jass", "pas", "pw", "secret", "oauth", "key", "kye", "pem", "cred",
                   "user", "ca.")


@lru_cache(maxsize=4096)  # the same unknown keys in every producer of a file
def close_to_secret(key: str) -> bool:
    """An unknown key whose closest known key is secret: a misspelt `ssl.key.pasword`."""
    tail = key.lower()
    if not any(part in tail for part in _MISSPELT_HINTS):
        return False  # shares nothing with a secret key's name: no need to compare it with each
    import difflib  # only for a key the client does not know

    return any(difflib.get_close_matches(tail[-len(name) - 3:], (name,), n=1, cutoff=0.85)
               or difflib.get_close_matches(tail[-len(name):], (name,), n=1, cutoff=0.85) for name in SECRET_KEYS)


class Redactor:
    """The masks one file's findings, refusals and effective values need."""

    __slots__ = ("secrets", "long_texts")

    def __init__(self) -> None:
        self.secrets: dict[str, set[str]] = {}  # the key as written -> every text its value is given as
        self.long_texts: set[str] = set()

    def add_secret(self, key: str, value: Optional[str], raw: Optional[str] = None, written: Optional[str] = None):
        texts = self.secrets.setdefault(key, set())
        for text in (value, raw, written):
            if not text:
                continue
            texts.add(text)
            texts.add(text.strip())
            if text is written:
                continue
            parts = [part for match in _COMMENT.finditer(text)  # a value cut before its comment, and the comment
                     for part in (text[:match.start()], text[match.start():])]
            parts += text.splitlines()
            texts.update(part.strip() for part in parts if len(part.strip()) >= _SHORTEST_ANYWHERE)
            texts.update(quoted or bare for quoted, bare in _OPTION.findall(text))  # a JAAS password="..."

        texts.discard("")

    def findings(self, findings: list[Finding]) -> list[Finding]:
        return [self.finding(finding) for finding in findings]

    def finding(self, finding: Finding) -> Finding:
        message = self.text(finding.message, finding.key)
        key = finding.key if finding.key is None or len(finding.key) <= LONGEST_QUOTED else _shortened(finding.key)
        if message == finding.message and key == finding.key:
            return finding
        return finding._replace(message=message, key=key)

    def text(self, message: str, about: Optional[str] = None) -> str:
        """`message` with every secret masked; `about`: the key it speaks of (its short secrets masked too)."""
        for key, texts in self.secrets.items():
            own = about is not None and (key.endswith(about) or about.endswith(key))
            for text in sorted(texts, key=len, reverse=True):
                if text == MASK or text not in message:
                    continue
                if len(text) >= _SHORTEST_ANYWHERE:
                    message = message.replace(text, MASK)
                elif own:
                    message = re.sub(r"(?<![\w.-])%s(?![\w-])" % re.escape(text), MASK, message)
        long_texts = self.long_texts
        for text in sorted(long_texts, key=len, reverse=True):
            if text in message:
                message = message.replace(text, _shortened(text))
        if long_texts:  # parts of a long value (a value cut before its comment, say) and a last bound
            message = _LONG_RUN.sub(lambda match: _shortened(match.group(0)), message)
            if len(message) > LONGEST_MESSAGE:
                message = message[:LONGEST_MESSAGE] + "..."
        return message

    def producer(self, producer) -> None:
        """A producer's findings, refusals and effective values, masked in place."""
        producer.findings = self.findings(producer.findings)
        effective = producer.effective
        effective.refusals = [r._replace(message=self.text(r.message, r.key), fix=self.text(r.fix, r.key))
                              for r in effective.refusals]
        effective.adjustments = [a._replace(message=self.text(a.message, a.key)) for a in effective.adjustments]
        for key, value in effective.values.items():
            masked = value.text if value.text is None else self._value(value.text, key)
            expression = value.expression
            if expression is not None:
                expression = expression._replace(written=self._value(expression.written, key),
                                                 steps=tuple(self.text(step, key) for step in expression.steps))
            if masked != value.text or expression != value.expression:
                effective.values[key] = value._replace(text=masked, expression=expression)

    def _value(self, text: str, key: str) -> str:
        if is_secret(key) or secret_value(text):
            return MASK
        return self.text(text, key)


def redactor(entries: list[Entry], producers: Iterable = ()) -> Optional[Redactor]:
    """What a file's findings need masked or shortened, once per file; None when nothing does."""
    found: Optional[Redactor] = None
    for entry in entries:
        key, value = entry.key, entry.value
        if value and (is_secret(key) or ("-----BEGIN" in value and secret_value(value))):
            found = found or Redactor()
            found.add_secret(key, value, entry.raw, entry.expression.written if entry.expression else None)
        if (value and len(value) > LONGEST_QUOTED) or len(key) > LONGEST_QUOTED:
            found = found or Redactor()
            found.long_texts.update(text for text in (value, key) if text and len(text) > LONGEST_QUOTED)
    misspelt = set()
    for producer in producers:
        for layer in producer.spec.layers:  # settings read from another file (a Spring profile's base file)
            for setting in layer.settings:
                if setting.entry is None and setting.value and (
                        is_secret(setting.key) or ("-----BEGIN" in setting.value and secret_value(setting.value))):
                    found = found or Redactor()
                    found.add_secret(setting.key, setting.value)
        for setting in producer.effective.unknown_keys:
            if setting.value and not is_secret(setting.key) and close_to_secret(setting.key):
                if setting.entry is None:
                    found = found or Redactor()
                    found.add_secret(setting.key, setting.value)
                else:
                    misspelt.add(setting.entry.key)
    if misspelt:  # every entry of the key, a duplicate's earlier one too
        found = found or Redactor()
        for entry in entries:
            if entry.key in misspelt and entry.value:
                found.add_secret(entry.key, entry.value, entry.raw,
                                 entry.expression.written if entry.expression else None)
    return found


def _shortened(text: str) -> str:
    return f"{text[:60]}...({len(text)} characters)"
