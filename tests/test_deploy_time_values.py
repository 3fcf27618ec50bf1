"""Values known only at deploy time: expressions per layout, supplied values, and verdicts that depend.

Each file here is written as a user of that layout would write it; what a reader makes of each
expression follows its own source (tests/test_expressions.py holds the syntaxes themselves)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from lint_helpers import codes, producers

SCHEMA = json.loads((Path(__file__).parents[1] / "honolint" / "schema" / "report.schema.json").read_text())


def lint(honolint, *args):
    report, exit_code = honolint.json(*args)
    jsonschema.validate(report, SCHEMA)
    return report, exit_code


def findings(report, code):
    return [f for f in report["files"][0]["findings"] + [f for p in producers(report) for f in p["findings"]]
            if f["code"] == code]


def qos(producer):
    return {name: verdict["ok"] for name, verdict in producer["qos"].items()}


# ---------------------------------------------------------------- Spring Boot and Spring Cloud Stream

SPRING_DEPENDS = """\
spring:
  kafka:
    bootstrap-servers: ${KAFKA_BOOTSTRAP:localhost:9092}
    producer:
      acks: ${KAFKA_ACKS}
      client-id: orders-${HOSTNAME}
"""


def test_an_unresolved_spring_placeholder_is_a_verdict_that_depends_and_exit_0(honolint):
    path = honolint.write("application.yml", SPRING_DEPENDS)
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert qos(producer) == {"at-least-once": None, "at-most-once": None}
    assert producer["qos"]["at-least-once"]["depends"] == [
        {"name": "KAFKA_ACKS", "expression": "${KAFKA_ACKS}", "key": "acks", "holds_when": "all or -1",
         "otherwise": "acks is not all"}]
    assert producer["qos"]["at-most-once"]["depends"][0]["holds_when"] == "all, -1 or 0"
    assert producer["effective"]["acks"]["value"] is None
    assert producer["effective"]["acks"]["expression"] == "${KAFKA_ACKS}" and producer["effective"]["acks"]["line"] == 5
    (depends,) = findings(report, "HL209")
    assert depends["severity"] == "warning" and depends["line"] == 5 and "--define KAFKA_ACKS=VALUE" in depends["message"]
    assert not [f for f in findings(report, "HL102") + findings(report, "HL101")]
    assert exit_code == 0
    _, exit_code = lint(honolint, "--fail-level", "warning", str(path))
    assert exit_code == 1


@pytest.mark.parametrize("value,ok,exit_code", [("all", True, 0), ("-1", True, 0), ("1", False, 1)])
def test_a_define_turns_it_into_a_plain_verdict(honolint, value, ok, exit_code):
    path = honolint.write("application.yml", SPRING_DEPENDS)
    report, code = lint(honolint, "--define", f"KAFKA_ACKS={value}", str(path))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"] == {"ok": ok}
    acks = producer["effective"]["acks"]
    assert acks["origin"] == "supplied" and acks["expression"] == "${KAFKA_ACKS}"
    assert acks["resolved_by"] == ["KAFKA_ACKS from --define on the command line"]
    assert not findings(report, "HL209") and code == exit_code


def test_a_spring_default_is_taken_and_said(honolint):
    path = honolint.write("application.properties",
                          "spring.kafka.producer.acks=${KAFKA_ACKS:${LEGACY_ACKS:1}}\n"
                          "spring.kafka.producer.properties.max.in.flight.requests.per.connection=1\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "1"
    assert producer["effective"]["acks"]["resolved_by"] == ["the default of ${LEGACY_ACKS:1}",
                                                           "the default of ${KAFKA_ACKS:${LEGACY_ACKS:1}}"]
    (taken,) = findings(report, "HL010")
    assert taken["line"] == 1 and "acks=1 from the default of ${LEGACY_ACKS:1}" in taken["message"]
    (acks,) = findings(report, "HL201")  # the failure says where acks=1 came from
    assert "(the default of ${LEGACY_ACKS:1}; the default of ${KAFKA_ACKS:${LEGACY_ACKS:1}})" in acks["message"]
    assert exit_code == 1


def test_spring_resolves_a_name_among_the_file_s_own_properties_relaxed(honolint):
    path = honolint.write("application.yml", "kafka:\n  durableAcks: all\nspring:\n  kafka:\n    producer:\n"
                                             "      acks: ${kafka.durable-acks}\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "all"
    assert producer["effective"]["acks"]["resolved_by"] == ["kafka.durable-acks from line 2"]
    assert qos(producer) == {"at-least-once": True, "at-most-once": True} and exit_code == 0


def test_spring_reads_a_provider_reference_as_a_property_with_a_default(honolint):
    """`${env:KAFKA_ACKS}` is Spring's property env with the default KAFKA_ACKS; escaped, it reaches the client."""
    plain = honolint.write("application.yml", "spring:\n  kafka:\n    producer:\n      acks: ${env:KAFKA_ACKS}\n")
    report, _ = lint(honolint, str(plain))
    (taken,) = findings(report, "HL010")
    assert "escape it as \\${env:KAFKA_ACKS}" in taken["message"]
    assert producers(report)[0]["effective"]["acks"]["value"] == "KAFKA_ACKS"
    escaped = honolint.write("app/application.yml", "spring:\n  kafka:\n    producer:\n      acks: \\${env:KAFKA_ACKS}\n"
                                                    "      properties:\n        config.providers: env\n"
                                                    "        config.providers.env.class: org.apache.kafka.common.config."
                                                    "provider.EnvVarConfigProvider\n")
    report, exit_code = lint(honolint, str(escaped))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["expression"] == "\\${env:KAFKA_ACKS}" and producer["effective"]["acks"]["value"] is None
    assert producer["qos"]["at-least-once"]["depends"][0]["name"] == "env:KAFKA_ACKS"
    assert not findings(report, "HL012") and not findings(report, "HL103") and exit_code == 0


def test_spring_cloud_stream_required_acks_from_a_placeholder(honolint):
    text = ("spring:\n  cloud:\n    stream:\n      kafka:\n        binder:\n          required-acks: ${BINDER_ACKS}\n"
            "      bindings:\n        orders-out-0:\n          destination: orders\n")
    path = honolint.write("application.yml", text)
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is None
    assert producer["qos"]["at-least-once"]["depends"][0]["key"] == "acks" and exit_code == 0
    report, exit_code = lint(honolint, "--define", "BINDER_ACKS=all", str(path))
    assert qos(producers(report)[0])["at-least-once"] is True and exit_code == 0


# ---------------------------------------------------------------- Quarkus and Hono

def test_quarkus_expressions_escapes_and_profiles(honolint):
    text = ("kafka.bootstrap.servers=${KAFKA_HOST:localhost}:9092\n"
            "durable.acks=all\n"
            "%dev.durable.acks=1\n"
            "mp.messaging.outgoing.prices.connector=smallrye-kafka\n"
            "mp.messaging.outgoing.prices.acks=${durable.acks}\n"
            "mp.messaging.outgoing.prices.client.id=$${not-an-expression}\n"
            "%dev.mp.messaging.outgoing.prices.acks=${durable.acks}\n")
    path = honolint.write("application.properties", text)
    report, _ = lint(honolint, str(path))
    by_scope = {p["scope"]: p for p in producers(report)}
    assert by_scope["mp.messaging.outgoing.prices"]["effective"]["acks"]["value"] == "all"
    assert by_scope["%dev.mp.messaging.outgoing.prices"]["effective"]["acks"]["value"] == "1"  # %dev.durable.acks


def test_hono_adds_a_delivery_timeout_the_unknown_request_timeout_may_exceed(honolint):
    text = ("hono:\n  kafka:\n    commonClientConfig:\n      bootstrap.servers: ${KAFKA_BOOTSTRAP}\n"
            "    telemetry:\n      producerConfig:\n        request.timeout.ms: ${REQUEST_TIMEOUT}\n")
    path = honolint.write("application.yml", text)
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    (condition,) = producer["qos"]["at-least-once"]["depends"]
    assert condition["otherwise"].startswith("java:4.3 refuses to create the producer")
    assert condition == {"name": "REQUEST_TIMEOUT", "expression": "${REQUEST_TIMEOUT}", "key": "request.timeout.ms",
                         "holds_when": "at most 2495", "otherwise": condition["otherwise"]}
    (depends,) = findings(report, "HL209")
    assert "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms" in depends["message"]
    assert exit_code == 0
    for value, ok in (("2495", True), ("2496", False), ("4000", False), ("750", True)):
        report, code = lint(honolint, "--define", f"REQUEST_TIMEOUT={value}", str(path))
        assert qos(producers(report)[0]) == {"at-least-once": ok, "at-most-once": ok}, value
        assert bool(findings(report, "HL101")) is not ok and code == (0 if ok else 1)
    report, _ = lint(honolint, "--client", "java:3.9", str(path))  # linger.ms is 0 before 4.0
    assert producers(report)[0]["qos"]["at-least-once"]["depends"][0]["holds_when"] == "at most 2500"


def test_a_hono_env_file_is_read_as_docker_compose_reads_it(honolint):
    path = honolint.write("hono.env", "HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=${TELEMETRY_ACKS:-1}\n"
                                      "HONO_KAFKA_COMMONCLIENTCONFIG__BOOTSTRAP_SERVERS__=$${literal}\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "1"
    assert findings(report, "HL010") and findings(report, "HL101")  # Hono forces idempotence: acks=1 is refused
    assert exit_code == 1


# ---------------------------------------------------------------- librdkafka's tools

def test_vector_interpolation(honolint):
    text = ('[sinks.out]\ntype = "kafka"\ninputs = ["in"]\nbootstrap_servers = "${BROKERS}"\ntopic = "logs"\n'
            '[sinks.out.librdkafka_options]\n"request.required.acks" = "${ACKS:--1}"\n"client.id" = "$${HOST}"\n'
            '"enable.idempotence" = "${IDEMPOTENT}"\n')
    path = honolint.write("vector.toml", text)
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "all"
    assert producer["qos"]["at-least-once"]["depends"][0] == {
        "name": "IDEMPOTENT", "expression": "${IDEMPOTENT}", "key": "enable.idempotence", "holds_when": "true",
        "otherwise": "messages may be reordered"}
    assert exit_code == 0


def test_fluent_bit_variables(honolint):
    text = ("[OUTPUT]\n    Name    kafka\n    Match   *\n    Brokers ${KAFKA_BROKERS}\n    Topics  logs\n"
            "    rdkafka.request.required.acks ${ACKS:-all}\n    rdkafka.enable.idempotence ${IDEMPOTENT}\n")
    path = honolint.write("fluent-bit.conf", text)
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "all"
    assert producer["effective"]["acks"]["resolved_by"] == ["the default of ${ACKS:-all}"]
    assert producer["qos"]["at-most-once"]["depends"] == [{"name": "IDEMPOTENT", "expression": "${IDEMPOTENT}",
                                                           "key": "enable.idempotence", "holds_when": "true",
                                                           "otherwise": "messages may be reordered"}]
    assert exit_code == 0


# ---------------------------------------------------------------- Kafka's config providers

ENV_PROVIDER = ("config.providers=env\n"
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n")


@pytest.mark.parametrize("head,warned", [("", True), (ENV_PROVIDER, False)])
def test_a_provider_reference_is_known_at_deploy_time_with_or_without_config_providers(honolint, head, warned):
    path = honolint.write("producer.properties", head + "acks=${env:KAFKA_ACKS}\nretries=3\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["qos"]["at-least-once"]["ok"] is None
    assert producer["qos"]["at-least-once"]["depends"][0]["name"] == "env:KAFKA_ACKS"
    assert bool(findings(report, "HL012")) is warned
    assert not findings(report, "HL102") and not findings(report, "HL103") and exit_code == 0
    report, exit_code = lint(honolint, "--define", "env:KAFKA_ACKS=1", str(path))
    assert qos(producers(report)[0])["at-least-once"] is False and exit_code == 1


def test_connectors_and_strimzi_leave_provider_references_to_the_worker(honolint):
    connector = honolint.write("connector.json", json.dumps({"name": "orders-source", "config": {
        "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
        "producer.override.acks": "${file:/opt/kafka/secrets/producer.properties:acks}"}}, indent=2))
    strimzi = honolint.write("connector.yaml", "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaConnector\n"
                                               "metadata:\n  name: orders-source\nspec:\n  class: x.Source\n"
                                               "  config:\n    producer.override.acks: ${secrets:kafka/acks:value}\n")
    for path in (connector, strimzi):
        report, exit_code = lint(honolint, str(path))
        assert producers(report)[0]["qos"]["at-least-once"]["ok"] is None, path
        assert not findings(report, "HL012") and exit_code == 0


def test_a_worker_s_own_providers_resolve_its_producer_keys(honolint):
    worker = ("bootstrap.servers=kafka:9092\ngroup.id=connect\noffset.storage.topic=o\nconfig.storage.topic=c\n"
              "status.storage.topic=s\nconfig.providers=file\n"
              "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
              "producer.acks=${file:/etc/kafka/producer.properties:acks}\n")
    path = honolint.write("connect-distributed.properties", worker)
    report, _ = lint(honolint, str(path))
    assert not findings(report, "HL012") and producers(report)[0]["qos"]["at-least-once"]["ok"] is None
    path = honolint.write("other/connect-distributed.properties", worker.replace("config.providers=file\n", ""))
    report, _ = lint(honolint, str(path))
    assert findings(report, "HL012")


def test_a_template_action_in_a_value_is_unknown(honolint):
    path = honolint.write("producer.properties", "acks={{ .Values.kafka.acks }}\nbootstrap.servers=kafka:9092\n")
    report, exit_code = lint(honolint, str(path))
    assert producers(report)[0]["qos"]["at-least-once"]["depends"][0]["expression"] == "{{ .Values.kafka.acks }}"
    assert exit_code == 0


# ---------------------------------------------------------------- templates

CHART_TEMPLATE = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "orders.fullname" . }}
data:
  producer.properties: |
{{- range $key, $value := .Values.kafka.producer }}
    {{ $key }}={{ $value }}
{{- end }}
"""


def test_a_template_named_or_walked_is_an_info_and_exit_0(honolint):
    path = honolint.write("chart/templates/configmap.yaml", CHART_TEMPLATE)
    for target in (path, honolint.tmp_path / "chart"):
        report, exit_code = lint(honolint, str(target))
        (template,) = findings(report, "HL011")
        assert template["severity"] == "info" and template["line"] == 7 and exit_code == 0
        assert codes(report) == ["HL011"]
    text = honolint.run("check", "--isolated", str(path)).stdout
    assert "HL011  info: a template, not a configuration" in text and "helm template" in text


# ---------------------------------------------------------------- Maven resource filtering

POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  {parent}
  <artifactId>{artifact}</artifactId>
  <properties>
{properties}
  </properties>
  {build}
</project>
"""
FILTERED = """<build>
    <resources>
      <resource>
        <directory>${project.basedir}/src/main/resources</directory>
        <filtering>true</filtering>
      </resource>
    </resources>
  </build>"""


def pom(artifact, properties="", build="", parent=""):
    return POM.format(artifact=artifact, properties=properties, build=build, parent=parent)


def test_maven_filtering_fills_values_and_says_which_pom_gave_them(honolint):
    honolint.write("orders/pom.xml", pom("orders", "    <kafka.acks>1</kafka.acks>", FILTERED))
    path = honolint.write("orders/src/main/resources/application.properties",
                          "spring.kafka.producer.acks=${kafka.acks}\nspring.kafka.producer.client-id=${HOSTNAME}\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    acks = producer["effective"]["acks"]
    assert acks["value"] == "1" and acks["expression"] == "${kafka.acks}" and acks["line"] == 1
    assert acks["resolved_by"][0].startswith("<kafka.acks> in ") and acks["resolved_by"][0].endswith("pom.xml:7")
    assert findings(report, "HL201") and exit_code == 1
    text = honolint.run("check", "--color", "never", str(path)).stdout
    assert "acks=1 at line 1 (<kafka.acks> in " in text
    assert "${kafka.acks} <- <kafka.acks> in " in honolint.run("effective", str(path)).stdout
    report, exit_code = lint(honolint, "--define", "kafka.acks=all", str(path))  # as mvn -Dkafka.acks=all
    assert producers(report)[0]["effective"]["acks"]["value"] == "all" and exit_code == 0


def test_maven_without_filtering_leaves_the_reference_to_the_application(honolint):
    honolint.write("orders/pom.xml", pom("orders", "    <kafka.acks>1</kafka.acks>"))
    path = honolint.write("orders/src/main/resources/application.properties", "spring.kafka.producer.acks=${kafka.acks}\n")
    report, exit_code = lint(honolint, str(path))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is None and exit_code == 0


def test_a_parent_pom_s_properties_and_resources_reach_the_module(honolint):
    honolint.write("pom.xml", pom("parent", "    <producer.request-timeout>4000</producer.request-timeout>", FILTERED))
    honolint.write("adapter/pom.xml", pom("adapter", parent="<parent><groupId>org.example</groupId>"
                                                             "<artifactId>parent</artifactId><version>1</version></parent>"))
    path = honolint.write("adapter/src/main/resources/application.yml",
                          "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n"
                          "        request.timeout.ms: ${producer.request-timeout}\n")
    report, exit_code = lint(honolint, str(path))
    (refused,) = findings(report, "HL101")  # Hono adds delivery.timeout.ms=2500
    assert "request.timeout.ms=4000 at line 5 (<producer.request-timeout> in " in refused["message"] and exit_code == 1


def test_a_property_holding_lines_of_configuration(honolint):
    """Eclipse Hono keeps a dev profile's producer settings in a pom property brought in by a line of its own."""
    lines = ('hono.kafka.telemetry.producerConfig."max.block.ms"=${producer.max-block}\n'
             'hono.kafka.telemetry.producerConfig."request.timeout.ms"=${producer.request-timeout}')
    honolint.write("adapter/pom.xml", pom("adapter", "    <producer.max-block>3500</producer.max-block>\n"
                                                     "    <producer.request-timeout>4000</producer.request-timeout>\n"
                                                     f"    <adapter.dev.properties>\n{lines}\n    </adapter.dev.properties>",
                                          FILTERED))
    path = honolint.write("adapter/src/main/resources/application-dev.properties",
                          "hono.app.maxInstances=1\n${adapter.dev.properties}\nquarkus.log.level=INFO\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    timeout = producer["effective"]["request.timeout.ms"]
    assert timeout["value"] == "4000" and timeout["line"] == 2 and timeout["expression"] == "${adapter.dev.properties}"
    assert [f["line"] for f in findings(report, "HL101")] == [2] and exit_code == 1


def test_spring_boot_s_parent_filters_at_references_only(honolint):
    honolint.write("svc/pom.xml", pom("svc", "    <kafka.acks>all</kafka.acks>",
                                      parent="<parent><groupId>org.springframework.boot</groupId>"
                                             "<artifactId>spring-boot-starter-parent</artifactId><version>3.4.0</version>"
                                             "<relativePath/></parent>"))
    path = honolint.write("svc/src/main/resources/application.yml",
                          'spring:\n  kafka:\n    producer:\n      acks: "@kafka.acks@"\n'
                          '      retries: ${RETRIES}\n      client-id: "@unknown.id@"\n')
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["acks"]["value"] == "all"
    assert producer["effective"]["retries"]["expression"] == "${RETRIES}"  # left for Spring, unresolved
    assert exit_code == 0


def test_a_pom_with_a_doctype_is_not_read(honolint):
    evil = ('<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
            + pom("orders", "    <kafka.acks>&b;</kafka.acks>", FILTERED).split("\n", 1)[1])
    honolint.write("orders/pom.xml", evil)
    path = honolint.write("orders/src/main/resources/application.properties", "spring.kafka.producer.acks=${kafka.acks}\n")
    report, exit_code = lint(honolint, str(path))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is None and exit_code == 0


# ---------------------------------------------------------------- supplied values: where from, which wins

def test_define_over_define_file_over_settings_over_the_default(honolint):
    path = honolint.write("app/producer.properties", "acks=${ACKS:-0}\nretries=${RETRIES:-0}\n"
                                                     "linger.ms=${LINGER:-7}\nbatch.size=${BATCH:-1}\n")
    honolint.write("app/.honolint.yaml", "defines:\n  ACKS: '1'\n  RETRIES: 5\n  LINGER: 20\n")
    honolint.write("deploy.env", "ACKS=-1\nRETRIES=3\n")
    report, _ = lint(honolint, "--define-file", str(honolint.tmp_path / "deploy.env"), "--define", "ACKS=all",
                     str(path))
    effective = producers(report)[0]["effective"]
    assert [effective[key]["value"] for key in ("acks", "retries", "linger.ms")] == ["all", "3", "20"]
    assert effective["acks"]["resolved_by"] == ["ACKS from --define on the command line"]
    assert effective["retries"]["resolved_by"][0].startswith("RETRIES from --define-file ")
    assert effective["linger.ms"]["resolved_by"][0] == "LINGER from .honolint.yaml: defines.LINGER" or \
        effective["linger.ms"]["resolved_by"][0].endswith(".honolint.yaml: defines.LINGER")


@pytest.mark.parametrize("name,text", [
    ("pyproject.toml", "[tool.honolint]\ndefines = {KAFKA_ACKS = \"all\"}\n"),
    ("setup.cfg", "[honolint]\ndefines =\n    KAFKA_ACKS=all\n"),
    (".honolint.yaml", "defines:\n  KAFKA_ACKS: all\n"),
])
def test_defines_in_each_settings_file(honolint, name, text):
    honolint.write(f"p/{name}", text)
    path = honolint.write("p/producer.properties", "acks=${KAFKA_ACKS}\n")
    report, exit_code = lint(honolint, str(path))
    assert producers(report)[0]["qos"]["at-least-once"] == {"ok": True} and exit_code == 0


@pytest.mark.parametrize("text,said", [
    ("defines:\n  ACKS: [all]\n", "defines"),
    ("defines: all\n", "defines"),
])
def test_a_bad_defines_setting_is_a_usage_error(honolint, text, said):
    honolint.write("q/.honolint.yaml", text)
    path = honolint.write("q/producer.properties", "acks=${ACKS}\n")
    result = honolint.run("check", str(path))
    assert result.exit_code == 2 and said in result.stderr


@pytest.mark.parametrize("args", [["--define", "NOEQUALS"], ["--define", "=x"], ["--define", "A B=1"]])
def test_a_bad_define_is_a_usage_error(honolint, args):
    path = honolint.write("producer.properties", "acks=${ACKS}\n")
    result = honolint.run("check", *args, str(path))
    assert result.exit_code == 2 and "--define" in result.stderr


def test_show_settings_lists_the_defines_and_where_each_is_from(honolint):
    honolint.write("s/.honolint.yaml", "defines:\n  KAFKA_ACKS: all\n  KAFKA_PASSWORD: hunter2\n")
    path = honolint.write("s/producer.properties", "acks=${KAFKA_ACKS}\n")
    out = honolint.run("check", "--show-settings", "--define", "RETRIES=3", str(path)).stdout
    assert "define KAFKA_ACKS" in out and "all" in out and "defines.KAFKA_ACKS" in out
    assert "define RETRIES" in out and "--define on the command line" in out
    assert "hunter2" not in out  # a secret-looking name's value is masked


def test_a_supplied_secret_never_shows(honolint):
    path = honolint.write("producer.properties",
                          'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required '
                          'username="app" password="${KAFKA_PASSWORD}";\nacks=ALL\n')
    for output_format in ("json", "text", "sarif"):
        result = honolint.run("check", "--format", output_format, "--define", "KAFKA_PASSWORD=s3cr3t-value", str(path))
        assert "s3cr3t-value" not in result.stdout, output_format


# ---------------------------------------------------------------- the other formats

def test_sarif_junit_gitlab_and_github_carry_a_verdict_that_depends(honolint):
    path = honolint.write("producer.properties", "acks=${KAFKA_ACKS}\n")
    sarif = json.loads(honolint.run("check", "--format", "sarif", str(path)).stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "HL209"]
    assert result["level"] == "warning"
    junit = honolint.run("check", "--format", "junit", str(path)).stdout
    assert '<skipped message="AT LEAST ONCE depends on values known only at deploy time: on ${KAFKA_ACKS} (acks): ' \
           'holds when all or -1"' in junit
    gitlab = json.loads(honolint.run("check", "--format", "gitlab", str(path)).stdout)
    assert any(issue["check_name"] == "HL209" and issue["severity"] == "minor" for issue in gitlab)
    assert "::warning file=" in honolint.run("check", "--format", "github", str(path)).stdout
    text = honolint.run("check", "--color", "never", str(path)).stdout
    assert "AT LEAST ONCE  DEPENDS  on ${KAFKA_ACKS} (acks): holds when all or -1" in text
    effective = honolint.run("effective", str(path)).stdout
    assert "(deploy time)" in effective and "${KAFKA_ACKS}, known at deploy time" in effective


# ---------------------------------------------------------------- DEPENDS agrees with every value it stands for

# values a deployment may give each key: more than the candidates honolint evaluates, and on both sides of
# every threshold
VALUES = {
    "acks": ["all", "-1", "0", "1"],
    "retries": ["0", "1", "3", "2147483647"],
    "max.in.flight.requests.per.connection": ["1", "2", "5", "6", "10"],
    "enable.idempotence": ["true", "false"],
    "delivery.timeout.ms": ["0", "1000", "2500", "2505", "30004", "30005", "120000"],
    "linger.ms": ["0", "5", "100", "2495"],
    "request.timeout.ms": ["0", "750", "2494", "2495", "2496", "30000"],
    "transactional.id": ["orders-tx-1"],
    "message.timeout.ms": ["0", "1", "5", "6", "60000", "60001", "300000"],  # librdkafka's delivery timeout
    "transaction.timeout.ms": ["1000", "59999", "60000", "300000"],
}
CLIENTS = ["java:4.3", "java:3.9", "java:3.0.0", "java:2.8", "java:2.4", "java:1.1", "java:0.11", "librdkafka:2.16",
           "librdkafka:1.4"]


def _verdicts(text: str, client: str, supplied: dict[str, str], hono: bool):
    from honolint.load import load_bytes
    from honolint.pipeline import Linter, Options
    from honolint.profiles import parse_client
    from honolint.settings.supplied import Supplied

    name = "application.properties" if hono else "producer.properties"
    values = Supplied({key: (value, "test") for key, value in supplied.items()})
    linter = Linter(Options(parse_client(client), supplied=values or None))
    (producer,) = linter.lint(load_bytes(text.encode(), name)).producers
    return producer


def _holds(description: str, value: str) -> bool:
    """Whether `value` is among the values a condition's `holds_when` names."""
    for part in description.replace(" or ", ", ").split(", "):
        if part in (value, "any value") or (part == "all" and value == "-1"):
            return True
        number = int(value) if value.lstrip("-").isdigit() else None
        if number is None:
            continue
        if part.startswith("at least ") and number >= int(part[9:]):
            return True
        if part.startswith("at most ") and number <= int(part[8:]):
            return True
        low, to, high = part.partition(" to ")
        if to and int(low) <= number <= int(high):
            return True
    return False


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def configurations(draw):
    keys = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=5, unique=True))
    unknown = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
    known = {key: draw(st.sampled_from(VALUES[key])) for key in keys if key not in unknown}
    return known, unknown, draw(st.sampled_from(CLIENTS)), draw(st.booleans())


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configurations())
def test_a_verdict_over_deploy_time_values_agrees_with_every_value_supplied(configuration):
    """ok: holds for every value the client accepts; FAIL: for none; DEPENDS: holds exactly for the values its
    condition names (one unknown). Checked by supplying each value as --define does. A value the client
    refuses as such (librdkafka's request.timeout.ms=0) is refused whatever the rest: not a deployment's."""
    from itertools import product

    known, unknown, client, hono = configuration
    names = {key: f"V{i}" for i, key in enumerate(unknown)}
    settings_ = {**known, **{key: f"${{{names[key]}}}" for key in unknown}}
    if hono:
        text = "".join(f'hono.kafka.telemetry.producerConfig."{key}"={value}\n' for key, value in settings_.items())
        client = "java:" + client.split(":")[1] if client.startswith("java") else "java:4.3"
    else:
        text = "".join(f"{key}={value}\n" for key, value in settings_.items())
    overall = _verdicts(text, client, {}, hono).verdict
    for values in product(*(VALUES[key] for key in unknown)):
        supplied = {names[key]: value for key, value in zip(unknown, values)}
        producer = _verdicts(text, client, supplied, hono)
        if any(refusal.kind == "value" for refusal in producer.effective.refusals):
            continue
        each = producer.verdict
        for qos_class, ok in overall.ok.items():
            assert each.ok[qos_class] is not None
            if ok is not None:
                assert each.ok[qos_class] is ok, (text, client, supplied, qos_class)
                continue
            conditions = overall.depends[qos_class]
            if len(unknown) == 1 and "(and on the other" not in conditions[0].holds_when:
                assert _holds(conditions[0].holds_when, values[0]) is each.ok[qos_class], (
                    text, client, supplied, qos_class, conditions)


def test_a_profile_file_s_base_file_is_read_with_its_expressions(honolint):
    """Linting application-prod.yml reads the application.yml beside it: its expressions resolve as well."""
    honolint.write("svc/application.yml", "spring:\n  kafka:\n    producer:\n      acks: ${KAFKA_ACKS}\n"
                                          "      retries: ${KAFKA_RETRIES:3}\n")
    path = honolint.write("svc/application-prod.yml", "spring:\n  kafka:\n    producer:\n      client-id: orders\n")
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert producer["effective"]["retries"]["value"] == "3"
    assert producer["qos"]["at-least-once"]["depends"][0]["expression"] == "${KAFKA_ACKS}"
    assert not findings(report, "HL102") and exit_code == 0
    report, exit_code = lint(honolint, "--define", "KAFKA_ACKS=1", str(path))
    assert producers(report)[0]["qos"]["at-least-once"] == {"ok": False} and exit_code == 1


def test_too_many_unknowns_to_evaluate_depend_on_all_of_them_and_judge_nothing_else(honolint):
    keys = ["request.required.acks", "enable.idempotence", "enable.gapless.guarantee", "message.send.max.retries",
            "max.in.flight", "queue.buffering.backpressure.threshold", "queuing.strategy", "message.timeout.ms",
            "queue.buffering.max.ms", "transaction.timeout.ms", "socket.timeout.ms"]
    path = honolint.write("kcat.conf", "".join(f"{key}=${{V{i}}}\n" for i, key in enumerate(keys)))
    report, exit_code = lint(honolint, str(path))
    (producer,) = producers(report)
    assert qos(producer) == {"at-least-once": None, "at-most-once": None}
    depends = producer["qos"]["at-least-once"]["depends"]
    assert [c["key"] for c in depends] == keys and "more than the 1,024 honolint evaluates" in depends[0]["holds_when"]
    assert {f["code"] for f in producer["findings"]} == {"HL209"} and exit_code == 0


# ---------------------------------------------------------------- no refusal ever quotes an unresolved expression

KEYS = ["acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence", "delivery.timeout.ms",
        "linger.ms", "request.timeout.ms", "batch.size", "compression.type", "transactional.id", "client.id"]
# layout -> (file name, render(settings) -> text, the expression forms its reader knows)
LAYOUTS = {
    "plain": ("producer.properties", lambda items: "".join(f"{k}={v}\n" for k, v in items),
              ["${{{n}}}", "${{{n}:-{d}}}", "${{env:{n}}}", "{{{{ .Values.{n} }}}}"]),
    "spring": ("application.yml", lambda items: "spring:\n  kafka:\n    producer:\n      properties:\n" + "".join(
        f'        "[{k}]": "{v}"\n' for k, v in items), ["${{{n}}}", "${{{n}:{d}}}", "${{{n}:${{OTHER_{n}}}}}"]),
    "quarkus": ("application.properties", lambda items: "mp.messaging.outgoing.out.connector=smallrye-kafka\n" + "".join(
        f"mp.messaging.outgoing.out.{k}={v}\n" for k, v in items), ["${{{n}}}", "${{{n}:{d}}}"]),
    "hono": ("application.yml", lambda items: "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n" + "".join(
        f'        {k}: "{v}"\n' for k, v in items), ["${{{n}}}", "${{{n}:{d}}}"]),
    "vector": ("vector.toml", lambda items: '[sinks.k]\ntype = "kafka"\ninputs = ["i"]\nbootstrap_servers = "b:9092"\n'
               'topic = "t"\n[sinks.k.librdkafka_options]\n' + "".join(f'"{k}" = "{v}"\n' for k, v in items),
               ["${{{n}}}", "${{{n}:-{d}}}", "${{{n}:?required}}"]),
    "connector": ("connector.json", lambda items: json.dumps({"name": "c", "config": {
        "connector.class": "x.Source", **{f"producer.override.{k}": v for k, v in items}}}),
        ["${{{n}}}", "${{file:/opt/secrets.properties:{n}}}"]),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(LAYOUTS)), st.data())
def test_no_refusal_quotes_an_unresolved_expression(layout, data):
    from honolint.load import load_bytes
    from honolint.pipeline import Linter, Options
    from honolint.profiles import parse_client

    name, render, forms = LAYOUTS[layout]
    keys = data.draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True))
    items = []
    for index, key in enumerate(keys):
        form = data.draw(st.sampled_from(forms + ["literal"]))
        default = data.draw(st.sampled_from(["all", "1", "0", "5", "true", "ALL", "x"]))
        items.append((key, default if form == "literal" else form.format(n=f"V{index}", d=default)))
    result = Linter(Options(parse_client("java"))).lint(load_bytes(render(items).encode(), name))
    for producer in result.producers:
        unknown = [v.expression.written for v in producer.effective.values.values() if v.unknown]
        for finding in producer.findings + result.findings:
            if finding.code in ("HL101", "HL102") or (finding.code == "HL103" and finding.severity == "error"):
                quoted = finding.message.split('"')[1] if '"' in finding.message else finding.message
                assert not any(text in quoted for text in unknown), (layout, items, finding.message)
                assert "${V" not in quoted and "{{" not in quoted, (layout, items, finding.message)


@pytest.mark.slow
def test_a_file_of_many_producers_with_unknowns_is_bounded(honolint):
    """5,000 documents, each with four unknowns that matter: the first ones evaluated, the rest said to depend
    without evaluating, so a hostile file cannot make the run take minutes."""
    document = ("acks: ${A}\nretries: ${R}\nmax.in.flight.requests.per.connection: ${M}\nenable.idempotence: ${I}\n")
    path = honolint.write("many.yaml", "---\n".join([document] * 5000))
    report, exit_code = honolint.json(str(path))  # (the schema is checked on the small reports above)
    holds = [producer["qos"]["at-least-once"]["depends"][0]["holds_when"] for producer in producers(report)]
    assert len(holds) == 5000 and exit_code == 0
    assert "all or -1" in holds[0] and "more than the 1,024 honolint evaluates" in holds[-1]


@pytest.mark.slow
def test_properties_that_refer_to_each_other_cost_in_proportion_to_the_file(honolint):
    chain = "".join(f"p{i}: ${{p{i + 1}}}${{p{i + 1}}}\n" for i in range(20000))
    path = honolint.write("application.yml", chain + "spring:\n  kafka:\n    producer:\n      acks: ${p0}\n")
    report, exit_code = honolint.json(str(path))
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is None and exit_code == 0
