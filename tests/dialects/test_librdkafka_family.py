"""The librdkafka family: kcat files and confluent-kafka maps (librdkafka), Fluent Bit and Vector.

Each dialect in each of its file forms: how it is detected, its producers' scopes, their client,
their verdicts, and what each layout gets wrong in its own way (a Java-only key under librdkafka,
an unknown `rdkafka.*` key in Fluent Bit, an unquoted dotted key in Vector's TOML).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lint_helpers import codes, producers

from honolint.dialects import detect
from honolint.load import load_bytes

OK = {"at-least-once": True, "at-most-once": True}
FAIL = {"at-least-once": False, "at-most-once": False}


def verdicts(report: dict) -> dict[str, dict[str, bool]]:
    return {p["scope"]: {qos: result["ok"] for qos, result in p["qos"].items()} for p in producers(report)}


def findings(report: dict, code: str) -> list[dict]:
    found = [f for file in report["files"] for f in file["findings"] if f["code"] == code]
    return found + [f for p in producers(report) for f in p["findings"] if f["code"] == code]


def dialect(report: dict) -> str | None:
    (file,) = report["files"]
    return file["dialect"]


# ---------------------------------------------------------------- librdkafka: kcat files

KCAT_DEFAULTS = ("bootstrap.servers=broker-1:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanisms=PLAIN\n"
                 "sasl.username=svc\nsasl.password=change-me\nrequest.required.acks=-1\n"
                 "queue.buffering.max.ms=10\n")


def test_a_default_kcat_config_fails_at_least_once_naming_the_default_and_passes_once_fixed(honolint):
    path = honolint.write("kcat.conf", KCAT_DEFAULTS)
    report, exit_code = honolint.json(str(path))
    assert (dialect(report), exit_code) == ("librdkafka", 1)
    (producer,) = producers(report)
    assert (producer["scope"], producer["client"]) == ("producer", "librdkafka:2.16")
    assert producer["qos"]["at-least-once"]["ok"] is False
    (order,) = [f for f in findings(report, "HL202") if "at-least-once" in f["classes"]]
    assert "max.in.flight.requests.per.connection defaults to 1000000 in librdkafka:2.16" in order["message"]
    assert "set enable.idempotence=true" in order["message"]

    path.write_text(KCAT_DEFAULTS + "enable.idempotence=true\n")  # as the message says
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0 and verdicts(report) == {"producer": OK}
    assert producers(report)[0]["effective"]["max.in.flight.requests.per.connection"]["value"] == "5"


@pytest.mark.parametrize("name", ["kcat.conf", "orders.kcat.conf", "kafkacat.conf"])
def test_a_kcat_file_name_decides_even_with_shared_or_java_names(honolint, name):
    path = honolint.write(name, "bootstrap.servers=b:9092\nacks=all\nenable.idempotence=true\nmax.block.ms=500\n")
    report, exit_code = honolint.json(str(path))
    assert dialect(report) == "librdkafka" and exit_code == 1
    (unknown,) = findings(report, "HL103")
    assert unknown["severity"] == "error" and unknown["line"] == 4
    assert "max.block.ms is not a producer property of librdkafka:2.16" in unknown["message"]
    assert producers(report)[0]["rejected"]  # librdkafka refuses a property it does not know


def test_a_properties_file_in_librdkafka_names_is_librdkafka(honolint):
    path = honolint.write("producer.properties", "metadata.broker.list=b:9092\nrequest.required.acks=1\n"
                                                 "message.send.max.retries=0\n")
    report, _ = honolint.json(str(path))
    assert dialect(report) == "librdkafka"
    assert producers(report)[0]["client"] == "librdkafka:2.16"
    assert verdicts(report) == {"producer": {"at-least-once": False, "at-most-once": True}}
    assert "HL201" in codes(report)


@pytest.mark.parametrize("text", [
    "bootstrap.servers=b:9092\nacks=all\nlinger.ms=5\n",  # names both clients share say nothing
    "request.required.acks=-1\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n",
    "acks=all\ndebug=true\n",  # an undotted librdkafka name is no evidence
])
def test_a_java_or_shared_names_file_stays_plain(honolint, text):
    report, _ = honolint.json(str(honolint.write("producer.properties", text)))
    assert dialect(report) == "plain"
    assert producers(report)[0]["client"] == "java:4.3"


def test_client_java_is_ignored_for_librdkafka_files_but_the_version_is_honoured(honolint):
    path = honolint.write("kcat.conf", KCAT_DEFAULTS)
    report, _ = honolint.json("--client", "java:3.9", str(path))
    assert producers(report)[0]["client"] == "librdkafka:2.16"
    report, _ = honolint.json("--client", "librdkafka:0.11", str(path))
    assert producers(report)[0]["client"] == "librdkafka:0.11"
    report, _ = honolint.json("--dialect", "plain", "--client", "java:3.9", str(path))
    assert (dialect(report), producers(report)[0]["client"]) == ("plain", "java:3.9")


def test_matches_looks_librdkafka_names_up_only_for_a_candidate_file():
    script = (
        "import sys\n"
        "from honolint.load import load_bytes\n"
        "from honolint.dialects import librdkafka\n"
        "java = load_bytes(b'acks=all\\nkey.serializer=x\\nlinger.ms=5\\n', 'producer.properties')\n"
        "assert not librdkafka.matches(java)\n"
        "assert 'honolint.profiles.librdkafka_keys' not in sys.modules\n"
        "kcat = load_bytes(b'request.required.acks=-1\\n', 'producer.properties')\n"
        "assert librdkafka.matches(kcat)\n"
        "assert 'honolint.profiles.librdkafka_keys' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# ---------------------------------------------------------------- librdkafka: confluent-kafka maps

DICT_YAML = """\
kafka:
  common: &kafka_common
    bootstrap.servers: broker-1:9092
    security.protocol: SASL_SSL
    sasl.mechanisms: PLAIN
  producer:
    <<: *kafka_common
    acks: all
    enable.idempotence: true
    linger.ms: 5
  consumer:
    <<: *kafka_common
    group.id: billing
    auto.offset.reset: earliest
"""


def test_a_confluent_kafka_map_in_yaml_is_one_producer_scoped_by_its_parent(honolint):
    report, exit_code = honolint.json(str(honolint.write("app.yaml", DICT_YAML)))
    assert dialect(report) == "librdkafka" and exit_code == 0
    (producer,) = producers(report)  # the common map and the consumer map are not producers
    assert (producer["scope"], producer["line"], producer["client"]) == ("kafka.producer", 8, "librdkafka:2.16")
    assert producer["effective"]["acks"]["value"] == "all" and producer["effective"]["acks"]["line"] == 8
    assert verdicts(report) == {"kafka.producer": OK}


def test_a_confluent_kafka_map_in_json_several_producers(honolint):
    config = {"service": "orders",
              "producers": {"orders": {"bootstrap.servers": "b:9092", "queue.buffering.max.ms": 5,
                                       "enable.idempotence": True},
                            "audit": {"bootstrap.servers": "b:9092", "request.required.acks": 1}}}
    report, _ = honolint.json(str(honolint.write("settings.json", json.dumps(config, indent=2))))
    assert dialect(report) == "librdkafka"
    assert verdicts(report) == {"producers.orders": OK,
                                "producers.audit": {"at-least-once": False, "at-most-once": False}}
    assert {p["client"] for p in producers(report)} == {"librdkafka:2.16"}


def test_a_list_of_producer_maps(honolint):
    text = ("clients:\n  producers:\n    - bootstrap.servers: b:9092\n      request.required.acks: -1\n"
            "      enable.idempotence: true\n    - bootstrap.servers: b:9092\n      queue.buffering.max.ms: 5\n")
    report, _ = honolint.json(str(honolint.write("app.yml", text)))
    assert dialect(report) == "librdkafka"
    assert verdicts(report) == {"clients.producers[0]": OK, "clients.producers[1]": FAIL}
    assert [p["line"] for p in producers(report)] == [3, 6]


def test_producer_maps_in_several_yaml_documents(honolint):
    text = ("producer_config:\n  request.required.acks: 1\n---\n"
            "producer_config:\n  request.required.acks: -1\n  enable.idempotence: true\n")
    report, _ = honolint.json(str(honolint.write("conf.yaml", text)))
    assert dialect(report) == "librdkafka"
    assert verdicts(report) == {"producer_config (document 1)": FAIL, "producer_config (document 2)": OK}


def test_a_map_with_a_java_only_key_is_not_taken_for_librdkafka_unless_asked(honolint):
    text = "kafka:\n  producer:\n    request.required.acks: -1\n    linger.ms: 5\n    max.block.ms: 500\n"
    path = honolint.write("app.yaml", text)
    report, _ = honolint.json(str(path))
    assert dialect(report) != "librdkafka"
    report, exit_code = honolint.json("--dialect", "librdkafka", str(path))
    assert dialect(report) == "librdkafka" and exit_code == 1
    (unknown,) = findings(report, "HL103")
    assert (unknown["key"], unknown["severity"], unknown["line"]) == ("max.block.ms", "error", 5)
    assert "(a Java client property)" in unknown["message"]


def test_a_consumer_map_is_no_producer(honolint):
    text = "kafka:\n  consumer:\n    bootstrap.servers: b:9092\n    group.id: g\n    fetch.wait.max.ms: 100\n"
    report, exit_code = honolint.json(str(honolint.write("app.yaml", text)))
    assert (dialect(report), producers(report), exit_code) == ("librdkafka", [], 0)
    (finding,) = findings(report, "HL005")
    assert finding["line"] == 4 and "kafka.consumer is a librdkafka consumer's configuration" in finding["message"]


# Confluent's client template for librdkafka (confluentinc/examples clients/cloud/*/librdkafka.config)
CONFLUENT_TEMPLATE = """\
# Required connection configs for Kafka producer, consumer, and admin
bootstrap.servers=pkc-12345.europe-west1.gcp.confluent.cloud:9092
security.protocol=SASL_SSL
sasl.mechanisms=PLAIN
sasl.username=ABCDEFGHIJKLMNOP
sasl.password=not-a-real-secret

# Best practice for higher availability in librdkafka clients prior to 1.7
session.timeout.ms=45000
"""


def test_names_both_clients_know_do_not_keep_a_file_from_librdkafka(honolint):
    path = honolint.write("librdkafka.config", CONFLUENT_TEMPLATE)
    report, exit_code = honolint.json(str(path))
    assert (dialect(report), producers(report), exit_code) == ("librdkafka", [], 0)
    assert "HL103" not in codes(report)  # sasl.username is no unknown Java key
    (finding,) = findings(report, "HL005")
    assert finding["line"] == 9 and "session.timeout.ms is a consumer property" in finding["message"]

    report, exit_code = honolint.json("--dialect", "librdkafka", str(path))  # the producer.py that reads it
    (producer,) = producers(report)
    assert (producer["client"], exit_code) == ("librdkafka:2.16", 1)
    assert "HL103" not in codes(report) and "HL202" in codes(report)


def test_the_confluent_template_with_producer_settings_is_a_librdkafka_producer(honolint):
    text = CONFLUENT_TEMPLATE + "acks=all\nenable.idempotence=true\n"
    report, exit_code = honolint.json(str(honolint.write("client.properties", text)))
    (producer,) = producers(report)
    assert (dialect(report), producer["client"], exit_code) == ("librdkafka", "librdkafka:2.16", 0)
    assert verdicts(report) == {"producer": OK} and "HL103" not in codes(report)


def test_a_java_only_name_still_keeps_the_template_from_librdkafka(honolint):
    text = CONFLUENT_TEMPLATE + "acks=all\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n"
    report, _ = honolint.json(str(honolint.write("client.properties", text)))
    assert dialect(report) == "plain" and producers(report)[0]["client"] == "java:4.3"


# ---------------------------------------------------------------- Fluent Bit, classic format

FLUENT_BIT_CONF = """\
[SERVICE]
    Flush 5

[INPUT]
    Name  tail
    Path  /var/log/app/*.log

[OUTPUT]
    Name   stdout
    Match  debug.*

[OUTPUT]
    Name        kafka
    Match       app.*
    Brokers     broker-1:9092
    Topics      app-logs
    rdkafka.request.required.acks   1
    rdkafka.queue.buffering.max.ms  50

[output]
    NAME     Kafka
    brokers  broker-1:9092
    RDKAFKA.request.required.acks  -1
    rdkafka.enable.idempotence     true
"""


def test_fluent_bit_classic_one_producer_per_kafka_output(honolint):
    report, exit_code = honolint.json(str(honolint.write("fluent-bit.conf", FLUENT_BIT_CONF)))
    assert dialect(report) == "fluent-bit" and exit_code == 1
    assert verdicts(report) == {"[OUTPUT] #2 (kafka)": FAIL, "[OUTPUT] #3 (kafka)": OK}
    first, second = producers(report)
    assert (first["line"], first["client"], second["line"]) == (13, "librdkafka:2.16", 21)
    (acks,) = [f for f in first["findings"] if f["code"] == "HL201"]  # the docs' recommended acks=1
    assert (acks["line"], acks["key"]) == (17, "request.required.acks")
    assert second["effective"]["acks"]["line"] == 23  # the rdkafka. prefix in any case


def test_fluent_bit_keys_librdkafka_never_sees(honolint):
    text = ("[OUTPUT]\n    Name kafka\n    Brokers b:9092\n    rdkafka.enable.idempotency true\n"
            "    request.required.acks 1\n    storage.total_limit_size 5M\n    queue_full_retries 10\n")
    report, _ = honolint.json(str(honolint.write("fluent-bit.conf", text)))
    unread = findings(report, "HL006")
    assert [(f["line"], f["key"]) for f in unread] == [(4, "rdkafka.enable.idempotency"),
                                                      (5, "request.required.acks")]
    assert "Fluent Bit logs \"cannot configure 'enable.idempotency' property\"" in unread[0]["message"]
    assert "did you mean rdkafka.enable.idempotence?" in unread[0]["message"]
    assert "write rdkafka.request.required.acks" in unread[1]["message"]
    assert "HL103" not in codes(report)  # Fluent Bit starts without an unknown property: no refusal
    assert producers(report)[0]["rejected"] == []


def test_a_kafka_input_is_no_producer(honolint):
    loaded = load_bytes(b"[INPUT]\n    Name kafka\n    Brokers b:9092\n[OUTPUT]\n    Name stdout\n", "fluent-bit.conf")
    assert detect(loaded) != "fluent-bit"


# ---------------------------------------------------------------- Fluent Bit, YAML format

FLUENT_BIT_YAML = """\
pipeline:
  inputs:
    - name: tail
      path: /var/log/app/*.log
  outputs:
    - name: stdout
      match: "debug.*"
    - name: kafka
      match: "app.*"
      brokers: broker-1:9092
      rdkafka.request.required.acks: 1
      rdkafka.enable.idempotence: false
"""


def test_fluent_bit_yaml(honolint):
    report, exit_code = honolint.json(str(honolint.write("fluent-bit.yaml", FLUENT_BIT_YAML)))
    assert dialect(report) == "fluent-bit" and exit_code == 1
    (producer,) = producers(report)  # the loader walks pipeline.outputs[], each item under its index
    assert (producer["scope"], producer["line"], producer["client"]) == ("pipeline.outputs[1] (kafka)", 8,
                                                                         "librdkafka:2.16")
    assert producer["effective"]["acks"]["value"] == "1" and producer["effective"]["acks"]["line"] == 11
    assert verdicts(report) == {"pipeline.outputs[1] (kafka)": FAIL}
    assert "HL201" in codes(report)


@pytest.mark.parametrize("name,text", [
    ("fluent-bit.yaml", "pipeline:\n  outputs:\n    - name: kafka\n      brokers: b:9092\n"
                        "      rdkafka.request.required.acks: 1_0\n      rdkafka.enable.idempotence: yes\n"
                        "      rdkafka.linger.ms: 0100\n"),
    ("vector.yaml", "sinks:\n  out:\n    type: kafka\n    bootstrap_servers: b:9092\n    topic: t\n"
                    "    librdkafka_options:\n      request.required.acks: 1_0\n      enable.idempotence: yes\n"
                    "      linger.ms: 0100\n"),
])
def test_fluent_bit_and_vector_yaml_pass_the_scalar_as_written(honolint, name, text):
    report, _ = honolint.json(str(honolint.write(name, text)))
    # their YAML readers hand librdkafka the text as written: 1_0, which strtol reads as 1 (a YAML 1.1
    # reader, a confluent-kafka app on PyYAML, would have handed it 10); yes, which librdkafka refuses
    # (not true); 0100, which strtod reads as 100 (not 64). No YAML 1.1 warning says otherwise.
    effective = producers(report)[0]["effective"]
    assert (effective["acks"]["value"], effective["linger.ms"]["value"]) == ("1", "100")
    assert any("Expected bool value" in f["message"] for f in findings(report, "HL102"))
    assert findings(report, "HL004") == []


# ---------------------------------------------------------------- Vector

VECTOR_TOML = """\
[sources.app_logs]
type = "file"
include = ["/var/log/app/*.log"]

[sinks.console]
type = "console"
inputs = ["app_logs"]

[sinks.kafka_out]
type = "kafka"
inputs = ["app_logs"]
bootstrap_servers = "broker-1:9092"
topic = "app-logs"
compression = "zstd"
message_timeout_ms = 120000

[sinks.kafka_out.librdkafka_options]
"request.required.acks" = "-1"
"enable.idempotence" = "true"
"""


def test_vector_toml_one_producer_per_kafka_sink(honolint):
    report, exit_code = honolint.json(str(honolint.write("vector.toml", VECTOR_TOML)))
    assert dialect(report) == "vector" and exit_code == 0
    (producer,) = producers(report)
    assert (producer["scope"], producer["line"], producer["client"]) == ("sinks.kafka_out", 10, "librdkafka:2.16")
    assert verdicts(report) == {"sinks.kafka_out": OK}
    timeout = producer["effective"]["delivery.timeout.ms"]  # message_timeout_ms -> message.timeout.ms
    assert (timeout["value"], timeout["origin"], timeout["line"]) == ("120000", "file", 15)


def test_vector_toml_unquoted_dotted_key_is_a_nested_table(honolint):
    text = VECTOR_TOML.replace('"enable.idempotence" = "true"', 'enable.idempotence = "true"')
    report, exit_code = honolint.json(str(honolint.write("vector.toml", text)))
    assert exit_code == 1
    (unread,) = findings(report, "HL006")
    assert (unread["line"], unread["key"]) == (19, "sinks.kafka_out.librdkafka_options.enable.idempotence")
    assert "an unquoted dotted key in TOML makes nested tables" in unread["message"]
    assert 'quote the key: "enable.idempotence" = "true"' in unread["message"]
    assert verdicts(report) == {"sinks.kafka_out": FAIL}  # the sink runs without idempotence
    assert producers(report)[0]["effective"]["enable.idempotence"]["origin"] == "default"


def test_vector_defaults_and_precedence(honolint):
    text = ('[sinks.k]\ntype = "kafka"\nbootstrap_servers = "b:9092"\nbatch.timeout_secs = 0.25\n'
            'socket_timeout_ms = 1000\n'
            '[sinks.k.librdkafka_options]\n"linger.ms" = "7"\n"enable.idempotence" = "true"\n')
    report, _ = honolint.json(str(honolint.write("vector.toml", text)))
    effective = producers(report)[0]["effective"]
    timeout = effective["delivery.timeout.ms"]  # Vector sets message.timeout.ms=300000 itself
    assert (timeout["value"], timeout["origin"], timeout["explicit"]) == ("300000", "framework", True)
    # batch.timeout_secs sets queue.buffering.max.ms=250 first; librdkafka_options' alias linger.ms wins
    assert (effective["linger.ms"]["value"], effective["linger.ms"]["line"]) == ("7", 7)

    text = text.replace('"linger.ms" = "7"', '"delivery.timeout.ms" = "60000"')
    report, _ = honolint.json(str(honolint.write("vector.toml", text)))
    effective = producers(report)[0]["effective"]
    assert effective["delivery.timeout.ms"]["value"] == "60000"  # no Vector default over the alias
    assert (effective["linger.ms"]["value"], effective["linger.ms"]["line"]) == ("250", 4)


VECTOR_YAML = """\
sinks:
  kafka_out:
    type: kafka
    inputs: [app_logs]
    bootstrap_servers: broker-1:9092
    topic: app-logs
    librdkafka_options:
      request.required.acks: "1"
      enable:
        idempotence: "true"
"""


def test_vector_yaml(honolint):
    report, _ = honolint.json(str(honolint.write("vector.yaml", VECTOR_YAML)))
    assert dialect(report) == "vector"
    (producer,) = producers(report)
    assert (producer["scope"], producer["line"]) == ("sinks.kafka_out", 3)
    assert producer["effective"]["acks"]["value"] == "1"
    (unread,) = findings(report, "HL006")
    assert unread["line"] == 10 and "Vector receives a map 'enable'" in unread["message"]
    assert verdicts(report) == {"sinks.kafka_out": FAIL}


def test_vector_json(honolint):
    config = {"sinks": {"out": {"type": "kafka", "bootstrap_servers": "b:9092", "topic": "t",
                                "librdkafka_options": {"enable.idempotence": "true"}}}}
    report, _ = honolint.json(str(honolint.write("vector.json", json.dumps(config, indent=2))))
    assert dialect(report) == "vector" and verdicts(report) == {"sinks.out": OK}


# ---------------------------------------------------------------- odd input


@pytest.mark.parametrize("forced", ["librdkafka", "fluent-bit", "vector"])
@pytest.mark.parametrize("name,text", [
    ("a.yaml", "sinks:\n  x:\n    type: kafka\n    librdkafka_options: {}\n"),
    ("b.yaml", "sinks:\n  x:\n    type: ~\n  y: [1, 2]\n"),
    ("c.yaml", "sinks: {k: {type: kafka, librdkafka_options: [a, b], batch: {timeout_secs: .nan}}}\n"),
    ("d.yaml", "pipeline:\n  outputs: [kafka]\n"),
    ("e.toml", '[sinks.k]\ntype = "kafka"\nbatch.timeout_secs = "soon"\n[sinks.k.librdkafka_options.a.b]\nc = 1\n'),
    ("f.conf", "[OUTPUT]\n[OUTPUT]\n    Name kafka\n[OUTPUT]\n    rdkafka. x\n"),
    ("g.conf", "=\n==\nkey\n"),
    ("h.json", '{"": {"": {"": 1}}}'),
    ("i.properties", "\u00ef\u00bb\u00bfrequest.required.acks=all\n"),
])
def test_odd_input_never_raises(honolint, forced, name, text):
    path = honolint.write(name, text)
    report, exit_code = honolint.json(str(path))
    assert exit_code in (0, 1)
    report, exit_code = honolint.json("--dialect", forced, str(path))
    assert exit_code in (0, 1)


def test_connection_settings_alone_are_no_producer_as_in_plain_files(honolint):
    connection = "bootstrap.servers=kafka:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanisms=SCRAM-SHA-512\n"
    report, exit_code = honolint.json(str(honolint.write("kcat.conf", connection)))
    assert (dialect(report), producers(report), exit_code) == ("librdkafka", [], 0)
    (finding,) = findings(report, "HL005")
    assert "only connection settings every client shares" in finding["message"]
    report, _ = honolint.json(str(honolint.write("producer.kcat.conf", connection)))
    assert [p["scope"] for p in producers(report)] == ["producer"]  # its name says whose it is
    report, _ = honolint.json("--dialect", "librdkafka", str(honolint.tmp_path / "kcat.conf"))
    assert [p["scope"] for p in producers(report)] == ["producer"]
    text = "kafka:\n  bootstrap.servers: kafka:9092\n  sasl.mechanisms: PLAIN\n  sasl.username: svc\n"
    report, _ = honolint.json(str(honolint.write("settings.yaml", text)))
    assert producers(report) == [] and "only connection settings" in findings(report, "HL005")[0]["message"]
