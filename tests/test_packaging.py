"""What users install: one import name, the schema inside, a start that imports only what it needs."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_the_wheel_has_one_top_level_name_and_ships_rules_and_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("honolint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"honolint"}
    assert "honolint/rules/acks_not_all.py" in names
    assert "honolint/schema/report.schema.json" in names


def test_a_json_check_imports_neither_rich_nor_jsonschema_nor_click(tmp_path):
    """rich is for a text report on a terminal, jsonschema for a settings file, click for the command
    lines argv.py does not read: a pre-commit run needs none of them."""
    path = tmp_path / "p.properties"
    path.write_text("acks=all\n")
    probe = ("import sys\nfrom honolint.entry import main\nsys.argv = ['honolint', 'check', '--format', 'json', "
             f"{str(path)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'jsonschema', 'click')), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip() == "[]"
    assert '"schema": "honolint.report/1"' in result.stdout


def test_the_client_profiles_import_nothing_above_them():
    """One direction of flow: resolve -> profiles -> model. A profile computes an effective configuration
    with none of the stages that use it loaded (resolve, dialects, pipeline, rules, report)."""
    probe = ("import sys\nfrom honolint.model import Given\nfrom honolint.profiles import parse_client\n"
             "from honolint.profiles import java, librdkafka\n"
             "assert java.finalize(parse_client('java:2.0'), [Given('acks', 'all', 'file', 'f')]).refusals == []\n"
             "assert librdkafka.finalize(parse_client('librdkafka'), [Given('acks', '1', 'file', 'f')]).values\n"
             "above = ('honolint.resolve', 'honolint.unknowns', 'honolint.dialects', 'honolint.pipeline', "
             "'honolint.rulebook', 'honolint.rules', 'honolint.run', 'honolint.report', 'honolint.verdict')\n"
             "print(sorted(m for m in sys.modules if m.startswith(above)))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
