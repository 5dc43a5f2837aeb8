"""PharmCAT ``report.json`` in its three layouts: v3.1 (``genes.GENE``), v3.0 and v2.x (``genes.CPIC.GENE``)."""

from __future__ import annotations

from typing import Any

from bot.core.report import PgxResult, Report
from bot.reports.parsers.base import check_rows, fail, gene_symbol, is_no_call

SOURCES = ("CPIC", "DPWG", "FDA")
_EMPTY_PHENOTYPES = {"", "n/a", "no result", "indeterminate/unknown"}
_CALL_SOURCES = {"MATCHER": "matcher", "OUTSIDE": "outside call"}


def looks_pharmcat_json(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("genes"), dict)
        and ("pharmcatVersion" in doc or "dataVersion" in doc or "drugs" in doc)
    )


def _gene_entries(genes: dict) -> list[tuple[str, str, Any]]:
    """(gene, JSON path, entry), one per gene; CPIC's entry wins over DPWG's in the per-source layout."""
    if any(key in genes for key in SOURCES):
        seen: dict[str, tuple[str, str, Any]] = {}
        for source in SOURCES:
            block = genes.get(source) or {}
            if not isinstance(block, dict):
                fail("must be an object of genes", f"$.genes.{source}")
            for gene, entry in block.items():
                seen.setdefault(str(gene).upper(), (str(gene), f"$.genes.{source}.{gene}", entry))
        return list(seen.values())
    return [(str(gene), f"$.genes.{gene}", entry) for gene, entry in genes.items()]


def parse_pharmcat_json(doc: dict, *, max_rows: int) -> Report:
    entries = _gene_entries(doc["genes"])
    check_rows(len(entries), max_rows, "$.genes")
    provenance = {"generator": "PharmCAT"}
    for key in ("pharmcatVersion", "dataVersion", "title"):
        if isinstance(doc.get(key), str):
            provenance[key] = doc[key]
    timestamp = doc.get("timestamp")
    report = Report(
        source_format="pharmcat_json",
        provenance=provenance,
        report_date=timestamp[:10] if isinstance(timestamp, str) else None,
    )
    for gene, path, entry in entries:
        report.pharmacogenomics.append(_gene_result(gene, path, entry))
    return report


def _gene_result(gene: str, path: str, entry: Any) -> PgxResult:
    if not isinstance(entry, dict):
        fail("each gene must be an object", path)
    symbol = gene_symbol(str(entry.get("geneSymbol") or gene), f"{path}.geneSymbol")
    call_source = _CALL_SOURCES.get(str(entry.get("callSource")), None)
    key = "recommendationDiplotypes" if entry.get("recommendationDiplotypes") else "sourceDiplotypes"
    diplotypes = entry.get(key)
    diplotypes = [] if diplotypes is None else diplotypes
    if not isinstance(diplotypes, list):
        fail("must be a list", f"{path}.{key}")
    calls = [_read_call(d, f"{path}.{key}[{i}]") for i, d in enumerate(diplotypes)]
    # an outside call may give only a phenotype ("Unknown/Unknown", Poor Metabolizer): still a result
    calls = [c for c in calls if c[0] or c[1]]
    if not calls:
        return PgxResult(
            gene=symbol, status="no_result", call_source=call_source, no_result_reason=_why_uncalled(entry)
        )
    result = PgxResult(gene=symbol, call_source=call_source)
    if len(calls) == 1:
        label, result.phenotype, result.activity_score = calls[0]
        result.diplotype = label or None
    else:
        result.alternatives = [c[0] for c in calls if c[0]]
        result.diplotype = " or ".join(result.alternatives) or None
        result.uncertain = True
        phenotypes = {c[1] for c in calls}
        result.phenotype = phenotypes.pop() if len(phenotypes) == 1 else None
        result.warnings.append("PharmCAT found several possible diplotypes; the result is uncertain.")
    result.phenotype_source = "stated" if result.phenotype else "none"
    result.warnings += _quality_notes(entry)
    return result


def _quality_notes(entry: dict) -> list[str]:
    """What limits the call: untestable alleles, missing positions, undocumented variation, PharmCAT warnings."""
    notes = []
    uncalled = entry.get("uncalledHaplotypes") or []
    if isinstance(uncalled, list) and uncalled:
        notes.append(f"PharmCAT could not test for: {', '.join(str(u) for u in uncalled[:20])}.")
    variants = entry.get("variants") or []
    missing = (
        [v for v in variants if isinstance(v, dict) and v.get("call") is None]
        if isinstance(variants, list)
        else []
    )
    if missing:
        notes.append(
            f"{len(missing)} position(s) needed for this gene were missing from the data; the call may be incomplete."
        )
    if entry.get("hasUndocumentedVariations") is True:
        notes.append("The data has variation at positions PharmCAT does not define for this gene.")
    for message in entry.get("messages") or []:
        if (
            isinstance(message, dict)
            and message.get("exception_type") == "warning"
            and isinstance(message.get("message"), str)
        ):
            notes.append(message["message"])
    return notes


def _read_call(diplotype: Any, path: str) -> tuple[str, str | None, float | None]:
    if not isinstance(diplotype, dict):
        fail("each diplotype must be an object", path)
    names = []
    for side in ("allele1", "allele2"):
        allele = diplotype.get(side)
        if allele is None:
            continue
        if not isinstance(allele, dict) or not isinstance(allele.get("name"), str):
            fail("an allele must be an object with a text 'name'", f"{path}.{side}")
        names.append(allele["name"].strip())
    label = "/".join(names) if names else str(diplotype.get("label") or "")
    label = "" if is_no_call(label) else label
    phenotypes = diplotype.get("phenotypes") or []
    if not isinstance(phenotypes, list) or not all(isinstance(p, str) for p in phenotypes):
        fail("'phenotypes' must be a list of text", f"{path}.phenotypes")
    kept = [p.strip() for p in phenotypes if p.strip().lower() not in _EMPTY_PHENOTYPES]
    return label, "; ".join(kept) or None, _score(diplotype.get("activityScore"), f"{path}.activityScore")


def _score(value: Any, where: str) -> float | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in _EMPTY_PHENOTYPES):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        fail("must be a number or 'n/a'", where)


def _why_uncalled(entry: dict) -> str:
    if entry.get("callSource") == "NONE":
        return "Not called: PharmCAT had no genotype data for this gene and no outside call was given."
    return "PharmCAT could not call this gene from the data it was given."
