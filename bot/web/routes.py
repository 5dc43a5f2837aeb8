"""Serves the web front ends: the demo portal (``/``), the widget (``/widget.js``), the console (``/console/``).

Static files live beside this module (no build step). The portal lists sample reports from
``evals/reports/`` for download, and ``POST /widget/summary`` turns a normalized report into the
summary cards both front ends show (a pure function: nothing is stored or logged).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

from bot.config import PROJECT_ROOT
from bot.reports.models import Report
from bot.web.cards import Card, summary_cards

STATIC_DIR = Path(__file__).resolve().parent / "static"
SAMPLES_DIR = PROJECT_ROOT / "evals" / "reports"
_SAMPLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(json|tsv|csv)$")
# Files the browser may fetch by name; anything else under static/ stays private.
_ASSETS = {"widget.css": "text/css", "portal.css": "text/css", "console.css": "text/css",
           "console.js": "text/javascript"}
_NO_CACHE = {"Cache-Control": "no-cache"}

router = APIRouter(tags=["web"])


def _static(name: str, media_type: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type=media_type, headers=_NO_CACHE)


def sample_reports() -> list[str]:
    """File names of the downloadable sample reports, sorted; empty when the folder is absent."""
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(p.name for p in SAMPLES_DIR.iterdir() if p.is_file() and _SAMPLE_NAME.match(p.name))


def _sample_label(name: str) -> str:
    stem = name.rsplit(".", 1)[0].replace("_", " ").replace("-", " ")
    return stem.replace("pgx", "PGx").replace("brca", "BRCA").replace("cf ", "CF ").capitalize()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def portal() -> HTMLResponse:
    """The example patient portal with the widget embedded and sample reports to download."""
    items = "\n".join(
        f'<li><a href="/samples/{html.escape(n)}" download>{html.escape(_sample_label(n))}</a>'
        f' <span class="file">{html.escape(n)}</span></li>'
        for n in sample_reports()
    ) or "<li>No sample reports are installed.</li>"
    page = (STATIC_DIR / "portal.html").read_text(encoding="utf-8").replace("<!--SAMPLES-->", items)
    return HTMLResponse(page, headers=_NO_CACHE)


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> FileResponse:
    return _static("widget.js", "text/javascript")


@router.get("/console", include_in_schema=False)
@router.get("/console/", include_in_schema=False)
def console_page() -> FileResponse:
    return _static("console.html", "text/html")


@router.get("/web/{name}", include_in_schema=False)
def asset(name: str) -> FileResponse:
    """CSS and console script, by exact name only."""
    if name not in _ASSETS:
        raise HTTPException(status_code=404, detail="Not found")
    return _static(name, _ASSETS[name])


@router.get("/samples/", summary="List sample reports")
def list_samples() -> dict[str, list[str]]:
    return {"samples": sample_reports()}


@router.get("/samples/{name}", summary="Download a sample report", responses={404: {"description": "No such sample"}})
def download_sample(name: str) -> FileResponse:
    if name not in sample_reports():
        raise HTTPException(status_code=404, detail="No such sample report")
    return FileResponse(SAMPLES_DIR / name, filename=name, content_disposition_type="attachment")


@router.post("/widget/summary", summary="Summary cards for a normalized report")
def report_summary(report: Report) -> dict[str, list[Card]]:
    """Cards (gene, result, meaning, what it matters for, level with a text label) for one report."""
    return {"cards": summary_cards(report)}
