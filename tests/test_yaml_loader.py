"""The YAML loader's tag cache changes nothing: every node gets the tag PyYAML's own safe loader gives it."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from honolint.load.yaml_file import _Loader

SCALARS = st.one_of(
    st.sampled_from(["all", "1", "-1", "0x10", "0o17", "017", "1_000", "1:30", "190:20:30", "1e3", "1.5", ".inf",
                     "-.Inf", ".NaN", "yes", "No", "on", "OFF", "y", "n", "true", "~", "null", "", "2001-12-14",
                     "2001-12-14t21:59:43.10-05:00", "=", "<<", "'quoted'", '"1"', "|\n  block", "[1, two]",
                     "{a: 1}", "!!str 5", "!custom x", "? k"]),
    st.text(alphabet="0123456789.-+_:eExXoObB abcyYnN~", max_size=10),
)


def _tags(node, out):
    out.append((node.tag, node.start_mark.line, node.start_mark.column))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _tags(key, out)
            _tags(value, out)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _tags(item, out)
    return out


def _compose(text, loader):
    try:
        return [_tags(root, []) for root in yaml.compose_all(text, Loader=loader) if root is not None]
    except yaml.YAMLError as exc:
        return type(exc).__name__


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SCALARS, SCALARS, st.booleans()), min_size=1, max_size=6))
def test_every_node_gets_the_tag_of_the_reference_loader(pairs):
    text = "".join(f"{key}:\n  - {value}\n" if listed else f"{key}: {value}\n" for key, value, listed in pairs)
    expected = _compose(text, yaml.SafeLoader)
    assert _compose(text, _Loader) == expected
    assert _compose(text, _Loader) == expected  # now from the cache
