"""How much a result matters, in words a patient can read without colour.

CPIC's "EHR priority" is binary: ``Abnormal/Priority/High Risk`` results are worth discussing before
a medicine is chosen, ``Normal/Routine/Low Risk`` results are the typical ones. An indeterminate or
uncertain result is neither: GeneChat calls it unclear, whatever priority CPIC gives it.

>>> level_for_priority("Abnormal/Priority/High Risk", "Poor Metabolizer")
'important'
>>> level_for_priority("Abnormal/Priority/High Risk", "Indeterminate")
'unclear'
>>> LEVEL_LABELS["important"]
('Important to discuss', '!')
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["important", "unclear", "typical"]
LEVELS: tuple[Level, ...] = get_args(Level)  # also the order cards are shown in

# (label, symbol): the label carries the meaning, the symbol only repeats it (it is hidden from screen readers).
LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    "important": ("Important to discuss", "!"),
    "unclear": ("Not clear yet", "?"),
    "typical": ("Typical result", "✓"),
}


def level_rank(level: Level) -> int:
    """0 for the level shown first (important), then unclear, then typical."""
    return LEVELS.index(level)


def is_unclear_result(result: str) -> bool:
    """Indeterminate or uncertain results, which no priority turns into a clear one."""
    low = result.lower()
    return "indeterminate" in low or low.startswith("uncertain risk")


def level_for_priority(priority: str, result: str) -> Level | None:
    """The card level for a CPIC priority; None when CPIC gives none (the data must then say)."""
    if is_unclear_result(result):
        return "unclear"
    low = priority.lower()
    if low.startswith("abnormal"):
        return "important"
    if low.startswith("normal"):
        return "typical"
    return None


def most_important(levels: list[Level]) -> Level:
    """The level that matters most among several (e.g. one HLA gene with several alleles)."""
    return min(levels, key=level_rank) if levels else "unclear"
