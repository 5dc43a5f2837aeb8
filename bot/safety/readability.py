"""Reading grade of a reply (Flesch-Kincaid via textstat 0.7.8, which works offline).

Gene symbols, star alleles and variant names are names, not words a patient must read, so they are
swapped for a one-syllable stand-in before scoring; otherwise "CYP2C19 *2/*2" alone would push a
plain sentence past grade 8.

>>> round(reading_grade("The cat sat on the mat."), 1) < 3
True
"""

from __future__ import annotations

import re

MAX_GRADE = 8.0
_NAMES = re.compile(
    r"\b(?:[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]+)?\d[A-Z0-9]*|HLA-[AB]|rs\d+|[cpg]\.\S+)|\*\d+[A-Za-z]?(?:x\d+|xN)?(?::\d+)*"
    r"(?:/\*\d+[A-Za-z]?(?:x\d+|xN)?(?::\d+)*)?"
)


def reading_grade(text: str) -> float:
    import textstat

    plain = _NAMES.sub("gene", text)
    if not plain.strip():
        return 0.0
    return float(textstat.flesch_kincaid_grade(plain))


def too_hard(text: str, max_grade: float = MAX_GRADE) -> bool:
    return reading_grade(text) > max_grade
