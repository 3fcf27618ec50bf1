"""The Strimzi HTTP bridge's own application.properties: kafka.* for every client, kafka.producer.* wins."""
from __future__ import annotations

from lint_helpers import codes, producers

BRIDGE = """\
# Bridge-related settings
bridge.id=orders-bridge
#bridge.tracing=opentelemetry

# Apache Kafka common
kafka.bootstrap.servers=my-cluster-kafka-bootstrap:9093
kafka.security.protocol=SSL
kafka.ssl.truststore.location=/opt/strimzi/certs/ca.p12
kafka.ssl.truststore.type=PKCS12
kafka.acks=1
kafka.group.id=orders-readers

# Apache Kafka producer
kafka.producer.acks=all
kafka.producer.linger.ms=5

# Apache Kafka consumer
kafka.consumer.auto.offset.reset=earliest
kafka.admin.request.timeout.ms=5000

# HTTP-related settings
http.host=0.0.0.0
http.port=8080
http.cors.enabled=false
http.consumer.enabled=true
http.producer.enabled=true
"""


def effective(producer: dict, key: str) -> tuple:
    value = producer["effective"][key]
    return value["value"], value["line"]


def test_the_producer_map_wins_over_the_common_one(honolint):
    path = honolint.write("application.properties", BRIDGE)
    report, exit_code = honolint.json(str(path))
    (file,) = report["files"]
    (producer,) = producers(report)
    assert (file["dialect"], producer["scope"], producer["line"]) == ("strimzi-bridge",
                                                                       "bridge orders-bridge (HTTP producer)", 14)
    assert exit_code == 0 and producer["client"] == "java:4.3"
    assert effective(producer, "acks") == ("all", 14)
    assert effective(producer, "linger.ms") == ("5", 15)
    assert producer["qos"]["at-least-once"]["ok"] is True
    # the consumers' and the admin client's keys are theirs: no finding about them
    assert "HL103" not in codes(report) and "HL006" not in codes(report)


def test_the_shipped_acks_1_fails_at_least_once_at_its_line(honolint):
    text = BRIDGE.replace("kafka.producer.acks=all", "kafka.producer.acks=1")
    report, exit_code = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    (acks,) = [f for f in producer["findings"] if f["code"] == "HL201"]
    assert exit_code == 1 and (acks["line"], acks["key"]) == (14, "acks")


def test_common_keys_alone_configure_the_producer(honolint):
    text = BRIDGE.replace("kafka.producer.acks=all\n", "")
    report, exit_code = honolint.json(str(honolint.write("application.properties", text)))
    (producer,) = producers(report)
    assert effective(producer, "acks") == ("1", 10) and exit_code == 1
    assert producer["line"] == 14  # the producer's first own key, kafka.producer.linger.ms


def test_serializers_of_the_file_are_replaced_by_the_bridge(honolint):
    text = BRIDGE + "kafka.producer.value.serializer=org.apache.kafka.common.serialization.StringSerializer\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    (file,) = report["files"]
    (unread,) = [f for f in file["findings"] if f["code"] == "HL006"]
    assert unread["line"] == text.count("\n") and "serializers of the request's embedded format" in unread["message"]


def test_a_disabled_http_producer_is_no_producer(honolint):
    text = BRIDGE.replace("http.producer.enabled=true", "http.producer.enabled=false")
    report, exit_code = honolint.json(str(honolint.write("application.properties", text)))
    (file,) = report["files"]
    assert producers(report) == [] and exit_code == 0
    messages = {f["code"]: f["message"] for f in file["findings"]}
    assert "http.producer.enabled=false" in messages["HL005"]
    assert "disabled" in messages["HL006"]  # kafka.producer.* reaches nothing


def test_quarkus_files_are_not_the_bridge(honolint):
    text = "quarkus.http.port=8080\nkafka.bootstrap.servers=kafka:9092\nhttp.port=8081\n" \
           "mp.messaging.outgoing.prices.connector=smallrye-kafka\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert report["files"][0]["dialect"] == "quarkus"


def test_a_file_without_bridge_keys_is_not_the_bridge(honolint):
    text = "kafka.bootstrap.servers=kafka:9092\nkafka.producer.acks=1\nserver.port=8080\n"
    report, _ = honolint.json(str(honolint.write("application.properties", text)))
    assert report["files"][0]["dialect"] != "strimzi-bridge"
