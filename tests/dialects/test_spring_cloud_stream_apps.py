"""Spring Cloud Stream applications as their binders build them: several binders, the Kafka Streams binder
and its dead-letter producer, bindings whatever their names, consumer-only applications, Rabbit ones."""
from __future__ import annotations

import pytest

from lint_helpers import producers

MULTI_BINDER = """\
spring:
  cloud:
    function:
      definition: supply;relay
    stream:
      bindings:
        supply-out-0:
          destination: orders
          binder: primary
        relay-in-0:
          destination: orders
          group: relay
          binder: primary
        relay-out-0:
          destination: orders-archive
          binder: archive
      binders:
        primary:
          type: kafka
          environment:
            spring.cloud.stream.kafka.binder:
              brokers: kafka-primary:9092
              required-acks: all
        archive:
          type: kafka
          environment:
            spring:
              cloud:
                stream:
                  kafka:
                    binder:
                      brokers: kafka-archive:9092
      kafka:
        binder:
          configuration:
            security.protocol: SASL_SSL
"""

MULTI_BINDER_PROPERTIES = """\
spring.cloud.function.definition=supply;relay
spring.cloud.stream.bindings.supply-out-0.destination=orders
spring.cloud.stream.bindings.supply-out-0.binder=primary
spring.cloud.stream.bindings.relay-in-0.destination=orders
spring.cloud.stream.bindings.relay-in-0.group=relay
spring.cloud.stream.bindings.relay-in-0.binder=primary
spring.cloud.stream.bindings.relay-out-0.destination=orders-archive
spring.cloud.stream.bindings.relay-out-0.binder=archive
spring.cloud.stream.binders.primary.type=kafka
spring.cloud.stream.binders.primary.environment.spring.cloud.stream.kafka.binder.brokers=kafka-primary:9092
spring.cloud.stream.binders.primary.environment.spring.cloud.stream.kafka.binder.required-acks=all
spring.cloud.stream.binders.archive.type=kafka
spring.cloud.stream.binders.archive.environment.spring.cloud.stream.kafka.binder.brokers=kafka-archive:9092
spring.cloud.stream.kafka.binder.configuration.security.protocol=SASL_SSL
"""


def scopes(report: dict) -> dict[str, dict]:
    return {p["scope"]: p for p in producers(report)}


def errors(producer: dict) -> list[str]:
    return [f["code"] for f in producer["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize("name,text", [("application.yml", MULTI_BINDER),
                                       ("application.properties", MULTI_BINDER_PROPERTIES)])
def test_each_binding_is_built_by_its_binder_with_that_binders_environment(honolint, name, text):
    report, exit_code = honolint.json(str(honolint.write(f"src/main/resources/{name}", text)))
    found = scopes(report)
    assert sorted(found) == ["spring.cloud.stream.kafka.bindings.relay-out-0 (binder archive)",
                             "spring.cloud.stream.kafka.bindings.supply-out-0 (binder primary)"]
    primary = found["spring.cloud.stream.kafka.bindings.supply-out-0 (binder primary)"]
    archive = found["spring.cloud.stream.kafka.bindings.relay-out-0 (binder archive)"]
    assert primary["effective"]["acks"]["value"] == "all" and errors(primary) == []
    # the archive binder's environment leaves required-acks at the binder's default
    assert archive["effective"]["acks"]["value"] == "1" and errors(archive) == ["HL201", "HL202"]
    assert "before Spring Cloud Stream 5.0.2" in archive["effective"]["acks"]["source"]
    assert exit_code == 1


RABBIT_AND_KAFKA = """\
spring.cloud.stream.bindings.audit-out-0.destination=audit
spring.cloud.stream.bindings.audit-out-0.binder=rabbit
spring.cloud.stream.bindings.orders-out-0.destination=orders
spring.cloud.stream.bindings.orders-out-0.binder=kafka
spring.cloud.stream.binders.rabbit.type=rabbit
spring.cloud.stream.binders.kafka.type=kafka
spring.cloud.stream.binders.kafka.environment.spring.cloud.stream.kafka.binder.required-acks=-1
"""


def test_a_binding_of_another_binder_is_not_a_kafka_producer(honolint):
    report, _ = honolint.json(str(honolint.write("application.properties", RABBIT_AND_KAFKA)))
    assert list(scopes(report)) == ["spring.cloud.stream.kafka.bindings.orders-out-0 (binder kafka)"]
    rabbit_only = "spring.cloud.stream.bindings.audit-out-0.destination=audit\n"
    report, _ = honolint.json(str(honolint.write("rabbit/application.properties", rabbit_only)))
    assert producers(report) == []


STREAMS_BINDER = """\
spring:
  cloud:
    function:
      definition: wordCount
    stream:
      bindings:
        wordCount-in-0:
          destination: words
        wordCount-out-0:
          destination: counts
      kafka:
        streams:
          binder:
            application-id: word-count
            deserialization-exception-handler: sendToDlq
            configuration:
              processing.guarantee: exactly_once_v2
              default.key.serde: org.apache.kafka.common.serialization.Serdes$StringSerde
          bindings:
            wordCount-in-0:
              consumer:
                dlq-name: words-dlq
"""


def test_the_kafka_streams_binder_builds_streams_producers_and_a_dead_letter_producer(honolint):
    report, _ = honolint.json(str(honolint.write("application.yml", STREAMS_BINDER)))
    found = scopes(report)
    assert sorted(found) == ["spring.cloud.stream.kafka.streams.binder",
                             "spring.cloud.stream.kafka.streams.binder (dead letters)"]
    topology = found["spring.cloud.stream.kafka.streams.binder"]
    # exactly_once_v2: Kafka Streams forces idempotence; required-acks does not reach these producers
    assert topology["effective"]["enable.idempotence"]["value"] == "true" and errors(topology) == []
    assert topology["effective"]["acks"]["origin"] != "framework"
    dead = found["spring.cloud.stream.kafka.streams.binder (dead letters)"]
    assert dead["effective"]["retries"]["value"] == "0" and dead["effective"]["acks"]["value"] == "1"
    assert errors(dead) == ["HL201"] and dead["line"] == 15


def test_the_dead_letter_producer_takes_its_bindings_configuration(honolint):
    text = STREAMS_BINDER + ("                dlq-producer-properties:\n                  configuration:\n"
                             "                    acks: all\n                    retries: 5\n")
    report, _ = honolint.json(str(honolint.write("application.yml", text)))
    found = scopes(report)
    dead = found["spring.cloud.stream.kafka.streams.bindings.wordCount-in-0 (dead letters)"]
    assert dead["effective"]["acks"]["value"] == "all" and errors(dead) == []


def test_a_streams_application_without_dead_letters_has_no_message_channel_producer(honolint):
    text = STREAMS_BINDER.replace("            deserialization-exception-handler: sendToDlq\n", "")
    report, _ = honolint.json(str(honolint.write("application.yml", text)))
    assert list(scopes(report)) == ["spring.cloud.stream.kafka.streams.binder"]


CONSUMER_ONLY = """\
spring.cloud.function.definition=audit
spring.cloud.stream.bindings.audit-in-0.destination=orders
spring.cloud.stream.bindings.audit-in-0.group=audit
spring.cloud.stream.kafka.binder.brokers=kafka:9092
spring.cloud.stream.kafka.binder.configuration.security.protocol=SASL_SSL
spring.cloud.stream.kafka.binder.configuration.sasl.mechanism=SCRAM-SHA-512
spring.cloud.stream.kafka.bindings.audit-in-0.consumer.enable-dlq=false
"""


def test_a_consumer_only_application_has_no_producer(honolint):
    report, exit_code = honolint.json(str(honolint.write("application.properties", CONSUMER_ONLY)))
    assert producers(report) == [] and exit_code == 0
    aliased = ("spring.cloud.stream.function.bindings.audit-in-0=orders\n"
               "spring.cloud.stream.bindings.orders.destination=orders\n"
               "spring.cloud.stream.kafka.binder.brokers=kafka:9092\n")
    report, _ = honolint.json(str(honolint.write("aliased/application.properties", aliased)))
    assert producers(report) == []


def test_an_output_binding_is_a_producer_whatever_its_name(honolint):
    text = ("spring.cloud.stream.bindings.orders.destination=orders\n"
            "spring.cloud.stream.bindings.payments.destination=payments\n"
            "spring.cloud.stream.bindings.payments.group=billing\n"
            "spring.cloud.stream.kafka.binder.brokers=kafka:9092\n"
            "spring.cloud.stream.kafka.binder.required-acks=all\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert list(scopes(report)) == ["spring.cloud.stream.kafka.bindings.orders"]


def test_bindings_alone_are_a_kafka_application_when_the_build_says_so(honolint):
    text = "spring.cloud.stream.bindings.orders-out-0.destination=orders\n"
    honolint.write("svc/pom.xml", "<project><dependencies><dependency><groupId>org.springframework.cloud</groupId>"
                                  "<artifactId>spring-cloud-stream-binder-kafka</artifactId></dependency>"
                                  "</dependencies></project>\n")
    report, _ = honolint.json(str(honolint.write("svc/src/main/resources/application.properties", text)))
    assert list(scopes(report)) == ["spring.cloud.stream.kafka.bindings.orders-out-0"]
    assert errors(producers(report)[0]) == ["HL201", "HL202"]


KSTREAM_BINDER = """\
spring.cloud.function.definition=enrich;count
spring.cloud.stream.bindings.enrich-out-0.destination=orders
spring.cloud.stream.bindings.enrich-out-0.binder=channels
spring.cloud.stream.bindings.count-in-0.destination=orders
spring.cloud.stream.bindings.count-in-0.binder=streams
spring.cloud.stream.bindings.count-out-0.destination=order-counts
spring.cloud.stream.bindings.count-out-0.binder=streams
spring.cloud.stream.binders.channels.type=kafka
spring.cloud.stream.binders.channels.environment.spring.cloud.stream.kafka.binder.required-acks=all
spring.cloud.stream.binders.streams.type=kstream
spring.cloud.stream.binders.streams.environment.spring.cloud.stream.kafka.streams.binder.application-id=counts
spring.cloud.stream.binders.streams.environment.spring.cloud.stream.kafka.streams.binder.configuration.processing.guarantee=exactly_once_v2
"""


def test_a_kstream_binder_builds_kafka_streams_producers_from_its_environment(honolint):
    report, _ = honolint.json(str(honolint.write("application.properties", KSTREAM_BINDER)))
    found = scopes(report)
    assert sorted(found) == ["spring.cloud.stream.kafka.bindings.enrich-out-0 (binder channels)",
                             "spring.cloud.stream.kafka.streams.binder (binder streams)"]
    streams_producer = found["spring.cloud.stream.kafka.streams.binder (binder streams)"]
    assert streams_producer["effective"]["enable.idempotence"]["value"] == "true"  # exactly_once_v2
    assert all(errors(p) == [] for p in found.values())
