"""Read candidate results from the reports patients actually have: PDF lab reports and HTML pages.

``extract_document(bytes) -> Extraction``. The candidates are not a report: the patient checks, fixes
and confirms them first (``bot.reports.extract.confirm``), and only confirmed rows are used.
"""

from __future__ import annotations

from bot.errors import ReportError
from bot.reports.extract.documents import document_kind
from bot.reports.extract.html import html_text
from bot.reports.extract.models import Candidate, Extraction
from bot.reports.extract.pdf import pdf_pages
from bot.reports.extract.recognise import recognise as _recognise
from bot.reports.sanitize import clean_tree

__all__ = ["Candidate", "Extraction", "document_kind", "extract_document"]


def recognise(pages: list[tuple[int | None, str]]) -> list[Candidate]:
    """Candidate rows with every text made inert (plain text, no markup), as parse_report does for uploads."""
    return [Candidate.model_validate(clean_tree(c.model_dump())) for c in _recognise(pages)]


def extract_document(data: bytes) -> Extraction:
    """Candidate rows from a PDF or HTML report; ``ReportError`` when the file cannot be read."""
    kind = document_kind(data)
    if kind == "pdf":
        pages = pdf_pages(data)
        return Extraction(source_format="pdf", pages=len(pages),
                          candidates=recognise([(i, text) for i, text in enumerate(pages, start=1)]))
    if kind == "html":
        text = html_text(data.decode("utf-8", errors="replace"))
        return Extraction(source_format="html", pages=1, candidates=recognise([(None, text)]))
    raise ReportError("The file is not a PDF or HTML report.", code="unsupported_format")
