"""Simple one-row-per-gene text formats: PharmCAT outside-call TSV and a CSV ``gene,diplotype[,phenotype]``."""

from __future__ import annotations

import csv
import io

from bot.reports.models import PgxResult, Report
from bot.reports.parsers.base import check_rows, fail, gene_symbol, is_no_call, parse_score

HEADER_NAMES = {"gene", "genes", "gene symbol"}


def data_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers."""
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]


def row_result(cells: list[str], where: str, *, call_source: str) -> PgxResult:
    """One gene row: gene, diplotype, optional phenotype, optional activity score."""
    cells = [c.strip() for c in cells]
    if len(cells) < 2:
        fail("a row needs at least a gene and a diplotype", where)
    if len(cells) > 4:
        fail(f"a row has {len(cells)} columns; expected gene, diplotype, and optionally phenotype and activity score", where)
    gene = gene_symbol(cells[0], where)
    diplotype = cells[1] or None
    phenotype = cells[2] if len(cells) > 2 and cells[2] and not is_no_call(cells[2]) else None
    score = parse_score(cells[3], where) if len(cells) > 3 else None
    if is_no_call(diplotype) and not phenotype:
        return PgxResult(gene=gene, status="no_result", no_result_reason="The report gives no result for this gene.",
                         call_source=call_source)
    return PgxResult(gene=gene, diplotype=None if is_no_call(diplotype) else diplotype, phenotype=phenotype,
                     activity_score=score, phenotype_source="stated" if phenotype else "none", call_source=call_source)


def parse_outside_call(text: str, *, max_rows: int) -> Report:
    """PharmCAT outside-call file: tab-separated gene, diplotype and optional phenotype/activity score."""
    lines = data_lines(text)
    check_rows(len(lines), max_rows, "line 1")
    report = Report(source_format="outside_call")
    for n, line in lines:
        cells = line.split("\t")
        if n == lines[0][0] and cells[0].strip().lower() in HEADER_NAMES:
            continue
        report.pharmacogenomics.append(row_result(cells, f"line {n}", call_source="outside call"))
    return report


def parse_csv(text: str, *, max_rows: int) -> Report:
    """CSV with columns gene, diplotype and optional phenotype, activity score (header row optional)."""
    lines = data_lines(text)
    check_rows(len(lines), max_rows, "line 1")
    report = Report(source_format="csv")
    try:
        rows = list(csv.reader(io.StringIO("\n".join(line for _, line in lines))))
    except csv.Error as exc:
        fail(f"the CSV could not be read: {exc}", "line 1")
    for (n, _), cells in zip(lines, rows, strict=False):
        if n == lines[0][0] and cells and cells[0].strip().lower() in HEADER_NAMES:
            _check_header(cells, n)
            continue
        report.pharmacogenomics.append(row_result(cells, f"line {n}", call_source="lab"))
    return report


def _check_header(cells: list[str], n: int) -> None:
    names = [c.strip().lower().replace(" ", "_") for c in cells]
    expected = ["gene", "diplotype", "phenotype", "activity_score"]
    if len(names) < 2 or names[1] != "diplotype" or any(a != b for a, b in zip(names[2:], expected[2:], strict=False)):
        fail("the header must be gene,diplotype[,phenotype[,activity_score]]", f"line {n}")
