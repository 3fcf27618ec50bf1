"""Spring Boot (spring.kafka.*) and the Spring Cloud Stream Kafka binder, each case as .properties and as YAML."""
from __future__ import annotations

import json

import pytest

from honolint.dialects import extract
from honolint.dialects.spring_boot import data_size
from honolint.dialects.spring_documents import spring_properties_documents
from honolint.load import load_bytes
from lint_helpers import codes, producers

FORMATS = ("properties", "yml")
BINDING = "spring.cloud.stream.kafka.bindings"


def check(honolint, name: str, text: str, *args: str) -> tuple[dict, int]:
    return honolint.json(*args, str(honolint.write(name, text)))


def effective(honolint, path) -> dict:
    result = honolint.run("effective", "--format", "json", str(path))
    return json.loads(result.stdout)


def by_scope(report: dict) -> dict[str, dict]:
    return {p["scope"]: p for p in producers(report)}


def findings(report: dict, code: str) -> list[dict]:
    found = [x for f in report["files"] for x in f["findings"] if x["code"] == code]
    return found + [x for p in producers(report) for x in p["findings"] if x["code"] == code]


# ---------------------------------------------------------------- Spring Boot

BOOT = {
    "properties": """\
spring.application.name=orders
spring.kafka.bootstrap-servers=broker-1:9092,broker-2:9092
spring.kafka.properties.security.protocol=SASL_SSL
spring.kafka.producer.acks=all
spring.kafka.producer.batch-size=32KB
spring.kafka.producer.properties.linger.ms=10
spring.kafka.consumer.group-id=orders
""",
    "yml": """\
spring:
  application:
    name: orders
  kafka:
    bootstrap-servers: broker-1:9092,broker-2:9092
    properties:
      security.protocol: SASL_SSL
    producer:
      acks: all
      batch-size: 32KB
      properties:
        linger.ms: 10
    consumer:
      group-id: orders
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_spring_boot_is_detected_and_has_one_producer(honolint, fmt):
    report, exit_code = check(honolint, f"application.{fmt}", BOOT[fmt])
    assert report["files"][0]["dialect"] == "spring-boot"
    (producer,) = producers(report)
    assert producer["scope"] == "spring.kafka.producer"
    assert producer["effective"]["acks"] == {
        "value": "all", "origin": "file", "source": "spring.kafka.producer", "explicit": True,
        "line": 4 if fmt == "properties" else 9, "column": 1 if fmt == "properties" else 7}
    assert producer["effective"]["linger.ms"]["source"] == "spring.kafka.producer.properties"
    assert exit_code == 0


def test_spring_boot_detection_is_relaxed_and_does_not_claim_other_files(honolint):
    report, _ = check(honolint, "a.properties", "Spring.Kafka.Producer.ACKS=1\n")
    assert report["files"][0]["dialect"] == "spring-boot"
    assert producers(report)[0]["effective"]["acks"]["value"] == "1"
    report, _ = check(honolint, "application.yml", "spring:\n  datasource:\n    url: jdbc:h2:mem\nacks: 1\n")
    assert report["files"][0]["dialect"] == "plain"


@pytest.mark.parametrize("fmt", FORMATS)
def test_consumer_only_spring_file_configures_no_producer(honolint, fmt):
    text = {"properties": "spring.kafka.bootstrap-servers=kafka:9092\nspring.kafka.consumer.group-id=g\n",
            "yml": "spring:\n  kafka:\n    bootstrap-servers: kafka:9092\n    consumer:\n      group-id: g\n"}[fmt]
    report, exit_code = check(honolint, f"application.{fmt}", text)
    assert report["files"][0]["dialect"] == "spring-boot"
    assert producers(report) == [] and "HL005" in codes(report) and exit_code == 0


PRECEDENCE = {
    "properties": """\
spring.kafka.properties.acks=0
spring.kafka.producer.acks=all
spring.kafka.producer.properties.acks=1
spring.kafka.properties.retries=5
spring.kafka.producer.retries=3
""",
    "yml": """\
spring:
  kafka:
    properties:
      acks: 0
      retries: 5
    producer:
      acks: all
      retries: 3
      properties:
        acks: 1
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_producer_properties_beat_dedicated_fields_which_beat_common_properties(honolint, fmt):
    report, exit_code = check(honolint, f"application.{fmt}", PRECEDENCE[fmt])
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "1"
    assert producer["effective"]["acks"]["source"] == "spring.kafka.producer.properties"
    assert producer["effective"]["retries"]["value"] == "3"
    assert producer["effective"]["retries"]["source"] == "spring.kafka.producer"
    assert "HL201" in codes(report) and exit_code == 1


BRACKETS = {
    "properties": """\
spring.kafka.producer.acks=all
spring.kafka.producer.properties[max.in.flight.requests.per.connection]=1
spring.kafka.producer.properties[enable.idempotence]=false
spring.kafka.properties[delivery.timeout.ms]=90000
""",
    "yml": """\
spring:
  kafka:
    producer:
      acks: all
      properties:
        "[max.in.flight.requests.per.connection]": 1
        enable:
          idempotence: false
    properties:
      "[delivery.timeout.ms]": 90000
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_bracket_nested_and_dotted_map_keys(honolint, fmt):
    report, exit_code = check(honolint, f"application.{fmt}", BRACKETS[fmt])
    (producer,) = producers(report)
    values = {k: v["value"] for k, v in producer["effective"].items()}
    assert values["max.in.flight.requests.per.connection"] == "1"
    assert values["enable.idempotence"] == "false"
    assert values["delivery.timeout.ms"] == "90000"
    assert producer["effective"]["delivery.timeout.ms"]["source"] == "spring.kafka.properties"
    assert producer["qos"]["at-least-once"]["ok"] and exit_code == 0


def test_unquoted_yaml_bracket_key_is_a_list_and_is_reported(honolint):
    text = ("spring:\n  kafka:\n    producer:\n      acks: 1\n      properties:\n"
            "        [max.in.flight.requests.per.connection]: 1\n")
    report, _ = check(honolint, "application.yml", text)
    (unread,) = findings(report, "HL006")
    assert unread["line"] == 6 and unread["severity"] == "warning"
    assert "unquoted [...] key as a list" in unread["message"] and '"[property.name]"' in unread["message"]
    (producer,) = producers(report)
    assert producer["effective"]["max.in.flight.requests.per.connection"]["origin"] == "default"


RELAXED = {
    "properties": """\
spring.kafka.producer.transactionIdPrefix=tx-orders-
spring.kafka.producer.BATCH_SIZE=1KB
spring.kafka.producer.Acks=all
spring.kafka.producer.compression_type=zstd
""",
    "yml": """\
spring:
  kafka:
    producer:
      transaction_id_prefix: tx-orders-
      batchSize: 1KB
      ACKS: all
      compressionType: zstd
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_relaxed_binding_of_dedicated_fields(honolint, fmt):
    path = honolint.write(f"application.{fmt}", RELAXED[fmt])
    (spec,) = extract(load_bytes(path.read_bytes(), str(path))).producers
    settings = {s.key: s.value for layer in spec.layers for s in layer.settings}
    assert settings == {"batch.size": "1024", "acks": "all", "compression.type": "zstd"}
    assert spec.framework is not None and dict(spec.framework.forced) == {"transactional.id": "tx-orders-0"}


def test_data_size_conversion():
    assert data_size("16KB") == "16384" and data_size("1MB") == str(1024 ** 2) and data_size(" 2 GB ") == str(2 << 30)
    assert data_size("512") == "512" and data_size("512B") == "512"
    assert data_size("16kb") == "16kb"  # DataUnit suffixes are case-sensitive: Spring refuses it
    assert data_size("3GB", as_int=True) == str(3 * 1024 ** 3 - 2 ** 32)  # Number.intValue() wraps


DATA_SIZE = {
    "properties": "spring.kafka.producer.batch-size=16KB\nspring.kafka.producer.buffer-memory=64MB\n"
                  "spring.kafka.producer.properties.max.request.size=1MB\n",
    "yml": "spring:\n  kafka:\n    producer:\n      batch-size: 16KB\n      buffer-memory: 64MB\n"
           "      properties:\n        max.request.size: 1MB\n",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_data_size_works_in_dedicated_fields_but_not_in_properties(honolint, fmt):
    path = honolint.write(f"application.{fmt}", DATA_SIZE[fmt])
    (spec,) = extract(load_bytes(path.read_bytes(), str(path))).producers
    settings = {s.key: s.value for layer in spec.layers for s in layer.settings}
    assert settings["batch.size"] == "16384" and settings["buffer.memory"] == str(64 * 1024 ** 2)
    report, exit_code = honolint.json(str(path))
    (invalid,) = findings(report, "HL102")
    assert invalid["key"] == "max.request.size" and invalid["severity"] == "error" and exit_code == 1


MISPLACED = {
    "properties": "spring.kafka.producer.acks=all\nspring.kafka.producer.linger-ms=5\n"
                  "spring.kafka.producer.enable.idempotence=false\nspring.kafka.producer.properties.group.id=g\n"
                  "spring.kafka.topic=orders\n",
    "yml": "spring:\n  kafka:\n    topic: orders\n    producer:\n      acks: all\n      linger-ms: 5\n"
           "      enable:\n        idempotence: false\n      properties:\n        group.id: g\n",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_keys_spring_boot_does_not_hand_to_the_producer(honolint, fmt):
    report, _ = check(honolint, f"application.{fmt}", MISPLACED[fmt])
    messages = sorted(f["message"] for f in findings(report, "HL006"))
    assert len(messages) == 3  # spring.kafka.topic is the application's own key: not reported
    assert any(m.startswith("spring.kafka.producer.linger-ms is ignored") and
               m.endswith("write spring.kafka.producer.properties.linger.ms") for m in messages)
    assert any("enable.idempotence is ignored" in m and "never sees enable.idempotence" in m for m in messages)
    assert any("group.id is a consumer property" in m and "spring.kafka.consumer.properties" in m for m in messages)
    (producer,) = producers(report)
    assert producer["effective"]["enable.idempotence"]["origin"] == "default"


TRANSACTIONS = {
    "properties": "spring.kafka.producer.acks=all\nspring.kafka.producer.transaction-id-prefix=tx-\n",
    "yml": "spring:\n  kafka:\n    producer:\n      acks: all\n      transaction-id-prefix: tx-\n",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_transaction_id_prefix_is_a_framework_layer(honolint, fmt):
    path = honolint.write(f"application.{fmt}", TRANSACTIONS[fmt])
    report = effective(honolint, path)
    (producer,) = producers(report)
    assert producer["effective"]["enable.idempotence"] == {
        "value": "true", "origin": "framework", "source": "added by Spring for Apache Kafka", "explicit": True,
        "line": None, "column": None}
    assert producer["effective"]["transactional.id"]["value"] == "tx-0"
    assert producer["effective"]["transactional.id"]["source"] == "forced by Spring for Apache Kafka"
    # an explicit enable.idempotence=false stays (putIfAbsent), and the client refuses the producer
    extra = {"properties": "spring.kafka.producer.properties.enable.idempotence=false\n",
             "yml": "      properties:\n        enable.idempotence: false\n"}[fmt]
    report, exit_code = check(honolint, f"tx.{fmt}", TRANSACTIONS[fmt] + extra)
    (producer,) = producers(report)
    assert producer["rejected"] == ["Cannot set a transactional.id without also enabling idempotence."]
    assert exit_code == 1


def test_transactional_id_in_properties_is_the_prefix(honolint):
    report = effective(honolint, honolint.write("application.properties",
                                                "spring.kafka.producer.properties.transactional.id=orders\n"))
    values = producers(report)[0]["effective"]
    assert values["enable.idempotence"]["origin"] == "framework"
    assert values["transactional.id"]["origin"] == "file"


PROFILES = {
    "properties": """\
spring.kafka.bootstrap-servers=kafka:9092
spring.kafka.producer.acks=all
#---
spring.config.activate.on-profile=local
spring.kafka.producer.acks=1
!---
spring.config.activate.on-profile=staging | perf
spring.kafka.producer.properties.linger.ms=50
#---
spring.config.activate.on-profile=docs
spring.kafka.bootstrap-servers=docs-kafka:9092
""",
    "yml": """\
spring:
  kafka:
    bootstrap-servers: kafka:9092
    producer:
      acks: all
---
spring:
  config:
    activate:
      on-profile: local
  kafka:
    producer:
      acks: 1
---
spring:
  config:
    activate:
      on-profile: staging | perf
  kafka:
    producer:
      properties:
        linger.ms: 50
---
spring:
  profiles: docs
  kafka:
    bootstrap-servers: docs-kafka:9092
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_profile_document_is_a_producer_over_the_default_document(honolint, fmt):
    report, exit_code = check(honolint, f"application.{fmt}", PROFILES[fmt])
    scopes = by_scope(report)
    # the docs profile (legacy spring.profiles) only changes bootstrap.servers: the default producer elsewhere
    assert list(scopes) == ["spring.kafka.producer", "spring.kafka.producer [profile local]",
                            "spring.kafka.producer [profile perf]", "spring.kafka.producer [profile staging]"]
    assert scopes["spring.kafka.producer"]["qos"]["at-least-once"]["ok"]
    local = scopes["spring.kafka.producer [profile local]"]
    assert local["effective"]["acks"]["value"] == "1" and not local["qos"]["at-least-once"]["ok"]
    perf = scopes["spring.kafka.producer [profile perf]"]
    assert perf["effective"]["acks"]["value"] == "all" and perf["effective"]["linger.ms"]["value"] == "50"
    assert exit_code == 1


def test_properties_separator_rules_of_spring():
    text = "a=1\n#---\nb=2\n# note\n#---\nc=3\n!---\n# comment right after a separator\nd=4\n  #---\ne=5\n"
    documents = spring_properties_documents(text)
    # `#---` after a `#` comment is no separator; a comment right after one joins the previous document;
    # an indented `#---` is a comment
    assert documents == {1: 0, 3: 1, 6: 1, 9: 1, 11: 1}
    # a continued value takes the `#---` line as text; a fourth character after `---` is skipped
    assert spring_properties_documents("a=1\\\n#---\nb=2\n#----\nc=3\n") == {1: 0, 3: 0, 5: 1}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_in_two_profile_documents_is_not_a_duplicate(honolint, fmt):
    """`#---` splits a .properties file as `---` splits YAML: the local profile's acks=1 overrides the
    default document's acks=all only when that profile is active, so neither is "ignored"."""
    report, _ = check(honolint, f"application.{fmt}", PROFILES[fmt])
    assert findings(report, "HL002") == []


def test_a_key_twice_in_one_profile_document_is_a_duplicate(honolint):
    text = ("spring.kafka.producer.acks=all\nspring.kafka.producer.acks=1\n#---\n"
            "spring.config.activate.on-profile=local\nspring.kafka.producer.acks=0\nspring.kafka.producer.acks=all\n")
    report, _ = check(honolint, "application.properties", text)
    assert [(f["line"], f["message"].split(":")[0]) for f in findings(report, "HL002")] == [
        (2, "'spring.kafka.producer.acks' is set twice (line 1 and line 2)"),
        (6, "'spring.kafka.producer.acks' is set twice (line 5 and line 6)")]
    # without a file to find the separators in, documents start at the profile gates: the same answer
    result = honolint.run("check", "--format", "json", "--stdin-filename", "application.properties", "-",
                          stdin=text.encode())
    assert [f["line"] for f in findings(json.loads(result.stdout), "HL002")] == [2, 6]


def test_properties_split_needs_the_file_or_falls_back_to_the_profile_keys(honolint):
    text = ("spring.kafka.producer.acks=all\n# prod below\n#---\nspring.config.activate.on-profile=prod\n"
            "spring.kafka.producer.acks=1\n")
    report, _ = check(honolint, "application.properties", text)
    # the comment right before `#---` makes it a comment: the whole file is the prod document
    assert list(by_scope(report)) == ["spring.kafka.producer [profile prod]"]
    result = honolint.run("check", "--format", "json", "--stdin-filename", "elsewhere.properties", "-",
                          stdin=text.encode())
    # from standard input there is no file to find the separators in: a document starts at the gate
    assert list(by_scope(json.loads(result.stdout))) == ["spring.kafka.producer",
                                                           "spring.kafka.producer [profile prod]"]


def test_spring_profiles_active_in_the_file_picks_the_default_run(honolint):
    text = ("spring:\n  profiles:\n    active: prod\n  kafka:\n    producer:\n      acks: 1\n---\n"
            "spring:\n  config:\n    activate:\n      on-profile: prod\n  kafka:\n    producer:\n      acks: all\n")
    report, exit_code = check(honolint, "application.yml", text)
    (producer,) = producers(report)
    assert producer["scope"] == "spring.kafka.producer [profile prod]"
    assert producer["effective"]["acks"]["value"] == "all" and exit_code == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_profile_file_is_layered_over_the_base_files(honolint, fmt):
    honolint.write("application.yml", "spring:\n  kafka:\n    producer:\n      acks: all\n      properties:\n"
                                      "        linger.ms: 5\n        delivery.timeout.ms: 90000\n")
    honolint.write("application.properties", "spring.kafka.producer.properties.delivery.timeout.ms=60000\n")
    profile = {"properties": "spring.kafka.producer.properties[acks]=1\n",
               "yml": "spring:\n  kafka:\n    producer:\n      properties:\n        \"[acks]\": 1\n"}[fmt]
    path = honolint.write(f"application-prod.{fmt}", profile)
    report = effective(honolint, path)
    (producer,) = producers(report)
    assert producer["scope"] == "spring.kafka.producer [profile prod]"
    values = producer["effective"]
    assert values["acks"]["value"] == "1" and values["acks"]["line"] is not None
    assert values["linger.ms"] == {"value": "5", "origin": "file", "explicit": True, "line": None, "column": None,
                                   "source": "spring.kafka.producer.properties (application.yml)"}
    # .properties wins over YAML in the same location
    assert values["delivery.timeout.ms"]["value"] == "60000"
    assert values["delivery.timeout.ms"]["source"] == "spring.kafka.producer.properties (application.properties)"
    report, exit_code = honolint.json(str(path))
    assert "HL201" in codes(report) and exit_code == 1
    # the base file alone is its own producer
    report, exit_code = honolint.json(str(honolint.tmp_path / "application.yml"))
    assert [p["scope"] for p in producers(report)] == ["spring.kafka.producer"] and exit_code == 0


@pytest.mark.parametrize("text", [
    "spring:\n  kafka: [1, 2]\n", "spring:\n  kafka:\n    producer: ~\n", "spring.kafka.producer: 3\n",
    "spring:\n  kafka:\n    producer:\n      properties: [a, b]\n      acks: {x: 1}\n",
    "spring.kafka.producer.acks: 1\nspring.config.activate.on-profile: \"(a & \"\n",
    "spring.kafka.producer.acks: 1\nspring.config.activate.on-profile: [\"!\", \"a|b&c\", \")(\"]\n",
    "spring.kafka.producer.properties[: 1\nspring.kafka.producer.properties[]: 2\nspring.kafka.x[a.b].c: 1\n",
    "spring.kafka.producer.batch-size: 99999999999999999999999TB\n",
    "- spring.kafka.producer.acks\n", "spring:\n  kafka:\n    ? [a, b]\n    : 1\n",
])
def test_odd_shapes_never_raise(honolint, text):
    report, exit_code = check(honolint, "application.yml", text)
    assert exit_code in (0, 1)
    assert report["files"][0]["path"].endswith("application.yml")


# ---------------------------------------------------------------- Spring Cloud Stream

SCS_NO_ACKS = {
    "properties": """\
spring.cloud.function.definition=enrich
spring.cloud.stream.bindings.enrich-in-0.destination=raw-orders
spring.cloud.stream.bindings.enrich-in-0.group=enricher
spring.cloud.stream.bindings.enrich-out-0.destination=orders
spring.cloud.stream.kafka.binder.brokers=kafka-1,kafka-2:9093
""",
    "yml": """\
spring:
  cloud:
    function:
      definition: enrich
    stream:
      bindings:
        enrich-in-0:
          destination: raw-orders
          group: enricher
        enrich-out-0:
          destination: orders
      kafka:
        binder:
          brokers: kafka-1,kafka-2:9093
""",
}
SCS_FIXES = {
    "required-acks": {"properties": "spring.cloud.stream.kafka.binder.required-acks=all\n",
                      "yml": "          required-acks: all\n"},
    "configuration": {"properties": "spring.cloud.stream.kafka.binder.configuration.acks=all\n",
                      "yml": "          configuration:\n            acks: all\n"},
    "producer-properties": {"properties": "spring.cloud.stream.kafka.binder.producer-properties.acks=-1\n",
                            "yml": "          producer-properties:\n            acks: -1\n"},
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_binding_without_required_acks_fails_with_the_binder_default_named(honolint, fmt):
    report, exit_code = check(honolint, f"application.{fmt}", SCS_NO_ACKS[fmt])
    assert report["files"][0]["dialect"] == "spring-cloud-stream"
    (producer,) = producers(report)
    assert producer["scope"] == "spring.cloud.stream.kafka.bindings.enrich-out-0"
    assert producer["line"] == (4 if fmt == "properties" else 11)
    assert producer["effective"]["acks"]["origin"] == "framework"
    (acks,) = [f for f in producer["findings"] if f["code"] == "HL201"]
    assert ("acks=1 added by Spring Cloud Stream Kafka binder (required-acks defaults to 1 before Spring Cloud "
            "Stream 5.0.2)" in acks["message"] and acks["message"].endswith("set acks=all"))
    assert not producer["qos"]["at-least-once"]["ok"] and exit_code == 1


@pytest.mark.parametrize("fix", sorted(SCS_FIXES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_binding_passes_once_acks_is_all(honolint, fmt, fix):
    report, exit_code = check(honolint, f"application.{fmt}", SCS_NO_ACKS[fmt] + SCS_FIXES[fix][fmt])
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "all" and producer["effective"]["acks"]["origin"] == "file"
    assert producer["qos"]["at-least-once"]["ok"] and "HL201" not in codes(report) and exit_code == 0


SCS_LAYERS = {
    "properties": """\
spring.kafka.producer.acks=0
spring.kafka.producer.properties.linger.ms=1
spring.cloud.stream.kafka.binder.required-acks=1
spring.cloud.stream.kafka.binder.configuration.acks=all
spring.cloud.stream.kafka.binder.configuration.max.poll.records=10
spring.cloud.stream.kafka.binder.configuration.max.in.flight.request.per.connection=1
spring.cloud.stream.kafka.binder.producer-properties.linger.ms=2
spring.cloud.stream.kafka.default.producer.configuration.delivery.timeout.ms=45000
spring.cloud.stream.kafka.default.producer.configuration.request.timeout.ms=15000
spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.request.timeout.ms=20000
spring.cloud.stream.kafka.bindings.orders-out-0.producer.batch-timeout=7
spring.cloud.stream.kafka.bindings.audit-out-0.producer.configuration.acks=1
spring.cloud.stream.kafka.bindings.audit-out-0.producer.configuration.bootstrap.servers=other:9092
spring.cloud.stream.kafka.bindings.audit-out-0.producer.batch-timeout=7
""",
    "yml": """\
spring:
  kafka:
    producer:
      acks: 0
      properties:
        linger.ms: 1
  cloud:
    stream:
      kafka:
        binder:
          required-acks: 1
          configuration:
            acks: all
            max.poll.records: 10
            max.in.flight.request.per.connection: 1
          producer-properties:
            linger.ms: 2
        default:
          producer:
            configuration:
              delivery.timeout.ms: 45000
              request.timeout.ms: 15000
        bindings:
          orders-out-0:
            producer:
              configuration:
                request.timeout.ms: 20000
              batch-timeout: 7
          audit-out-0:
            producer:
              configuration:
                acks: 1
                bootstrap.servers: other:9092
              batch-timeout: 7
""",
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_binder_precedence_and_one_producer_per_binding(honolint, fmt):
    report, _ = check(honolint, f"application.{fmt}", SCS_LAYERS[fmt])
    scopes = by_scope(report)
    assert list(scopes) == ["spring.cloud.stream.kafka.bindings.orders-out-0",
                            "spring.cloud.stream.kafka.bindings.audit-out-0"]
    orders = scopes["spring.cloud.stream.kafka.bindings.orders-out-0"]["effective"]
    # required-acks < Boot spring.kafka.producer < binder configuration (producer keys only) < producer-properties
    assert orders["acks"]["value"] == "all"
    assert orders["acks"]["source"] == "spring.cloud.stream.kafka.binder.configuration"
    # the binding's batch-timeout only fills a gap: producer-properties already set linger.ms
    assert orders["linger.ms"]["value"] == "2"
    assert orders["delivery.timeout.ms"]["source"] == "spring.cloud.stream.kafka.default.producer.configuration"
    assert orders["request.timeout.ms"]["value"] == "20000"
    assert orders["request.timeout.ms"]["source"] == f"{BINDING}.orders-out-0.producer.configuration"
    audit = scopes["spring.cloud.stream.kafka.bindings.audit-out-0"]
    assert audit["effective"]["acks"]["value"] == "1" and not audit["qos"]["at-least-once"]["ok"]
    unread = [f["message"] for f in findings(report, "HL006")]
    assert len(unread) == 2
    assert any("bootstrap.servers cannot be overridden at the binding level" in m for m in unread)
    assert any("did you mean max.in.flight.requests.per.connection?" in m for m in unread)


def test_binder_defaults_fill_batch_linger_and_compression(honolint):
    report = effective(honolint, honolint.write("application.yml", SCS_NO_ACKS["yml"]))
    values = producers(report)[0]["effective"]
    assert values["linger.ms"] == {"value": "0", "origin": "framework", "explicit": True, "line": None,
                                   "column": None,
                                   "source": "added by Spring Cloud Stream Kafka binder (required-acks defaults to 1 "
                                             "before Spring Cloud Stream 5.0.2)"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_binder_level_producer_when_no_binding_is_declared(honolint, fmt):
    text = {"properties": "spring.cloud.stream.kafka.binder.brokers=kafka\n"
                          "spring.cloud.stream.kafka.binder.producer-properties.acks=all\n",
            "yml": "spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          brokers: kafka\n"
                   "          producer-properties:\n            acks: all\n"}[fmt]
    report, exit_code = check(honolint, f"application.{fmt}", text)
    (producer,) = producers(report)
    assert producer["scope"] == "spring.cloud.stream.kafka.binder" and exit_code == 0


def test_consumer_only_bindings_have_no_producer(honolint):
    text = ("spring.cloud.stream.bindings.process-in-0.destination=orders\n"
            "spring.cloud.stream.bindings.process-in-0.group=g\nspring.cloud.stream.kafka.binder.brokers=kafka\n")
    report, exit_code = check(honolint, "application.properties", text)
    assert producers(report) == [] and "HL005" in codes(report) and exit_code == 0


def test_output_bindings_and_boot_producer_keys_in_a_binder_file(honolint):
    text = ("spring:\n  kafka:\n    producer:\n      acks: all\n      transaction-id-prefix: tx-\n"
            "  cloud:\n    stream:\n      output-bindings: toAudit;toOrders\n      kafka:\n        binder:\n"
            "          required-acks: 1\n")
    report, exit_code = check(honolint, "application.yml", text)
    assert report["files"][0]["dialect"] == "spring-cloud-stream"
    scopes = by_scope(report)
    assert list(scopes) == ["spring.cloud.stream.kafka.bindings.toAudit", "spring.cloud.stream.kafka.bindings.toOrders"]
    assert scopes[f"{BINDING}.toAudit"]["effective"]["acks"]["source"] == "spring.kafka.producer"
    (unread,) = findings(report, "HL006")
    assert unread["line"] == 5 and TX_HINT in unread["message"]
    assert exit_code == 0


TX_HINT = "spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix"


@pytest.mark.parametrize("fmt", FORMATS)
def test_transactional_binder_builds_every_producer_from_its_transaction_settings(honolint, fmt):
    text = {"properties": """\
spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix=tx-
spring.cloud.stream.kafka.binder.transaction.producer.configuration.retries=10
spring.cloud.stream.kafka.bindings.orders-out-0.producer.configuration.acks=all
""", "yml": """\
spring:
  cloud:
    stream:
      kafka:
        binder:
          transaction:
            transaction-id-prefix: tx-
            producer:
              configuration:
                retries: 10
        bindings:
          orders-out-0:
            producer:
              configuration:
                acks: all
"""}[fmt]
    report, exit_code = check(honolint, f"application.{fmt}", text)
    (producer,) = producers(report)
    assert producer["scope"] == "spring.cloud.stream.kafka.binder.transaction"
    # required-acks 1 and the idempotence the transaction needs: the client refuses
    assert producer["rejected"][0].startswith("Must set acks to all")
    assert producer["effective"]["transactional.id"]["value"] == "tx-0"
    (unread,) = findings(report, "HL006")
    assert "the binder is transactional" in unread["message"] and exit_code == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_binder_profiles(honolint, fmt):
    text = {"properties": SCS_NO_ACKS["properties"] + "#---\nspring.config.activate.on-profile=prod\n"
                                                      "spring.cloud.stream.kafka.binder.required-acks=all\n"
                                                      "spring.cloud.stream.kafka.binder.brokers=prod-kafka\n",
            "yml": SCS_NO_ACKS["yml"] + "---\nspring.config.activate.on-profile: prod\n"
                                        "spring.cloud.stream.kafka.binder.required-acks: all\n"
                                        "spring.cloud.stream.kafka.binder.brokers: prod-kafka\n"}[fmt]
    report, _ = check(honolint, f"application.{fmt}", text)
    scopes = by_scope(report)
    assert not scopes["spring.cloud.stream.kafka.bindings.enrich-out-0"]["qos"]["at-least-once"]["ok"]
    assert scopes["spring.cloud.stream.kafka.bindings.enrich-out-0 [profile prod]"]["qos"]["at-least-once"]["ok"]
    assert findings(report, "HL002") == []  # the brokers of the prod document are no duplicate


@pytest.mark.parametrize("text", [
    "spring:\n  cloud:\n    stream:\n      kafka: [1]\n",
    "spring.cloud.stream.kafka.bindings: x\nspring.cloud.stream.bindings: 1\n",
    "spring.cloud.stream.kafka.bindings.a.producer.configuration: ~\nspring.cloud.stream.output-bindings: ';;'\n",
    "spring.cloud.stream.kafka.binder.brokers: [a, b]\nspring.cloud.stream.kafka.binder.default-broker-port: ''\n",
    "spring.cloud.stream.kafka.bindings[x.y].producer.configuration[a]: 1\n",
    "spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix: ~\n",
])
def test_binder_odd_shapes_never_raise(honolint, text):
    report, exit_code = check(honolint, "application.yml", text)
    assert report["files"][0]["dialect"] in ("spring-cloud-stream", None) and exit_code in (0, 1)


def test_binder_brokers_replace_bootstrap_servers(honolint):
    text = ("spring.kafka.bootstrap-servers=boot:9092\nspring.cloud.stream.kafka.binder.brokers=a,b:9093\n"
            "spring.cloud.stream.kafka.binder.default-broker-port=9094\n"
            "spring.cloud.stream.kafka.binder.producer-properties.bootstrap.servers=props:9092\n")
    path = honolint.write("application.properties", text)
    (spec,) = extract(load_bytes(path.read_bytes(), str(path))).producers
    settings = {s.key: (s.value, layer.name) for layer in spec.layers for s in layer.settings}
    assert settings["bootstrap.servers"] == ("a:9094,b:9093", "spring.cloud.stream.kafka.binder.brokers")
