"""Kafka Connect (worker and connector), Kafka Streams and MirrorMaker 2 dialects, through the CLI."""
from __future__ import annotations

import json

import pytest

from lint_helpers import codes, producers

INT_MAX = str(2**31 - 1)
LONG_MAX = str(2**63 - 1)


def effective(honolint, path) -> dict:
    result = honolint.run("effective", "--format", "json", str(path))
    return json.loads(result.stdout)


def only(report: dict) -> dict:
    found = producers(report)
    assert len(found) == 1, [p["scope"] for p in found]
    return found[0]


def findings(report: dict, code: str) -> list[dict]:
    found = [x for f in report["files"] for x in f["findings"] if x["code"] == code]
    return found + [x for p in producers(report) for x in p["findings"] if x["code"] == code]


# ---------------------------------------------------------------- connector: .properties and REST JSON

CONNECTOR_HEAD = {
    "name": "pg-orders-source",
    "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
    "tasks.max": "1",
    "topic.prefix": "orders",
    "database.hostname": "pg.example.org",
}


def connector_file(honolint, form: str, overrides: dict[str, str], head: dict[str, str] | None = None):
    config = dict(head or CONNECTOR_HEAD) | overrides
    if form == "properties":
        text = "# standalone connector file\n" + "".join(f"{k}={v}\n" for k, v in config.items())
        return honolint.write("pg-orders-source.properties", text)
    if form == "json":  # POST /connectors body
        name = config.pop("name")
        body = {"//": "a comment, as JSON has none", "name": name, "config": config}
        return honolint.write("pg-orders-source.json", json.dumps(body, indent=2))
    config.pop("name")  # PUT /connectors/<name>/config: a bare map, named after the file
    return honolint.write("pg-orders-source.json", json.dumps({"//": "bare config map"} | config, indent=2))


FORMS = ("properties", "json", "bare-json")


@pytest.mark.parametrize("form", FORMS)
def test_a_source_connector_without_overrides_passes_on_connects_own_values(honolint, form):
    path = connector_file(honolint, form, {})
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    assert report["files"][0]["dialect"] == "connect-connector"
    producer = only(report)
    assert producer["scope"] == "connector pg-orders-source"
    assert producer["qos"]["at-least-once"]["ok"] and producer["qos"]["at-most-once"]["ok"]
    values = producer["effective"]
    for key, text in (("acks", "all"), ("max.in.flight.requests.per.connection", "1"),
                      ("enable.idempotence", "false"), ("delivery.timeout.ms", INT_MAX), ("max.block.ms", LONG_MAX)):
        assert values[key]["value"] == text
        assert values[key]["origin"] == "framework"
        assert values[key]["source"] == "added by Kafka Connect worker"
        assert values[key]["explicit"] is True  # in the map Connect hands to new KafkaProducer
    assert producer["idempotent"] is False and producer["ordered"] is True


@pytest.mark.parametrize("form", FORMS)
def test_raising_in_flight_to_5_without_idempotence_fails(honolint, form):
    path = connector_file(honolint, form, {"producer.override.max.in.flight.requests.per.connection": "5"})
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    producer = only(report)
    assert not producer["qos"]["at-least-once"]["ok"] and not producer["qos"]["at-most-once"]["ok"]
    reorder = [f for f in producer["findings"] if f["code"] == "HL202"]
    assert reorder and reorder[0]["key"] == "max.in.flight.requests.per.connection"
    assert "enable.idempotence=false added by Kafka Connect worker" in reorder[0]["message"]
    assert producer["effective"]["max.in.flight.requests.per.connection"]["origin"] == "file"
    assert producer["effective"]["max.in.flight.requests.per.connection"]["source"] == "producer.override.*"


@pytest.mark.parametrize("form", FORMS)
def test_in_flight_5_with_idempotence_passes(honolint, form):
    path = connector_file(honolint, form, {"producer.override.enable.idempotence": "true",
                                           "producer.override.max.in.flight.requests.per.connection": "5"})
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    assert only(report)["idempotent"] is True


def test_idempotence_with_acks_1_is_refused_as_connect_would(honolint):
    path = connector_file(honolint, "json", {"producer.override.enable.idempotence": "true",
                                             "producer.override.acks": "1"})
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    assert "HL101" in codes(report)


def test_acks_1_alone_keeps_order_but_fails_at_least_once(honolint):
    # Connect's explicit enable.idempotence=false means the client refuses nothing
    path = connector_file(honolint, "properties", {"producer.override.acks": "1"})
    report, _ = honolint.json("--qos", "at-most-once", str(path))
    producer = only(report)
    assert producer["rejected"] == []
    assert producer["qos"] == {"at-least-once": {"ok": False}, "at-most-once": {"ok": True}}


def test_the_json_comment_key_and_the_connector_keys_are_not_producer_keys(honolint):
    path = connector_file(honolint, "json", {})
    report, _ = honolint.json(str(path))
    assert [f for p in producers(report) for f in p["findings"] if f["severity"] != "info"] == []
    assert codes(report) == []  # one request in flight keeps order: no advice to make it idempotent


def test_worker_spelling_and_unprefixed_keys_in_a_connector_are_not_read(honolint):
    path = connector_file(honolint, "json", {"producer.acks": "1", "linger.ms": "20"})
    report, _ = honolint.json(str(path))
    unread = {f["key"]: f["message"] for f in findings(report, "HL006")}
    assert "use producer.override.acks" in unread["config.producer.acks"]
    assert "use producer.override.linger.ms" in unread["config.linger.ms"]
    assert only(report)["effective"]["acks"]["value"] == "all"  # still Connect's


def test_a_sink_connector_has_a_producer_only_for_its_dead_letter_queue(honolint):
    sink = {"name": "orders-to-s3", "connector.class": "io.confluent.connect.s3.S3SinkConnector", "topics": "orders"}
    path = connector_file(honolint, "properties", {"producer.override.acks": "1"}, sink)
    report, _ = honolint.json(str(path))
    assert producers(report) == []
    assert [f["key"] for f in findings(report, "HL006")] == ["producer.override.acks"]

    path = connector_file(honolint, "properties", {"errors.tolerance": "all",
                                                   "errors.deadletterqueue.topic.name": "orders-dlq",
                                                   "producer.override.acks": "1"}, sink)
    report, _ = honolint.json(str(path))
    producer = only(report)
    assert producer["scope"] == "connector orders-to-s3 (dead letter queue)"
    assert producer["effective"]["acks"]["value"] == "1"


def test_a_connector_requiring_exactly_once_gets_a_transactional_idempotent_producer(honolint):
    path = connector_file(honolint, "properties", {"exactly.once.support": "required",
                                                   "producer.override.enable.idempotence": "false"})
    report, _ = honolint.json(str(path))
    producer = only(report)
    assert producer["idempotent"] is True
    tid = producer["effective"]["transactional.id"]
    assert tid["origin"] == "framework" and tid["value"] == "<group.id>-pg-orders-source-<task>"
    assert [f["key"] for f in findings(report, "HL007")] == ["enable.idempotence"]


# ---------------------------------------------------------------- worker

WORKER = """\
# connect-distributed.properties
bootstrap.servers=kafka-0.kafka-headless:9092,kafka-1.kafka-headless:9092
group.id=connect-cluster-a
config.storage.topic=connect-configs
offset.storage.topic=connect-offsets
status.storage.topic=connect-status
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
connector.client.config.override.policy=All
producer.compression.type=zstd
producer.linger.ms=20
"""


def test_a_worker_file_configures_every_task_producer(honolint):
    path = honolint.write("connect-distributed.properties", WORKER)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    assert report["files"][0]["dialect"] == "connect-worker"
    producer = only(report)
    assert producer["scope"] == "connect worker (source task and dead letter queue producers)"
    assert producer["line"] == 3  # group.id
    values = producer["effective"]
    assert values["linger.ms"]["value"] == "20" and values["linger.ms"]["source"] == "producer.*"
    assert values["acks"]["origin"] == "framework"


def test_unprefixed_producer_keys_in_a_worker_never_reach_task_producers(honolint):
    path = honolint.write("connect-distributed.properties",
                          WORKER + "acks=1\nmax.in.flight.requests.per.connection=5\n")
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0  # the producers still run on Connect's acks=all and one request in flight
    unread = {f["key"]: f for f in findings(report, "HL006")}
    assert set(unread) == {"acks", "max.in.flight.requests.per.connection"}
    assert unread["acks"]["message"] == ("acks is ignored: a Connect worker hands task producers only producer.* "
                                         "keys: use producer.acks")
    assert unread["acks"]["line"] == 12
    assert only(report)["effective"]["acks"]["value"] == "all"


def test_worker_in_flight_5_without_idempotence_fails(honolint):
    path = honolint.write("connect-distributed.properties",
                          WORKER + "producer.max.in.flight.requests.per.connection=5\n")
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    assert "HL202" in codes(report)


def test_exactly_once_source_support_makes_source_producers_transactional_but_not_dlq_producers(honolint):
    path = honolint.write("connect-distributed.properties", WORKER + "exactly.once.source.support=enabled\n"
                          "producer.max.in.flight.requests.per.connection=5\n")
    report, exit_code = honolint.json(str(path))
    source, dlq = producers(report)
    assert source["scope"] == "connect worker (exactly-once source task producers)"
    assert source["idempotent"] is True and source["qos"]["at-least-once"]["ok"]
    assert source["effective"]["transactional.id"]["value"] == "connect-cluster-a-<connector>-<task>"
    assert source["effective"]["enable.idempotence"]["source"] == "forced by Kafka Connect worker (exactly-once source)"
    assert dlq["scope"] == "connect worker (dead letter queue producers)"
    assert dlq["idempotent"] is False and not dlq["qos"]["at-least-once"]["ok"]
    assert exit_code == 1


def test_a_standalone_worker_is_detected_and_has_no_exactly_once_support(honolint):
    standalone = ("bootstrap.servers=localhost:9092\nkey.converter=org.apache.kafka.connect.json.JsonConverter\n"
                  "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
                  "offset.storage.file.filename=/tmp/connect.offsets\nplugin.path=/usr/share/java\n"
                  "exactly.once.source.support=enabled\nproducer.acks=all\n")
    path = honolint.write("connect-standalone.properties", standalone)
    report, _ = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "connect-worker"
    producer = only(report)
    assert producer["effective"]["transactional.id"]["value"] is None
    assert [f["key"] for f in findings(report, "HL006")] == ["exactly.once.source.support"]


# ---------------------------------------------------------------- Kafka Streams

STREAMS = """\
# streams.properties
application.id=order-enricher
bootstrap.servers=kafka-0.kafka-headless:9092
default.key.serde=org.apache.kafka.common.serialization.Serdes$StringSerde
state.dir=/var/lib/kafka-streams
replication.factor=3
batch.size=131072
request.timeout.ms=40000
linger.ms=10
producer.linger.ms=50
main.consumer.max.poll.records=500
restore.consumer.max.poll.records=100
admin.retries=3
"""


def test_streams_unprefixed_producer_keys_apply_and_the_prefixed_one_wins(honolint):
    path = honolint.write("streams.properties", STREAMS)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    assert report["files"][0]["dialect"] == "kafka-streams"
    producer = only(report)
    assert producer["scope"] == "streams application order-enricher"
    values = producer["effective"]
    assert values["request.timeout.ms"]["value"] == "40000"
    assert values["request.timeout.ms"]["source"] == "un-prefixed producer keys"
    assert values["linger.ms"]["value"] == "50" and values["linger.ms"]["source"] == "producer.*"
    assert values["retries"]["origin"] == "default"  # admin.retries is the admin client's
    assert values["transactional.id"]["value"] is None
    assert [x for x in codes(report) if x < "HL200"] == []


def test_streams_adds_linger_100_when_absent(honolint):
    path = honolint.write("streams.properties", STREAMS.replace("linger.ms=10\nproducer.linger.ms=50\n", ""))
    values = only(effective(honolint, path))["effective"]
    assert values["linger.ms"] == {"value": "100", "origin": "framework", "source": "added by Kafka Streams",
                                   "explicit": True, "line": None, "column": None}


@pytest.mark.parametrize("guarantee, client", [("exactly_once_v2", "java:4.3"), ("exactly_once_beta", "java:3.9"),
                                               ("exactly_once", "java:3.9")])
def test_streams_exactly_once_forces_idempotence_and_a_transactional_id(honolint, guarantee, client):
    path = honolint.write("streams.properties", STREAMS + f"processing.guarantee={guarantee}\n")
    report, exit_code = honolint.json("--client", client, str(path))
    assert exit_code == 0
    producer = only(report)
    values = producer["effective"]
    assert values["enable.idempotence"]["source"] == f"forced by Kafka Streams ({guarantee})"
    assert values["transactional.id"]["origin"] == "framework"
    assert values["transactional.id"]["value"].startswith("order-enricher-")
    assert values["delivery.timeout.ms"]["value"] == INT_MAX
    assert producer["idempotent"] is True


def test_streams_exactly_once_overrides_the_files_idempotence_and_keeps_its_timeouts(honolint):
    path = honolint.write("streams.properties", STREAMS + "processing.guarantee=exactly_once_v2\n"
                          "producer.enable.idempotence=false\nproducer.transactional.id=mine\n"
                          "producer.delivery.timeout.ms=300000\n")
    report, _ = honolint.json(str(path))
    overridden = findings(report, "HL007")
    assert sorted(f["key"] for f in overridden) == ["enable.idempotence", "transactional.id"]
    assert "Kafka Streams (exactly_once_v2) forces enable.idempotence=true" in overridden[0]["message"] + \
        overridden[1]["message"]
    assert only(report)["effective"]["delivery.timeout.ms"]["value"] == "300000"


def test_streams_exactly_once_with_more_than_5_in_flight_is_refused(honolint):
    path = honolint.write("streams.properties", STREAMS + "processing.guarantee=exactly_once_v2\n"
                          "producer.max.in.flight.requests.per.connection=6\n")
    report, exit_code = honolint.json(str(path))
    assert exit_code == 1
    assert only(report)["rejected"]


def test_streams_reads_bootstrap_servers_only_unprefixed(honolint):
    path = honolint.write("streams.properties", STREAMS + "producer.bootstrap.servers=elsewhere:9092\n")
    report, _ = honolint.json(str(path))
    assert [f["key"] for f in findings(report, "HL006")] == ["producer.bootstrap.servers"]


# ---------------------------------------------------------------- MirrorMaker 2 (dedicated mode)

MM2 = """\
# connect-mirror-maker.properties
clusters = primary, dr
primary.bootstrap.servers = primary-kafka.example.org:9092
dr.bootstrap.servers = dr-kafka.example.org:9092
primary->dr.enabled = true
primary->dr.topics = orders.*
dr->primary.enabled = false
replication.factor = 3
dr.producer.compression.type = zstd
dr.producer.linger.ms = 50
primary.producer.acks = 1
primary.consumer.fetch.max.bytes = 52428800
"""


def test_mirrormaker_flow_is_configured_by_its_target(honolint):
    path = honolint.write("connect-mirror-maker.properties", MM2)
    report, exit_code = honolint.json(str(path))
    assert exit_code == 0
    assert report["files"][0]["dialect"] == "mirrormaker2"
    producer = only(report)
    assert producer["scope"] == "flow primary->dr" and producer["line"] == 5
    values = producer["effective"]
    assert values["acks"]["value"] == "all"  # primary.producer.acks=1 is not the flow's producer
    assert values["acks"]["source"] == "added by MirrorMaker 2 (Kafka Connect worker)"
    assert values["linger.ms"]["source"] == "dr.producer.*"
    assert values["delivery.timeout.ms"]["value"] == INT_MAX


def test_mirrormaker_one_producer_per_enabled_flow(honolint):
    text = MM2.replace("dr->primary.enabled = false", "dr->primary.enabled = TRUE")
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    by_scope = {p["scope"]: p for p in producers(report)}
    assert set(by_scope) == {"flow primary->dr", "flow dr->primary"}
    assert by_scope["flow dr->primary"]["effective"]["acks"]["value"] == "1"
    assert by_scope["flow primary->dr"]["effective"]["acks"]["value"] == "all"


def test_a_flow_switch_with_a_blank_runs_while_heartbeats_give_it_a_herder(honolint):
    # clusterPairs reads `true ` as false (Boolean.parseBoolean), but heartbeats (on by default) still create
    # the herder, whose MirrorSourceConnector reads enabled trimmed (ConfigDef): the flow replicates
    text = MM2.replace("primary->dr.enabled = true", "primary->dr.enabled = true ")
    report, exit_code = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert only(report)["scope"] == "flow primary->dr" and exit_code == 0
    (switch,) = findings(report, "HL013")
    assert (switch["severity"], switch["line"], switch["key"]) == ("info", 5, "primary->dr.enabled")
    assert "runs only because heartbeats give the pair a herder" in switch["message"]


def test_a_flow_switch_with_a_blank_and_no_heartbeats_is_no_flow(honolint):
    text = MM2.replace("primary->dr.enabled = true", "primary->dr.enabled = true ") + "emit.heartbeats.enabled=false\n"
    report, exit_code = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert producers(report) == [] and exit_code == 0
    (switch,) = findings(report, "HL013")
    assert (switch["severity"], switch["line"]) == ("warning", 5)
    assert "no herder for the replication flow primary->dr" in switch["message"]
    assert "stops at start-up (No source->target replication flows.)" in switch["message"]
    assert "write primary->dr.enabled=true" in switch["message"]
    text = text.replace("primary->dr.enabled = true ", "primary->dr.enabled = true")  # the fix
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert only(report)["scope"] == "flow primary->dr" and not findings(report, "HL013")


def test_a_heartbeat_switch_with_a_blank_costs_the_flows_that_rely_on_it(honolint):
    # as in a real repository: every switch ends with a blank, so no pair gets a herder
    text = MM2.replace("primary->dr.enabled = true", "primary->dr.enabled = true ") + "emit.heartbeats.enabled=true \n"
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert producers(report) == []
    by_key = {f["key"]: f for f in findings(report, "HL013")}
    heartbeats = by_key["emit.heartbeats.enabled"]
    assert heartbeats["severity"] == "warning" and heartbeats["line"] == 13
    assert "no herder for the replication flow primary->dr or the heartbeats into primary (herder dr->primary)" \
        in heartbeats["message"]
    assert by_key["primary->dr.enabled"]["severity"] == "warning"


def test_a_directory_walk_shows_a_file_whose_switches_turned_its_flows_off(honolint):
    text = MM2.replace("primary->dr.enabled = true", "primary->dr.enabled = true ") + "emit.heartbeats.enabled=false\n"
    honolint.write("mm2/connect-mirror-maker.properties", text)
    honolint.write("mm2/consumer.properties", "bootstrap.servers=kafka:9092\ngroup.id=g\n")
    report, exit_code = honolint.json(str(honolint.tmp_path / "mm2"))
    (file,) = report["files"]
    assert file["path"].endswith("connect-mirror-maker.properties") and exit_code == 0
    assert [f["code"] for f in file["findings"]] == ["HL013"]


def test_a_heartbeat_switch_with_a_blank_where_nothing_relies_on_it_is_not_reported(honolint):
    text = MM2 + "emit.heartbeats.enabled=true \ndr->primary.emit.heartbeats.enabled=true\n"
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert only(report)["scope"] == "flow primary->dr" and not findings(report, "HL013")


def test_a_flow_switch_the_connector_refuses_is_no_flow(honolint):
    text = MM2.replace("primary->dr.enabled = true", "primary->dr.enabled = yes")
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert producers(report) == []
    (switch,) = findings(report, "HL013")
    assert switch["severity"] == "warning" and "its connector refuses the value" in switch["message"]


def test_mirrormaker_flow_override_with_5_in_flight_fails(honolint):
    text = MM2 + "primary->dr.producer.override.max.in.flight.requests.per.connection = 5\n"
    report, exit_code = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    assert exit_code == 1
    producer = only(report)
    assert producer["effective"]["max.in.flight.requests.per.connection"]["source"] == \
        "primary->dr.producer.override.*"
    assert "HL202" in codes(report)


def test_mirrormaker_keys_outside_a_target_alias_are_reported(honolint):
    text = MM2 + "producer.acks = all\nacks = all\ndr.enable.idempotence = true\n"
    report, _ = honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))
    unread = {f["key"]: f["message"] for f in findings(report, "HL006")}
    assert "use dr.producer.acks" in unread["producer.acks"]
    assert "use dr.producer.acks" in unread["acks"]
    assert "use dr.producer.enable.idempotence" in unread["dr.enable.idempotence"]


def test_mirrormaker_target_exactly_once_makes_the_flow_transactional(honolint):
    text = MM2 + "dr.exactly.once.source.support = enabled\n"
    producer = only(honolint.json(str(honolint.write("connect-mirror-maker.properties", text)))[0])
    assert producer["idempotent"] is True
    assert producer["effective"]["transactional.id"]["value"] == "primary-mm2-MirrorSourceConnector-<task>"


# ---------------------------------------------------------------- all five

@pytest.mark.parametrize("dialect", ["connect-worker", "connect-connector", "kafka-streams", "mirrormaker2", "strimzi"])
@pytest.mark.parametrize("name, text", [
    ("empty.properties", ""),
    ("list.yaml", "- a\n- b\n"),
    ("nulls.yaml", "clusters: ~\n\"a->b.enabled\": ~\nconnector.class: ~\napplication.id: ~\nstate.dir: ~\n"
                   "group.id: ~\nkey.converter: ~\n"),
    ("odd.json", '{"config": [1, 2], "name": {"x": 1}, "connector.class": []}'),
    ("cr.yaml", "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaMirrorMaker2\nspec:\n  mirrors: [1, {a: b}]\n"
                "  clusters: [{alias: ~}, [x]]\n  connectCluster: {a: 1}\n"),
])
def test_odd_input_never_raises(honolint, dialect, name, text):
    path = honolint.write(name, text)
    result = honolint.run("check", "--format", "json", "--dialect", dialect, str(path))
    assert result.exit_code in (0, 1), result.output


def test_the_dialects_are_listed(honolint):
    output = honolint.run("dialects").output
    for name in ("connect-worker", "connect-connector", "kafka-streams", "mirrormaker2", "strimzi"):
        line = next(line for line in output.splitlines() if line.startswith(name + " "))
        assert "not yet supported" not in line


# ---------------------------------------------------------------- Kafka Streams detection

TUNED_STREAMS = """\
# config/streams.properties of a tagging application
application.id=log-tagger
bootstrap.servers=kafka-0.kafka-headless:9092
num.stream.threads=4
linger.ms=250
batch.size=65536
compression.type=lz4
"""

TUNED_STREAMS_YAML = """\
application.id: log-tagger
bootstrap.servers: kafka-0.kafka-headless:9092
commit.interval.ms: 1000
acks: "1"
"""


@pytest.mark.parametrize("name, text", [("streams.properties", TUNED_STREAMS), ("streams.yaml", TUNED_STREAMS_YAML)])
def test_application_id_alone_makes_a_streams_configuration(honolint, name, text):
    report, exit_code = honolint.json(str(honolint.write(name, text)))
    assert report["files"][0]["dialect"] == "kafka-streams"
    producer = only(report)
    assert producer["scope"] == "streams application log-tagger"
    assert "HL103" not in codes(report)  # application.id and num.stream.threads are the application's
    if name.endswith(".properties"):
        assert exit_code == 0 and producer["effective"]["linger.ms"]["value"] == "250"
    else:
        assert exit_code == 1 and findings(report, "HL201")  # acks=1 reaches the producer


def test_a_producer_file_with_a_stray_application_id_stays_a_producer_file(honolint):
    text = ("application.id=billing\nbootstrap.servers=kafka:9092\nacks=all\n"
            "key.serializer=org.apache.kafka.common.serialization.StringSerializer\n"
            "value.serializer=org.apache.kafka.common.serialization.StringSerializer\n")
    report, _ = honolint.json(str(honolint.write("producer.properties", text)))
    assert report["files"][0]["dialect"] == "plain"


# ---------------------------------------------------------------- processing.guarantee as each release validates it


@pytest.mark.parametrize("name, text", [
    ("streams.properties", STREAMS + "processing.guarantee=exactly_once\n"),
    ("streams.yaml", "application.id: order-enricher\nbootstrap.servers: kafka:9092\n"
                     "processing.guarantee: exactly_once_beta\n"),
])
def test_guarantees_removed_in_4_0_are_refused_by_the_4_x_client(honolint, name, text):
    path = str(honolint.write(name, text))
    report, exit_code = honolint.json(path)
    assert exit_code == 1
    producer = only(report)
    value = text.rsplit(": ", 1)[-1].rsplit("=", 1)[-1].strip()
    assert producer["rejected"] == [f"Invalid value {value} for configuration processing.guarantee: String must be "
                                    "one of: at_least_once, exactly_once_v2"]
    (refused,) = [f for f in producer["findings"] if f["code"] == "HL102"]
    assert refused["severity"] == "error" and refused["key"] == "processing.guarantee"
    assert refused["line"] == text.count("\n")  # the processing.guarantee line, the last one
    assert refused["message"].endswith(f"Kafka Streams 4.0 removed {value} (deprecated since 3.0): write "
                                       "processing.guarantee=exactly_once_v2 (brokers 2.5 or newer)")
    assert producer["qos"]["at-least-once"]["ok"] is False
    fixed = str(honolint.write(name, text.replace(value, "exactly_once_v2")))
    report, exit_code = honolint.json(fixed)
    assert exit_code == 0 and not only(report)["rejected"] and "HL102" not in codes(report)


@pytest.mark.parametrize("guarantee", ["exactly_once", "exactly_once_beta"])
def test_deprecated_guarantees_are_a_warning_on_3_x(honolint, guarantee):
    path = str(honolint.write("streams.properties", STREAMS + f"processing.guarantee={guarantee}\n"))
    report, exit_code = honolint.json("--client", "java:3.9", path)
    producer = only(report)
    assert not producer["rejected"] and producer["qos"]["at-least-once"]["ok"] is True
    (warning,) = [f for f in producer["findings"] if f["code"] == "HL102"]
    assert warning["severity"] == "warning"
    assert f"Configuration parameter `{guarantee}` is deprecated and will be removed in the 4.0.0 release. " \
           "Please use `exactly_once_v2` instead." in warning["message"]
    report, _ = honolint.json("--client", "java:2.8", path)
    assert "HL102" not in codes(report) and not only(report)["rejected"]


@pytest.mark.parametrize("client, guarantee, allowed", [
    ("java:2.8", "exactly_once_v2", "at_least_once, exactly_once, exactly_once_beta"),
    ("java:2.5", "exactly_once_beta", "at_least_once, exactly_once"),
    ("java:3.9", "EXACTLY_ONCE_V2", "at_least_once, exactly_once, exactly_once_beta, exactly_once_v2"),
    ("java:4.0", "exactly-once", "at_least_once, exactly_once_v2"),
])
def test_a_guarantee_the_release_does_not_know_is_refused(honolint, client, guarantee, allowed):
    path = str(honolint.write("streams.properties", STREAMS + f"processing.guarantee= {guarantee} \n"))
    report, exit_code = honolint.json("--client", client, path)
    assert exit_code == 1
    assert only(report)["rejected"] == [f"Invalid value {guarantee} for configuration processing.guarantee: String "
                                        f"must be one of: {allowed}"]


def test_a_guarantee_known_only_at_deploy_time_is_not_judged(honolint):
    path = str(honolint.write("streams.properties", STREAMS + "processing.guarantee=${env:GUARANTEE}\n"))
    report, _ = honolint.json(path)
    assert not only(report)["rejected"] and "HL102" not in codes(report)
