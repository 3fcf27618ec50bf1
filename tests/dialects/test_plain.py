"""Plain Kafka client files: which are a producer's, which a consumer's, which only connect.

Written as the CLI tools' files are (Kafka's config/producer.properties and config/consumer.properties,
a client.properties with the security settings every tool shares).
"""
from __future__ import annotations

from lint_helpers import codes, producers

CONSUMER = """\
# consumer of the order events (kafka-console-consumer --consumer.config consumer.properties)
bootstrap.servers=kafka-0.kafka:9092,kafka-1.kafka:9092
group.id=order-audit
auto.offset.reset=earliest
#enable.auto.commit=true
key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
"""

CONNECTION = """\
# the cluster's client settings, for --command-config, --producer.config and --consumer.config alike
bootstrap.servers=kafka.example.com:9093
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="secret";
ssl.truststore.location=/etc/kafka/secrets/truststore.p12
ssl.truststore.type=PKCS12
client.id=ops-tools
"""


def no_producer(report: dict) -> dict:
    """The one HL005 finding of a file that configures no producer."""
    (file,) = report["files"]
    assert file["dialect"] == "plain" and file["producers"] == []
    (finding,) = file["findings"]
    assert (finding["code"], finding["severity"]) == ("HL005", "info")
    return finding


def test_a_consumer_file_is_no_producer_and_says_which_key_shows_it(honolint):
    path = honolint.write("consumer.properties", CONSUMER)
    report, exit_code = honolint.json("--client", "java:2.8", str(path))  # no acks=1 default judged
    finding = no_producer(report)
    assert exit_code == 0 and finding["line"] == 3
    assert "a consumer's configuration (group.id is a consumer property" in finding["message"]


def test_consumer_keys_say_consumer_whatever_the_file_is_called(honolint):
    path = honolint.write("kafka.yaml", "bootstrap.servers: kafka:9092\nisolation.level: read_committed\n"
                                        "group.id: billing\n")
    finding = no_producer(honolint.json(str(path))[0])
    assert finding["line"] == 2 and "isolation.level is a consumer property" in finding["message"]


def test_a_producer_key_makes_a_consumer_looking_file_a_producer(honolint):
    # the Confluent Cloud client template: session.timeout.ms for consumers, acks for producers
    path = honolint.write("consumer.properties", CONNECTION + "session.timeout.ms=45000\nacks=1\n")
    report, exit_code = honolint.json(str(path))
    (producer,) = producers(report)
    assert exit_code == 1 and "HL201" in codes(report)
    assert producer["effective"]["acks"]["value"] == "1"
    path.write_text(CONNECTION + "session.timeout.ms=45000\nacks=all\n", encoding="utf-8")
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0 and producers(report)[0]["qos"]["at-least-once"]["ok"] is True


def test_a_consumer_named_file_of_connection_settings_is_no_producer(honolint):
    finding = no_producer(honolint.json(str(honolint.write("consumer-ssl.properties", CONNECTION)))[0])
    assert "as its name says" in finding["message"]


def test_connection_settings_alone_are_no_producer_until_chosen_to_be(honolint):
    path = honolint.write("client.properties", CONNECTION)
    report, exit_code = honolint.json("--client", "java:2.8", str(path))
    finding = no_producer(report)
    assert exit_code == 0 and "--dialect plain lints it as a producer's" in finding["message"]

    report, exit_code = honolint.json("--client", "java:2.8", "--dialect", "plain", str(path))
    (producer,) = producers(report)
    assert exit_code == 1 and producer["effective"]["acks"]["value"] == "1"  # java 2.8's default, judged

    path.write_text("# honolint: dialect=plain\n" + CONNECTION, encoding="utf-8")
    assert len(producers(honolint.json(str(path))[0])) == 1


def test_connection_settings_in_a_producer_named_file_are_a_producer(honolint):
    path = honolint.write("producer-ssl.properties", CONNECTION)
    report, exit_code = honolint.json("--client", "java:2.8", str(path))
    (producer,) = producers(report)
    assert exit_code == 1 and "HL201" in codes(report)  # the client's acks=1 default, for a producer
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0 and producers(report)[0]["qos"]["at-least-once"]["ok"] is True


def test_a_consumer_key_in_a_producer_named_file_is_reported_as_one(honolint):
    path = honolint.write("producer.properties", "bootstrap.servers=kafka:9092\ngroup.id=orders\n")
    report, _ = honolint.json(str(path))
    (producer,) = producers(report)
    (unknown,) = [f for f in producer["findings"] if f["code"] == "HL103"]
    assert unknown["line"] == 2 and "group.id is a consumer property" in unknown["message"]


def test_walking_a_directory_reports_only_the_producer_files(honolint):
    honolint.write("config/consumer.properties", CONSUMER)
    honolint.write("config/client.properties", CONNECTION)
    honolint.write("config/producer.properties", "bootstrap.servers=kafka:9092\ncompression.type=lz4\n")
    report, exit_code = honolint.json(str(honolint.tmp_path / "config"))
    assert exit_code == 0
    assert [f["path"].rsplit("/", 1)[-1] for f in report["files"]] == ["producer.properties"]


def test_only_the_producer_documents_of_a_yaml_file_are_producers(honolint):
    path = honolint.write("clients.yaml", "bootstrap.servers: kafka:9092\ngroup.id: audit\n---\n"
                                          "bootstrap.servers: kafka:9092\nacks: \"1\"\n---\nclient.id: tools\n")
    report, exit_code = honolint.json(str(path))
    (producer,) = producers(report)
    assert (producer["scope"], producer["line"], exit_code) == ("document 2", 4, 1)
