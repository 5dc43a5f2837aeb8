"""PDFs no report reader should accept: locked, broken, a decompression bomb, a page-count bomb."""

from __future__ import annotations

import io
import zlib

from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, StreamObject

from bot.evals.report_documents import RESULT_SETS, table_layout


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(table_layout(RESULT_SETS[0]).data))
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def malformed_pdf() -> bytes:
    """A real report cut off half-way, as an interrupted download leaves it."""
    data = table_layout(RESULT_SETS[0]).data
    return data[: len(data) // 3]


def compression_bomb_pdf(inflated_mb: int = 40) -> bytes:
    """One page whose drawing instructions inflate from ~40 KB to ``inflated_mb`` MB."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = zlib.compress(b" " * (inflated_mb * 1024 * 1024), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream[NameObject("/Length")] = NumberObject(len(stream._data))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def many_pages_pdf(pages: int = 500) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


