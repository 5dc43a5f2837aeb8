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


# textstat's first syllable count loads the CMU pronouncing dictionary (about 1 s, 76 MB). The server warms it
# in a background thread once it is ready; a reply that needs it earlier waits on the same lock (loaded once).
_lock = threading.Lock()
_loaded = False


def _load() -> None:
    global _loaded
    with _lock:
        if not _loaded:
            import textstat

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
