"""`.properties` loading as `java.util.Properties.load(InputStream)` does it, with positions."""
from __future__ import annotations

import pytest

from honolint.load.properties import MALFORMED_U, load_properties
from honolint.model import Entry, LoadedFile


def load(data: bytes) -> LoadedFile:
    loaded = load_properties(data, "producer.properties")
    assert loaded.path == "producer.properties"
    assert loaded.format == "properties"
    return loaded


def entries(data: bytes) -> dict[str, Entry]:
    loaded = load(data)
    assert loaded.error is None, loaded.error
    assert [d.index for d in loaded.documents] == [0]
    result = {e.path[0]: e for e in loaded.documents[0].entries}
    assert len(result) == len(loaded.documents[0].entries), "one entry per key"
    return result


def values(data: bytes) -> dict[str, str]:
    return {k: e.value for k, e in entries(data).items()}  # type: ignore[misc]


def pos(e: Entry) -> tuple[int, int, int, int]:
    return (e.line, e.column, e.value_line, e.value_column)


# ------------------------------------------------------------------------------ positions


def test_positions_of_keys_and_values() -> None:
    got = entries(b"# producer\nacks=all\n  retries = 5\n\nlinger.ms:10\n")
    assert pos(got["acks"]) == (1 + 1, 1, 2, 6)
    assert pos(got["retries"]) == (3, 3, 3, 13)
    assert pos(got["linger.ms"]) == (5, 1, 5, 11)
    e = got["acks"]
    assert (e.path, e.raw, e.yaml_type, e.document) == (("acks",), None, None, 0)
    assert e.key == "acks"


def test_value_continued_on_the_next_line() -> None:
    got = entries(b"bootstrap.servers=kafka-0:9092,\\\n    kafka-1:9092\nacks=all\n")
    assert got["bootstrap.servers"].value == "kafka-0:9092,kafka-1:9092"
    assert pos(got["bootstrap.servers"]) == (1, 1, 1, 19)
    assert pos(got["acks"]) == (3, 1, 3, 6)  # line numbers count natural lines


def test_value_that_starts_after_a_continuation() -> None:
    got = entries(b"acks = \\\n    all\n")
    assert got["acks"].value == "all"
    assert pos(got["acks"]) == (1, 1, 2, 5)


def test_key_split_by_a_continuation() -> None:
    got = entries(b"ac\\\n  ks=all\n")
    assert got["acks"].value == "all"
    assert pos(got["acks"]) == (1, 1, 2, 6)


def test_empty_value_position_is_where_it_would_start() -> None:
    got = entries(b"linger.ms=\nacks\n")
    assert got["linger.ms"].value == ""
    assert pos(got["linger.ms"]) == (1, 1, 1, 11)
    assert got["acks"].value == ""
    assert pos(got["acks"]) == (2, 1, 2, 5)


def test_columns_count_latin1_characters() -> None:
    got = entries(b"\tk\xe9y = v\n")  # a tab and an 0xE9 byte are one column each
    assert pos(got["k\xe9y"]) == (1, 2, 1, 8)


# ------------------------------------------------------------------------------ values


def test_hash_after_a_value_is_part_of_the_value() -> None:
    assert values(b"acks=all # durable\n") == {"acks": "all # durable"}


def test_colon_and_whitespace_separators() -> None:
    assert values(b"a: 1\nb 2\nc\t:\t3\nd = = 4\ne\f5\nf=:6\n") == {
        "a": "1", "b": "2", "c": "3", "d": "= 4", "e": "5", "f": ":6",
    }


def test_trailing_whitespace_is_kept_in_the_value() -> None:
    assert values(b"acks=all  \n") == {"acks": "all  "}


def test_key_without_value() -> None:
    assert values(b"enable.idempotence\n") == {"enable.idempotence": ""}


def test_escapes() -> None:
    assert values(b"a\\=b\\:c\\ d=x\\ty\\nz\\\\w\\q\n") == {"a=b:c d": "x\ty\nz\\wq"}


def test_unicode_escape_in_a_key() -> None:
    assert values(b"\\u0061cks=all\n") == {"acks": "all"}


def test_unicode_escape_split_by_a_continuation() -> None:
    assert values(b"acks=\\u00\\\n   61ll\n") == {"acks": "all"}


def test_surrogate_pair_escapes_make_one_character() -> None:
    assert values(b"k=\\uD83D\\uDE00\n") == {"k": "\U0001F600"}


def test_byte_e9_is_e_acute() -> None:
    assert values(b"client.id=caf\xe9\n") == {"client.id": "caf\u00e9"}


def test_utf8_bytes_are_read_as_latin1_like_java() -> None:
    # Properties.load(InputStream) reads ISO-8859-1: UTF-8 text turns into mojibake, a BOM
    # becomes part of the first key
    assert values("client.id=caf\u00e9\n".encode("utf-8")) == {"client.id": "caf\u00c3\u00a9"}
    assert values(b"\xef\xbb\xbfacks=all\n") == {"\u00ef\u00bb\u00bfacks": "all"}


def test_only_space_tab_formfeed_are_whitespace_and_only_cr_lf_end_lines() -> None:
    assert values(b"\f acks=1\x0b2\x853\n") == {"acks": "1\x0b2\x853"}


# ------------------------------------------------------------------------------ lines


def test_crlf_file() -> None:
    got = entries(b"acks=all\r\nretries=3\r\n\r\nlinger.ms=5\r\n")
    assert {k: e.value for k, e in got.items()} == {"acks": "all", "retries": "3", "linger.ms": "5"}
    assert [e.line for e in got.values()] == [1, 2, 4]


def test_cr_only_and_mixed_line_ends() -> None:
    got = entries(b"a=1\rb=2\r\nc=3\nd=4")
    assert {k: e.value for k, e in got.items()} == {"a": "1", "b": "2", "c": "3", "d": "4"}
    assert [e.line for e in got.values()] == [1, 2, 3, 4]


def test_continuation_with_crlf() -> None:
    assert values(b"k=a\\\r\n  b\r\nz=1\r\n") == {"k": "ab", "z": "1"}


def test_even_backslashes_do_not_continue() -> None:
    assert values(b"k=a\\\\\nb=c\n") == {"k": "a\\", "b": "c"}


def test_comment_ending_in_backslash_does_not_continue() -> None:
    got = entries(b"# see \\\nacks=all\n")
    assert got["acks"].value == "all"
    assert got["acks"].line == 2


def test_continuation_line_starting_with_hash_is_not_a_comment() -> None:
    assert values(b"k=a\\\n  #b\n") == {"k": "a#b"}


def test_empty_line_ends_a_continuation() -> None:
    assert values(b"k=a\\\n\nb=c\n") == {"k": "a", "b": "c"}


def test_continuation_at_end_of_file() -> None:
    assert values(b"acks=all\\") == {"acks": "all"}
    assert values(b"acks=all\\\n") == {"acks": "all"}


def test_lone_backslash_line() -> None:
    # a line of one backslash joins nothing: the next line starts afresh (even as a comment) ...
    assert values(b"\\\nacks=all\n") == {"acks": "all"}
    assert values(b"\\\n# acks=0\nacks=all\n") == {"acks": "all"}
    # ... and right before the end of the file it is the empty key (not after a CRLF)
    assert values(b"acks=all\n\\\n") == {"acks": "all", "": ""}
    assert values(b"acks=all\n\\") == {"acks": "all", "": ""}
    assert values(b"acks=all\r\n\\\r\n") == {"acks": "all"}


def test_empty_and_blank_files() -> None:
    for data in (b"", b"\n", b"  \t\f\r\n", b"# only a comment\n"):
        loaded = load(data)
        assert loaded.error is None
        assert len(loaded.documents) == 1 and loaded.documents[0].entries == []


# ------------------------------------------------------------------------------ duplicates


def test_duplicate_keys_last_wins() -> None:
    loaded = load(b"acks=1\nretries=3\nacks=all\n")
    doc = loaded.documents[0]
    assert [(e.key, e.value, e.line) for e in doc.entries] == [("retries", "3", 2), ("acks", "all", 3)]
    assert len(doc.duplicates) == 1
    dup = doc.duplicates[0]
    assert (dup.first.value, dup.first.line, dup.second.value, dup.second.line) == ("1", 1, "all", 3)


def test_three_occurrences_give_two_duplicates() -> None:
    doc = load(b"acks=0\nacks=1\nacks=all\n").documents[0]
    assert [e.value for e in doc.entries] == ["all"]
    assert [(d.first.line, d.second.line) for d in doc.duplicates] == [(1, 2), (2, 3)]


def test_duplicates_compare_decoded_keys() -> None:
    doc = load(b"acks=0\n\\u0061cks=all\n").documents[0]
    assert [(e.key, e.value) for e in doc.entries] == [("acks", "all")]
    assert len(doc.duplicates) == 1


# ------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"acks=all\nretries=\\u12\n", 2, 9),
        (b"acks=all\nretries=\\u12zz\n", 2, 9),
        (b"\n  \\uXYZW=1\n", 2, 3),
        (b"k=ok\\u0041 \\u00", 1, 12),  # at the end of the file
        (b"k=\\\n  x\\u004", 2, 4),  # position after a continuation
    ],
)
def test_malformed_unicode_escape_fails_the_whole_file(data: bytes, line: int, column: int) -> None:
    loaded = load(data)
    assert loaded.documents == []
    assert loaded.error is not None
    assert loaded.error.message == "Malformed \\uxxxx encoding." == MALFORMED_U
    assert (loaded.error.line, loaded.error.column) == (line, column)


def test_malformed_escape_in_a_comment_is_harmless() -> None:
    assert values(b"# \\u12\nacks=all\n") == {"acks": "all"}
