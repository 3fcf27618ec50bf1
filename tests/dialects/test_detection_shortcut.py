"""Detection asks a dialect's module only when the file holds one of its words (dialects.worth_asking).
That shortcut must never change an answer: on every sample, example and mix of them, each dialect the
shortcut turns away is one whose module says no."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from honolint.dialects import DETECTION_ORDER, dialect_module, worth_asking
from honolint.load import read_file
from honolint.model import Document, LoadedFile

ROOT = Path(__file__).parents[2]
FILES = sorted([*ROOT.glob("examples/*"), *(ROOT.parent / "shared" / "reference" / "dialect-samples").glob("*")])
LOADED = [read_file(str(path)) for path in FILES if path.is_file()]


def _turned_away_wrongly(loaded: LoadedFile) -> list[str]:
    return [name for name in DETECTION_ORDER
            if not worth_asking(name, loaded) and dialect_module(name).matches(loaded)]


def test_every_sample_is_asked_of_the_dialect_that_reads_it():
    asked = [name for loaded in LOADED for name in DETECTION_ORDER
             if worth_asking(name, loaded) and dialect_module(name).matches(loaded)]
    assert len(set(asked)) == len(DETECTION_ORDER)  # every dialect has a sample (examples/ has one each)
    for loaded in LOADED:
        assert _turned_away_wrongly(loaded) == [], loaded.path


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
    assert _turned_away_wrongly(LoadedFile(name, fmt, [Document(0, entries)])) == []


def test_every_key_of_every_sample_alone():
    for loaded in LOADED:
        for doc in loaded.documents:
            for entry in doc.entries:
                alone = LoadedFile(loaded.path, loaded.format, [Document(0, [entry], name=doc.name)])
                assert _turned_away_wrongly(alone) == [], (loaded.path, entry.key)
