"""One cause, one finding: a framework's `acks=1` default is one finding per class that fails, not one per
rule that notices it; reminders are said once per file, and only where they would change the producer."""
from __future__ import annotations

from lint_helpers import producers

QUARKUS = """\
kafka.bootstrap.servers=kafka:9092
mp.messaging.outgoing.prices.connector=smallrye-kafka
mp.messaging.outgoing.prices.topic=prices
mp.messaging.outgoing.prices.value.serializer=org.apache.kafka.common.serialization.DoubleSerializer
"""

SPRING_YAML = """\
spring:
  cloud:
    stream:
      bindings:
        orders-out-0:
          destination: orders
      kafka:
        binder:
          brokers: kafka:9092
"""


def by_class(findings: list[dict]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in findings:
        if finding["severity"] == "info":
            continue
        for qos_class in finding["classes"]:
            found.setdefault(qos_class, []).append(finding["code"])
    return found


def test_a_framework_default_acks_1_is_one_finding_per_failing_class(honolint):
    for name, text in (("src/main/resources/application.properties", QUARKUS),
                       ("src/main/resources/application.yml", SPRING_YAML)):
        report, exit_code = honolint.json("--client", "java:3.9", str(honolint.write(name, text)))
        (producer,) = producers(report)
        assert exit_code == 1
        assert by_class(producer["findings"]) == {"at-least-once": ["HL201"], "at-most-once": ["HL202"]}, name
        acks = next(f for f in producer["findings"] if f["code"] == "HL201")
        # the one finding says what the others would have: acks=1 also turns idempotence off
        assert "turns the default idempotence off" in acks["message"] and acks["message"].endswith("set acks=all")
        order = next(f for f in producer["findings"] if f["code"] == "HL202")
        assert order["classes"] == ["at-most-once"] and "acks=all, which keeps the producer idempotent" in order[
            "message"]


def test_the_text_report_of_a_framework_default_shows_one_finding_per_failing_class(honolint):
    path = honolint.write("src/main/resources/application.properties", QUARKUS)
    out = honolint.run("check", "--client", "java:3.9", str(path)).stdout
    lines = [line.split()[1] for line in out.splitlines() if line.strip().startswith(f"{path}:")]
    errors_and_warnings = [line for line in out.splitlines() if " error: " in line or " warning: " in line]
    assert len(errors_and_warnings) == 2 and "HL204" not in lines
    assert lines[:1] == ["HL201"] and "HL202" in lines


def test_without_the_more_direct_rule_the_next_one_speaks_for_the_cause(honolint):
    path = honolint.write("producer.properties", "bootstrap.servers=kafka:9092\nacks=1\n")
    report, _ = honolint.json("--ignore", "HL201", str(path))
    assert by_class(producers(report)[0]["findings"]) == {"at-least-once": ["HL202"], "at-most-once": ["HL202"]}
    honolint.write("suppressed.properties", "# honolint: ignore[HL201] leader acks are enough here\nacks=1\n")
    report, _ = honolint.json(str(honolint.tmp_path / "suppressed.properties"))
    assert by_class(producers(report)[0]["findings"]) == {"at-least-once": ["HL202"], "at-most-once": ["HL202"]}


def test_more_than_five_in_flight_is_one_order_finding_not_a_second_idempotence_warning(honolint):
    path = honolint.write("producer.properties", "acks=all\nmax.in.flight.requests.per.connection=6\n")
    report, _ = honolint.json("--client", "java:3.9", str(path))
    findings = producers(report)[0]["findings"]
    assert by_class(findings) == {"at-least-once": ["HL202"], "at-most-once": ["HL202"]}
    assert {f["key"] for f in findings if f["code"] == "HL202"} == {"max.in.flight.requests.per.connection"}
    report, _ = honolint.json("--client", "java:3.9", "--select", "HL204", str(path))
    assert [f["code"] for f in producers(report)[0]["findings"]] == ["HL204"]  # on its own, it still speaks


def test_a_baseline_of_condensed_findings_hides_them_all(honolint):
    path = honolint.write("producer.properties", "acks=1\n")
    baseline = honolint.tmp_path / "baseline.json"
    assert honolint.run("check", "--write-baseline", str(baseline), str(path)).exit_code == 0
    report, exit_code = honolint.json("--baseline", str(baseline), str(path))
    assert producers(report)[0]["findings"] == [] and exit_code == 0


def test_idempotence_privileges_are_mentioned_once_per_file_and_not_where_the_framework_forces_it(honolint):
    documents = "acks: all\nclient.id: first\n---\nacks: all\nclient.id: second\n"
    report, _ = honolint.json(str(honolint.write("producers.yaml", documents)))
    assert [[f["code"] for f in p["findings"] if f["code"] == "HL207"] for p in producers(report)] == [["HL207"], []]
    hono = ("hono:\n  kafka:\n    commonClientConfig:\n      bootstrap.servers: kafka:9092\n"
            "    telemetry:\n      producerConfig:\n        acks: all\n")
    report, _ = honolint.json(str(honolint.write("application.yml", hono)))
    assert "HL207" not in [f["code"] for p in producers(report) for f in p["findings"]]


def test_idempotence_is_not_recommended_to_a_producer_that_keeps_order_with_one_request_in_flight(honolint):
    connect_like = "acks=all\nmax.in.flight.requests.per.connection=1\nenable.idempotence=false\n"
    report, _ = honolint.json(str(honolint.write("producer.properties", connect_like)))
    assert not [f for f in producers(report)[0]["findings"] if f["key"] == "enable.idempotence"]
    reorders = "acks=all\nretries=0\nenable.idempotence=false\n"
    report, _ = honolint.json(str(honolint.write("noretry.properties", reorders)))
    assert [f["code"] for f in producers(report)[0]["findings"] if f["key"] == "enable.idempotence"] == ["HL208"]


def test_the_text_report_counts_the_producers_infos_and_lists_them_when_asked(honolint):
    path = honolint.write("producer.properties", "bootstrap.servers=kafka:9092\nacks=all\n")
    out = honolint.run("check", str(path)).stdout
    assert "HL208" not in out and "HL207" not in out
    assert out.splitlines()[-1].endswith("0 error(s), 0 warning(s), 2 info (not listed: --show-infos lists them)")
    for args in (["--show-infos"], ["--fail-level", "info"]):
        out = honolint.run("check", *args, str(path)).stdout
        assert "HL208  info: recommended: set delivery.timeout.ms" in out and "HL207  info" in out
        assert out.splitlines()[-1].endswith("2 info")
    assert "HL208" not in honolint.run("check", "-q", str(path)).stdout
    assert "HL208" in honolint.run("check", "-q", "--show-infos", str(path)).stdout
    report, _ = honolint.json(str(path))  # JSON keeps everything
    assert sorted(f["code"] for f in producers(report)[0]["findings"]) == ["HL207", "HL208"]
    many = [str(honolint.write(f"many/p{i}.properties", "acks=all\n")) for i in range(3)]
    out = honolint.run("check", "-j", "2", *many).stdout
    assert out.splitlines()[-1].endswith("6 info (not listed: --show-infos lists them)")
