"""PharmCAT ``report.tsv``: a title line ("PharmCAT vX"), a header, then one row per gene."""

from __future__ import annotations

from bot.reports.models import PgxResult, Report
from bot.reports.parsers.base import check_rows, fail, gene_symbol, is_no_call, parse_score

REQUIRED = ("Gene", "Source Diplotype")


def looks_pharmcat_tsv(lines: list[str]) -> bool:
    head = [line for line in lines[:2]]
    return any(line.startswith("Gene\tSource Diplotype") for line in head)


def parse_pharmcat_tsv(text: str, *, max_rows: int) -> Report:
    lines = text.splitlines()
    start = 0
    report = Report(source_format="pharmcat_tsv", provenance={"generator": "PharmCAT"})
    if lines and lines[0].startswith("PharmCAT"):
        report.provenance["pharmcatVersion"] = lines[0].removeprefix("PharmCAT").strip()
        start = 1
    header = lines[start].split("\t") if len(lines) > start else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        fail(f"the header lacks the column(s) {', '.join(missing)}", f"line {start + 1}")
    rows = [(n, line) for n, line in enumerate(lines[start + 1 :], start + 2) if line.strip()]
    check_rows(len(rows), max_rows, f"line {start + 2}")
    col = {name: i for i, name in enumerate(header)}
    for n, line in rows:
        cells = line.split("\t")
        if len(cells) > len(header) + 1:
            fail(f"the row has {len(cells)} columns but the header has {len(header)}", f"line {n}")
        cells += [""] * (len(header) - len(cells))
        report.pharmacogenomics.append(_row(_Row(cells, col), f"line {n}"))
    return report


class _Row:
    """Cells of one TSV row by column name; a blank cell may fall back to another column."""

    def __init__(self, cells: list[str], col: dict[str, int]):
        self.cells, self.col = cells, col

    def __call__(self, name: str, fallback: str | None = None) -> str:
        value = self.cells[self.col[name]].strip() if name in self.col else ""
        return value or (self(fallback) if fallback else "")


def _row(cell: _Row, where: str) -> PgxResult:
    gene = gene_symbol(cell("Gene"), where)
    call_source = "outside call" if cell("Outside Call").lower() == "yes" else "matcher"
    diplotype = cell("Recommendation Lookup Diplotype", "Source Diplotype")
    phenotype = cell("Recommendation Lookup Phenotype", "Phenotype")
    phenotype = None if is_no_call(phenotype) else phenotype
    if is_no_call(diplotype) and not phenotype:
        return PgxResult(
            gene=gene,
            status="no_result",
            call_source=call_source,
            no_result_reason="PharmCAT could not call this gene from the data it was given.",
        )
    diplotype = "" if is_no_call(diplotype) else diplotype  # an outside call may give only a phenotype
    score = parse_score(cell("Recommendation Lookup Activity Score", "Activity Score"), where)
    alternatives = [d.strip() for d in diplotype.split(" OR ")] if " OR " in diplotype else []
    result = PgxResult(
        gene=gene,
        diplotype=" or ".join(alternatives) if alternatives else (diplotype or None),
        alternatives=alternatives,
        uncertain=bool(alternatives),
        phenotype=phenotype,
        activity_score=score,
        phenotype_source="stated" if phenotype else "none",
        call_source=call_source,
    )
    if cell("Missing positions").lower() == "yes":
        result.warnings.append(
            "Some positions PharmCAT needed were missing from the data, so this call may be incomplete."
        )
    return result
