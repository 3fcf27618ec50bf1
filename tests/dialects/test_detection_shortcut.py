"""Detection asks each dialect's `matches` in turn; most say no from the file's key set or key text
alone. That shortcut must never change an answer: every matcher, given keys and a key text that
claim to hold everything, answers the same on every sample, example and mix of them."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from honolint.dialects import DETECTION_ORDER, dialect_module
from honolint.load import read_file
from honolint.model import Document, LoadedFile

ROOT = Path(__file__).parents[2]
FILES = sorted([*ROOT.glob("examples/*"), *(ROOT.parent / "shared" / "reference" / "dialect-samples").glob("*")])
LOADED = [read_file(str(path)) for path in FILES if path.is_file()]


class _HoldsEverything(str):
    def __contains__(self, item) -> bool:
        return True


class _AllKeys(frozenset):
    def __contains__(self, item) -> bool:
        return True


def _answers(loaded: LoadedFile, shortcut: bool) -> list[bool]:
    if not shortcut:
        loaded._keys, loaded._key_text = _AllKeys(), _HoldsEverything()
    answers = [bool(dialect_module(name).matches(loaded)) for name in DETECTION_ORDER]
    loaded._keys = loaded._key_text = None
    return answers


def test_the_samples_are_read():
    assert len(LOADED) >= 40 and sum(any(_answers(f, True)) for f in LOADED) >= 35


def test_every_sample_gets_the_same_answers():
    for loaded in LOADED:
        assert _answers(loaded, True) == _answers(loaded, False), loaded.path


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LOADED), st.integers(0, 10**6)), min_size=1, max_size=4),
       st.sampled_from(["p.properties", "values.yaml", "a.yml", "x.env", "kcat.conf", "c.json"]))
def test_mixed_samples_get_the_same_answers(picks, name):
    """Entries of several files in one: the answers that need keys from two dialects at once."""
    entries = []
    for loaded, seed in picks:
        pool = [e for doc in loaded.documents for e in doc.entries]
        if pool:
            step = 1 + seed % 3
            entries += pool[seed % len(pool)::step]
    fmt = {"p.properties": "properties", "x.env": "env", "kcat.conf": "properties"}.get(name, "yaml")
    loaded = LoadedFile(name, fmt, [Document(0, entries)])
    assert _answers(loaded, True) == _answers(loaded, False)
