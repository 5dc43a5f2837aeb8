"""The one entry point for reading an uploaded report: bytes in, a normalized ``Report`` out.

Formats are recognised by content, never by file name. Anything that cannot be read raises
``ReportError`` (code ``too_large``, ``unsupported_format`` or ``invalid_report``) and nothing is kept.

>>> r = parse_report(b"gene,diplotype\\nCYP2C19,*1/*17\\n")
>>> (r.source_format, r.result_for("CYP2C19").phenotype, r.result_for("CYP2C19").phenotype_source)
('csv', 'Rapid Metabolizer', 'derived')
"""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import ValidationError

from bot.config import get_settings
from bot.core.report import Report
from bot.errors import ReportError
from bot.reports.derive import complete_report
from bot.reports.parsers.base import fail
from bot.reports.parsers.csv import parse_csv
from bot.reports.parsers.fhir import looks_fhir, parse_fhir
from bot.reports.parsers.native import looks_native, parse_native
from bot.reports.parsers.outside_call import parse_outside_call
from bot.reports.parsers.pharmcat_json import looks_pharmcat_json, parse_pharmcat_json
from bot.reports.parsers.pharmcat_tsv import looks_pharmcat_tsv, parse_pharmcat_tsv
from bot.reports.parsers.tables import data_lines
from bot.reports.sanitize import clean_tree

log = logging.getLogger(__name__)

MAX_JSON_DEPTH = 64


def parse_report(
    data: bytes, *, filename: str | None = None, max_bytes: int | None = None, max_rows: int | None = None
) -> Report:
    """Read an uploaded report (native JSON, PharmCAT JSON/TSV, outside-call TSV, FHIR bundle or CSV)."""
    settings = get_settings()
    max_bytes = settings.upload_limit_bytes if max_bytes is None else max_bytes
    max_rows = settings.report_max_rows if max_rows is None else max_rows
    if not isinstance(data, bytes | bytearray):
        fail("the upload must be bytes", "file")
    if len(data) > max_bytes:
        fail(f"The file is {len(data):,} bytes; the limit is {max_bytes:,} bytes.", "file", code="too_large")
    text = _decode(bytes(data))
    try:
        report = _dispatch(text, max_rows)
        report = Report.model_validate(clean_tree(report.model_dump()))
        # Every format goes through the same completion: a diplotype without a stated phenotype gets a
        # CPIC-derived one marked "derived", whoever wrote the file (PharmCAT leaves some rows blank).
        report = complete_report(report)
    except ReportError:
        raise
    except (
        ValidationError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        RecursionError,
    ) as exc:
        # A parser met a shape it did not expect: refuse the file rather than half-read it.
        log.info("report_rejected", extra={"reason": type(exc).__name__})
        raise ReportError("The report's content has a structure GeneChat cannot read.", where="file") from exc
    if not report.pharmacogenomics and not report.variants:
        fail("The file holds no gene results or variants to explain.", "file")
    log.info(
        "report_parsed",
        extra={
            "format": report.source_format,
            "results": len(report.pharmacogenomics),
            "variants": len(report.variants),
            "has_filename": filename is not None,
        },
    )
    return report


def _decode(data: bytes) -> str:
    if not data.strip():
        fail("The file is empty.", "file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        fail(
            "The file is saved as UTF-16 text; save it as UTF-8 and upload it again.",
            "byte 0",
            code="unsupported_format",
        )
    if b"\x00" in data[:8192]:
        fail(
            "The file is binary (for example a PDF, image or archive), not a text report.",
            "file",
            code="unsupported_format",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(
            f"The file is not UTF-8 text (bad byte at position {exc.start}).",
            f"byte {exc.start}",
            code="unsupported_format",
        )
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > 8:
        fail("The file looks binary, not a text report.", "file", code="unsupported_format")
    if not text.strip():
        fail("The file is empty.", "file")
    return text


def _dispatch(text: str, max_rows: int) -> Report:
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        doc = _load_json(stripped)
        if looks_fhir(doc):
            return parse_fhir(doc, max_rows=max_rows)
        if looks_pharmcat_json(doc):
            return parse_pharmcat_json(doc, max_rows=max_rows)
        if looks_native(doc):
            return parse_native(doc, max_rows=max_rows)
        fail(
            "The JSON is not a report format GeneChat reads (native, PharmCAT or FHIR Genomics Reporting).",
            "$",
            code="unsupported_format",
        )
    lines = stripped.splitlines()
    if looks_pharmcat_tsv(lines):
        return parse_pharmcat_tsv(stripped, max_rows=max_rows)
    rows = data_lines(stripped)
    if rows and all("\t" in line for _, line in rows[:5]):
        return parse_outside_call(stripped, max_rows=max_rows)
    if rows and all("," in line for _, line in rows[:5]):
        return parse_csv(stripped, max_rows=max_rows)
    fail(
        "The file is not a report format GeneChat reads (JSON, PharmCAT TSV, outside-call TSV or CSV).",
        "line 1",
        code="unsupported_format",
    )


def _load_json(text: str) -> Any:
    try:
        doc = json.loads(text)
    except RecursionError:
        fail(f"The JSON is nested too deeply (more than {MAX_JSON_DEPTH} levels).", "$")
    except json.JSONDecodeError as exc:
        fail(f"The JSON is broken or cut off: {exc.msg}.", f"line {exc.lineno}, column {exc.colno}")
    _check_depth(doc)
    return doc


def _check_depth(doc: Any) -> None:
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            fail(f"The JSON is nested too deeply (more than {MAX_JSON_DEPTH} levels).", "$")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
