"""Did-you-mean: the known name closest to a misspelt one, as `difflib.get_close_matches(word, names, 1,
cutoff)` finds it, without comparing it with names whose length alone rules them out.

A ratio is 2*M/T (M matching characters, T both lengths together), so it is at most
2*min(len(a), len(b))/(len(a)+len(b)): a name much shorter or longer than the word can never reach the
cutoff. A file of 60,000 unknown keys then costs a few comparisons per key instead of one per known name.
"""
from __future__ import annotations

from typing import Iterable, Optional

# (id of a names collection, cutoff) -> (the collection, kept so that its id stays its own; word length ->
# the names that length does not rule out; word -> its answer, for the same keys in every producer of a file)
_CANDIDATES: dict[tuple[int, float], tuple[object, dict[int, list[str]], dict[str, Optional[str]]]] = {}
_MOST_ANSWERS = 50_000  # answers kept per collection: then forgotten, and found again


def closest(word: str, names: Iterable[str], cutoff: float = 0.88) -> Optional[str]:
    import difflib

    cached = _CANDIDATES.get((id(names), cutoff))
    if cached is None or cached[0] is not names:
        cached = _CANDIDATES[id(names), cutoff] = (names, {}, {})
    answers = cached[2]
    if word in answers:
        return answers[word]
    if len(answers) >= _MOST_ANSWERS:
        answers.clear()
    by_size = cached[1]
    size = len(word)
    candidates = by_size.get(size)
    if candidates is None:
        candidates = by_size[size] = [name for name in names
                                      if 2 * min(size, len(name)) >= cutoff * (size + len(name))]
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    answer = answers[word] = found[0] if found else None
    return answer
