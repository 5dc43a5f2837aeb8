"""Shared reading of one-row-per-gene text formats (outside-call TSV and CSV)."""

from __future__ import annotations

from bot.core.report import PgxResult
from bot.reports.parsers.base import fail, gene_symbol, is_no_call, parse_score

HEADER_NAMES = {"gene", "genes", "gene symbol"}


def data_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank, non-comment lines with their 1-based line numbers."""
    return [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def row_result(cells: list[str], where: str, *, call_source: str) -> PgxResult:
    """One gene row: gene, diplotype, optional phenotype, optional activity score."""
    cells = [c.strip() for c in cells]
    if len(cells) < 2:
        fail("a row needs at least a gene and a diplotype", where)
    if len(cells) > 4:
        fail(
            f"a row has {len(cells)} columns; expected gene, diplotype, and optionally phenotype and activity score",
            where,
        )
    gene = gene_symbol(cells[0], where)
    diplotype = cells[1] or None
    phenotype = cells[2] if len(cells) > 2 and cells[2] and not is_no_call(cells[2]) else None
    score = parse_score(cells[3], where) if len(cells) > 3 else None
    if is_no_call(diplotype) and not phenotype:
        return PgxResult(
            gene=gene,
            status="no_result",
            no_result_reason="The report gives no result for this gene.",
            call_source=call_source,
        )
    return PgxResult(
        gene=gene,
        diplotype=None if is_no_call(diplotype) else diplotype,
        phenotype=phenotype,
        activity_score=score,
        phenotype_source="stated" if phenotype else "none",
        call_source=call_source,
    )


def has_header(lines: list[tuple[int, str]], sep: str) -> int:
    return int(bool(lines) and lines[0][1].split(sep)[0].strip().strip('"').lower() in HEADER_NAMES)
