"""Helpers every parser shares: errors that name where, typed field access, row limits."""

from __future__ import annotations

import re
from typing import Any, NoReturn

from bot.errors import ReportError
from bot.reports.sanitize import clean_text

GENE_SYMBOL = re.compile(r"^[A-Z0-9][A-Z0-9\-_.]{0,24}$")
NO_CALL = {
    "",
    "unknown",
    "unknown/unknown",
    "no result",
    "no call",
    "not called",
    "n/a",
    "na",
    "none",
    "-",
    "null",
}


def fail(message: str, where: str | None = None, code: str = "invalid_report") -> NoReturn:
    raise ReportError(message, where=where, code=code)


def check_rows(count: int, max_rows: int, where: str) -> None:
    if count > max_rows:
        fail(
            f"The report has {count} results, more than the {max_rows} any real report holds; it was not read.",
            where,
            code="too_large",
        )


def opt_str(obj: dict, key: str, path: str) -> str | None:
    """A string field that may be absent or null; numbers are refused as the wrong type."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        fail(f"'{key}' must be text, not {type(value).__name__}", f"{path}.{key}")
    return value.strip() or None


def req_str(obj: dict, key: str, path: str) -> str:
    value = opt_str(obj, key, path)
    if value is None:
        fail(f"'{key}' is required and must be non-empty text", f"{path}.{key}")
    return value


def opt_number(obj: dict, key: str, path: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(f"'{key}' must be a number, not {type(value).__name__}", f"{path}.{key}")
    if not 0 <= float(value) <= 100:
        fail(f"'{key}' must be between 0 and 100", f"{path}.{key}")
    return float(value)


def opt_list(obj: dict, key: str, path: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        fail(f"'{key}' must be a list, not {type(value).__name__}", f"{path}.{key}")
    return value


def gene_symbol(raw: str, where: str) -> str:
    """Upper-case gene symbol; refuses text that cannot be a gene name."""
    symbol = clean_text(raw).upper().replace(" ", "")
    if not GENE_SYMBOL.match(symbol):
        fail(f"'{raw[:40]}' is not a gene symbol", where)
    return symbol


def is_no_call(text: str | None) -> bool:
    return (
        text is None
        or text.strip().lower() in NO_CALL
        or all(part.strip().lower() in NO_CALL for part in text.split("/"))
    )


def parse_score(text: str | None, where: str) -> float | None:
    """Activity score text from a table cell; blanks and 'n/a' mean none."""
    if text is None or text.strip().lower() in NO_CALL:
        return None
    try:
        value = float(text.strip().lstrip("≥>= "))
    except ValueError:
        fail(f"activity score '{text[:20]}' is not a number", where)
    if not 0 <= value <= 100:
        fail("activity score must be between 0 and 100", where)
    return value
