"""Every piece of pharmacogenomics wording a patient can see, for the fixed-text checks in one place.

``bot.safety.wording.all_fixed_sentences`` includes the sentences (reading grade, no dose, no advice);
``all_fixed_phrases`` includes the short labels and medicine-group names (no dose, no advice: they are
mostly medicine names, which a reading grade cannot score).
"""

from __future__ import annotations

from bot.pgx.categories import category_sentences
from bot.pgx.cpic import result_entries
from bot.pgx.levels import LEVEL_LABELS
from bot.pgx.medicines import patient_sentences as medicine_list_sentences


def patient_sentences() -> list[str]:
    """Each result one-liner, each medicine-category sentence and the "My medicines" notes, once."""
    return list(dict.fromkeys([e.meaning for e in result_entries()] + category_sentences()
                              + medicine_list_sentences()))


def patient_phrases() -> list[str]:
    """Level labels and the medicine groups cards name, once."""
    labels = [label for label, _symbol in LEVEL_LABELS.values()]
    return list(dict.fromkeys(labels + [t for e in result_entries() for t in e.matters_for]))
