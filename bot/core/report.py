"""The normalized report: the single shape every other part of GeneChat reads.

Parsers (``bot/reports/parsers/``) turn each upload format into a ``Report``; the phenotype
engine (``bot/reports/phenotype/``) fills in phenotypes that the lab did not state.

>>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2",
...            phenotype="Poor Metabolizer", phenotype_source="stated")])
>>> r.result_for("cyp2c19").phenotype
'Poor Metabolizer'
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ResultStatus = Literal["called", "no_result"]
PhenotypeSource = Literal["stated", "derived", "none"]
# Where a row of the report came from, when not a structured lab file (which leaves ``origin`` empty):
# read from the patient's PDF/HTML by GeneChat, or typed in; either way only after the patient confirmed it.
ORIGIN_EXTRACTED = "extracted, confirmed by patient"
ORIGIN_TYPED = "typed in, confirmed by patient"
ORIGIN_DESCRIPTION = "Set when the patient confirmed this row: 'extracted, confirmed by patient' or 'typed in, ...'."


class PgxResult(BaseModel):
    """One pharmacogene's result as the report gives it (plus what we derived, marked as such)."""

    gene: str
    diplotype: str | None = Field(None, description="Normalized diplotype, e.g. '*1/*2'; None when not called.")
    alternatives: list[str] = Field(default_factory=list, description="All possible diplotypes when ambiguous.")
    phenotype: str | None = None
    phenotype_source: PhenotypeSource = "none"
    activity_score: float | None = None
    status: ResultStatus = "called"
    no_result_reason: str | None = None
    uncertain: bool = Field(False, description="True when several diplotypes are possible.")
    call_source: str | None = Field(None, description="e.g. 'lab', 'matcher', 'outside call'.")
    origin: str | None = Field(None, description=ORIGIN_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list)

    @property
    def has_result(self) -> bool:
        """The report gives a result: a diplotype, possible diplotypes, or a phenotype the lab stated.

        Many reports state only a phenotype ("HLA-B*15:02 positive", "CYP2C19 Poor Metabolizer", "G6PD
        Deficient"); that is a real result. "No result" is only a no call, or a row with neither. A derived
        phenotype always comes from a diplotype, so on its own it is not a result.

        >>> PgxResult(gene="HLA-B", phenotype="*15:02 positive", phenotype_source="stated").has_result
        True
        >>> PgxResult(gene="CYP2D6", status="no_result").has_result
        False
        """
        if self.status == "no_result":
            return False
        stated_phenotype = bool(self.phenotype) and self.phenotype_source != "derived"
        return bool(self.diplotype or self.alternatives or stated_phenotype)

    @property
    def result_texts(self) -> list[str]:
        """Every text the report gives as this result (diplotype, alternatives, phenotype), for matching."""
        return [t for t in (self.diplotype, *self.alternatives, self.phenotype) if t]


class Variant(BaseModel):
    """One hereditary (germline) variant finding."""

    gene: str
    hgvs: str | None = None
    protein: str | None = None
    zygosity: str | None = None
    classification: str | None = None
    condition: str | None = None
    origin: str | None = Field(None, description=ORIGIN_DESCRIPTION)
    warnings: list[str] = Field(default_factory=list)


class Report(BaseModel):
    source_format: str = Field(description="native | pharmcat_json | pharmcat_tsv | outside_call | fhir | csv")
    patient_display_name: str | None = None
    lab: str | None = None
    report_date: str | None = None
    provenance: dict[str, str] = Field(default_factory=dict, description="e.g. pharmcatVersion, dataVersion.")
    pharmacogenomics: list[PgxResult] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def result_for(self, gene: str) -> PgxResult | None:
        wanted = gene.upper()
        return next((r for r in self.pharmacogenomics if r.gene.upper() == wanted), None)

    def variants_for(self, gene: str) -> list[Variant]:
        wanted = gene.upper()
        return [v for v in self.variants if v.gene.upper() == wanted]

    @property
    def genes(self) -> list[str]:
        seen: dict[str, None] = {}
        for g in [r.gene for r in self.pharmacogenomics] + [v.gene for v in self.variants]:
            seen.setdefault(g.upper(), None)
        return list(seen)
