"""Fuzzing the other readers: TOML (Vector), INI (Fluent Bit), `.env` files, settings files and baselines.
Any text gives findings (a linted file) or a usage error with exit 2 (settings, baseline): never exit 3."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honolint.load import load_bytes
from honolint.pipeline import Linter, Options
from honolint.profiles import parse_client

LINTER = Linter(Options(parse_client("java")))
# pieces the readers care about, so the fuzz reaches their interesting branches
TOML = st.lists(st.sampled_from(["[sinks.k]", "[[a]]", 'type = "kafka"', "librdkafka_options.acks = '1'", "a.b.c = 1",
                                 '"q.k" = "v"', "x = [1, [2, {y = 3}]]", "'''", '"""', "\\u00", "# c", "=", "[", "]",
                                 "a = 1979-05-27", "\t", " ", "\n"]), max_size=14).map("".join)
INI = st.lists(st.sampled_from(["[OUTPUT]", "[ OUTPUT ]", "    Name kafka", "Name kafka", "rdkafka.acks 1",
                                "Brokers b:9092", "[", "]", "@INCLUDE x", "#", ";", "\t", " ", "\n"]),
               max_size=14).map("".join)
ENV = st.lists(st.sampled_from(["HONO_KAFKA_TELEMETRY_PRODUCERCONFIG_ACKS=1", "SPRING_KAFKA_PRODUCER_ACKS=all",
                                "export X=1", "A='b", 'B="c', "C=${D:-e}", "=", "#", "\\", " ", "\n"]),
               max_size=12).map("".join)
SETTINGS = st.lists(st.sampled_from(["client: java:3.9", "qos: at-most-once", "select: [HL2]", "ignore: HL208",
                                     "exclude: ['**/x', '[!a]*']", "defines: {A: b}", "per-file-ignores: {a: x}",
                                     "fail-level: info", "&a x", "*a", "- ", "{", "[", ":", "\t", " ", "\n"]),
                    max_size=12).map("".join)
BASELINE = st.lists(st.sampled_from(['{"schema": "honolint.baseline/1"', '"findings": [', '{"path": "p"', "]", "}",
                                     ",", ":", '"code": "HL201"', '"fingerprint": "x"', "null", "1", "[[", "\n"]),
                    max_size=12).map("".join)


def _lint(text: str, name: str) -> None:
    result = LINTER.lint(load_bytes(text.encode("utf-8", "replace"), name))
    assert result is not None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TOML, INI, ENV)
def test_any_toml_ini_and_env_text_gives_findings(toml_text, ini_text, env_text):
    _lint(toml_text, "vector.toml")
    _lint(ini_text, "fluent-bit.conf")
    _lint(env_text, "hono.env")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(SETTINGS, BASELINE)
def test_any_settings_or_baseline_text_is_a_run_or_a_usage_error(honolint, settings_text, baseline_text):
    producer = honolint.write("producer.properties", "acks=all\n")
    config = honolint.write(".honolint.yaml", settings_text)
    result = honolint.run("check", "--config", str(config), str(producer))
    assert result.exit_code in (0, 1, 2), result.output
    baseline = honolint.write("baseline.json", baseline_text)
    result = honolint.run("check", "--isolated", "--baseline", str(baseline), str(producer))
    assert result.exit_code in (0, 1, 2), result.output


def test_a_number_of_200000_digits_is_a_refused_value_not_an_internal_error(honolint):
    huge = "9" * 200_000
    for client, name, text in (("java", "producer.properties", f"acks=all\nlinger.ms={huge}\n"),
                               ("java:2.0", "producer.properties", f"acks=all\nbatch.size=0{huge}\n"),
                               ("librdkafka", "rdkafka.properties", f"queue.buffering.max.ms={huge}\nmessage.send.max.retries=0{huge}\n")):
        path = honolint.write(name, text)
        report, exit_code = honolint.json("--isolated", "--client", client, str(path))
        assert exit_code == 1 and "HL102" in [f["code"] for p in report["files"][0]["producers"] for f in p["findings"]]
        assert len(honolint.run("check", "--isolated", "--client", client, str(path)).stdout) < 20_000


def test_a_huge_settings_value_is_a_short_usage_error(honolint):
    settings_file = honolint.write(".honolint.yaml", "client: " + "x" * 100_000 + "\n")
    producer = honolint.write("producer.properties", "acks=all\n")
    result = honolint.run("check", "--config", str(settings_file), str(producer))
    assert result.exit_code == 2 and len(result.output) < 3_000 and "characters)" in result.output
