"""A reply about the patient's own medicine list ("are my medicines OK with my genes?"), from fixed parts.

Each listed medicine linked to one of the patient's results gets a sentence naming the medicine and the
result (from the report), grouped under the guideline category sentence it shares with others (most
serious first); medicines no result is linked to are named together; a medicine that strongly slows an
enzyme gets its note. Names come from GeneChat's own medicine vocabulary, never from what was typed.
Whether the reply also goes to a counselor is the engine's decision.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering.facts import fact_sentences
from bot.core.draft import Draft
from bot.core.report import Report
from bot.pgx.categories import CATEGORY_TEXT, Category, seriousness
from bot.pgx.medicines import MedicineFacts
from bot.safety import wording

# Categories that say something about a result the patient has (not "not tested" or "no guideline").
_ABOUT_A_RESULT = frozenset(c for c in CATEGORY_TEXT if c not in ("not_tested", "no_guideline"))


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def medicines_draft(listed: Sequence[MedicineFacts], report: Report | None, *, block: int = 0) -> Draft:
    """Per-medicine facts for the listed medicines, starting at paragraph ``block``."""
    draft = Draft()
    if not listed:
        draft.add(wording.MEDICINES_NONE_LISTED, "fixed:medicines:none_listed", block)
        return draft
    if report is None:
        draft.add(wording.MEDICINES_NO_REPORT, "fixed:medicines:no_report", block)
        return draft
    # category -> (gene, result) -> medicine labels, so each result and each category sentence is said once
    by_category: dict[Category, dict[tuple[str, str], list[str]]] = {}
    unlinked: list[str] = []
    unknown = 0
    for facts in listed:
        med = facts.medicine
        if med.name is None:
            unknown += 1
            continue
        linked = [i for i in facts.implications if i.result is not None and i.category in _ABOUT_A_RESULT]
        if not linked:
            unlinked.append(med.label)
        for imp in linked:
            labels = by_category.setdefault(imp.category, {}).setdefault((imp.gene or "", imp.result or ""), [])
            labels.append(med.label)
    genes: list[str] = []
    for category in sorted(by_category, key=seriousness):
        block += 1
        for (gene, result), labels in by_category[category].items():
            draft.add(wording.MEDICINE_LINKED.format(gene=gene, result=result, medicines=_join(labels)),
                      f"report:{gene}", block)
            genes.append(gene)
        draft.add(CATEGORY_TEXT[category], f"fixed:medicine_category:{category}", block)
    block += 1
    if unlinked:
        draft.add(wording.MEDICINES_NOT_LINKED.format(medicines=_join(unlinked)), "fixed:medicines:not_linked", block)
    if unknown:
        draft.add(wording.MEDICINES_UNKNOWN.format(count=unknown), "fixed:medicines:unknown", block)
    for facts in listed:
        if facts.phenoconversion:
            draft.add(facts.phenoconversion, "fixed:medicines:phenoconversion", block)
    if any(f.actionable for f in listed):
        draft.add(wording.NEXT_STEP_PGX, "fixed:next_step_pgx", block + 1)
    draft.facts = [f.fact for f in fact_sentences(report, list(dict.fromkeys(genes)))]
    return draft
