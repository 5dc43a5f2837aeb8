"""What a patient's results mean for one medicine, in fixed plain words (for the "my medicines" feature).

For a generic drug name this answers: which of the report's results concern it (CPIC gene-drug pairs),
and what CPIC's recommendation for that result says, as a category and its sentence from
``categories.CATEGORY_TEXT``. Never a dose, never "start" or "stop": the recommendation text itself
stays with clinicians. A medicine CPIC does not cover says so.

>>> from bot.core.report import Report, PgxResult
>>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="HLA-B", phenotype="*15:02 positive")])
>>> [(i.gene, i.category) for i in medicine_implications(r, "Oxcarbazepine")]
[('HLA-B', 'avoid')]
>>> medicine_implications(r, "aspirin-free water")[0].category
'no_guideline'
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.core.report import PgxResult, Report
from bot.pgx.categories import ACTIONABLE, CATEGORY_TEXT, NEXT_STEP_PGX, Category, seriousness
from bot.pgx.cpic import (
    DrugPair,
    Recommendation,
    ResultEntry,
    cpic_drug_names,
    pairs_for_drug,
    recommendations_for_drug,
    result_key,
)
from bot.pgx.match import match_result

__all__ = ["Implication", "cpic_drug_names", "medicine_implications"]

_HEDGE_PREFIXES = ("likely", "possible")


class Implication(BaseModel):
    """One of the patient's results and what guidelines say about it for one medicine."""

    drug: str = Field(description="The medicine as CPIC names it (or as asked, when CPIC does not cover it).")
    gene: str | None = Field(None, description="The gene whose result this is about; None when CPIC has no pair.")
    result: str | None = Field(None, description="The patient's result as the report gives it.")
    category: Category
    text: str = Field(description="The plain sentence for the category (fixed wording).")
    note: str | None = Field(None, description="Fixed reminder not to change a medicine alone, for actionable ones.")
    cpic_level: str | None = None
    guideline: str | None = Field(None, description="CPIC guideline URL, when there is one.")


def _phenotype_keys(gene: str, entries: tuple[ResultEntry, ...]) -> list[str]:
    """Keys a recommendation row may use for the result: its CPIC name and, for 'Likely X', X itself."""
    keys = []
    for entry in entries:
        key = result_key(gene, entry.result)
        keys.append(key)
        for prefix in _HEDGE_PREFIXES:
            if key.startswith(prefix):
                keys.append(key.removeprefix(prefix))
    return keys


def _rows_for(rows: list[Recommendation], gene: str, keys: list[str], others: dict[str, list[str]]) -> list[Recommendation]:
    """Rows naming this gene's result; where a row names a second gene, it must fit the report too."""
    out = []
    for row in rows:
        genes = row.genes()
        if gene not in genes or result_key(gene, genes[gene]) not in keys:
            continue
        fits = True
        for other, phenotype in genes.items():
            if other == gene:
                continue
            wanted = others.get(other)
            fits = fits and (result_key(other, phenotype) in wanted if wanted else phenotype == "None")
        if fits:
            out.append(row)
    return out


def _implication(pair: DrugPair, result: PgxResult | None, category: Category) -> Implication:
    text = CATEGORY_TEXT[category].format(gene=pair.gene)
    return Implication(
        drug=pair.drug, gene=pair.gene, result=(result.phenotype or result.diplotype) if result else None,
        category=category, text=text, note=NEXT_STEP_PGX if category in ACTIONABLE else None,
        cpic_level=pair.cpic_level or None, guideline=pair.guideline or None,
    )


def medicine_implications(report: Report, drug: str) -> list[Implication]:
    """Each of the report's results that CPIC links to ``drug`` (generic name), most serious first."""
    pairs = pairs_for_drug(drug)
    if not pairs:
        name = " ".join(drug.split())
        return [Implication(drug=name, category="no_guideline", text=CATEGORY_TEXT["no_guideline"])]
    rows = recommendations_for_drug(drug)
    matched = {r.gene.upper(): (r, match_result(r)) for r in report.pharmacogenomics}
    others = {g: _phenotype_keys(g, m.entries) for g, (_, m) in matched.items() if m.entries}
    out = []
    for pair in pairs:
        result, match = matched.get(pair.gene, (None, None))
        if result is None or not result.has_result:
            if pair.has_guideline:
                out.append(_implication(pair, None, "not_tested"))
            continue
        if not pair.has_guideline:
            out.append(_implication(pair, result, "no_advice"))
            continue
        if not match or not match.entries or result.uncertain:
            out.append(_implication(pair, result, "ask"))
            continue
        found = _rows_for(rows, pair.gene, _phenotype_keys(pair.gene, match.entries), others)
        category = min((r.category for r in found), key=seriousness) if found else "ask"
        out.append(_implication(pair, result, category))
    return sorted(out, key=lambda i: (seriousness(i.category), i.gene or ""))
