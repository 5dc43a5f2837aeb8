"""Report summary cards for the widget and the console: gene, result, one-line meaning, what it matters for.

The API returns them with the report (upload reply, session, escalation detail), so a front end
never has to send a report back to get them.

A pharmacogene card is a report fact (the result as the report gives it) plus CPIC-derived data from
``bot.pgx`` (level, one-liner, medicines), which is why cards live here: ``bot.pgx`` sits above
``bot.reports`` in the layers (docs/ARCHITECTURE.md); nothing is inferred beyond the report. A card's ``level``
comes with a text ``label`` and a ``symbol`` so it reads the same without colour. Cards come most
important first (important, then unclear, then typical), by gene within a level.

>>> from bot.core.report import Report, PgxResult
>>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2",
...            phenotype="Poor Metabolizer", phenotype_source="stated")])
>>> card = summary_cards(r)[0]
>>> card.level, card.label
('important', 'Important to discuss')
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.core.report import PgxResult, Report, Variant
from bot.pgx.cpic import gene_medicines
from bot.pgx.levels import LEVEL_LABELS, Level, level_rank, most_important
from bot.pgx.match import match_result

__all__ = ["LEVEL_LABELS", "Card", "Level", "pgx_card", "summary_cards", "variant_card"]

ASK_ABOUT_GENE = "ask your care team which medicines this gene affects"
UNCLEAR_MEANING = "Ask a genetic counselor what this result means for you."
NO_RESULT = "The lab could not get a result for this gene."
AMBIGUOUS_NOTE = "The lab found more than one possible result for this gene."
VARIANT_UNCLEAR = "Ask a genetic counselor what this finding means for you."
BY_RULES_NOTE = "Your report does not say what this result means. GeneChat sorted it using the CPIC rules for this gene."

_CLASSIFICATION_MEANINGS: list[tuple[str, Level, str]] = [
    ("likely benign", "typical", "This change is probably harmless."),
    ("benign", "typical", "This change is not expected to affect health."),
    ("uncertain", "unclear", "Scientists do not yet know if this change affects health."),
    ("likely pathogenic", "important", "This change is likely linked to a health condition."),
    ("pathogenic", "important", "This change is known to be linked to a health condition."),
]


class Card(BaseModel):
    kind: Literal["pgx", "variant"]
    gene: str
    result: str
    meaning: str
    matters_for: list[str]
    level: Level
    label: str
    symbol: str
    notes: list[str] = []
    medicines: list[str] = Field(default_factory=list, description="CPIC medicines this result concerns (generic names).")
    source: str | None = Field(None, description="Where the level and meaning come from (CPIC table or guideline).")


def _card(kind: Literal["pgx", "variant"], gene: str, result: str, level: Level, meaning: str, matters: list[str],
          notes: list[str], medicines: list[str] | None = None, source: str | None = None) -> Card:
    label, symbol = LEVEL_LABELS[level]
    return Card(kind=kind, gene=gene, result=result, meaning=meaning, matters_for=matters, level=level,
                label=label, symbol=symbol, notes=notes, medicines=medicines or [], source=source)


def pgx_card(r: PgxResult) -> Card:
    """One pharmacogene result as a card; a missing call is shown as 'no result', never guessed."""
    gene = r.gene.upper()
    notes = list(r.warnings)
    match = match_result(r)
    entries = match.entries
    medicines, matters = gene_medicines(gene)
    matters = matters or [ASK_ABOUT_GENE]
    if not r.has_result:
        return _card("pgx", gene, "No result", "unclear", r.no_result_reason or NO_RESULT, matters, notes, medicines)
    result = " · ".join(p for p in (r.diplotype, r.phenotype) if p)
    if not entries:
        return _card("pgx", gene, result, "unclear", UNCLEAR_MEANING, matters, notes, medicines)
    level = most_important([e.level for e in entries])
    # An HLA gene with one positive allele is about that allele; the negative ones would only add noise.
    shown = [e for e in entries if e.level == level]
    meaning = " ".join(dict.fromkeys(e.meaning for e in shown))
    medicines = list(dict.fromkeys(m for e in shown for m in e.medicines))
    matters = list(dict.fromkeys(t for e in shown for t in e.matters_for)) or [ASK_ABOUT_GENE]
    if match.by_rules:
        notes.append(BY_RULES_NOTE)
    if r.uncertain:
        level = "unclear"
        notes.append(AMBIGUOUS_NOTE)
    source = " ; ".join(dict.fromkeys(e.source for e in shown))
    return _card("pgx", gene, result, level, meaning, matters, notes, medicines, source)


def _match_classification(text: str) -> tuple[Level, str] | None:
    low = text.lower()
    return next(((level, meaning) for frag, level, meaning in _CLASSIFICATION_MEANINGS if frag in low), None)


def variant_card(v: Variant) -> Card:
    """One hereditary variant as a card: its condition (from the report) is what it matters for."""
    gene = v.gene.upper()
    change = " ".join(p for p in (v.hgvs, f"({v.protein})" if v.protein else None) if p) or "Variant"
    result = " · ".join(p for p in (change, v.classification, v.zygosity) if p)
    found = _match_classification(v.classification) if v.classification else None
    level, meaning = found or ("unclear", VARIANT_UNCLEAR)
    matters = [v.condition] if v.condition else ["ask a genetic counselor what this finding is linked to"]
    return _card("variant", gene, result, level, meaning, matters, list(v.warnings))


def fixed_texts() -> list[str]:
    """The cards' own fixed sentences (result one-liners come from ``bot.pgx.texts``)."""
    return [UNCLEAR_MEANING, NO_RESULT, AMBIGUOUS_NOTE, BY_RULES_NOTE, VARIANT_UNCLEAR,
            *(meaning for _frag, _level, meaning in _CLASSIFICATION_MEANINGS)]


def summary_cards(report: Report) -> list[Card]:
    """One card per result, most important first (important, unclear, typical), then by gene."""
    cards = [variant_card(v) for v in report.variants] + [pgx_card(r) for r in report.pharmacogenomics]
    return sorted(cards, key=lambda c: (level_rank(c.level), c.gene, c.kind != "variant"))
