"""One plain-language line per result, built only from what the report (or CPIC rules) says.

>>> from bot.reports.models import PgxResult
>>> summarize_result(PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated"))
'CYP2C19: *2/*2, Poor Metabolizer (as stated in your report).'
"""

from __future__ import annotations

from bot.reports.models import PgxResult

_SOURCE = {"stated": "as stated in your report", "derived": "worked out from your genotype using CPIC rules"}


def summarize_result(result: PgxResult) -> str:
    if not result.has_result:
        return f"{result.gene}: no result. {result.no_result_reason or ''}".strip()
    parts = [p for p in (result.diplotype, result.phenotype) if p]
    line = f"{result.gene}: {', '.join(parts) or 'result given without details'}"
    if result.phenotype and result.phenotype_source in _SOURCE:
        line += f" ({_SOURCE[result.phenotype_source]})"
    if result.uncertain:
        line += "; the result is uncertain"
    return line + "."
