"""Recognise a PDF or an HTML report by its content (never by its file name)."""

from __future__ import annotations

import re

from bot.reports.extract.models import DocumentFormat

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def document_kind(data: bytes) -> DocumentFormat | None:
    """'pdf' or 'html' when the bytes are a document extraction reads; None for every other upload."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    return None
