"""A simple CSV ``gene,diplotype[,phenotype[,activity_score]]`` (header row optional)."""

from __future__ import annotations

import csv
import io

from bot.core.report import Report
from bot.reports.parsers.base import check_rows, fail
from bot.reports.parsers.tables import HEADER_NAMES, data_lines, has_header, row_result


def parse_csv(text: str, *, max_rows: int) -> Report:
    """CSV with columns gene, diplotype and optional phenotype, activity score (header row optional)."""
    lines = data_lines(text)
    check_rows(len(lines) - has_header(lines, ","), max_rows, "line 1")
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
    if (
        len(names) < 2
        or names[1] != "diplotype"
        or any(a != b for a, b in zip(names[2:], expected[2:], strict=False))
    ):
        fail("the header must be gene,diplotype[,phenotype[,activity_score]]", f"line {n}")
