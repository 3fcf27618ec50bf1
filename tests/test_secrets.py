"""Secrets never leave the process: every key a client types as a secret, in every layout's spelling,
with a distinctive value that findings would quote (a duplicate's earlier value, a trailing comment, YAML
1.1 typing), run through every report format, `effective` and --write-baseline: the value is in none."""
from __future__ import annotations

import json

import pytest

from honolint.profiles.java_keys import TYPES
from honolint.redact import SECRET_KEYS, is_secret

JAVA = sorted(key for key, kind in TYPES.items() if kind == "PASSWORD")
LIBRDKAFKA = ["sasl.password", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
              "sasl.oauthbearer.client.secret", "sasl.oauthbearer.config",
              "sasl.oauthbearer.assertion.private.key.passphrase", "sasl.oauthbearer.assertion.private.key.pem",
              # the rest of what src/rdkafka_conf.c flags _RK_SENSITIVE
              "sasl.username", "ssl.key.location", "ssl.ca.pem", "sasl.oauthbearer.assertion.private.key.file"]
# Spring Boot's own KafkaProperties.Ssl / Jaas fields for the same secrets, in its relaxed spellings
SPRING_FIELDS = ["ssl.key-password", "ssl.keyStorePassword", "ssl.trust-store-password", "ssl.key-store-key",
                 "ssl.key-store-certificate-chain", "ssl.trustStoreCertificates", "jaas.options.password"]
SECRET = "S3cr3t-"


def _properties(keys: list[str], head: str, prefix: str) -> str:
    """Each key twice (HL002 quotes the earlier value), the later with a trailing comment (HL003)."""
    lines = [head]
    for n, key in enumerate(keys):
        lines += [f"{prefix}{key}={SECRET}{n}a", f"{prefix}{key}={SECRET}{n}b # was {SECRET}{n}c"]
    return "\n".join(lines) + "\n"


def _yaml(keys: list[str], head: str, indent: str, quote: bool = False) -> str:
    lines = [head.rstrip("\n")]
    for n, key in enumerate(keys):
        shown = f'"{key}"' if quote else key
        lines += [f"{indent}{shown}: {SECRET}{n}a", f"{indent}{shown}: {SECRET}{n}b"]
    return "\n".join(lines) + "\n"


LAYOUTS = {
    "plain": ("producer.properties", lambda: _properties(JAVA, "bootstrap.servers=b:9092\nacks=all", "")),
    "plain-yaml": ("producer.yaml", lambda: _yaml(JAVA, "bootstrap.servers: b:9092\nacks: all\n", "")),
    "spring-properties": ("application.properties", lambda: _properties(
        JAVA, "spring.kafka.bootstrap-servers=b:9092\nspring.kafka.producer.acks=all", "spring.kafka.properties.")),
    "spring-fields": ("application.properties", lambda: _properties(
        SPRING_FIELDS, "spring.kafka.bootstrap-servers=b:9092\nspring.kafka.producer.acks=all", "spring.kafka.")),
    "spring-env": ("deployment.yaml", lambda: (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: app\n          image: app:1\n          env:\n"
        "            - {name: SPRING_KAFKA_BOOTSTRAP_SERVERS, value: b:9092}\n"
        "            - {name: SPRING_KAFKA_PRODUCER_ACKS, value: all}\n"
        + "".join(f"            - {{name: SPRING_KAFKA_{key.upper().replace('.', '_').replace('-', '_')}, "
                  f"value: {SECRET}{n}a}}\n" for n, key in enumerate(["ssl.key-password", "ssl.key-store-password",
                                                                        "jaas.options.password"]))
        + "".join(f"            - {{name: SPRING_KAFKA_PROPERTIES_{key.upper().replace('.', '_')}, "
                  f"value: {SECRET}{n}b}}\n" for n, key in enumerate(JAVA)))),
    "quarkus-global": ("application.properties", lambda: _properties(
        JAVA, "mp.messaging.outgoing.out.connector=smallrye-kafka\nkafka.bootstrap.servers=b:9092", "kafka.")),
    "quarkus-channel": ("application.properties", lambda: _properties(
        JAVA, "mp.messaging.outgoing.out.connector=smallrye-kafka\nmp.messaging.outgoing.out.acks=all",
        "mp.messaging.outgoing.out.")),
    "hono-common": ("application.yml", lambda: _yaml(
        JAVA, "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n        acks: all\n"
              "    commonClientConfig:\n", "      ", quote=True)),
    "hono-producer": ("application.yml", lambda: _yaml(
        JAVA, "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n        \"acks\": all\n", "        ",
        quote=True)),
    "kcat": ("kcat.conf", lambda: _properties(LIBRDKAFKA, "bootstrap.servers=b:9092\nacks=all", "")),
    "fluent-bit": ("fluent-bit.conf", lambda: "[OUTPUT]\n    Name kafka\n    Brokers b:9092\n    Topics t\n" + "".join(
        f"    rdkafka.{key} {SECRET}{n}a\n    rdkafka.{key} {SECRET}{n}b\n" for n, key in enumerate(LIBRDKAFKA))),
    "vector": ("vector.yaml", lambda: _yaml(
        LIBRDKAFKA, "sinks:\n  out:\n    type: kafka\n    inputs: [in]\n    bootstrap_servers: b:9092\n"
                    "    topic: t\n    encoding: {codec: json}\n    librdkafka_options:\n", "      ", quote=True)),
}

RUNS = [("check", "--format", fmt) for fmt in ("json", "sarif", "github", "gitlab", "junit", "text")]
RUNS += [("check", "--show-infos", "--color", "never"), ("effective", "--format", "json"),
         ("effective", "--color", "never")]


def _leaks(honolint, path) -> list[str]:
    """Every output (and the baseline file) that holds a secret's text."""
    leaks = []
    for args in RUNS:
        result = honolint.run(*args, str(path))
        assert result.exit_code in (0, 1) and result.output, args
        if SECRET in result.output:
            leaks.append(" ".join(args) + ": " + next(line for line in result.output.splitlines() if SECRET in line))
    baseline = path.parent / "baseline.json"
    honolint.run("check", "--write-baseline", str(baseline), str(path))
    if SECRET in baseline.read_text():
        leaks.append("--write-baseline")
    return leaks


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_secret_of_any_layout_leaves_the_process(honolint, layout):
    name, text = LAYOUTS[layout]
    path = honolint.write(f"{layout}/{name}", text())
    report, _ = honolint.json(str(path))
    assert report["files"][0]["producers"], "the layout was read"
    assert _leaks(honolint, path) == []


@pytest.mark.parametrize("text, quoted", [
    # HL004 quotes the raw YAML text and what it becomes
    ("spring:\n  kafka:\n    producer: {acks: all}\n    ssl:\n      key-password: 0x5ec7e7\n"
     "      keyStorePassword: 0755123\n    properties:\n      ssl.truststore.password: yes\n", "HL004"),
    # a misspelt secret key: HL103 asks "did you mean ssl.key.password?"
    ("acks=all\nssl.key.pasword=S3cr3t-9 # was S3cr3t-8\n", "HL103"),
    ("acks=all\nssl.truststor.pasword=S3cr3t-9\nssl.truststor.pasword=S3cr3t-8\n", "HL002"),
    ("spring.kafka.producer.acks=all\nspring.kafka.properties.ssl.key.passwrd=S3cr3t-9 # was S3cr3t-8\n"
     "spring.kafka.properties.ssl.key.passwrd=S3cr3t-7\n", "HL002"),
    # a secret given as an expression, with a default
    ('spring.kafka.producer.acks=all\nspring.kafka.ssl.key-password=${KEY_PASSWORD:S3cr3t-9}\n'
     'spring.kafka.ssl.key-password=${OTHER_KEY_PASSWORD}\n'
     'spring.kafka.properties.sasl.jaas.config=${JAAS:PlainLoginModule required password="S3cr3t-8";}\n', "HL002"),
    # a PEM private key under a key no table marks secret
    ("acks=all\nssl.certificate.pem=-----BEGIN PRIVATE KEY-----MIIS3cr3t-7-----END PRIVATE KEY-----\n"
     "ssl.certificate.pem=-----BEGIN RSA PRIVATE KEY-----MIIS3cr3t-6-----END RSA PRIVATE KEY-----\n", "HL002"),
    # sasl.jaas.config holds the password
    ('acks=all\nsasl.jaas.config=PlainLoginModule required username="u" password="S3cr3t-5";\n'
     'sasl.jaas.config=PlainLoginModule required password="S3cr3t-4"; # S3cr3t-3\n', "HL003"),
])
def test_findings_that_would_quote_a_secret_mask_it(honolint, text, quoted):
    name = "application.yml" if text.startswith("spring:") else "producer.properties"
    if text.startswith("spring.kafka"):
        name = "application.properties"
    path = honolint.write(name, text)
    report, _ = honolint.json(str(path))
    messages = [x for f in report["files"] for x in f["findings"] + [y for p in f["producers"] for y in p["findings"]]]
    assert quoted in {x["code"] for x in messages}
    assert _leaks(honolint, path) == []
    for raw in ("0x5ec7e7", "6215655", "0755123", "252499"):  # HL004's raw text and what YAML makes of it
        assert raw not in json.dumps(report)


def test_a_misspelt_librdkafka_secret_key_is_masked(honolint):
    path = honolint.write("kcat.conf", "bootstrap.servers=b:9092\nacks=all\nsasl.pasword=S3cr3t-9 # x\n"
                                       "ssl.kye.pem=S3cr3t-8\nssl.kye.pem=S3cr3t-7\n")
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1 and "did you mean ssl.key.pem?" in json.dumps(report)  # librdkafka refuses it
    assert _leaks(honolint, path) == []


def test_an_ordinary_value_is_still_quoted(honolint):
    path = honolint.write("producer.properties", "acks=all\nlinger.ms=5 # five\nretries=3\nretries=4\n")
    report, _ = honolint.json(str(path))
    messages = " ".join(x["message"] for x in report["files"][0]["findings"])
    assert "'5 # five'" in messages and "'3'" in messages and "****" not in messages


@pytest.mark.parametrize("key", [
    "ssl.key.password", "spring.kafka.ssl.key-password", "spring.kafka.ssl.keyPassword",
    "SPRING_KAFKA_SSL_KEY_PASSWORD", 'hono.kafka.commonClientConfig."ssl.key.password"', "sasl.password",
    "ssl.key.pem", "ssl_key", "rdkafka.sasl.password", "spring.kafka.ssl.keyStoreKey",
    "SPRING_KAFKA_SSL_KEY_STORE_CERTIFICATE_CHAIN", "kafka.sasl.jaas.config", "sasl.username", "ssl.key.location",
    *JAVA, *LIBRDKAFKA])
def test_secret_keys_in_any_spelling(key):
    assert is_secret(key)


@pytest.mark.parametrize("key", ["acks", "ssl.keystore.location", "ssl.keystore.type", "key.serializer",
                                 "ssl.certificate.pem", "user.name", "spring.kafka.ssl.key-store-type"])
def test_keys_that_hold_no_secret(key):
    assert not is_secret(key)


def test_the_secret_list_holds_every_key_java_types_as_a_password():
    assert set(JAVA) <= set(SECRET_KEYS) and set(LIBRDKAFKA) <= set(SECRET_KEYS)
