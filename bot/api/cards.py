"""Report summary cards for the widget and the console: gene, result, one-line meaning, what it matters for.

The API returns them with the report (upload reply, session, escalation detail), so a front end
never has to send a report back to get them.

Every line here is fixed wording keyed on a report fact (phenotype term, classification) or a
fact copied from the report itself; nothing is inferred beyond the report. A card's ``level``
comes with a text ``label`` and a ``symbol`` so it reads the same without colour.

>>> from bot.core.report import Report, PgxResult
>>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2",
...            phenotype="Poor Metabolizer", phenotype_source="stated")])
>>> card = summary_cards(r)[0]
>>> card.level, card.label
('important', 'Important to discuss')
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from bot.core.report import PgxResult, Report, Variant

Level = Literal["typical", "different", "important", "unclear"]

LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    "typical": ("Typical result", "✓"),
    "different": ("Different from typical", "!"),
    "important": ("Important to discuss", "!!"),
    "unclear": ("No clear result", "?"),
}

# Medicine groups CPIC guidelines cover for each gene: education about where a result matters,
# never advice. Genes missing here get a neutral "ask your care team" line.
MEDICINE_GROUPS: dict[str, list[str]] = {
    "CYP2D6": ["some pain medicines (codeine, tramadol)", "some antidepressants", "tamoxifen",
               "some anti-nausea medicines"],
    "CYP2C19": ["clopidogrel (a heart medicine)", "some antidepressants", "stomach-acid medicines (PPIs)",
                "voriconazole (an antifungal)"],
    "CYP2C9": ["warfarin (a blood thinner)", "some pain relievers (NSAIDs)", "phenytoin (a seizure medicine)"],
    "VKORC1": ["warfarin (a blood thinner)"],
    "CYP4F2": ["warfarin (a blood thinner)"],
    "SLCO1B1": ["statins (cholesterol medicines)"],
    "ABCG2": ["rosuvastatin (a cholesterol medicine)"],
    "TPMT": ["thiopurines (azathioprine, mercaptopurine)"],
    "NUDT15": ["thiopurines (azathioprine, mercaptopurine)"],
    "DPYD": ["fluoropyrimidine cancer medicines (5-FU, capecitabine)"],
    "UGT1A1": ["irinotecan (a cancer medicine)", "atazanavir (an HIV medicine)"],
    "CYP3A5": ["tacrolimus (a transplant medicine)"],
    "CYP2B6": ["efavirenz (an HIV medicine)"],
    "HLA-B": ["abacavir (an HIV medicine)", "carbamazepine and phenytoin (seizure medicines)",
              "allopurinol (a gout medicine)"],
    "HLA-A": ["carbamazepine (a seizure medicine)"],
    "G6PD": ["rasburicase", "some malaria medicines (primaquine)", "dapsone"],
    "RYR1": ["some anesthesia gases", "succinylcholine (used in surgery)"],
    "CACNA1S": ["some anesthesia gases", "succinylcholine (used in surgery)"],
    "MT-RNR1": ["aminoglycoside antibiotics"],
    "IFNL3": ["peginterferon (a hepatitis C medicine)"],
}

# (phenotype text fragment, level, meaning). Order matters: the first fragment found wins.
_PHENOTYPE_MEANINGS: list[tuple[str, Level, str]] = [
    ("indeterminate", "unclear", "The lab result could not be sorted into a clear group."),
    ("ultrarapid", "important", "Your body breaks down some medicines much faster than most people."),
    ("likely poor", "important", "Your body probably breaks down some medicines much more slowly than most people."),
    ("poor metabolizer", "important", "Your body breaks down some medicines much more slowly than most people."),
    ("likely intermediate", "different", "Your body probably breaks down some medicines more slowly than most people."),
    ("possible intermediate", "different", "Your body may break down some medicines more slowly than most people."),
    ("intermediate metabolizer", "different", "Your body breaks down some medicines more slowly than most people."),
    ("rapid metabolizer", "different", "Your body breaks down some medicines faster than most people."),
    ("normal metabolizer", "typical", "Your body breaks down these medicines at the usual speed."),
    ("poor function", "important", "This gene's protein works much less well than usual."),
    ("no function", "important", "This gene's protein does not work."),
    ("decreased function", "different", "This gene's protein works less well than usual."),
    ("possible decreased", "different", "This gene's protein may work less well than usual."),
    ("increased function", "different", "This gene's protein works more than usual."),
    ("normal function", "typical", "This gene's protein works as usual."),
    ("deficient", "important", "This gene's enzyme works much less well than usual."),
    ("normal", "typical", "This result is the usual one."),
    ("positive", "important", "You carry a gene type linked to a serious reaction to some medicines."),
    ("negative", "typical", "You do not carry the gene type this test looks for."),
]

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


def _card(kind: str, gene: str, result: str, level: Level, meaning: str, matters: list[str], notes: list[str]) -> Card:
    label, symbol = LEVEL_LABELS[level]
    return Card(kind=kind, gene=gene, result=result, meaning=meaning, matters_for=matters, level=level,
                label=label, symbol=symbol, notes=notes)


def _match(text: str, table: list[tuple[str, Level, str]]) -> tuple[Level, str] | None:
    low = text.lower()
    return next(((level, meaning) for frag, level, meaning in table if frag in low), None)


def pgx_card(r: PgxResult) -> Card:
    """One pharmacogene result as a card; a missing call is shown as 'no result', never guessed."""
    gene = r.gene.upper()
    matters = MEDICINE_GROUPS.get(gene, ["ask your care team which medicines this gene affects"])
    notes = list(r.warnings)
    if not r.has_result:
        reason = r.no_result_reason or "The lab could not get a result for this gene."
        return _card("pgx", gene, "No result", "unclear", reason, matters, notes)
    result = " · ".join(p for p in (r.diplotype, r.phenotype) if p)
    found = _match(r.phenotype or "", _PHENOTYPE_MEANINGS) if r.phenotype else None
    level, meaning = found or ("unclear", "Ask a genetic counselor what this result means for you.")
    if r.uncertain:
        level = "unclear"
        notes.append("The lab found more than one possible result for this gene.")
    return _card("pgx", gene, result, level, meaning, matters, notes)


def variant_card(v: Variant) -> Card:
    """One hereditary variant as a card: its condition (from the report) is what it matters for."""
    gene = v.gene.upper()
    change = " ".join(p for p in (v.hgvs, f"({v.protein})" if v.protein else None) if p) or "Variant"
    result = " · ".join(p for p in (change, v.classification, v.zygosity) if p)
    found = _match(v.classification or "", _CLASSIFICATION_MEANINGS) if v.classification else None
    level, meaning = found or ("unclear", "Ask a genetic counselor what this finding means for you.")
    matters = [v.condition] if v.condition else ["ask a genetic counselor what this finding is linked to"]
    return _card("variant", gene, result, level, meaning, matters, list(v.warnings))


def summary_cards(report: Report) -> list[Card]:
    """Cards in report order: hereditary findings first (they matter most), then PGx results."""
    return [variant_card(v) for v in report.variants] + [pgx_card(r) for r in report.pharmacogenomics]
