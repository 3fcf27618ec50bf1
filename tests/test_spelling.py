"""The did-you-mean finds what difflib finds over every known name, comparing only names it could match."""
from __future__ import annotations

import difflib

from hypothesis import given, settings, strategies as st

from honolint.profiles.java_keys import PRODUCER_KEYS
from honolint.profiles.librdkafka_keys import PROPERTIES
from honolint.spelling import closest

NAMES = sorted(PRODUCER_KEYS)
PIECES = st.lists(st.sampled_from(NAMES[:40] + ["x", ".", "ms", "s", "y", ""]), max_size=3).map("".join)
# a known name with one character dropped, doubled or replaced: what misspellings look like
MISSPELT = st.builds(lambda name, at, char, how: (name[:at] + (char if how else "") + name[at + (how != 2):]),
                     st.sampled_from(NAMES), st.integers(0, 60), st.sampled_from("aeiosy._"), st.integers(0, 2))


@settings(max_examples=400, deadline=None)
@given(st.one_of(MISSPELT, PIECES, st.text(alphabet="acdeiklmnoprst.", max_size=40)), st.sampled_from([0.85, 0.88]))
def test_closest_is_difflibs_closest(word, cutoff):
    for names in (PRODUCER_KEYS, PROPERTIES):
        found = difflib.get_close_matches(word, names, n=1, cutoff=cutoff)
        assert closest(word, names, cutoff) == (found[0] if found else None), word
