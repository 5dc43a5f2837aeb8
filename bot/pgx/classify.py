"""Sort CPIC's clinician recommendation text into a category (``categories.py``) by its key phrases.

The text itself (doses, percentages) is never shown to a patient and never stored in the repo: only
the category is. Conditional clauses ("If ... is warranted, ...") describe a fallback, so they count
only when nothing else in the text says what to do. A few texts defeat keywords; the build takes
those from the hand-kept overrides in ``sources/recommendations.yaml``.

>>> classify_recommendation("Avoid codeine use because of potential for serious toxicity.")
'avoid'
>>> classify_recommendation("Initiate therapy with recommended starting dose. If patient does not respond, "
...                         "consider alternative drug not predominantly metabolized by CYP2C19.")
'usual'
>>> classify_recommendation("Consider a 50% reduction of recommended starting dose and titrate to response "
...                         "or select alternative drug not predominantly metabolized by CYP2C19.")
'alternative_or_dose'
"""

from __future__ import annotations

import re

from bot.pgx.categories import Category, seriousness

_NO_ADVICE = re.compile(r"^\s*(?:none|n/a)?\s*$|^no recommendation|does not provide a recommendation", re.I)
# (category, phrases), checked per clause; a clause may match several.
_RULES: list[tuple[Category, re.Pattern[str]]] = [
    ("usual", re.compile(r"no need to avoid|no indication to change|no reason to avoid", re.I)),
    ("avoid", re.compile(
        r"\bavoid\b(?!\s+(?:moderate|strong|cyp\w*)[\w\s,]*inhibitors)|contraindicated|should not be used|"
        r"\bis not recommended", re.I)),
    ("alternative", re.compile(
        r"\balternative\b|aromatase inhibitor|\buse prasugrel|\bselect an? (?:different|other)", re.I)),
    ("dose", re.compile(
        r"\breduc(?:e|ed|tion)\b|\bdecreas(?:e|ed)\s+dose|\bincreas(?:e|ing)\s+(?:the\s+)?(?:starting\s+)?"
        r"(?:daily\s+)?dose|<=|≤|\blimit dose|higher target dose|\btimes recommended|% of (?:the )?(?:lowest|normal)|"
        r"-fold|\blower dose|\binitiate dose at", re.I)),
    ("more_testing", re.compile(r"enzyme activity must be measured|consider evaluating", re.I)),
    ("monitor", re.compile(r"monitor closely|close monitoring|aware of possible increased risk", re.I)),
    ("other_factors", re.compile(r"should guide (?:the )?use", re.I)),
    ("usual", re.compile(
        r"recommended starting dose|standard (?:recommended )?(?:starting )?(?:daily )?dos|label[- ]recommended|"
        r"desired starting dose|normal starting dose|according to the product label|standard of care|"
        r"no reason to avoid", re.I)),
]
_CLAUSE = re.compile(r"(?<=[.;])\s+|(?<=:)\s+(?=[A-Z])")
_CONDITIONAL = re.compile(r"^\s*(?:if|in the event)\b", re.I)


def _categories(clauses: list[str]) -> set[Category]:
    found: set[Category] = set()
    for clause in clauses:
        hits = {category for category, pattern in _RULES if pattern.search(clause)}
        # "no need to avoid" is permission, not a warning: it cancels the "avoid" it contains.
        if _RULES[0][1].search(clause):
            hits.discard("avoid")
        found |= hits
    return found


def classify_recommendation(text: str) -> Category | None:
    """The category of one recommendation; None when no phrase is recognised (the build then fails)."""
    if _NO_ADVICE.search(text.strip()):
        return "no_advice"
    clauses = [c for c in _CLAUSE.split(text.strip()) if c.strip()]
    firm = [c for c in clauses if not _CONDITIONAL.match(c)]
    found = _categories(firm) or _categories([c for c in clauses if _CONDITIONAL.match(c)])
    if not found:
        return None
    if {"alternative", "dose"} <= found and "avoid" not in found:
        return "alternative_or_dose"
    return min(found, key=seriousness)
