"""The case files are strict: a row the runner would misread, or silently skip a check of, is refused with
the file, the line and the row named (case_files.py, cases.schema.json)."""
from __future__ import annotations

import pytest

from case_files import CaseError, load, parse

GOOD = "- name: acks=all\n  config: {acks: all}\n"


def _refused(text: str, code: str = "HL201") -> str:
    with pytest.raises(CaseError) as raised:
        parse(code, text, f"tests/rules/cases/{code}.yaml")
    return str(raised.value)


def test_a_misspelt_field_is_refused_with_the_file_and_the_row():
    said = _refused(GOOD + "- name: acks=1\n  config: {acks: 1}\n  fails: acks\n  mesage: acks=1 at line 1\n")
    assert said.startswith("tests/rules/cases/HL201.yaml:3: row 2 ('acks=1'): ")
    assert "'mesage' was unexpected" in said


@pytest.mark.parametrize("text,said", [
    ("- config: {acks: all}\n", "'name' is a required property"),
    (GOOD + "- name: ACKS=all\n  config: {acks: 1}\n", "row 2 ('ACKS=all'): the same test id 'acks=all' as row 1"),
    ("- name: x\n  client: java\n", "a row writes one form"),
    ("- name: x\n  config: {acks: all}\n  yaml: 'acks: 1'\n", "a row writes one form"),
    ("- name: x\n  config: {acks: all}\n  fails: [acks]\n", "fails: ['acks'] is not of type 'string', 'null'"),
    ("- name: x\n  yaml: 'acks: 1'\n  lines: [one]\n", "lines: ['one'] does not fit: the lines the rule reports"),
    ("- name: x\n  yaml: 'acks: 1'\n  lines: {properties: [1]}\n", "lines must name each form the row writes"),
    ("- name: x\n  config: {acks: 1}\n  fails: acks\n  lines: [1]\n", "either `fails` (a key) or `lines`"),
    ("- name: x\n  config: {acks: all}\n  message: acks\n", "only with `fails` or `lines`"),
    ("- name: x\n  config: {acks: 1}\n  fails: acks\n  fails: retries\n", "'fails' is written twice"),
    ("- name: x\n  rule: HL202\n  config: {acks: all}\n", "rule 'HL202' in the file of HL201"),
    ("name: x\nconfig: {acks: all}\n", "is not of type 'array'"),
    ("- name: x\n  config: {linger.ms: 0100}\n", "config.linger.ms: YAML reads 0100 as 64: quote it"),
    ("- name: x\n  hono: {enable.idempotence: true}\n", "hono.enable.idempotence: True is not of type 'string', 'integer'"),
], ids=["no name", "a name twice", "no form", "two forms", "fails a list", "lines not numbers", "lines of another form",
        "fails and lines", "message of a passing row", "a field twice", "another rule", "not a list",
        "a number yaml retypes", "a boolean"])
def test_a_row_the_runner_would_misread_is_refused(text, said):
    assert said in _refused(text)


def test_a_file_named_by_no_rule_is_refused(tmp_path):
    (tmp_path / "HL201.yaml").write_text(GOOD)
    assert list(load(tmp_path, {"HL201"})) == ["HL201"]
    (tmp_path / "HL299.yaml").write_text(GOOD)
    with pytest.raises(CaseError, match=r"HL299.yaml: not a rule's case file"):
        load(tmp_path, {"HL201"})


def test_a_row_may_name_its_own_rule():
    (row,) = parse("HL201", "- rule: HL201\n  name: acks=all\n  config: {acks: all}\n", "HL201.yaml")
    assert row["rule"] == "HL201"
