"""Hostile input takes time linear in its size: each hot spot gets a large input in the worst shape for
the code it replaced and a time bound far above the expected milliseconds, so only super-linear growth
fails."""
from __future__ import annotations

import time

from honolint.directives import scan
from honolint.load.ini_file import load_ini, looks_like_ini
from honolint.load.toml_file import load_toml

BOUND = 3.0  # seconds; each case takes milliseconds when linear


def _timed(call, *args):
    start = time.perf_counter()
    result = call(*args)
    assert time.perf_counter() - start < BOUND
    return result


def test_ini_section_line_of_blanks_is_linear():
    line = b"[" + b" \t" * 2048 + b"x" + b" \t" * 2048 + b"]x\n"  # almost a section: 8 KB of blanks
    assert _timed(looks_like_ini, line) is False
    assert _timed(load_ini, b"[s]\n" + line, "f.conf").documents[0].name == "s"


def test_ini_value_with_blank_runs_is_linear():
    line = b"[s]\nkey " + (b" \t" * 50_000 + b"v") * 4 + b"\n"
    entry = _timed(load_ini, line, "f.conf").documents[0].entries[0]
    assert entry.key == "key" and entry.value.endswith("v")


def test_ini_sections_and_pairs_read_as_before():
    loaded = load_ini(b"  [ IN PUT ]  \n  Name  =  tail  x  \nKey\tValue\n=odd\nlone\n", "f.conf")
    doc = loaded.documents[0]
    assert doc.name == "IN PUT"
    assert [(e.key, e.value, e.column, e.value_column) for e in doc.entries] == [
        ("Name", "tail  x", 3, 12), ("Key", "Value", 1, 5)]


def test_toml_header_line_of_blanks_is_linear():
    text = "[a]\nx = 1\n" + "s = '''\n[" + " \t" * 2048 + "x" + " \t" * 2048 + "] x\n'''\n"
    loaded = _timed(load_toml, text.encode(), "f.toml")
    assert loaded.error is None and loaded.documents[0].entries


def test_toml_headers_positions_as_before():
    loaded = load_toml(b"[ a . b ]  # c\nk = 1\n[[ arr ]]\nk = 2\n[[arr]]\nk = 3\n", "f.toml")
    assert {(e.path, e.line) for e in loaded.documents[0].entries} >= {(("a", "b", "k"), 2)}


def test_directive_scan_of_consecutive_comment_lines_is_linear():
    data = b"# honolint: ignore[HL201]\n" * 100_000 + b"acks=1\n"
    found = _timed(scan, data, "properties")
    assert len(found) == 100_000 and {target for _, _, target, _ in found} == {100_001}


def test_the_other_patterns_on_input_text_take_time_linear_in_it():
    """The regular expressions left on file text, fed the shapes that would make an ambiguous one backtrack."""
    import time

    from honolint.dialects import spring_cloud_stream, spring_documents
    from honolint.directives import _SETTING
    from honolint.load import toml_file
    from honolint.profiles import librdkafka

    n = 100_000
    started = time.perf_counter()
    for line in ("a." * n + "a", "a . " * n + "a", " " * n + "x", '"a\\' * n, "'a" * n):
        toml_file._KEY.match(line)
        toml_file._PART.match(line)
    for line in (" " * n + "x", "1" * n + "e", "0x" + "1" * n + "p", "." + "1" * n + "e+", "1." * n):
        librdkafka._STRTOD.match(line)
    for line in ("a-" * n + "x", "in-" * n, "a" * n + "Input!", "-" * n):
        spring_cloud_stream._INPUT.fullmatch(line)
        spring_cloud_stream._OUTPUT.fullmatch(line)
    list(spring_documents._TOKEN.finditer(" " * n + "a" * n))
    _SETTING.match("a" * n + "=" + "b" * n + " ")
    assert time.perf_counter() - started < 5
