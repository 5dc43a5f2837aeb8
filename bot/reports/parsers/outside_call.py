"""PharmCAT outside-call file: tab-separated gene, diplotype and optional phenotype/activity score."""

from __future__ import annotations

from bot.core.report import Report
from bot.reports.parsers.base import check_rows
from bot.reports.parsers.tables import HEADER_NAMES, data_lines, has_header, row_result


def parse_outside_call(text: str, *, max_rows: int) -> Report:
    """PharmCAT outside-call file: tab-separated gene, diplotype and optional phenotype/activity score."""
    lines = data_lines(text)
    check_rows(len(lines) - has_header(lines, "\t"), max_rows, "line 1")
    report = Report(source_format="outside_call")
    for n, line in lines:
        cells = line.split("\t")
        if n == lines[0][0] and cells[0].strip().lower() in HEADER_NAMES:
            continue
        report.pharmacogenomics.append(row_result(cells, f"line {n}", call_source="outside call"))
    return report
