"""What a guideline says about one medicine for one result, as a category and one plain sentence.

The categories come from CPIC's clinician recommendations (see ``classify.py``); the sentences are the
only medicine wording a patient sees. None gives a dose or tells anyone to start or stop a medicine:
the choice stays with the prescriber. Sentences are checked with the rest of the fixed wording
(``bot.safety.wording.all_fixed_sentences``).

>>> CATEGORY_TEXT["alternative"]
'Guidelines say your doctor may choose a different medicine for you.'
"""

from __future__ import annotations

from typing import Literal, get_args

Category = Literal[
    "avoid",
    "alternative_or_dose",
    "alternative",
    "dose",
    "more_testing",
    "monitor",
    "other_factors",
    "less_effect",
    "usual",
    "no_advice",
    "ask",
    "not_tested",
    "no_guideline",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)  # most serious first

CATEGORY_TEXT: dict[Category, str] = {
    "avoid": ("Guidelines say this medicine is usually not a good match for people with your result. "
              "Your doctor may choose a different one."),
    "alternative_or_dose": ("Guidelines say your doctor may choose a different medicine for you, "
                            "or may change how much of this one you get."),
    "alternative": "Guidelines say your doctor may choose a different medicine for you.",
    "dose": "Guidelines say your doctor may change how much of this medicine you get.",
    "more_testing": "Guidelines say another test may be needed to know what your result means for this medicine.",
    "monitor": "Guidelines say your doctor may watch more closely for side effects of this medicine.",
    "other_factors": "Guidelines say your doctor will also think about your health and your family's health.",
    "less_effect": "Guidelines say this medicine may work less well for people with your result.",
    "usual": "Guidelines say your result does not change the usual use of this medicine.",
    "no_advice": "Guidelines do not give advice about this medicine for your result.",
    "ask": ("This gene can matter for this medicine, but GeneChat does not have the guideline details. "
            "Your pharmacist or doctor can tell you more."),
    "not_tested": "Your report has no result for {gene}, a gene that guidelines link to this medicine.",
    "no_guideline": "Gene-based guidelines from CPIC do not cover this medicine.",
}

# Categories where the guideline points to a change a prescriber may make: they come with this reminder
# not to change anything on one's own. It is defined here, below bot.safety in the layers, and
# bot.safety.wording re-exports it, so the fixed-text checks cover it with the rest of the wording.
NEXT_STEP_PGX = "Please do not change a medicine on your own. Talk with your prescriber or pharmacist first."
ACTIONABLE: frozenset[Category] = frozenset(
    {"avoid", "alternative_or_dose", "alternative", "dose", "more_testing", "monitor", "other_factors", "less_effect"}
)


def seriousness(category: Category) -> int:
    """0 for the category that matters most."""
    return CATEGORIES.index(category)


def category_sentences() -> list[str]:
    """Every category sentence as a patient would read it (templates filled with an example gene)."""
    return [text.format(gene="CYP2D6") for text in CATEGORY_TEXT.values()]
