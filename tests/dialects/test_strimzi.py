"""Strimzi custom resources: KafkaBridge, KafkaConnect, KafkaConnector, KafkaMirrorMaker2 (multi-document YAML)."""
from __future__ import annotations

import json

from lint_helpers import codes, producers

INT_MAX = str(2**31 - 1)

BRIDGE = """\
# KafkaBridge
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaBridge
metadata:
  name: http-bridge
spec:
  replicas: 1
  bootstrapServers: my-cluster-kafka-bootstrap:9093
  http:
    port: 8080
  producer:
    config:
      acks: all
      enable.idempotence: true
      delivery.timeout.ms: 120000
      compression.type: lz4
      linger.ms: 5
  consumer:
    config:
      auto.offset.reset: earliest
"""

CONNECT_AND_CONNECTOR = """\
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaConnect
metadata:
  name: my-connect
  annotations:
    strimzi.io/use-connector-resources: "true"
spec:
  replicas: 3
  bootstrapServers: my-cluster-kafka-bootstrap:9093
  config:
    group.id: my-connect
    offset.storage.topic: my-connect-offsets
    config.storage.topic: my-connect-configs
    status.storage.topic: my-connect-status
    producer.compression.type: lz4
    producer.linger.ms: 20
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
data:
  acks: "1"
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaConnector
metadata:
  name: orders-source
  labels:
    strimzi.io/cluster: my-connect
spec:
  class: io.debezium.connector.postgresql.PostgresConnector
  tasksMax: 1
  config:
    topic.prefix: orders
    producer.override.linger.ms: 100
"""

MM2 = """\
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaMirrorMaker2
metadata:
  name: my-mirror-maker2
spec:
  replicas: 1
  connectCluster: "cluster-target"
  clusters:
  - alias: "cluster-source"
    bootstrapServers: cluster-source-kafka-bootstrap:9092
    config:
      producer.acks: 1
  - alias: "cluster-target"
    bootstrapServers: cluster-target-kafka-bootstrap:9092
    config:
      producer.compression.type: zstd
  mirrors:
  - sourceCluster: "cluster-source"
    targetCluster: "cluster-target"
    topicsPattern: "orders.*"
    sourceConnector:
      tasksMax: 2
      config:
        producer.override.batch.size: 327680
        producer.override.linger.ms: 100
    checkpointConnector:
      config:
        producer.override.acks: all
"""


def only(report: dict) -> dict:
    found = producers(report)
    assert len(found) == 1, [p["scope"] for p in found]
    return found[0]


def unread(report: dict) -> dict[str, str]:
    return {f["key"]: f["message"] for f in report["files"][0]["findings"] if f["code"] == "HL006"}


# ---------------------------------------------------------------- KafkaBridge

def test_a_bridge_producer_runs_on_the_java_clients_defaults(honolint):
    report, exit_code = honolint.json(str(honolint.write("bridge.yaml", BRIDGE)))
    assert exit_code == 0
    assert report["files"][0]["dialect"] == "strimzi"
    producer = only(report)
    assert producer["scope"] == "KafkaBridge/http-bridge" and producer["line"] == 3
    values = producer["effective"]
    assert values["enable.idempotence"]["source"] == "spec.producer.config"
    assert values["linger.ms"]["value"] == "5"
    assert {v["origin"] for v in values.values()} <= {"default", "file"}  # the bridge adds nothing


def test_a_bridge_without_producer_config_still_produces(honolint):
    text = BRIDGE.split("  producer:\n")[0]
    producer = only(honolint.json(str(honolint.write("bridge.yaml", text)))[0])
    assert producer["effective"]["acks"]["origin"] == "default"


def test_keys_strimzi_manages_are_reported_as_not_read(honolint):
    text = BRIDGE.replace("      linger.ms: 5\n", "      linger.ms: 5\n      bootstrap.servers: elsewhere:9092\n"
                          "      ssl.truststore.location: /certs/ts.p12\n"
                          "      ssl.endpoint.identification.algorithm: ''\n"
                          "      sasl.mechanism: SCRAM-SHA-512\n      security.protocol: SASL_SSL\n")
    report, _ = honolint.json(str(honolint.write("bridge.yaml", text)))
    found = unread(report)
    assert set(found) == {f"spec.producer.config.{k}" for k in
                          ("bootstrap.servers", "ssl.truststore.location", "sasl.mechanism", "security.protocol")}
    assert "Strimzi sets it from spec.bootstrapServers" in found["spec.producer.config.bootstrap.servers"]
    assert "configure spec.tls" in found["spec.producer.config.ssl.truststore.location"]


def test_a_nested_map_under_config_is_no_kafka_property(honolint):
    text = BRIDGE.replace("      acks: all\n", "      acks: 1\n      enable:\n        idempotence: false\n").replace(
        "      enable.idempotence: true\n", "")
    report, _ = honolint.json(str(honolint.write("bridge.yaml", text)))
    message = unread(report)["spec.producer.config.enable.idempotence"]
    assert 'write "enable.idempotence" as one key' in message
    assert only(report)["effective"]["enable.idempotence"]["origin"] != "file"


def test_a_disabled_bridge_producer_is_no_producer(honolint):
    text = BRIDGE.replace("  producer:\n", "  producer:\n    enabled: false\n")
    report, _ = honolint.json(str(honolint.write("bridge.yaml", text)))
    assert producers(report) == []
    assert "disabled" in unread(report)["spec.producer.config.acks"]


# ---------------------------------------------------------------- KafkaConnect and KafkaConnector

def test_connect_and_connector_in_one_file(honolint):
    report, exit_code = honolint.json(str(honolint.write("connect.yaml", CONNECT_AND_CONNECTOR)))
    assert exit_code == 0
    connect, connector = producers(report)
    assert connect["scope"] == "KafkaConnect/my-connect"
    assert connect["effective"]["linger.ms"]["source"] == "spec.config producer.*"
    assert connect["effective"]["acks"]["source"] == "added by Kafka Connect worker"
    assert connector["scope"] == "KafkaConnector/orders-source"
    assert connector["effective"]["linger.ms"]["value"] == "100"  # the connector override wins over the worker
    assert connector["effective"]["linger.ms"]["source"] == "spec.config producer.override.*"
    assert connector["effective"]["max.in.flight.requests.per.connection"]["origin"] == "framework"


def test_a_connector_raising_in_flight_fails_unless_its_worker_makes_it_idempotent(honolint):
    text = CONNECT_AND_CONNECTOR + "    producer.override.max.in.flight.requests.per.connection: 5\n"
    report, exit_code = honolint.json(str(honolint.write("connect.yaml", text)))
    assert exit_code == 1
    connector = producers(report)[1]
    assert not connector["qos"]["at-least-once"]["ok"] and "HL202" in [f["code"] for f in connector["findings"]]

    text = text.replace("    producer.linger.ms: 20\n",
                        "    producer.linger.ms: 20\n    producer.enable.idempotence: true\n")
    report, exit_code = honolint.json(str(honolint.write("connect.yaml", text)))
    connector = producers(report)[1]
    assert connector["effective"]["enable.idempotence"]["source"] == "KafkaConnect/my-connect spec.config producer.*"
    assert connector["qos"]["at-least-once"]["ok"] and exit_code == 0


def test_a_connector_without_its_connect_cluster_in_the_file_uses_connects_values(honolint):
    connector_only = CONNECT_AND_CONNECTOR.split("---\n")[2]
    producer = only(honolint.json(str(honolint.write("connector.yaml", connector_only)))[0])
    assert producer["effective"]["linger.ms"]["value"] == "100"
    assert producer["effective"]["enable.idempotence"]["source"] == "added by Kafka Connect worker"


def test_connect_worker_semantics_inside_a_kafkaconnect(honolint):
    text = CONNECT_AND_CONNECTOR.replace("    producer.linger.ms: 20\n", "    producer.linger.ms: 20\n    acks: 1\n"
                                         "    exactly.once.source.support: enabled\n"
                                         "    producer.interceptor.classes: com.example.Tracing\n")
    report, _ = honolint.json(str(honolint.write("connect.yaml", text)))
    found = unread(report)
    assert "use producer.acks" in found["spec.config.acks"]
    assert "interceptors" in found["spec.config.producer.interceptor.classes"]
    scopes = [p["scope"] for p in producers(report)]
    assert scopes == ["KafkaConnect/my-connect (exactly-once source task producers)",
                      "KafkaConnect/my-connect (dead letter queue producers)", "KafkaConnector/orders-source"]
    connector = producers(report)[2]
    assert connector["effective"]["transactional.id"]["value"] == "my-connect-orders-source-<task>"
    assert connector["idempotent"] is True


def test_a_strimzi_sink_connector_without_dlq_has_no_producer(honolint):
    text = CONNECT_AND_CONNECTOR.replace("io.debezium.connector.postgresql.PostgresConnector",
                                         "io.confluent.connect.s3.S3SinkConnector")
    report, _ = honolint.json(str(honolint.write("connect.yaml", text)))
    assert [p["scope"] for p in producers(report)] == ["KafkaConnect/my-connect"]
    assert "dead letter queue" in unread(report)["spec.config.producer.override.linger.ms"]


# ---------------------------------------------------------------- KafkaMirrorMaker2 (lists of mappings)

def test_mirrormaker2_one_producer_per_mirror_configured_by_the_connect_cluster(honolint):
    report, exit_code = honolint.json(str(honolint.write("mm2.yaml", MM2)))
    assert exit_code == 0
    producer = only(report)
    assert producer["scope"] == "KafkaMirrorMaker2/my-mirror-maker2 (cluster-source->cluster-target)"
    assert producer["line"] == 18  # the mirror's first key (- sourceCluster)
    values = producer["effective"]
    assert values["acks"]["value"] == "all"  # the source cluster's producer.acks: 1 is not this producer's
    assert values["acks"]["source"] == "added by MirrorMaker 2 (Kafka Connect worker)"
    assert values["linger.ms"]["value"] == "100"
    assert values["linger.ms"]["source"] == "spec.mirrors.0.sourceConnector.config producer.override.*"
    assert values["delivery.timeout.ms"]["value"] == INT_MAX


def test_mirrormaker2_mirror_raising_in_flight_fails(honolint):
    text = MM2.replace("        producer.override.linger.ms: 100\n",
                       "        producer.override.linger.ms: 100\n"
                       "        producer.override.max.in.flight.requests.per.connection: 5\n")
    report, exit_code = honolint.json(str(honolint.write("mm2.yaml", text)))
    assert exit_code == 1 and "HL202" in codes(report)
    text = text.replace("      producer.compression.type: zstd\n",
                        "      producer.compression.type: zstd\n      producer.enable.idempotence: true\n")
    report, exit_code = honolint.json(str(honolint.write("mm2.yaml", text)))
    assert exit_code == 0
    assert only(report)["effective"]["enable.idempotence"]["source"] == "spec.clusters.1.config producer.*"


def test_mirrormaker2_v1_layout_with_a_target(honolint):
    text = """\
apiVersion: kafka.strimzi.io/v1
kind: KafkaMirrorMaker2
metadata:
  name: mm2
spec:
  target:
    alias: dr
    bootstrapServers: dr-kafka-bootstrap:9092
    config:
      producer.acks: 1
  mirrors:
  - source:
      alias: primary
      bootstrapServers: primary-kafka-bootstrap:9092
    sourceConnector:
      config:
        producer.override.linger.ms: 10
  - source:
      alias: backup
      bootstrapServers: backup-kafka-bootstrap:9092
"""
    report, _ = honolint.json("--qos", "at-most-once", str(honolint.write("mm2.yaml", text)))
    first, second = producers(report)
    assert (first["scope"], second["scope"]) == ("KafkaMirrorMaker2/mm2 (primary->dr)",
                                                 "KafkaMirrorMaker2/mm2 (backup->dr)")
    assert first["effective"]["acks"]["value"] == second["effective"]["acks"]["value"] == "1"
    assert first["effective"]["acks"]["source"] == "spec.target.config producer.*"
    assert first["qos"]["at-most-once"]["ok"]


# ---------------------------------------------------------------- detection

def test_non_strimzi_kubernetes_documents_are_skipped(honolint):
    text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 1\n"
    report, _ = honolint.json(str(honolint.write("deploy.yaml", text)))
    assert report["files"][0]["dialect"] != "strimzi"
    text = "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: orders\nspec:\n  partitions: 3\n"
    report, _ = honolint.json(str(honolint.write("topic.yaml", text)))
    assert report["files"][0]["dialect"] != "strimzi"


def test_effective_json_shows_the_framework_layer(honolint):
    path = honolint.write("connect.yaml", CONNECT_AND_CONNECTOR)
    report = json.loads(honolint.run("effective", "--format", "json", str(path)).stdout)
    connector = producers(report)[1]
    assert connector["effective"]["acks"] == {"value": "all", "origin": "framework",
                                              "source": "added by Kafka Connect worker", "explicit": True,
                                              "line": None, "column": None}
