"""GeneChat's own upload JSON (see ARCHITECTURE.md, "Native report upload")."""

from __future__ import annotations

from typing import Any

from bot.core.report import PgxResult, Report, Variant
from bot.reports.parsers.base import (
    check_rows,
    fail,
    gene_symbol,
    is_no_call,
    opt_list,
    opt_number,
    opt_str,
    req_str,
)


def looks_native(doc: Any) -> bool:
    return isinstance(doc, dict) and ("pharmacogenomics" in doc or "variants" in doc)


def parse_native(doc: dict, *, max_rows: int) -> Report:
    """Read the native JSON; every wrong type is refused with its JSON path."""
    pgx_items = opt_list(doc, "pharmacogenomics", "$")
    variant_items = opt_list(doc, "variants", "$")
    check_rows(len(pgx_items) + len(variant_items), max_rows, "$")
    patient = doc.get("patient")
    if patient is not None and not isinstance(patient, dict):
        fail("'patient' must be an object", "$.patient")
    report = Report(
        source_format="native",
        patient_display_name=opt_str(patient or {}, "display_name", "$.patient"),
        lab=opt_str(doc, "lab", "$"),
        report_date=opt_str(doc, "report_date", "$"),
    )
    for i, item in enumerate(pgx_items):
        report.pharmacogenomics.append(_pgx(item, f"$.pharmacogenomics[{i}]"))
    for i, item in enumerate(variant_items):
        report.variants.append(_variant(item, f"$.variants[{i}]"))
    return report


def _pgx(item: Any, path: str) -> PgxResult:
    if not isinstance(item, dict):
        fail("each pharmacogenomics entry must be an object", path)
    gene = gene_symbol(req_str(item, "gene", path), f"{path}.gene")
    diplotype = opt_str(item, "diplotype", path)
    phenotype = opt_str(item, "phenotype", path)
    score = opt_number(item, "activity_score", path)
    if is_no_call(diplotype) and not phenotype:
        reason = opt_str(item, "no_result_reason", path) or "The report gives no result for this gene."
        return PgxResult(gene=gene, status="no_result", no_result_reason=reason, call_source="lab")
    return PgxResult(
        gene=gene,
        diplotype=None if is_no_call(diplotype) else diplotype,
        phenotype=phenotype,
        activity_score=score,
        phenotype_source="stated" if phenotype else "none",
        call_source="lab",
    )


def _variant(item: Any, path: str) -> Variant:
    if not isinstance(item, dict):
        fail("each variants entry must be an object", path)
    return Variant(
        gene=gene_symbol(req_str(item, "gene", path), f"{path}.gene"),
        **{
            key: opt_str(item, key, path)
            for key in ("hgvs", "protein", "zygosity", "classification", "condition")
        },
    )
