"""Settings globs match as the regular expressions they replaced did, in time linear in the path."""
from __future__ import annotations

import re
import time

from hypothesis import given, settings, strategies as st

from honolint.globs import Glob


def _regex(pattern: str) -> str:
    """The translation honolint used before (a backtracking regular expression), kept as the oracle."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            out.append("(?:/.*)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out) + r"\Z"


def _old(pattern: str):
    text = pattern.strip()
    anchored = "/" in text.rstrip("/")
    text = text.strip("/") if anchored else text.rstrip("/")
    regex = re.compile(_regex(text), re.DOTALL)

    def matches(relative: str) -> bool:
        return bool(regex.match(relative if anchored else relative.rsplit("/", 1)[-1]))

    def covers(relative: str) -> bool:
        parts = relative.split("/")
        if anchored:
            return any(regex.match("/".join(parts[:n])) for n in range(1, len(parts) + 1))
        return any(part != ".." and regex.match(part) for part in parts)

    return matches, covers


PATTERN = st.lists(st.sampled_from(["a", "b", ".", "/", "*", "**", "**/", "/**", "?", "[ab]", "[!a]", "x"]),
                   max_size=7).map("".join)
PATH = st.lists(st.sampled_from(["a", "b", "x", ".", "/", "ab", ".."]), max_size=9).map("".join)


@settings(max_examples=800, deadline=None)
@given(PATTERN, PATH)
def test_the_linear_matcher_agrees_with_the_regular_expressions_it_replaced(pattern, path):
    glob = Glob.compile(pattern)
    matches, covers = _old(pattern)
    assert glob.matches(path) == matches(path), (pattern, path)
    assert glob.covers(path) == covers(path), (pattern, path)


def test_a_hostile_pattern_does_not_backtrack():
    glob = Glob.compile("*a*a*a*a*a*a*a*a*a*a*b")
    started = time.perf_counter()
    assert not glob.matches("a" * 5_000)
    assert not glob.covers("/".join(["a" * 200] * 50))
    deep = Glob.compile("deploy/**/*a*a*a*a*b")
    assert not deep.covers("deploy/" + "/".join(["a" * 100] * 100))
    assert time.perf_counter() - started < 5


def test_a_settings_file_alias_bomb_is_a_usage_error_at_once(honolint):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    settings_file = honolint.write(".honolint.yaml", "\n".join(lines) + "\nclient: java\n")
    producer = honolint.write("producer.properties", "acks=all\n")
    started = time.perf_counter()
    result = honolint.run("check", "--config", str(settings_file), str(producer))
    assert time.perf_counter() - started < 5
    assert result.exit_code == 2 and ".honolint.yaml:2:10: an alias (*a0) is not read" in result.output
