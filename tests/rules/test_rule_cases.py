"""Runs every row of cases.yaml: each rule's passing and failing configurations, as data.

A row with `config` (Kafka keys and values, in order) is written twice, as a `.properties` file
and as a flat YAML file with one key per line, so the key on line N is the N-th key in both; a
row with `hono` is written as a Hono application.yml (telemetry producer) and as its
`.properties` form. A row with `properties` or `yaml` is a raw file (`repeat: {count, properties, yaml}` appends each text `count`
times, `{n}` numbered; `name_properties` / `name_yaml` name the files); `args` are more command-line
arguments (`--define NAME=VALUE`). `fails` names the key the
finding must point at (`~` for a producer-level finding with no key of the file), `lines` the
expected lines of a raw file; a row without either must not show the rule at all.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())

HONO_YAML_HEAD = "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n"
HONO_PROPERTIES_PREFIX = "hono.kafka.telemetry.producerConfig."


def _render(case: dict) -> list[tuple[str, str, dict[str, int]]]:
    """(file name, content, key -> line) for each form of the case."""
    if "config" in case:
        items = list(case["config"].items())
        lines = {key: index + 1 for index, (key, _) in enumerate(items)}
        properties = "".join(f"{key}={value}\n" for key, value in items)
        flat_yaml = "".join(f"{key}: {json.dumps(str(value))}\n" for key, value in items)
        return [("producer.properties", properties, lines), ("producer.yaml", flat_yaml, lines)]
    if "hono" in case:
        items = list(case["hono"].items())
        head = HONO_YAML_HEAD.count("\n")
        yaml_lines = {key: head + index + 1 for index, (key, _) in enumerate(items)}
        hono_yaml = HONO_YAML_HEAD + "".join(f"        {key}: {json.dumps(str(v))}\n" for key, v in items)
        properties = "".join(f'{HONO_PROPERTIES_PREFIX}"{key}"={value}\n' for key, value in items)
        return [("application.yml", hono_yaml, yaml_lines),
                ("application.properties", properties, {key: index + 1 for index, (key, _) in enumerate(items)})]
    forms = []
    repeat = case.get("repeat", {})  # text appended `count` times, {n} numbered from 0: files too long to write
    for form, name in (("properties", case.get("name_properties", "producer.properties")),
                       ("yaml", case.get("name_yaml", "producer.yaml"))):
        if form in case:
            more = "".join(repeat[form].replace("{n}", str(n)) for n in range(repeat["count"])) if repeat else ""
            forms.append((name, case[form] + more, {}))
    return forms


def _params():
    for index, case in enumerate(CASES):
        for name, content, lines in _render(case):
            yield pytest.param(case, name, content, lines, id=f"{case['rule']}-{index}-{case['name']}-{name}")


@pytest.mark.parametrize("case,name,content,lines", list(_params()))
def test_rule_case(honolint, case, name, content, lines):
    path = honolint.write(name, content)
    # the rule alone: with every rule on, one cause gives one finding per class (tests/test_one_cause.py)
    args = ["--select", case["rule"], "--client", case.get("client", "java"), *case.get("args", [])]
    if "qos" in case:
        args += ["--qos", case["qos"]]
    report, _ = honolint.json(*args, str(path))
    (file_report,) = report["files"]
    findings = file_report["findings"] + [f for p in file_report["producers"] for f in p["findings"]]
    mine = [f for f in findings if f["code"] == case["rule"] or f["name"] == case["rule"]]
    if "fails" in case:
        wanted = case["fails"]
        assert mine, f"expected {case['rule']} in {findings}"
        if wanted is None:
            assert any(f["key"] not in lines for f in mine), mine
        else:
            assert any(f["line"] == lines[wanted] and f["key"] == wanted for f in mine), mine
        if "severity" in case:
            assert {f["severity"] for f in mine} == {case["severity"]}
        if "message" in case:
            assert any(case["message"] in f["message"] for f in mine), mine
    elif "lines" in case:  # [N, ...], or per form: {properties: [...], yaml: [...]}
        wanted = case["lines"]
        if isinstance(wanted, dict):
            wanted = wanted["yaml" if name.endswith((".yml", ".yaml")) else "properties"]
        assert sorted({f["line"] for f in mine}) == wanted, mine
        if "message" in case:
            assert any(case["message"] in f["message"] for f in mine), mine
    else:
        assert not mine, mine


def test_every_rule_has_a_passing_and_a_failing_case():
    from honolint.rulebook import rule_modules

    for module in rule_modules():
        rows = [c for c in CASES if c["rule"] in (module.CODE, module.NAME)]
        assert any("fails" in c or "lines" in c for c in rows), f"{module.CODE} has no failing case"
        assert any("fails" not in c and "lines" not in c for c in rows), f"{module.CODE} has no passing case"
