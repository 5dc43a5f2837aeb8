"""Fill in what the lab did not state, by CPIC rules, and flag disagreements. Never guesses."""

from __future__ import annotations

from bot.core.report import PgxResult, Report
from bot.reports.phenotype import INDETERMINATE, derive_phenotype, table_for
from bot.reports.phenotype.alleles import normalize_diplotype
from bot.reports.phenotype.hla import hla_status
from bot.reports.phenotype.wording import same_phenotype

# Pharmacogenes with CPIC/DPWG guidance that GeneChat recognises even without an allele table.
KNOWN_PGX_GENES = {
    "CYP4F2",
    "G6PD",
    "HLA-A",
    "HLA-B",
    "HLA-C",
    "HLA-DRB1",
    "HLA-DQA1",
    "IFNL3",
    "RYR1",
    "UGT1A4",
    "COMT",
    "OPRM1",
    "CYP1A2",
    "CYP2A6",
    "F5",
    "NAT1",
}


def complete_report(report: Report) -> Report:
    """Derive missing phenotypes and check stated ones for every result, whatever the upload format."""
    for result in report.pharmacogenomics:
        complete_result(result)
    return report


def complete_result(result: PgxResult) -> PgxResult:
    result.gene = result.gene.upper()
    known = table_for(result.gene) is not None or result.gene in KNOWN_PGX_GENES
    if not known:
        result.warnings.append(
            f"{result.gene} is not a gene GeneChat knows; its result is shown as the report gives it."
        )
    if result.status == "no_result":
        result.diplotype, result.phenotype, result.phenotype_source, result.activity_score = (
            None,
            None,
            "none",
            None,
        )
        return result
    if result.diplotype and not result.alternatives:
        result.diplotype = normalize_diplotype(result.gene, result.diplotype)
    if result.phenotype:
        result.phenotype_source = "stated"
        _check_stated(result)
    else:
        _derive(result)
    return result


def _derivable(result: PgxResult) -> list[str]:
    return result.alternatives or ([result.diplotype] if result.diplotype else [])


def _derive(result: PgxResult) -> None:
    diplotypes = _derivable(result)
    hla = [hla_status(result.gene, d) for d in diplotypes]
    if diplotypes and all(hla):
        _set_derived(result, hla[0] if len(set(hla)) == 1 else INDETERMINATE, None)
        return
    derivations = [derive_phenotype(result.gene, d) for d in diplotypes]
    if not derivations or None in derivations:
        why = (
            "There is no diplotype to derive a phenotype from."
            if not diplotypes
            else f"GeneChat has no CPIC allele table for {result.gene}, so it cannot derive a phenotype."
        )
        _set_derived(result, INDETERMINATE, None, [why])
        return
    phenotypes = {d.phenotype for d in derivations}
    if len(phenotypes) > 1:
        _set_derived(result, INDETERMINATE, None, ["The possible diplotypes give different phenotypes."])
        return
    first = derivations[0]
    score = first.activity_score if len(derivations) == 1 else None
    _set_derived(result, first.phenotype, score, [w for d in derivations for w in d.warnings])


def _set_derived(
    result: PgxResult, phenotype: str, score: float | None, warnings: list[str] | None = None
) -> None:
    # A report may state a score without a phenotype: if CPIC's score differs, which one is right is
    # for the care team, so no phenotype is derived from either.
    if _score_conflicts(result, score):
        phenotype = INDETERMINATE
    result.phenotype, result.phenotype_source = phenotype, "derived"
    if result.activity_score is None:
        result.activity_score = score
    for warning in warnings or []:
        if warning not in result.warnings:
            result.warnings.append(warning)


def _check_stated(result: PgxResult) -> None:
    if result.uncertain or not result.diplotype:
        return
    expected = hla_status(result.gene, result.diplotype)
    derivation = None if expected else derive_phenotype(result.gene, result.diplotype)
    if derivation is not None and derivation.phenotype != INDETERMINATE:
        expected = derivation.phenotype
    # A warning must mean a real conflict, not a different spelling of the same result.
    if expected and not same_phenotype(result.gene, result.phenotype or "", expected, result.diplotype):
        result.warnings.append(
            f"The report says '{result.phenotype}', but CPIC rules for {result.gene} {result.diplotype} give "
            f"'{expected}'. The report's wording is kept; please check it with your care team."
        )
    if derivation is not None:
        _score_conflicts(result, derivation.activity_score)


def _score_conflicts(result: PgxResult, cpic_score: float | None) -> bool:
    """Warn (and say so) when the report's activity score differs from CPIC's for the diplotype."""
    if cpic_score is None or result.activity_score is None or abs(cpic_score - result.activity_score) <= 1e-6:
        return False
    result.warnings.append(
        f"The report's activity score {result.activity_score:g} differs from the CPIC score "
        f"{cpic_score:g} for {result.diplotype}; the report's value is kept."
    )
    return True
