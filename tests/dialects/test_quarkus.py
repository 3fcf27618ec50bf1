"""Quarkus / SmallRye Reactive Messaging Kafka: application.properties and application.yaml."""
from __future__ import annotations

import json

import pytest

from lint_helpers import codes, producers

PROPERTIES = """\
quarkus.application.name=prices
kafka.bootstrap.servers=broker-1.example.org:9092
%prod.kafka.security.protocol=SASL_SSL
mp.messaging.connector.smallrye-kafka.compression.type=lz4

mp.messaging.outgoing.prices-out.connector=smallrye-kafka
mp.messaging.outgoing.prices-out.topic=prices
mp.messaging.outgoing.prices-out.acks=all
mp.messaging.outgoing.prices-out.enable.idempotence=true
mp.messaging.outgoing.prices-out.value.serializer=org.apache.kafka.common.serialization.DoubleSerializer

mp.messaging.outgoing.audit-out.connector=smallrye-kafka
mp.messaging.outgoing.audit-out.topic=audit
mp.messaging.outgoing.audit-out.waitForWriteCompletion=false
mp.messaging.outgoing.audit-out.max-inflight-messages=64
mp.messaging.outgoing.audit-out.pooled-producer.enabled=true

mp.messaging.incoming.prices-in.connector=smallrye-kafka
mp.messaging.incoming.prices-in.auto.offset.reset=earliest
"""

YAML = """\
quarkus:
  application:
    name: prices
kafka:
  bootstrap:
    servers: broker-1.example.org:9092
mp:
  messaging:
    outgoing:
      prices-out:
        connector: smallrye-kafka
        topic: prices
        acks: all
        enable:
          idempotence: true
        max:
          in:
            flight:
              requests:
                per:
                  connection: 5
        compression.type: lz4
"%prod":
  mp:
    messaging:
      outgoing:
        prices-out:
          acks: "1"
"""

NO_ACKS = """\
quarkus.application.name=orders
kafka.bootstrap.servers=broker:9092
mp.messaging.outgoing.orders-out.connector=smallrye-kafka
mp.messaging.outgoing.orders-out.topic=orders
mp.messaging.outgoing.orders-out.linger.ms=10
"""

NO_ACKS_YAML = """\
kafka:
  bootstrap:
    servers: broker:9092
mp:
  messaging:
    outgoing:
      orders-out:
        connector: smallrye-kafka
        topic: orders
        linger:
          ms: 10
"""


def by_scope(report: dict) -> dict[str, dict]:
    return {p["scope"]: p for p in producers(report)}


def messages(producer: dict, code: str) -> list[str]:
    return [f["message"] for f in producer["findings"] if f["code"] == code]


def file_findings(report: dict, code: str) -> list[dict]:
    return [f for f in report["files"][0]["findings"] if f["code"] == code]


def effective(honolint, path) -> dict:
    result = honolint.run("effective", "--format", "json", str(path))
    return {p["scope"]: p for f in json.loads(result.stdout)["files"] for p in f["producers"]}


# ---------------------------------------------------------------- detection and scopes


def test_properties_file_is_quarkus_with_a_producer_per_outgoing_channel(honolint):
    report, _ = honolint.json(str(honolint.write("application.properties", PROPERTIES)))
    assert report["files"][0]["dialect"] == "quarkus"
    # %prod.kafka.security.protocol changes only how the producers connect: no second producer
    assert list(by_scope(report)) == ["mp.messaging.outgoing.prices-out", "mp.messaging.outgoing.audit-out"]
    assert all(p["client"] == "java:4.3" for p in producers(report))


def test_yaml_file_is_quarkus_with_the_quoted_profile_root_key(honolint):
    report, _ = honolint.json(str(honolint.write("application.yaml", YAML)))
    assert report["files"][0]["dialect"] == "quarkus"
    assert list(by_scope(report)) == ["mp.messaging.outgoing.prices-out", "%prod.mp.messaging.outgoing.prices-out"]


@pytest.mark.parametrize("name, text", [
    ("application.properties", "kafka.bootstrap.servers=b:9092\nquarkus.http.port=8080\nkafka.acks=all\n"),
    ("application.properties", "kafka.acks=all\n%dev.kafka.bootstrap.servers=localhost:9092\n"),
    ("application.yaml", "kafka:\n  acks: all\nquarkus:\n  http:\n    port: 8080\n"),
    ("application.properties", "mp.messaging.outgoing.x.connector=smallrye-kafka\n"),
])
def test_detection(honolint, name, text):
    report, _ = honolint.json(str(honolint.write(name, text)))
    assert report["files"][0]["dialect"] == "quarkus"


def test_a_hono_file_with_quarkus_keys_is_hono(honolint):
    text = ("quarkus.http.port=8080\nkafka.acks=1\n"
            "hono.kafka.commonClientConfig.\"bootstrap.servers\"=kafka:9092\n"
            "hono.kafka.telemetry.producerConfig.acks=all\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert report["files"][0]["dialect"] == "hono"
    assert [p["scope"] for p in producers(report)] == ["hono.kafka.telemetry"]


def test_a_hono_yaml_file_with_quarkus_keys_is_hono(honolint):
    text = ("quarkus:\n  http:\n    port: 8080\nhono:\n  kafka:\n    event:\n      producerConfig:\n"
            "        acks: all\n")
    report, _ = honolint.json(str(honolint.write("application.yml", text)))
    assert report["files"][0]["dialect"] == "hono"


def test_kafka_keys_alone_are_not_quarkus(honolint):
    report, _ = honolint.json(str(honolint.write("p.properties", "acks=all\nbootstrap.servers=b:9092\n")))
    assert report["files"][0]["dialect"] != "quarkus"


def test_the_dialects_command_describes_quarkus(honolint):
    result = honolint.run("dialects")
    line = next(line for line in result.output.splitlines() if line.startswith("quarkus"))
    assert "mp.messaging.outgoing" in line and "not yet supported" not in result.output.split("quarkus", 1)[1][:400]


# ---------------------------------------------------------------- the done-when case


@pytest.mark.parametrize("name, text", [("application.properties", NO_ACKS), ("application.yaml", NO_ACKS_YAML)])
def test_a_channel_without_acks_fails_naming_the_smallrye_default_and_passes_once_fixed(honolint, name, text):
    report, exit_code = honolint.json(str(honolint.write(name, text)))
    (producer,) = producers(report)
    assert producer["scope"] == "mp.messaging.outgoing.orders-out"
    assert producer["qos"]["at-least-once"]["ok"] is False and exit_code == 1
    (message,) = messages(producer, "HL201")
    assert "acks=1 added by the SmallRye Kafka connector (its acks attribute defaults to 1)" in message
    assert message.endswith("set acks=all")

    if name.endswith(".properties"):
        fixes = [text + "mp.messaging.outgoing.orders-out.acks=all\n", text + "kafka.acks=all\n",
                 text + "mp.messaging.connector.smallrye-kafka.acks=all\n"]
    else:
        fixes = [text + "        acks: all\n", text.replace("kafka:\n", "kafka:\n  acks: all\n", 1)]
    for fixed in fixes:
        report, exit_code = honolint.json(str(honolint.write(name, fixed)))
        (producer,) = producers(report)
        assert producer["qos"]["at-least-once"]["ok"] is True, fixed
        assert producer["qos"]["at-most-once"]["ok"] is True
        assert producer["effective"]["acks"]["origin"] == "file"
        assert exit_code == 0


def test_the_framework_default_is_visible_in_effective(honolint):
    path = honolint.write("application.properties", NO_ACKS)
    (producer,) = effective(honolint, path).values()
    acks = producer["effective"]["acks"]
    assert acks["value"] == "1" and acks["origin"] == "framework" and acks["explicit"] is True
    assert acks["source"] == "added by the SmallRye Kafka connector (its acks attribute defaults to 1)"
    assert producer["idempotent"] is False  # acks=1 turns the client's default idempotence off
    assert producer["qos"]["at-most-once"]["ok"] is False


# ---------------------------------------------------------------- precedence


def layered(channel: str = "", connector: str = "", kafka: str = "") -> str:
    text = "quarkus.application.name=x\nmp.messaging.outgoing.c.connector=smallrye-kafka\n"
    if kafka:
        text += f"kafka.acks={kafka}\n"
    if connector:
        text += f"mp.messaging.connector.smallrye-kafka.acks={connector}\n"
    if channel:
        text += f"mp.messaging.outgoing.c.acks={channel}\n"
    return text


@pytest.mark.parametrize("channel, connector, kafka, acks, source", [
    ("all", "1", "0", "all", "mp.messaging.outgoing.c"),
    ("", "all", "0", "all", "mp.messaging.connector.smallrye-kafka"),
    ("", "", "0", "0", "kafka"),
    ("1", "", "all", "1", "mp.messaging.outgoing.c"),
])
def test_channel_beats_connector_beats_kafka(honolint, channel, connector, kafka, acks, source):
    path = honolint.write("application.properties", layered(channel, connector, kafka))
    (producer,) = effective(honolint, path).values()
    assert producer["effective"]["acks"]["value"] == acks
    assert producer["effective"]["acks"]["source"] == source


def test_a_profile_value_replaces_the_default_key_by_key_but_not_a_more_specific_layer(honolint):
    text = layered(channel="1", kafka="1") + "%prod.kafka.acks=all\n%prod.mp.messaging.outgoing.c.linger.ms=20\n"
    scopes = effective(honolint, honolint.write("application.properties", text))
    prod = scopes["%prod.mp.messaging.outgoing.c"]["effective"]
    assert prod["acks"]["value"] == "1"  # the channel's own acks still wins over %prod.kafka.acks
    assert prod["linger.ms"]["value"] == "20"
    assert scopes["mp.messaging.outgoing.c"]["effective"]["linger.ms"]["origin"] == "default"


def test_several_profiles_in_one_prefix(honolint):
    text = layered(channel="1") + "%dev,test.mp.messaging.outgoing.c.acks=all\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    scopes = by_scope(report)
    assert set(scopes) == {"mp.messaging.outgoing.c", "%dev.mp.messaging.outgoing.c", "%test.mp.messaging.outgoing.c"}
    assert scopes["%dev.mp.messaging.outgoing.c"]["qos"]["at-least-once"]["ok"] is True
    assert scopes["mp.messaging.outgoing.c"]["qos"]["at-least-once"]["ok"] is False


def test_a_channel_only_in_a_profile(honolint):
    text = ("quarkus.application.name=x\n%prod.mp.messaging.outgoing.c.connector=smallrye-kafka\n"
            "%prod.mp.messaging.outgoing.c.acks=all\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["%prod.mp.messaging.outgoing.c"]


def test_kafka_keys_are_lower_cased_with_underscores_as_dots(honolint):
    text = layered() + "kafka.ENABLE_IDEMPOTENCE=false\n"
    (producer,) = effective(honolint, honolint.write("application.properties", text)).values()
    assert producer["effective"]["enable.idempotence"]["value"] == "false"
    assert producer["effective"]["enable.idempotence"]["origin"] == "file"


# ---------------------------------------------------------------- what is not a Kafka key


def test_connector_attributes_are_not_linted_as_kafka_keys(honolint):
    report, _ = honolint.json(str(honolint.write("application.properties", PROPERTIES)))
    assert "HL103" not in codes(report) and "HL006" not in codes(report)
    audit = by_scope(report)["mp.messaging.outgoing.audit-out"]
    assert audit["line"] == 12  # its first key, though it sets no Kafka property
    assert audit["effective"]["acks"]["origin"] == "framework"  # no kafka.acks: the connector's 1
    assert messages(audit, "HL201")
    prices = by_scope(report)["mp.messaging.outgoing.prices-out"]
    assert prices["qos"]["at-least-once"]["ok"] is True and prices["effective"]["acks"]["origin"] == "file"


def test_consumer_keys_in_the_shared_configuration_belong_to_the_consumers(honolint):
    text = layered(channel="all") + "kafka.group.id=g\nkafka.max.poll.records=10\nkafka.auto.offset.reset=earliest\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert "HL103" not in codes(report)


def test_a_consumer_key_on_an_outgoing_channel_is_reported(honolint):
    text = layered(channel="all") + "mp.messaging.outgoing.c.max.poll.records=10\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    assert any("max.poll.records is a consumer property" in m for m in messages(producer, "HL103"))


def test_a_typo_on_a_channel_is_an_unknown_key(honolint):
    text = layered(channel="all") + "mp.messaging.outgoing.c.enable.idempotency=true\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert any("did you mean enable.idempotence" in m for m in messages(producers(report)[0], "HL103"))


# ---------------------------------------------------------------- the YAML dotted-key trap


def test_a_dotted_leaf_key_in_channel_yaml_is_not_read(honolint):
    report, _ = honolint.json(str(honolint.write("application.yaml", YAML)))
    (unread,) = file_findings(report, "HL006")
    assert unread["line"] == 22 and unread["key"] == "mp.messaging.outgoing.prices-out.compression.type"
    assert 'mp.messaging.outgoing.prices-out."compression.type"' in unread["message"]
    assert "nest it" in unread["message"] and "compression: {type: …}" in unread["message"]
    producer = by_scope(report)["mp.messaging.outgoing.prices-out"]
    assert "HL103" not in codes(report)
    assert producer["effective"]["max.in.flight.requests.per.connection"]["value"] == "5"  # the nested form works
    assert producer["effective"]["enable.idempotence"]["origin"] == "file"


def test_the_nested_form_is_read(honolint):
    fixed = YAML.replace("        compression.type: lz4\n", "        compression:\n          type: lz4\n")
    report, _ = honolint.json(str(honolint.write("application.yaml", fixed)))
    assert "HL006" not in codes(report) and "HL103" not in codes(report)
    assert by_scope(report)["mp.messaging.outgoing.prices-out"]["qos"]["at-least-once"]["ok"] is True


def test_a_dotted_acks_in_yaml_leaves_the_smallrye_default(honolint):
    text = NO_ACKS_YAML + "        \"acks\": all\n"  # quoting a key without a dot changes nothing: it is read
    report, _ = honolint.json(str(honolint.write("application.yaml", text)))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is True
    text = "kafka:\n  enable.idempotence: true\n  acks: all\n" + NO_ACKS_YAML.split("\n", 3)[3]
    report, _ = honolint.json(str(honolint.write("application.yaml", text)))
    (unread,) = file_findings(report, "HL006")
    assert unread["key"] == "kafka.enable.idempotence" and "enable: {idempotence: …}" in unread["message"]


def test_a_dotted_key_above_the_channel_hides_it(honolint):
    text = "quarkus:\n  http:\n    port: 8080\nmp.messaging.outgoing.orders-out:\n  connector: smallrye-kafka\n  acks: all\n"
    report, _ = honolint.json(str(honolint.write("application.yaml", text)))
    assert report["files"][0]["dialect"] == "quarkus"
    unread = file_findings(report, "HL006")
    assert [f["key"] for f in unread] == ["mp.messaging.outgoing.orders-out.connector",
                                          "mp.messaging.outgoing.orders-out.acks"]
    assert "one quoted name" in unread[1]["message"] and "nest it" in unread[1]["message"]
    assert producers(report) == []


def test_a_quoted_property_in_properties_form_is_not_read(honolint):
    text = layered(channel="all") + 'mp.messaging.outgoing.c."compression.type"=lz4\n'
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    (unread,) = file_findings(report, "HL006")
    assert "without quotes" in unread["message"] and "mp.messaging.outgoing.c.compression.type" in unread["message"]


def test_a_dotted_channel_name_is_fine(honolint):
    text = "mp:\n  messaging:\n    outgoing:\n      \"orders.out\":\n        connector: smallrye-kafka\n        acks: all\n"
    report, _ = honolint.json(str(honolint.write("application.yaml", text)))
    assert "HL006" not in codes(report)
    (producer,) = producers(report)
    assert producer["scope"] == 'mp.messaging.outgoing."orders.out"'
    assert producer["qos"]["at-least-once"]["ok"] is True


# ---------------------------------------------------------------- channels without a connector


def test_a_channel_without_connector_is_auto_attached_when_kafka_is_the_only_connector(honolint):
    text = "quarkus.application.name=x\nmp.messaging.outgoing.c.acks=1\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    assert producer["scope"] == "mp.messaging.outgoing.c" and messages(producer, "HL201")


def test_a_channel_without_connector_next_to_another_connector_is_not_read(honolint):
    text = ("mp.messaging.outgoing.c.acks=all\nmp.messaging.outgoing.a.connector=smallrye-amqp\n"
            "mp.messaging.outgoing.a.address=x\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == []
    (unread,) = file_findings(report, "HL006")
    assert unread["key"] == "mp.messaging.outgoing.c.acks"
    assert "smallrye-amqp" in unread["message"] and "connector=smallrye-kafka" in unread["message"]


def test_other_connectors_and_incoming_channels_are_not_producers(honolint):
    text = ("quarkus.application.name=x\nmp.messaging.outgoing.a.connector=smallrye-amqp\nmp.messaging.outgoing.a.acks=1\n"
            "mp.messaging.incoming.i.connector=smallrye-kafka\nmp.messaging.incoming.i.acks=1\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == [] and "HL006" not in codes(report)


def test_producer_keys_without_any_channel_configure_the_channels_declared_in_code(honolint):
    text = "quarkus.application.name=x\nkafka.bootstrap.servers=b:9092\nkafka.linger.ms=5\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    assert producer["scope"] == "kafka" and messages(producer, "HL201")
    report, _ = honolint.json(str(honolint.write("application.properties", text + "kafka.acks=all\n")))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is True
    text = "quarkus.application.name=x\nkafka.bootstrap.servers=b:9092\n"  # no producer key: nothing to lint
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == [] and "HL005" in codes(report)


@pytest.mark.parametrize("text", [
    "mp.messaging.outgoing..acks=1\n", "mp.messaging.outgoing.\"\n", 'kafka."=1\n', "%.kafka.acks=1\n",
    "mp.messaging.outgoing.c.\"a\"b.c=1\n", "%=1\nmp.messaging.x=1\n", "mp.messaging.outgoing.c.connector\n",
    "kafka-streams=1\nquarkus.kafka-streams=2\n", "%prod.kafka-streams.\"a=1\n", "kafka-streams.producer.=x\n",
    "mp.messaging.incoming.c.exchange.name=x\nmp.messaging.outgoing.d.queue.=1\n",
])
def test_odd_names_never_raise(honolint, text):
    result = honolint.run("check", "--format", "json", "--dialect", "quarkus", str(honolint.write("a.properties", text)))
    assert result.exit_code in (0, 1)


@pytest.mark.parametrize("text", [
    "mp:\n  messaging:\n    outgoing: [1, 2]\n", "mp:\n  messaging:\n    outgoing:\n      c: {}\n",
    "\"%prod\":\n  mp.messaging.outgoing.c.acks: 1\n", "kafka: ~\nquarkus: 1\n", "- a\n- b\n",
    "kafka-streams: [1]\n", "kafka-streams: ~\nquarkus: {kafka-streams: {application-id: ~}}\n",
    "\"kafka-streams.producer\": {acks: 1}\n",
])
def test_odd_yaml_never_raises(honolint, text):
    result = honolint.run("check", "--format", "json", "--dialect", "quarkus", str(honolint.write("a.yaml", text)))
    assert result.exit_code in (0, 1)


# ---------------------------------------------------------------- connector auto-attachment


KAFKA_ONLY_APP = """\
quarkus.application.name=price-generator
kafka.bootstrap.servers=kafka.prices.svc:9092
mp.messaging.outgoing.prices.topic=prices
mp.messaging.incoming.quotes.topic=quotes
mp.messaging.incoming.quotes.auto.offset.reset=earliest
"""

KAFKA_ONLY_APP_YAML = """\
quarkus:
  application:
    name: price-generator
kafka:
  bootstrap:
    servers: kafka.prices.svc:9092
mp:
  messaging:
    outgoing:
      prices:
        topic: prices
    incoming:
      quotes:
        topic: quotes
"""


@pytest.mark.parametrize("name, text, fix", [
    ("application.properties", KAFKA_ONLY_APP, "kafka.acks=all\n"),
    ("application.yaml", KAFKA_ONLY_APP_YAML, "  acks: all\n"),
])
def test_a_channel_with_only_a_topic_is_a_kafka_producer_when_kafka_is_the_only_connector(honolint, name, text, fix):
    report, exit_code = honolint.json(str(honolint.write(name, text)))
    (producer,) = producers(report)
    assert producer["scope"] == "mp.messaging.outgoing.prices" and producer["line"] == (3 if name.endswith("s") else 11)
    assert messages(producer, "HL201") and exit_code == 1
    fixed = text + fix if name.endswith(".properties") else text.replace("kafka:\n", "kafka:\n" + fix, 1)
    report, exit_code = honolint.json(str(honolint.write(name, fixed)))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is True and exit_code == 0


def test_a_topic_alone_with_nothing_that_shows_kafka_is_no_producer(honolint):
    text = "quarkus.application.name=prices\nmp.messaging.outgoing.prices.topic=prices\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == [] and "HL201" not in codes(report)


@pytest.mark.parametrize("name, text", [
    ("application.properties", "quarkus.application.name=orders\nrabbitmq-host=rabbit.orders.svc\n"
     "mp.messaging.outgoing.orders.exchange.name=orders\nmp.messaging.outgoing.orders.exchange.type=topic\n"
     "mp.messaging.outgoing.orders.default-routing-key=created\n"),
    ("application.yaml", "mp:\n  messaging:\n    outgoing:\n      orders:\n        exchange:\n          name: orders\n"
     "        default-routing-key: created\n"),
    ("application.properties", "amqp-host=broker.orders.svc\nmp.messaging.outgoing.orders.address=orders\n"
     "mp.messaging.outgoing.orders.durable=true\nmp.messaging.outgoing.orders.ttl=60000\n"),
    ("application.properties", "pulsar.client.serviceUrl=pulsar://pulsar:6650\n"
     "mp.messaging.outgoing.prices.serviceUrl=pulsar://pulsar:6650\nmp.messaging.outgoing.prices.topic=prices\n"
     "mp.messaging.outgoing.prices.schema=DOUBLE\nmp.messaging.outgoing.prices.producerName=prices\n"),
    ("application.properties", "mp.messaging.outgoing.temperatures.host=mqtt.sensors.svc\n"
     "mp.messaging.outgoing.temperatures.port=1883\nmp.messaging.outgoing.temperatures.topic=sensors/temperature\n"
     "mp.messaging.outgoing.temperatures.qos=1\n"),
])
def test_a_channel_with_another_connectors_attributes_is_not_a_kafka_producer(honolint, name, text):
    report, exit_code = honolint.json(str(honolint.write(name, text)))
    assert report["files"][0]["dialect"] == "quarkus"
    assert producers(report) == [] and "HL103" not in codes(report) and "HL006" not in codes(report)
    assert exit_code == 0


def test_another_connectors_attributes_stop_the_auto_attachment_of_the_kafka_channels(honolint):
    text = ("kafka.bootstrap.servers=kafka:9092\nmp.messaging.outgoing.prices.topic=prices\n"
            "mp.messaging.outgoing.prices.acks=all\n"
            "mp.messaging.incoming.orders.exchange.name=orders\nmp.messaging.incoming.orders.queue.name=orders-q\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == []
    (unread,) = file_findings(report, "HL006")
    assert unread["key"] == "mp.messaging.outgoing.prices.acks"
    assert "mp.messaging.incoming.orders.exchange.name, an attribute of smallrye-rabbitmq" in unread["message"]
    assert unread["message"].endswith("add mp.messaging.outgoing.prices.connector=smallrye-kafka")
    fixed = text + "mp.messaging.outgoing.prices.connector=smallrye-kafka\n"
    report, exit_code = honolint.json(str(honolint.write("application.properties", fixed)))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is True and "HL006" not in codes(report) and exit_code == 0


def test_the_in_memory_connector_of_the_tests_does_not_stop_the_auto_attachment(honolint):
    text = ("kafka.bootstrap.servers=kafka:9092\nmp.messaging.outgoing.fights.topic=fights\n"
            "%test.mp.messaging.outgoing.fights.connector=smallrye-in-memory\n"
            "mp.messaging.outgoing.audit.topic=audit\nkafka.acks=all\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["mp.messaging.outgoing.fights", "mp.messaging.outgoing.audit"]
    assert all(p["qos"]["at-least-once"]["ok"] for p in producers(report))


def test_auto_attachment_turned_off(honolint):
    text = ("quarkus.messaging.auto-connector-attachment=false\nkafka.bootstrap.servers=kafka:9092\n"
            "mp.messaging.outgoing.prices.topic=prices\nmp.messaging.outgoing.prices.acks=1\n")
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert producers(report) == []
    (unread,) = file_findings(report, "HL006")
    assert "quarkus.messaging.auto-connector-attachment=false turns Quarkus's connector auto-attachment off" \
        in unread["message"]


# ---------------------------------------------------------------- profiles that change nothing a producer receives


PANACHE_LIKE = """\
mp.messaging.outgoing.generated-price.topic=prices
mp.messaging.outgoing.generated-price.value.serializer=org.apache.kafka.common.serialization.IntegerSerializer
mp.messaging.incoming.prices.value.deserializer=org.apache.kafka.common.serialization.IntegerDeserializer
%dev.mp.messaging.incoming.prices.auto.offset.reset=earliest
%prod.quarkus.datasource.db-kind=postgresql
%prod.kafka.bootstrap.servers=kafka.prices.svc:9093
%prod.kafka.security.protocol=SASL_SSL
%prod.kafka.sasl.mechanism=SCRAM-SHA-512
%prod.kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="prices" password="${KAFKA_PASSWORD}";
%prod.kafka.ssl.truststore.location=/etc/kafka/truststore.p12
%prod.mp.messaging.connector.smallrye-kafka.apicurio.registry.url=http://registry.prices.svc/apis/registry/v2
%staging.kafka.client.id=prices-staging
"""

PANACHE_LIKE_YAML = """\
mp:
  messaging:
    outgoing:
      generated-price:
        topic: prices
        value:
          serializer: org.apache.kafka.common.serialization.IntegerSerializer
"%prod":
  kafka:
    bootstrap:
      servers: kafka.prices.svc:9093
    security:
      protocol: SASL_SSL
"%dev":
  mp:
    messaging:
      incoming:
        prices:
          auto:
            offset:
              reset: earliest
"""


@pytest.mark.parametrize("name, text", [("application.properties", PANACHE_LIKE),
                                        ("application.yaml", PANACHE_LIKE_YAML)])
def test_a_profile_that_changes_only_where_the_producer_connects_is_not_a_second_producer(honolint, name, text):
    report, _ = honolint.json(str(honolint.write(name, text)))
    assert [p["scope"] for p in producers(report)] == ["mp.messaging.outgoing.generated-price"]


@pytest.mark.parametrize("name, text, change, scope", [
    ("application.properties", PANACHE_LIKE, "%prod.kafka.acks=all\n", "%prod.mp.messaging.outgoing.generated-price"),
    ("application.properties", PANACHE_LIKE, "%staging.mp.messaging.outgoing.generated-price.linger.ms=20\n",
     "%staging.mp.messaging.outgoing.generated-price"),
    ("application.yaml", PANACHE_LIKE_YAML, '"%test":\n  kafka:\n    acks: all\n',
     "%test.mp.messaging.outgoing.generated-price"),
])
def test_a_profile_that_changes_what_the_producer_receives_is_a_producer_of_its_own(honolint, name, text, change,
                                                                                      scope):
    report, _ = honolint.json(str(honolint.write(name, text + change)))
    scopes = by_scope(report)
    assert list(scopes) == ["mp.messaging.outgoing.generated-price", scope]
    assert scopes[scope]["qos"]["at-least-once"]["ok"] is ("acks" in change)
    assert messages(scopes["mp.messaging.outgoing.generated-price"], "HL201")


def test_a_profile_that_sets_the_default_value_again_is_the_same_producer(honolint):
    text = layered(channel="all") + "%prod.mp.messaging.outgoing.c.acks=all\n%prod.kafka.client.id=prices\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["mp.messaging.outgoing.c"]


def test_profiles_of_a_file_without_channels(honolint):
    text = "quarkus.application.name=x\nkafka.linger.ms=5\n%prod.kafka.bootstrap.servers=kafka:9093\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["kafka"]
    report, _ = honolint.json(str(honolint.write("application.properties", text + "%prod.kafka.acks=all\n")))
    assert [p["scope"] for p in producers(report)] == ["kafka", "%prod.kafka"]


# ---------------------------------------------------------------- Kafka Streams (quarkus-kafka-streams)


STREAMS_APP = """\
quarkus.kafka-streams.application-id=temperature-aggregator
quarkus.kafka-streams.topics=weather-stations,temperature-values
kafka.bootstrap.servers=kafka.weather.svc:9092
kafka-streams.cache.max.bytes.buffering=10240
kafka-streams.commit.interval.ms=1000
kafka-streams.metadata.max.age.ms=500
kafka-streams.auto.offset.reset=earliest
kafka-streams.consumer.heartbeat.interval.ms=200
kafka-streams.producer.acks=1
%test.kafka-streams.state.dir=target/data/kafka-data/stores
"""

STREAMS_APP_YAML = """\
quarkus:
  kafka-streams:
    application-id: temperature-aggregator
    bootstrap-servers: kafka.weather.svc:9092
kafka-streams:
  commit:
    interval:
      ms: 1000
  processing:
    guarantee: exactly_once_v2
  producer:
    delivery:
      timeout:
        ms: 300000
"""


def test_a_quarkus_kafka_streams_application_gets_a_streams_producer(honolint):
    path = honolint.write("application.properties", STREAMS_APP)
    report, exit_code = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "quarkus"
    (producer,) = producers(report)
    assert producer["scope"] == "quarkus.kafka-streams" and producer["line"] == 1
    assert exit_code == 1 and messages(producer, "HL201")  # kafka-streams.producer.acks=1 reaches the producer
    assert "HL103" not in codes(report) and "HL006" not in codes(report)
    values = producer["effective"]
    assert values["linger.ms"]["value"] == "100" and values["linger.ms"]["source"] == "added by Kafka Streams"
    assert values["acks"]["source"] == "kafka-streams producer.*"
    fixed = STREAMS_APP.replace("kafka-streams.producer.acks=1", "kafka-streams.producer.acks=all")
    report, exit_code = honolint.json(str(honolint.write("application.properties", fixed)))
    assert exit_code == 0 and producers(report)[0]["qos"]["at-least-once"]["ok"] is True


def test_a_quarkus_kafka_streams_yaml_application_with_exactly_once(honolint):
    report, exit_code = honolint.json(str(honolint.write("application.yaml", STREAMS_APP_YAML)))
    (producer,) = producers(report)
    assert producer["scope"] == "quarkus.kafka-streams" and exit_code == 0
    values = producer["effective"]
    assert values["enable.idempotence"]["source"] == "forced by Kafka Streams (exactly_once_v2)"
    assert values["transactional.id"]["value"].startswith("temperature-aggregator-")
    assert values["delivery.timeout.ms"]["value"] == "300000"
    assert values["delivery.timeout.ms"]["source"] == "kafka-streams producer.*"


def test_the_streams_sources_in_quarkus_order(honolint):
    text = ("quarkus.application.name=enricher\nkafka.acks=1\nkafka.linger.ms=5\nkafka-streams.acks=all\n"
            "kafka.producer.request.timeout.ms=1000\nkafka-streams.producer.request.timeout.ms=2000\n"
            "kafka-streams.producer.retries=\n")  # an empty value is no value for SmallRye Config
    (producer,) = effective(honolint, honolint.write("application.properties", text)).values()
    values = producer["effective"]
    assert values["acks"]["value"] == "all" and values["acks"]["source"] == "kafka-streams"
    assert values["linger.ms"]["value"] == "5" and values["linger.ms"]["source"] == "kafka"
    assert values["request.timeout.ms"]["value"] == "2000" and values["retries"]["origin"] == "default"
    assert producer["scope"] == "quarkus.kafka-streams"


def test_a_removed_guarantee_in_a_quarkus_streams_application_is_refused(honolint):
    text = STREAMS_APP.replace("acks=1", "acks=all") + "kafka-streams.processing.guarantee=exactly_once\n"
    report, exit_code = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    assert exit_code == 1 and producer["rejected"]
    (refused,) = messages(producer, "HL102")
    assert "String must be one of: at_least_once, exactly_once_v2" in refused and "exactly_once_v2" in refused
    report, _ = honolint.json("--client", "java:3.9", str(honolint.write("application.properties", text)))
    assert not producers(report)[0]["rejected"]


def test_streams_keys_quarkus_replaces_are_not_read(honolint):
    text = STREAMS_APP + "kafka-streams.bootstrap.servers=elsewhere:9092\nkafka-streams.application.id=other\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    unread = file_findings(report, "HL006")
    assert [f["key"] for f in unread] == ["kafka-streams.bootstrap.servers", "kafka-streams.application.id"]
    assert "quarkus.kafka-streams.bootstrap-servers" in unread[0]["message"]


def test_a_dotted_yaml_key_under_kafka_streams_is_not_read(honolint):
    text = STREAMS_APP_YAML.replace("  processing:\n    guarantee: exactly_once_v2\n",
                                    "  processing.guarantee: exactly_once_v2\n")
    report, _ = honolint.json(str(honolint.write("application.yaml", text)))
    (unread,) = file_findings(report, "HL006")
    assert unread["key"] == "kafka-streams.processing.guarantee" and "processing: {guarantee: …}" in unread["message"]
    assert producers(report)[0]["effective"]["enable.idempotence"]["origin"] != "framework"


def test_streams_profiles(honolint):
    text = STREAMS_APP + "%prod.quarkus.kafka-streams.bootstrap-servers=kafka.prod.svc:9093\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["quarkus.kafka-streams"]
    text += "%prod.kafka-streams.producer.acks=all\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    scopes = by_scope(report)
    assert list(scopes) == ["quarkus.kafka-streams", "%prod.quarkus.kafka-streams"]
    assert scopes["%prod.quarkus.kafka-streams"]["qos"]["at-least-once"]["ok"] is True
    assert scopes["%prod.quarkus.kafka-streams"]["effective"]["acks"]["source"] == "%prod.kafka-streams producer.*"


def test_streams_and_channels_in_one_application(honolint):
    text = STREAMS_APP + "mp.messaging.outgoing.alerts.topic=alerts\nkafka.acks=all\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["mp.messaging.outgoing.alerts", "quarkus.kafka-streams"]


def test_kafka_keys_of_a_streams_only_application_make_no_smallrye_producer(honolint):
    text = "quarkus.kafka-streams.application-id=agg\nkafka.bootstrap.servers=kafka:9092\nkafka.linger.ms=20\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert [p["scope"] for p in producers(report)] == ["quarkus.kafka-streams"]
