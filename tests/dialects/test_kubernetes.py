"""Kubernetes ConfigMaps and Secrets: each data entry that names a file honolint reads is linted as that file,
its findings at the manifest's lines (honolint/load/manifests.py)."""
from __future__ import annotations

import base64
import time

from lint_helpers import codes, producers


def _line(text: str, needle: str) -> int:
    """The 1-based line of the manifest that holds `needle`, and the column where it starts."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _column(text: str, needle: str) -> int:
    line = text.splitlines()[_line(text, needle) - 1]
    return line.index(needle) + 1


def _findings(report: dict, code: str) -> list[dict]:
    found = [x for f in report["files"] for x in f["findings"] if x["code"] == code]
    return found + [x for p in producers(report) for x in p["findings"] if x["code"] == code]


SPRING_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
  namespace: shop
  labels:
    app: orders
data:
  LOG_LEVEL: INFO
  application.yml: |
    spring:
      application:
        name: orders
      kafka:
        bootstrap-servers: kafka-0.kafka-headless:9092
        producer:
          acks: 1
          retries: 3
          key-serializer: org.apache.kafka.common.serialization.StringSerializer
"""


def test_an_application_yml_in_a_configmap_is_linted_at_the_manifests_lines(honolint):
    path = honolint.write("k8s/orders-config.yaml", SPRING_CONFIGMAP)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    (file,) = report["files"]
    assert file["path"] == str(path) and file["dialect"] == "spring-boot"
    (producer,) = producers(report)
    assert producer["scope"] == "ConfigMap orders-config data[application.yml]: spring.kafka.producer"
    (acks,) = _findings(report, "HL201")
    assert (acks["line"], acks["column"]) == (_line(SPRING_CONFIGMAP, "acks: 1"), _column(SPRING_CONFIGMAP, "acks"))
    assert acks["path"] == str(path)
    assert producer["effective"]["acks"]["line"] == _line(SPRING_CONFIGMAP, "acks: 1")
    assert producer["qos"]["at-least-once"]["ok"] is False
    assert "HL005" not in codes(report)  # the manifest configures a producer: through its ConfigMap


def test_a_configmap_whose_application_yml_meets_at_least_once_passes(honolint):
    text = SPRING_CONFIGMAP.replace("acks: 1", "acks: all").replace("retries: 3", "enable-idempotence-is-default: x")
    path = honolint.write("orders-config.yaml", text)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is True
    assert producer["effective"]["acks"]["value"] == "all"


def test_block_scalar_indicators_and_leading_blank_lines_keep_positions(honolint):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: producers}
data:
  producer.properties: |-

    # the payments producer
    bootstrap.servers=kafka:9092
    acks=0
  kcat.conf: |2
      bootstrap.servers=kafka:9092
      acks=1
"""
    path = honolint.write("cm.yaml", text)
    report, _ = honolint.json(str(path))
    found = {(x["line"], x["column"]) for x in _findings(report, "HL201")}
    # `|2`: four spaces are indentation (the mapping's 2 plus 2); the other two belong to the text
    assert found == {(_line(text, "acks=0"), 5), (_line(text, "acks=1"), 7)}
    assert [p["scope"].split(":")[0] for p in producers(report)] == [
        "ConfigMap producers data[producer.properties]", "ConfigMap producers data[kcat.conf]"]


def test_a_value_that_is_no_block_scalar_points_at_its_key(honolint):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: flat
data:
  producer.properties: "bootstrap.servers=kafka:9092\\nacks=1\\n"
"""
    path = honolint.write("flat.yaml", text)
    report, _ = honolint.json(str(path))
    (acks,) = _findings(report, "HL201")
    assert (acks["line"], acks["column"]) == (_line(text, "producer.properties"), 3)


def test_a_secret_is_decoded_and_points_at_its_key(honolint):
    encoded = base64.b64encode(b"bootstrap.servers=kafka:9093\nacks=1\nsecurity.protocol=SSL\n").decode()
    text = f"""\
apiVersion: v1
kind: Secret
metadata:
  name: payments-kafka
type: Opaque
data:
  producer.properties: {encoded}
  broken.properties: "this is not base64!"
  password: c2VjcmV0
"""
    path = honolint.write("secret.yaml", text)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    (producer,) = producers(report)
    assert producer["scope"] == "Secret payments-kafka data[producer.properties]: producer"
    (acks,) = _findings(report, "HL201")
    assert acks["line"] == _line(text, "producer.properties:")
    (unreadable,) = _findings(report, "HL001")
    assert unreadable["severity"] == "warning" and unreadable["line"] == _line(text, "broken.properties")
    assert unreadable["message"].startswith("Secret payments-kafka data[broken.properties]: cannot read the file: ")
    assert "base64" in unreadable["message"]


def test_secret_string_data_keeps_positions_and_wins_over_data(honolint):
    encoded = base64.b64encode(b"acks=0\n").decode()
    text = f"""\
apiVersion: v1
kind: Secret
metadata:
  name: orders-kafka
stringData:
  producer.properties: |
    bootstrap.servers=kafka:9093
    acks=1
data:
  producer.properties: {encoded}
"""
    path = honolint.write("secret.yaml", text)
    report, _ = honolint.json(str(path))
    (producer,) = producers(report)
    assert producer["scope"] == "Secret orders-kafka stringData[producer.properties]: producer"
    assert producer["effective"]["acks"]["value"] == "1"
    assert producer["effective"]["acks"]["line"] == _line(text, "acks=1")


STRIMZI_AND_CONFIGMAP = """\
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaBridge
metadata:
  name: http-bridge
spec:
  bootstrapServers: my-cluster-kafka-bootstrap:9093
  producer:
    config:
      acks: all
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: fluent-bit-config
data:
  fluent-bit.conf: |
    [OUTPUT]
        Name        kafka
        Match       *
        Brokers     my-cluster-kafka-bootstrap:9092
        Topics      logs
        rdkafka.request.required.acks 1
"""


def test_strimzi_resources_and_a_configmap_in_one_file(honolint):
    path = honolint.write("deploy.yaml", STRIMZI_AND_CONFIGMAP)
    report, _ = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "strimzi, fluent-bit"
    assert [p["scope"] for p in producers(report)] == [
        "KafkaBridge/http-bridge", "ConfigMap fluent-bit-config data[fluent-bit.conf]: [OUTPUT] #1 (kafka)"]
    (acks,) = _findings(report, "HL201")
    assert acks["line"] == _line(STRIMZI_AND_CONFIGMAP, "rdkafka.request.required.acks")
    assert acks["column"] == _column(STRIMZI_AND_CONFIGMAP, "rdkafka.request.required.acks")


def test_a_configmap_without_producer_files(honolint):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: nginx
data:
  nginx.conf: |
    server {
      listen 80;
    }
  settings.json: '{"theme": "dark"}'
  app.properties: |
    feature.flags=a,b
"""
    path = honolint.write("conf/nginx.yaml", text)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0 and codes(report) == ["HL005"]  # named: no producer found, as for any file
    report, _ = honolint.json(str(honolint.tmp_path / "conf"))
    assert report["files"] == []  # reached through a directory: nothing to say


def test_an_unreadable_embedded_file_is_a_warning_at_its_line(honolint):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  application.yaml: |
    spring:
      kafka:
        producer:
          acks: [all
"""
    path = honolint.write("broken.yaml", text)
    report, _ = honolint.json(str(path))
    unreadable = _findings(report, "HL001")
    assert len(unreadable) == 1 and unreadable[0]["severity"] == "warning"
    assert unreadable[0]["message"].startswith("ConfigMap broken data[application.yaml]: cannot parse yaml")
    assert unreadable[0]["line"] > _line(text, "application.yaml")


def test_a_suppression_inside_the_embedded_file(honolint):
    text = SPRING_CONFIGMAP.replace("          acks: 1\n",
                                    "          # honolint: ignore[HL201] the orders service accepts the loss\n"
                                    "          acks: 1\n")
    path = honolint.write("orders.yaml", text)
    report, _ = honolint.json(str(path))
    assert "HL201" not in codes(report) and "HL008" not in codes(report)


def test_a_profile_file_in_a_configmap_reads_no_file_beside_the_manifest(honolint):
    honolint.write("k8s/application.yml", "spring:\n  kafka:\n    producer:\n      acks: all\n")
    text = SPRING_CONFIGMAP.replace("application.yml: |", "application-prod.yml: |")
    path = honolint.write("k8s/orders.yaml", text)
    report, _ = honolint.json(str(path))
    (producer,) = producers(report)
    assert producer["scope"] == ("ConfigMap orders-config data[application-prod.yml]: "
                                 "spring.kafka.producer [profile prod]")
    assert producer["effective"]["acks"]["value"] == "1"


def test_only_core_v1_configmaps_are_read(honolint):
    text = SPRING_CONFIGMAP.replace("apiVersion: v1", "apiVersion: example.com/v1")
    report, _ = honolint.json(str(honolint.write("custom.yaml", text)))
    assert producers(report) == [] and codes(report) == ["HL005"]


def test_a_helm_template_of_a_configmap_is_a_template(honolint):
    text = SPRING_CONFIGMAP.replace("  name: orders-config\n",
                                    "  name: {{ .Release.Name }}-config\n{{- if .Values.x }}\n")
    report, _ = honolint.json(str(honolint.write("templates/cm.yaml", text + "{{- end }}\n")))
    assert codes(report) == ["HL011"]


def test_hostile_configmaps_stay_fast_and_never_fail(honolint):
    deep = "application.yml: |\n" + "".join("    " + "  " * i + f"k{i}:\n" for i in range(3000))
    many = "".join(f"  p{i}.properties: |\n    acks=1\n" for i in range(3000))
    big = "x" * (1 << 20)
    aliases = f"  a.properties: &big \"acks={big}\"\n" + "".join(f"  b{i}.properties: *big\n" for i in range(60))
    cases = {
        "deep.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  " + deep,
        "many.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n" + many,
        "aliases.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n" + aliases,
        "odd.yaml": "apiVersion: v1\nkind: Secret\nmetadata: [1]\ndata:\n  a.yml: 12\n  b.yml: ~\n  ? [x]\n  : y\n"
                    "stringData: [1, 2]\n---\nkind: ConfigMap\n---\n- 1\n",
    }
    for name, text in cases.items():
        started = time.perf_counter()
        report, _ = honolint.json(str(honolint.write(name, text)))
        assert time.perf_counter() - started < 20, name
        assert report["summary"]["files"] == 1, name
    report, _ = honolint.json(str(honolint.tmp_path / "many.yaml"))
    assert len(producers(report)) == 1000  # at most MOST_FILES files of one manifest are read
    report, _ = honolint.json(str(honolint.tmp_path / "aliases.yaml"))
    assert any("larger than 4 MiB in all" in x["message"] for x in _findings(report, "HL001"))
