"""Runs every row of tests/rules/cases/<CODE>.yaml: each rule's passing and failing configurations, as data.

One file per rule, named by its code, holds a list of rows (a row may repeat `rule: CODE`, no other); what a
row may hold is cases.schema.json, and a row that breaks it, a name twice in one file or a file that names no
rule is a collection error naming the file and the row (case_files.py; test_case_files.py proves it refuses).
Each row has a `name`, unique in its file: the test id is the code, the name's slug and the file written,
e.g. `HL201[acks=1-explicitly]-producer.properties`.

A row writes one form. With `config` (Kafka keys and values, in order) it is written twice, as a
`.properties` file and as a flat YAML file with one key per line, so the key on line N is the N-th key in
both; with `hono` it is written as a Hono application.yml (telemetry producer) and as its `.properties`
form. With `properties` and/or `yaml` it is a raw file of each (`repeat: {count, properties, yaml}` appends
each text `count` times, `{n}` numbered from 0; `name_properties` / `name_yaml` name the files). `client`
and `qos` are --client (java when not given) and --qos; `args` are more command-line arguments
(`--define NAME=VALUE`).

What must happen: `fails: KEY`, the finding points at KEY (`~` for a producer-level finding with no key of
the file); or `lines: [N, ...]`, the lines the rule reports in a raw file (per form: `{properties: [...],
yaml: [...]}`); a row with neither must not show the rule at all. `severity` (every finding of the rule has
it) and `message` (a substring of one finding's message) check the finding further.
"""
from __future__ import annotations

import json

import pytest

from case_files import load, slug

CASES = load()

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
    for code, rows in CASES.items():
        for case in rows:
            for name, content, lines in _render(case):
                yield pytest.param(case, name, content, lines, id=f"{code}[{slug(case['name'])}]-{name}")


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
    mine = [f for f in findings if f["code"] == case["rule"]]
    if "fails" not in case and "lines" not in case:
        assert not mine, mine
        return
    if "fails" in case:
        wanted = case["fails"]
        assert mine, f"expected {case['rule']} in {findings}"
        if wanted is None:
            assert any(f["key"] not in lines for f in mine), mine
        else:
            assert any(f["line"] == lines[wanted] and f["key"] == wanted for f in mine), mine
    else:  # [N, ...], or per form: {properties: [...], yaml: [...]}
        wanted = case["lines"]
        if isinstance(wanted, dict):
            wanted = wanted["yaml" if name.endswith((".yml", ".yaml")) else "properties"]
        assert sorted({f["line"] for f in mine}) == wanted, mine
    if "severity" in case:
        assert {f["severity"] for f in mine} == {case["severity"]}, mine
    if "message" in case:
        assert any(case["message"] in f["message"] for f in mine), mine


def test_every_rule_has_a_passing_and_a_failing_case():
    from honolint.rulebook import rule_modules

    for module in rule_modules():  # a file of a code no rule has fails to load (case_files.load)
        assert module.CODE in CASES, f"{module.CODE} has no tests/rules/cases/{module.CODE}.yaml"
        rows = CASES[module.CODE]
        assert any("fails" in c or "lines" in c for c in rows), f"{module.CODE} has no failing case"
        assert any("fails" not in c and "lines" not in c for c in rows), f"{module.CODE} has no passing case"
