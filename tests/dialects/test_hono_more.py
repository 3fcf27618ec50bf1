"""Hono beyond application.yml: the Helm chart's values.yaml (hono-helm) and environment files (hono, .env)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint_helpers import codes, producers

SAMPLES = Path("/work/shared/reference/dialect-samples")

VALUES = """\
messagingNetworkTypes:
- "kafka"
kafkaMessagingClusterExample:
  enabled: false

adapters:
  kafkaMessagingSpec:
    commonClientConfig:
      "bootstrap.servers": "broker0.example.org:9092"
    telemetry:
      producerConfig:
        "acks": "all"
        "compression.type": "lz4"
    event:
      producerConfig:
        "delivery.timeout.ms": "10000"

commandRouterService:
  hono:
    kafka:
      commonClientConfig:
        "bootstrap.servers": "broker0.example.org:9092"
      commandInternal:
        producerConfig:
          "linger.ms": "0"

deviceRegistryExample:
  hono:
    kafka:
      commonClientConfig:
        "bootstrap.servers": "broker0.example.org:9092"
      notification:
        producerConfig:
          "compression.type": "zstd"
"""

ENV = """\
# docker env_file of a Hono protocol adapter
HONO_KAFKA_COMMONCLIENTCONFIG__BOOTSTRAP_SERVERS__=kafka:9092
HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=all
HONO_KAFKA_TELEMETRY_PRODUCERCONFIG__DELIVERY_TIMEOUT_MS__=5000
HONO_KAFKA_EVENT_PRODUCERCONFIG__MAX_BLOCK_MS__=1000
PATH=/usr/bin
"""


def by_scope(report: dict) -> dict[str, dict]:
    return {p["scope"]: p for p in producers(report)}


def unread(report: dict) -> list[dict]:
    return [f for f in report["files"][0]["findings"] if f["code"] == "HL006"]


def effective(honolint, path) -> dict[str, dict]:
    result = honolint.run("effective", "--format", "json", str(path))
    return {p["scope"]: p["effective"] for f in json.loads(result.stdout)["files"] for p in f["producers"]}


# ================================================================ Helm chart values


def test_helm_values_give_a_producer_per_component_and_client(honolint):
    report, exit_code = honolint.json(str(honolint.write("my-values.yaml", VALUES)))
    assert report["files"][0]["dialect"] == "hono-helm"
    assert list(by_scope(report)) == [
        "adapters.kafkaMessagingSpec.telemetry", "adapters.kafkaMessagingSpec.event",
        "commandRouterService.hono.kafka.commandInternal", "deviceRegistryExample.hono.kafka.notification"]
    for producer in producers(report):
        assert producer["target"] == "at-least-once" and producer["client"] == "java:4.3"
        assert producer["qos"]["at-least-once"]["ok"] is True
    assert exit_code == 0 and "HL006" not in codes(report)


def test_helm_values_layers_and_hono_framework_in_effective(honolint):
    scopes = effective(honolint, honolint.write("my-values.yaml", VALUES))
    telemetry = scopes["adapters.kafkaMessagingSpec.telemetry"]
    assert telemetry["acks"] == {**telemetry["acks"], "value": "all", "origin": "file",
                                 "source": "adapters.kafkaMessagingSpec.telemetry.producerConfig", "line": 12}
    assert telemetry["enable.idempotence"]["origin"] == "framework"
    assert telemetry["enable.idempotence"]["source"] == "forced by Hono"
    assert telemetry["delivery.timeout.ms"] == {**telemetry["delivery.timeout.ms"], "value": "2500",
                                                "origin": "framework", "source": "added by Hono"}
    event = scopes["adapters.kafkaMessagingSpec.event"]
    assert event["delivery.timeout.ms"]["value"] == "10000" and event["delivery.timeout.ms"]["origin"] == "file"
    assert scopes["commandRouterService.hono.kafka.commandInternal"]["linger.ms"]["source"] == \
        "commandRouterService.hono.kafka.commandInternal.producerConfig"


def test_the_reference_sample_values_file(honolint):
    path = honolint.write("values.yaml", (SAMPLES / "hono-helm-values.yaml").read_text())
    report, exit_code = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "hono-helm"
    assert len(producers(report)) == 7 and exit_code == 0


@pytest.mark.parametrize("name, text, dialect", [
    ("values-prod.yaml", VALUES.split("\n", 2)[2], "hono-helm"),  # no messagingNetworkTypes, but values*.yaml
    ("values.yml", "adapters:\n  kafkaMessagingSpec:\n    telemetry:\n      producerConfig:\n        acks: all\n",
     "hono-helm"),
    ("my-values.yaml", VALUES, "hono-helm"),
    ("application.yml", "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n        acks: all\n", "hono"),
])
def test_helm_detection(honolint, name, text, dialect):
    report, _ = honolint.json(str(honolint.write(name, text)))
    assert report["files"][0]["dialect"] == dialect


def test_helm_trees_need_the_values_name_or_messaging_network_types(honolint):
    report, _ = honolint.json(str(honolint.write("overrides.yaml", VALUES.split("\n", 2)[2])))
    assert report["files"][0]["dialect"] != "hono-helm"


def test_helm_verdicts_use_hono_forced_idempotence(honolint):
    text = VALUES.replace('"acks": "all"', '"acks": "1"')
    report, exit_code = honolint.json(str(honolint.write("values.yaml", text)))
    telemetry = by_scope(report)["adapters.kafkaMessagingSpec.telemetry"]
    assert telemetry["rejected"][0].startswith("Must set acks to all")
    assert telemetry["findings"][0]["code"] == "HL101" and telemetry["findings"][0]["line"] == 12
    assert exit_code == 1


# ---------------------------------------------------------------- the chart's silent drops


@pytest.mark.parametrize("setting, words", [
    ("  enabled: true\n", "kafkaMessagingClusterExample.enabled is true at line 4"),
    ('  enabled: "false"\n', "a quoted string, which Helm's if reads as true"),
    (None, "is not set here and defaults to true in the chart"),
])
def test_the_example_cluster_ignores_every_spec(honolint, setting, words):
    if setting is None:
        text = VALUES.replace("kafkaMessagingClusterExample:\n  enabled: false\n", "")
    else:
        text = VALUES.replace("  enabled: false\n", setting, 1)
    report, exit_code = honolint.json(str(honolint.write("values.yaml", text)))
    assert producers(report) == []
    findings = unread(report)
    assert [f["key"] for f in findings] == [
        "adapters.kafkaMessagingSpec.commonClientConfig.bootstrap.servers",
        "adapters.kafkaMessagingSpec.telemetry.producerConfig.acks",
        "adapters.kafkaMessagingSpec.telemetry.producerConfig.compression.type",
        "adapters.kafkaMessagingSpec.event.producerConfig.delivery.timeout.ms",
        "commandRouterService.hono.kafka.commonClientConfig.bootstrap.servers",
        "commandRouterService.hono.kafka.commandInternal.producerConfig.linger.ms",
        "deviceRegistryExample.hono.kafka.commonClientConfig.bootstrap.servers",
        "deviceRegistryExample.hono.kafka.notification.producerConfig.compression.type"]
    assert all(words in f["message"] and "set kafkaMessagingClusterExample.enabled: false" in f["message"]
               for f in findings)
    assert exit_code == 0  # warnings only: there is no producer to fail


def test_a_component_spec_without_bootstrap_servers_loses_its_producer_config(honolint):
    text = VALUES.replace('      commonClientConfig:\n        "bootstrap.servers": "broker0.example.org:9092"\n'
                          '      commandInternal:', '      commandInternal:')
    report, _ = honolint.json(str(honolint.write("values.yaml", text)))
    assert "commandRouterService.hono.kafka.commandInternal" not in by_scope(report)
    (finding,) = unread(report)
    assert finding["key"] == "commandRouterService.hono.kafka.commandInternal.producerConfig.linger.ms"
    assert finding["line"] == 23
    message = finding["message"]
    assert 'commandRouterService.hono.kafka.commonClientConfig has no "bootstrap.servers" key' in message
    assert "renders only adapters.kafkaMessagingSpec.commonClientConfig for the Command Router" in message
    assert "deviceRegistryExample.hono.kafka.notification" in by_scope(report)


def test_a_nested_bootstrap_servers_does_not_count_for_the_chart(honolint):
    text = VALUES.replace('      commonClientConfig:\n        "bootstrap.servers": "broker0.example.org:9092"\n'
                          '      notification:', '      commonClientConfig:\n        bootstrap:\n'
                          '          servers: broker0.example.org:9092\n      notification:')
    report, _ = honolint.json(str(honolint.write("values.yaml", text)))
    findings = unread(report)
    assert {f["key"] for f in findings} == {
        "deviceRegistryExample.hono.kafka.commonClientConfig.bootstrap.servers",
        "deviceRegistryExample.hono.kafka.notification.producerConfig.compression.type"}
    assert all("not nested bootstrap: servers:" in f["message"] for f in findings)


def test_a_producer_config_under_a_client_the_component_does_not_produce_with(honolint):
    text = VALUES.replace("    event:\n      producerConfig:", "    commandInternal:\n      producerConfig:")
    report, _ = honolint.json(str(honolint.write("values.yaml", text)))
    (finding,) = unread(report)
    assert finding["key"] == "adapters.kafkaMessagingSpec.commandInternal.producerConfig.delivery.timeout.ms"
    assert "commandInternal is an admin client there" in finding["message"]
    assert "adapters.kafkaMessagingSpec.commandInternal" not in by_scope(report)


def test_messaging_network_without_kafka_renders_no_kafka_config(honolint):
    text = VALUES.replace('- "kafka"', '- "amqp"')
    report, _ = honolint.json(str(honolint.write("values.yaml", text)))
    assert producers(report) == []
    assert unread(report) and all('does not contain "kafka"' in f["message"] for f in unread(report))


def test_a_legacy_producer_config_in_a_spec(honolint):
    text = VALUES.replace("    event:\n      producerConfig:\n", "    producerConfig:\n      x: y\n    event:\n"
                          "      producerConfig:\n")
    report, _ = honolint.json(str(honolint.write("values.yaml", text)))
    (finding,) = unread(report)
    assert "adapters.kafkaMessagingSpec.producerConfig is no longer read since Hono 1.11" in finding["message"]


def test_only_common_config_gives_one_producer_per_component(honolint):
    text = ("messagingNetworkTypes: [kafka]\nkafkaMessagingClusterExample:\n  enabled: false\n"
            "adapters:\n  kafkaMessagingSpec:\n    commonClientConfig:\n      \"bootstrap.servers\": b:9092\n"
            "      \"acks\": \"0\"\n")
    report, exit_code = honolint.json(str(honolint.write("values.yaml", text)))
    (producer,) = producers(report)
    assert producer["scope"] == "adapters.kafkaMessagingSpec.commonClientConfig" and exit_code == 1


@pytest.mark.parametrize("text", [
    "messagingNetworkTypes: kafka\nadapters:\n  kafkaMessagingSpec: {}\n",
    "messagingNetworkTypes: []\nadapters:\n  kafkaMessagingSpec:\n    telemetry: [1]\n",
    "messagingNetworkTypes:\n- kafka\nkafkaMessagingClusterExample:\n  enabled: ~\nadapters:\n  kafkaMessagingSpec:\n"
    "    telemetry:\n      producerConfig: {}\n",
    "messagingNetworkTypes: [kafka]\nkafkaMessagingClusterExample: {enabled: 0}\ncommandRouterService:\n  hono:\n"
    "    kafka:\n      x:\n        producerConfig:\n          acks: [1, {a: b}]\n",
])
def test_odd_helm_values_never_raise(honolint, text):
    result = honolint.run("check", "--format", "json", "--dialect", "hono-helm", str(honolint.write("values.yaml", text)))
    assert result.exit_code in (0, 1)


# ================================================================ environment files


def test_env_file_is_hono_with_a_producer_per_client(honolint):
    report, exit_code = honolint.json(str(honolint.write("adapter.env", ENV)))
    assert report["files"][0]["dialect"] == "hono"
    assert list(by_scope(report)) == ["hono.kafka.telemetry", "hono.kafka.event"]
    assert exit_code == 0 and "HL006" not in codes(report)


def test_env_names_map_to_kafka_properties(honolint):
    scopes = effective(honolint, honolint.write("adapter.env", ENV))
    telemetry, event = scopes["hono.kafka.telemetry"], scopes["hono.kafka.event"]
    assert telemetry["acks"]["value"] == "all" and telemetry["acks"]["origin"] == "file"
    assert telemetry["delivery.timeout.ms"] == {**telemetry["delivery.timeout.ms"], "value": "5000", "origin": "file",
                                                "line": 4, "source": "hono.kafka.telemetry.producerConfig"}
    assert event["max.block.ms"]["value"] == "1000" and event["max.block.ms"]["origin"] == "file"
    assert event["delivery.timeout.ms"]["origin"] == "framework"  # Hono's 2500
    assert event["enable.idempotence"]["source"] == "forced by Hono"


def test_the_reference_sample_env_file(honolint):
    path = honolint.write("hono.env", (SAMPLES / "hono-env.env").read_text())
    report, exit_code = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "hono" and exit_code == 0
    assert list(by_scope(report)) == ["hono.kafka.telemetry", "hono.kafka.event"]


@pytest.mark.parametrize("written, client", [
    ("TELEMETRY", "telemetry"), ("EVENT", "event"), ("COMMANDRESPONSE", "commandResponse"),
    ("COMMANDINTERNAL", "commandInternal"), ("NOTIFICATION", "notification"),
])
def test_env_client_names_map_back_to_camel_case(honolint, written, client):
    path = honolint.write("hono.env", f"HONO_KAFKA_{written}_PRODUCERCONFIG_ACKS=all\n")
    report, _ = honolint.json(str(path))
    assert [p["scope"] for p in producers(report)] == [f"hono.kafka.{client}"]


def test_an_ambiguous_multi_word_property_is_not_read(honolint):
    text = ("HONO_KAFKA_COMMONCLIENTCONFIG__BOOTSTRAP_SERVERS__=kafka:9092\n"
            "HONO_KAFKA_EVENT_PRODUCERCONFIG__REQUEST_TIMEOUT_MS__=5000\n"
            "HONO_KAFKA_EVENT_PRODUCERCONFIG_DELIVERY_TIMEOUT_MS=10000\n")
    report, exit_code = honolint.json(str(honolint.write("hono.env", text)))
    (finding,) = unread(report)
    assert finding["key"] == "HONO_KAFKA_EVENT_PRODUCERCONFIG_DELIVERY_TIMEOUT_MS" and finding["line"] == 3
    assert "cannot be mapped back" in finding["message"]
    assert "HONO_KAFKA_EVENT_PRODUCERCONFIG__DELIVERY_TIMEOUT_MS__" in finding["message"]
    (event,) = producers(report)  # so Hono's delivery.timeout.ms=2500 applies, below request.timeout.ms
    assert event["rejected"][0].startswith("delivery.timeout.ms should be equal to or larger than")
    assert exit_code == 1

    fixed = text.replace("PRODUCERCONFIG_DELIVERY_TIMEOUT_MS=", "PRODUCERCONFIG__DELIVERY_TIMEOUT_MS__=")
    report, exit_code = honolint.json(str(honolint.write("hono.env", fixed)))
    assert "HL006" not in codes(report) and exit_code == 0
    assert producers(report)[0]["effective"]["delivery.timeout.ms"]["value"] == "10000"


def test_an_ambiguous_common_property_is_not_read(honolint):
    text = "HONO_KAFKA_COMMONCLIENTCONFIG_BOOTSTRAP_SERVERS=kafka:9092\nHONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=all\n"
    report, _ = honolint.json(str(honolint.write("hono.env", text)))
    (finding,) = unread(report)
    assert "HONO_KAFKA_COMMONCLIENTCONFIG__BOOTSTRAP_SERVERS__" in finding["message"]


def test_legacy_env_tree_and_misspelt_client(honolint):
    text = ("HONO_KAFKA_PRODUCERCONFIG_ACKS=all\nHONO_KAFKA_COMMAND_RESPONSE_PRODUCERCONFIG_ACKS=all\n"
            "HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=all\n")
    report, _ = honolint.json(str(honolint.write("hono.env", text)))
    legacy, misspelt = unread(report)
    assert "no longer read since Hono 1.11" in legacy["message"]
    assert "HONO_KAFKA_COMMANDRESPONSE_PRODUCERCONFIG_ACKS" in misspelt["message"]
    assert [p["scope"] for p in producers(report)] == ["hono.kafka.telemetry"]


def test_env_verdicts_and_profiles(honolint):
    text = "HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=all\n_PROD_HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=1\n"
    report, exit_code = honolint.json(str(honolint.write("hono.env", text)))
    scopes = by_scope(report)
    assert scopes["hono.kafka.telemetry"]["qos"]["at-least-once"]["ok"] is True
    assert scopes["%prod.hono.kafka.telemetry"]["rejected"][0].startswith("Must set acks to all")
    assert exit_code == 1


def test_an_env_file_without_hono_names_is_not_hono(honolint):
    report, _ = honolint.json(str(honolint.write("app.env", "PATH=/bin\nKAFKA_ACKS=all\n")))
    assert report["files"][0]["dialect"] != "hono"


@pytest.mark.parametrize("text", [
    "HONO_KAFKA_=1\n", "HONO_KAFKA__PRODUCERCONFIG_ACKS=1\n", "HONO_KAFKA_X_PRODUCERCONFIG_=1\n",
    "HONO_KAFKA_COMMONCLIENTCONFIG____=1\n", "HONO_KAFKA_COMMONCLIENTCONFIG___=1\n", "_HONO_KAFKA_A=\n",
    "HONO_KAFKA_TELEMETRY_PRODUCERCONFIG__ACKS=1\n", "export HONO_KAFKA_EVENT_PRODUCERCONFIG_ACKS='1'\n",
])
def test_odd_env_names_never_raise(honolint, text):
    result = honolint.run("check", "--format", "json", str(honolint.write("x.env", text)))
    assert result.exit_code in (0, 1)
