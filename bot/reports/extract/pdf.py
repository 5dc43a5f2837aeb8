"""Text from a PDF report, page by page, with pypdf; refuses files that are locked, broken, huge or scanned.

A PDF is a container that can hide a decompression bomb (a small file that inflates to gigabytes), a page
tree of thousands of pages, or only pictures of text. Each of these ends in a ``ReportError`` with its own
code and a message that says what to do, before anything is stored.
"""

from __future__ import annotations

import io
import logging

from bot.errors import ReportError

log = logging.getLogger(__name__)

MAX_PAGES = 40
MAX_TEXT_CHARS = 400_000
# Drawing instructions per file, inflated: a text report needs well under a megabyte a page.
MAX_CONTENT_BYTES = 16 * 1024 * 1024
# A page with fewer letters than this holds no readable text (a scan, or a page that is only a logo).
MIN_PAGE_LETTERS = 20


def pdf_pages(data: bytes, *, max_pages: int = MAX_PAGES, max_chars: int = MAX_TEXT_CHARS) -> list[str]:
    """The text of each page, in reading order; raises ``ReportError`` for files that cannot be read."""
    # imported here: pypdf (with Pillow and fontTools) is ~0.3 s of the server's start, for the rare PDF upload
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReportError("The PDF is locked with a password, so GeneChat cannot read it. Save a copy "
                              "without a password, or type your results in instead.", code="encrypted_pdf")
        count = len(reader.pages)
        if count > max_pages:
            raise ReportError(f"The PDF has {count} pages; a lab report has at most {max_pages}.",
                              code="too_many_pages")
        pages, total, drawn = [], 0, 0
        for page in reader.pages:
            contents = page.get_contents()
            drawn += len(contents.get_data()) if contents is not None else 0
            if drawn > MAX_CONTENT_BYTES:
                raise ReportError("The PDF expands to far more data than a lab report; it was not read.",
                                  code="pdf_too_complex")
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                raise ReportError("The PDF holds far more text than a lab report; it was not read.",
                                  code="pdf_too_complex")
            pages.append(text)
        has_images = any(_has_image(page) for page in reader.pages)
    except ReportError:
        raise
    except LimitReachedError as exc:
        # pypdf stops inflating a stream past its size limits: the file is a decompression bomb.
        log.info("pdf_rejected", extra={"reason": "limit"})
        raise ReportError("The PDF expands to far more data than a lab report; it was not read.",
                          code="pdf_too_complex") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            AssertionError, OSError, ZeroDivisionError) as exc:
        log.info("pdf_rejected", extra={"reason": type(exc).__name__})
        raise ReportError("The PDF is damaged or incomplete, so GeneChat cannot read it. Download it from "
                          "your lab again, or type your results in instead.", code="invalid_pdf") from exc
    if count == 0:
        raise ReportError("The PDF has no pages.", code="invalid_pdf")
    if all(_letters(t) < MIN_PAGE_LETTERS for t in pages):
        raise ReportError("This PDF holds pictures of pages (a scan), not text GeneChat can read. "
                          "You can type your results in instead." if has_images else
                          "This PDF holds no text GeneChat can read. You can type your results in instead.",
                          code="scanned_pdf")
    return pages


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _has_image(page) -> bool:  # noqa: ANN001 - a pypdf PageObject
    from pypdf.errors import PyPdfError  # loaded by pdf_pages already

    try:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        return any(obj.get_object().get("/Subtype") == "/Image" for obj in objects.values())
    except (PyPdfError, AttributeError, KeyError, TypeError, ValueError):
        return False
