"""`# honolint:` comments in the linted files: line and file suppressions, in-file settings, the
unused-suppression (HL008) and invalid-directive (HL009) findings, and --no-inline-ignores; each
in the `.properties` and the YAML form."""
from __future__ import annotations

import json

import pytest

from lint_helpers import codes, producers

# client.id first, so that a producer-level finding (no key of the file) points at line 1 and the
# acks finding (HL201, the only error) at the acks line
FORMS = {
    "properties": ("p.properties", "client.id=orders\n{above}acks=1\nenable.idempotence=false\n"
                                   "max.in.flight.requests.per.connection=1\n"),
    "yaml": ("p.yaml", "client.id: orders\n{above}acks: 1\nenable.idempotence: false\n"
                       "max.in.flight.requests.per.connection: 1\n"),
}


def write(honolint, form: str, above: str = "", tail: str = ""):
    name, template = FORMS[form]
    return honolint.write(name, template.format(above=above) + tail)


def findings(report: dict) -> list[dict]:
    return [f for file in report["files"] for f in file["findings"]] + [
        f for p in producers(report) for f in p["findings"]]


@pytest.mark.parametrize("form", FORMS)
def test_without_directives_the_error_fails_the_run(honolint, form):
    report, exit_code = honolint.json(str(write(honolint, form)))
    assert "HL201" in codes(report) and exit_code == 1


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("rule", ["HL201", "acks-not-all", "HL2", "hl201", "HL201,HL208"])
def test_a_suppression_on_the_line_before_the_key(honolint, form, rule):
    path = write(honolint, form, above=f"# honolint: ignore[{rule}] the metrics producer may lose records\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" not in codes(report)
    assert exit_code == 0  # a suppressed error does not fail the run
    assert producers(report)[0]["qos"]["at-least-once"]["ok"] is False  # the verdict is a fact: unchanged
    assert "HL008" not in codes(report) or rule == "HL201,HL208"


@pytest.mark.parametrize("form", FORMS)
def test_comment_lines_between_the_directive_and_the_key_are_skipped(honolint, form):
    marker = "!" if form == "properties" else "#"
    path = write(honolint, form, above=f"# honolint: ignore[HL201] legacy\n{marker} owned by team metrics\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" not in codes(report) and exit_code == 0


@pytest.mark.parametrize("form", FORMS)
def test_a_blank_line_ends_a_suppression_which_is_then_reported_unused(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL201]\n\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" in codes(report) and exit_code == 1
    (unused,) = [f for f in findings(report) if f["code"] == "HL008"]
    assert unused["line"] == 2 and unused["severity"] == "info" and "suppresses nothing" in unused["message"]


def test_a_trailing_yaml_suppression_applies_to_its_own_line(honolint):
    path = honolint.write("p.yaml", "client.id: orders\nacks: 1   # honolint: ignore[HL201] legacy\n"
                                    "enable.idempotence: false\nmax.in.flight.requests.per.connection: 1\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" not in codes(report) and "HL008" not in codes(report) and exit_code == 0


def test_a_trailing_properties_comment_is_part_of_the_value_not_a_directive(honolint):
    path = honolint.write("p.properties", "client.id=orders\nacks=1 # honolint: ignore[HL201]\n")
    report, exit_code = honolint.json(str(path))
    assert "HL008" not in codes(report) and exit_code == 1
    (comment,) = [f for f in findings(report) if f["code"] == "HL003"]
    assert "on a comment line of its own" in comment["message"]


def test_a_properties_comment_that_continues_a_line_is_text(honolint):
    path = honolint.write("p.properties", "client.id=orders \\\n# honolint: ignore[HL201]\nacks=1\n"
                                          "enable.idempotence=false\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" in codes(report) and "HL008" not in codes(report) and exit_code == 1


def test_a_hash_inside_a_quoted_yaml_value_is_no_comment(honolint):
    path = honolint.write("p.yaml", 'client.id: "a # honolint: ignore[HL201]"\nacks: 1\nenable.idempotence: false\n')
    report, _ = honolint.json(str(path))
    assert "HL201" in codes(report) and "HL008" not in codes(report)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_file_ignore_anywhere_in_the_file(honolint, form, where):
    directive = "# honolint: file-ignore[acks-not-all, HL208] this producer feeds a best-effort dashboard\n"
    path = write(honolint, form, above=directive if where == "top" else "", tail=directive if where == "bottom" else "")
    report, exit_code = honolint.json(str(path))
    assert not {"HL201", "HL208", "HL008"} & set(codes(report))
    assert exit_code == 0


@pytest.mark.parametrize("form", FORMS)
def test_only_the_unused_codes_of_a_suppression_are_reported(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL201, HL205]\n")
    report, exit_code = honolint.json(str(path))
    (unused,) = [f for f in findings(report) if f["code"] == "HL008"]
    assert "ignore[HL205]" in unused["message"] and "HL201," not in unused["message"]
    assert exit_code == 0  # an info finding


@pytest.mark.parametrize("form", FORMS)
def test_unused_suppressions_can_themselves_be_silenced_or_ignored(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL205]\n", tail="# honolint: file-ignore[HL008]\n")
    report, _ = honolint.json(str(path))
    assert "HL008" not in codes(report)
    path = write(honolint, form, above="# honolint: ignore[HL205]\n")
    report, _ = honolint.json("--ignore", "unused-suppression", str(path))
    assert "HL008" not in codes(report)


@pytest.mark.parametrize("form", FORMS)
def test_a_suppression_counts_as_used_even_when_the_rule_is_not_selected(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL201]\n")
    report, _ = honolint.json("--ignore", "HL201", str(path))
    assert "HL008" not in codes(report)


@pytest.mark.parametrize("form", FORMS)
def test_in_file_settings_set_the_target_class_and_the_client(honolint, form):
    # acks=1 with one request in flight: AT MOST ONCE holds, AT LEAST ONCE does not
    path = write(honolint, form, above="# honolint: qos=at-most-once client=java:3.9\n")
    report, exit_code = honolint.json(str(path))
    (producer,) = producers(report)
    assert producer["target"] == "at-most-once" and producer["client"] == "java:3.9"
    assert exit_code == 0
    assert "HL009" not in codes(report)


@pytest.mark.parametrize("form", FORMS)
def test_an_in_file_dialect(honolint, form):
    path = write(honolint, form, above="# honolint: dialect=librdkafka\n")
    report, _ = honolint.json(str(path))
    assert report["files"][0]["dialect"] == "librdkafka" and producers(report)[0]["client"] == "librdkafka:2.16"


@pytest.mark.parametrize("form", FORMS)
def test_the_command_line_wins_over_in_file_settings(honolint, form):
    path = write(honolint, form, above="# honolint: qos=at-most-once client=java:3.9\n")
    report, exit_code = honolint.json("--qos", "at-least-once", str(path))
    (producer,) = producers(report)
    assert producer["target"] == "at-least-once" and producer["client"] == "java:3.9"
    assert exit_code == 1


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("directive,message", [
    ("qos=exactly-once", "'exactly-once' is not a QoS class"),
    ("client=kafkajs", "kafkajs"),
    ("client=java:9.1", "java:9.1 is not modelled"),
    ("dialect=spring", "'spring' is not a dialect"),
    ("colour=red", "not an in-file setting"),
    ("ignore HL201", "not a directive honolint knows"),
    ("ignore[]", "lists no rule"),
    ("ignore[HL2O1]", "'HL2O1' in `honolint: ignore[...]` names no rule"),
    ("file-ignore[no-such-rule]", "'no-such-rule'"),
])
def test_bad_directives_are_findings_not_crashes(honolint, form, directive, message):
    path = write(honolint, form, above=f"# honolint: {directive}\n")
    report, exit_code = honolint.json(str(path))
    (invalid,) = [f for f in findings(report) if f["code"] == "HL009"]
    assert message in invalid["message"] and invalid["line"] == 2 and invalid["severity"] == "warning"
    assert producers(report)[0]["target"] == "at-least-once"  # linted as if the directive were not there
    assert exit_code == 1  # HL201 is still there (a warning alone would not fail)


@pytest.mark.parametrize("form", FORMS)
def test_an_unknown_code_does_not_stop_the_others(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL201, HL2O2]\n")
    report, exit_code = honolint.json(str(path))
    assert "HL201" not in codes(report) and "HL009" in codes(report) and exit_code == 0


@pytest.mark.parametrize("form", FORMS)
def test_no_inline_ignores_turns_every_directive_off(honolint, form):
    path = write(honolint, form, above="# honolint: ignore[HL201]\n# honolint: qos=at-most-once\n",
                 tail="# honolint: file-ignore[HL208]\n# honolint: ignore[HL9999]\n")
    report, exit_code = honolint.json("--no-inline-ignores", str(path))
    assert {"HL201", "HL208"} <= set(codes(report))
    assert not {"HL008", "HL009"} & set(codes(report))
    assert producers(report)[0]["target"] == "at-least-once"
    assert exit_code == 1


def test_a_suppression_in_a_hono_tree(honolint):
    path = honolint.write("application.yml", "hono:\n  kafka:\n    telemetry:\n      producerConfig:\n"
                                             "        # honolint: ignore[client-refuses] fixed in the next release\n"
                                             "        acks: 1\n")
    report, exit_code = honolint.json(str(path))
    assert "HL101" not in codes(report) and "HL008" not in codes(report) and exit_code == 0
    assert producers(report)[0]["rejected"]  # the producer is still refused: only the finding is gone


def test_the_text_report_says_how_many_findings_it_does_not_show(honolint):
    path = write(honolint, "properties", above="# honolint: ignore[HL201]\n")
    result = honolint.run("check", "--color", "never", str(path))
    assert result.exit_code == 0
    assert "AT LEAST ONCE  FAIL" in result.stdout  # the verdict stays
    assert result.stdout.splitlines()[-1] == "1 finding not shown: ignored, suppressed in the file or in the baseline"


def test_suppressed_findings_are_gone_from_every_format(honolint):
    path = write(honolint, "yaml", above="# honolint: ignore[HL201]\n")
    for fmt in ("sarif", "github", "gitlab", "junit"):
        result = honolint.run("check", "--format", fmt, str(path))
        out = result.stdout
        if fmt == "sarif":  # the rules' documentation names HL201: look at the results only
            out = json.dumps(json.loads(out)["runs"][0]["results"])
        assert "HL201" not in out and "HL208" in out, fmt
        assert result.exit_code == 0


def test_directive_scan_costs_nothing_without_the_marker():
    from honolint.load import load_bytes

    assert load_bytes(b"acks=1\n# honolint but no colon\n", "p.properties").directives == []
    loaded = load_bytes(b"a: 1\nacks: 1  # honolint: ignore[HL201] why\n# honolint: file-ignore[HL2]\n", "p.yaml")
    assert loaded.directives == [(2, 10, 2, "ignore[HL201] why"), (3, 1, 4, "file-ignore[HL2]")]


@pytest.mark.parametrize("line,start", [
    ("a: b # c", 5), ("a: 'x # y' # c", 11), ('a: "x \\" # y" # c', 14), ("a: it's # c", 8),
    ("a: b#c", -1), ("# c", 0), ("- 'x''#' # c", 9), ('k = "v # w" # c', 12),
])
def test_the_yaml_comment_heuristic(line, start):
    from honolint.directives import comment_start

    assert comment_start(line) == start
