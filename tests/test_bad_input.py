"""Bad input is normal input: any bytes, any YAML, any key gives findings, never an exception."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from honolint.load import load_bytes
from honolint.pipeline import Linter, Options
from honolint.profiles import parse_client
from honolint.report.json_report import encode, file_dict, file_json, report_dict

SCHEMA = json.loads((Path(__file__).parents[1] / "honolint" / "schema" / "report.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
LINTERS = [Linter(Options(parse_client(c), dialect=d)) for c, d in (
    ("java", None), ("java:2.0", "plain"), ("java:3.0.0", "hono"), ("librdkafka", None), ("librdkafka:1.0", "plain"))]
KEYS = ["acks", "retries", "max.in.flight.requests.per.connection", "enable.idempotence", "transactional.id",
        "delivery.timeout.ms", "linger.ms", "request.timeout.ms", "max.in.flight", "message.timeout.ms",
        "request.required.acks", "queue.buffering.max.ms", "hono.kafka.telemetry.producerConfig.acks",
        "hono.kafka.commonClientConfig.retries", "hono.kafka.producerConfig.acks", "topic.acks", "x", ""]
VALUES = st.one_of(st.sampled_from(["all", "-1", "0", "1", "6", "true", "FALSE", "yes", "", " 5 ", "3x", "010",
                                    "0x10", "2147483648", "-2147483649", "1e3", "~", "\u0663"]), st.text(max_size=8))


def _lint_everywhere(data: bytes, name: str) -> None:
    for linter in LINTERS:
        result = linter.lint(load_bytes(data, name))
        assert result is not None
        VALIDATOR.validate(report_dict([result]))
        assert file_json(result) == encode(file_dict(result))  # the streamed report says the same


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from(["f.properties", "f.yaml", "stdin"]))
def test_any_bytes(data, name):
    _lint_everywhere(data, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8))
def test_any_configuration_in_both_formats(pairs):
    properties = "".join(f"{k}={v}\n" for k, v in pairs).encode("latin-1", "replace")
    _lint_everywhere(properties, "f.properties")
    flat = "".join(f"{json.dumps(k)}: {json.dumps(v)}\n" for k, v in pairs).encode()
    _lint_everywhere(flat, "f.yaml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
                    lambda children: st.one_of(st.lists(children, max_size=3),
                                               st.dictionaries(st.sampled_from(KEYS + ["hono", "kafka"]), children,
                                                               max_size=4)),
                    max_leaves=20))
def test_any_yaml_tree(tree):
    _lint_everywhere(yaml.safe_dump(tree).encode(), "f.yaml")


@pytest.mark.parametrize("data", [
    b"[" * 20000,
    b"a:\n" + b"".join(b" " * i + b"b:\n" for i in range(1, 3000)),
    b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
                                                      % ((98 + i,) * 2 + (97 + i,) * 8) for i in range(9)),
    b"a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9, q: 10}\n" + b"".join(
        b"%c: &%c {p: *%c, q: *%c, r: *%c, s: *%c, t: *%c, u: *%c, v: *%c, w: *%c, x: *%c, y: *%c}\n"
        % ((98 + i,) * 2 + (97 + i,) * 10) for i in range(9)),
    b"a0: &a0 {x: 1, y: 2}\n" + b"".join(b"a%d: &a%d {<<: [*a%d, *a%d, *a%d]}\n" % (i, i, i - 1, i - 1, i - 1)
                                        for i in range(1, 40)),
    b"a: &a\n  b: *a\n",
    b"!!python/object/apply:os.system ['echo pwned']\n",
    b"acks: !!binary aGVsbG8=\nretries: !custom 5\n",
    b"\xef\xbb\xbfacks: 1\n",
    b"\x00\x01\x02",
    "k\u00e9y=v\u00e4lue\n".encode("latin-1"),
    b"acks=\\u00",
], ids=["deep-flow", "deep-block", "alias-bomb", "mapping-alias-bomb", "merge-chain",
    "recursive-alias", "python-tag", "unknown-tags", "bom", "nul",
        "latin-1", "truncated-escape"])
def test_named_hostile_inputs(data):
    _lint_everywhere(data, "f.yaml")
    _lint_everywhere(data, "f.properties")


EXAMPLES = sorted((Path(__file__).parents[1] / "examples").iterdir())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES), st.data())
def test_truncated_and_mutated_examples(example, data):
    original = example.read_bytes()
    cut = data.draw(st.integers(0, len(original)))
    mutated = bytearray(original[:cut])
    for _ in range(data.draw(st.integers(0, 4))):
        if mutated:
            mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    _lint_everywhere(bytes(mutated), example.name)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_json_it_can_parse(tmp_path, jobs, encoding):
    """Standard output in ASCII or Latin-1 (an old terminal, PYTHONIOENCODING): what it cannot hold is
    written as JSON's own escapes, so the report loads and says exactly what the files say."""
    import os
    import subprocess
    import sys

    for index in range(250):
        (tmp_path / f"p{index:03d}.properties").write_text("acks=1\n")
    (tmp_path / "caf\u00e9.yaml").write_text("client.id: caf\u00e9\nacks: \"1\U0001f600\"\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for fmt in ("json", "sarif", "gitlab"):
        run = subprocess.run([sys.executable, "-m", "honolint", "check", "--jobs", jobs, "--format", fmt,
                              str(tmp_path)], capture_output=True, env=env)
        assert run.returncode == 1, run.stderr
        report = json.loads(run.stdout.decode(encoding))
        if fmt == "json":
            (cafe,) = [f for f in report["files"] if f["path"].endswith(".yaml")]
            assert cafe["path"] == str(tmp_path / "caf\u00e9.yaml")
            assert cafe["producers"][0]["effective"]["acks"]["value"] == "1\U0001f600"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path, jobs):
    """A locale whose standard output is strict UTF-8 (en_US.UTF-8) met a name with a byte that is
    not UTF-8: the report shows it escaped, as --output-file does, and JSON stays loadable."""
    import os
    import subprocess
    import sys

    for index in range(250):
        (tmp_path / f"p{index:03d}.properties").write_text("acks=1\n")
    with open(os.path.join(os.fsencode(tmp_path), b"bad\xff.properties"), "wb") as handle:
        handle.write(b"acks=1\n")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    for fmt in ("text", "json"):
        run = subprocess.run([sys.executable, "-m", "honolint", "check", "--jobs", jobs, "--format", fmt,
                              str(tmp_path)], capture_output=True, env=env)
        assert run.returncode == 1, run.stderr
        assert b"internal error" not in run.stderr
        if fmt == "json":
            paths = [f["path"] for f in json.loads(run.stdout)["files"]]
            assert os.path.join(str(tmp_path), "bad\udcff.properties") in paths
        else:
            assert b"bad\\udcff.properties" in run.stdout
