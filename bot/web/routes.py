"""Serves the web front ends: the demo portal (``/``), the widget, the console (``/console/``).

The widget is two parts. ``/widget.js`` (static/embed.js) is the one script a clinic's page loads: it only
places an iframe. ``/widget/frame`` is that iframe's page, from GeneChat's own origin, and runs the chat app
(``/widget/app.js``, static/widget.js); the patient's token lives only there, out of reach of the host page.

Static files live beside this module (no build step). The portal lists sample reports from
``evals/reports/`` for download. The report summary cards come from the API itself (with the
report upload reply, ``GET /api/sessions/{id}`` and the escalation detail; see ``bot/pgx/cards.py``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from bot.config import PROJECT_ROOT
from bot.pgx.cpic import known_genes

STATIC_DIR = Path(__file__).resolve().parent / "static"
SAMPLES_DIR = PROJECT_ROOT / "evals" / "reports"
_SAMPLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.(json|tsv|csv)$")
# Files the browser may fetch by name; anything else under static/ stays private.
_ASSETS = {"widget.css": "text/css", "portal.css": "text/css", "console.css": "text/css",
           "console.js": "text/javascript", "favicon.svg": "image/svg+xml"}
_NO_CACHE = {"Cache-Control": "no-cache"}
# Our own pages load nothing from elsewhere; a host page embedding the widget keeps its own policy.
_PAGE_HEADERS = {**_NO_CACHE, "Content-Security-Policy": (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'")}
# The console acts with a counselor's token: no page may frame it, not even our own (matches the
# X-Frame-Options: DENY that bot/api/middleware.py adds for older browsers).
_CONSOLE_HEADERS = {**_PAGE_HEADERS, "Content-Security-Policy": _PAGE_HEADERS["Content-Security-Policy"].replace(
    "frame-ancestors 'self'", "frame-ancestors 'none'")}
# The chat frame may be framed by our own pages and by the clinics' pages allowed to embed the widget
# (GENECHAT_CORS_ORIGINS); only well-formed origins reach the header.
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
_FRAME_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GeneChat</title>
</head>
<body>
  <script src="app.js" data-genechat-mode="{mode}" data-genechat-poll-ms="{poll}" data-genechat-parent="{parent}" defer>
  </script>
</body>
</html>
"""
_WORDS = {"pgx": "PGx", "cf": "CF", "vus": "VUS", "pm": "poor metabolizer", "um": "ultrarapid metabolizer",
          "im": "intermediate metabolizer", "nm": "normal metabolizer"}

router = APIRouter(tags=["web"])


def _static(name: str, media_type: str, headers: dict[str, str] = _NO_CACHE) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type=media_type, headers=headers)


def sample_reports() -> list[str]:
    """File names of the downloadable sample reports, sorted; empty when the folder is absent."""
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(p.name for p in SAMPLES_DIR.iterdir() if p.is_file() and _SAMPLE_NAME.match(p.name))


def sample_label(name: str) -> str:
    """A readable title from a file name: ``pgx_cyp2c19_pm.json`` -> ``PGx CYP2C19 poor metabolizer``."""
    words = re.split(r"[_\-\s]+", name.rsplit(".", 1)[0])
    gene_like = lambda w: any(c.isdigit() for c in w) or w.upper() in known_genes()  # noqa: E731
    out = [_WORDS.get(w.lower(), w.upper() if gene_like(w) else w.lower()) for w in words if w]
    if out and out[0].islower():
        out[0] = out[0].capitalize()
    return " ".join(out)


def sample_genes(name: str) -> list[str]:
    """Genes named in a native JSON sample (best effort: other formats list none)."""
    try:
        doc = json.loads((SAMPLES_DIR / name).read_text(encoding="utf-8"))
        items = [*doc.get("pharmacogenomics", []), *doc.get("variants", [])]
        return list(dict.fromkeys(str(i["gene"]) for i in items if isinstance(i, dict) and i.get("gene")))
    except (OSError, ValueError, AttributeError, TypeError):
        return []


def _sample_item(name: str) -> str:
    genes = sample_genes(name)
    extra = f" ({', '.join(genes)})" if genes else ""
    return (f'<li><a href="/samples/{html.escape(name)}" download>{html.escape(sample_label(name))}</a>'
            f'{html.escape(extra)} <span class="file">{html.escape(name)}</span></li>')


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def portal() -> HTMLResponse:
    """The example patient portal with the widget embedded and sample reports to download."""
    items = "\n".join(_sample_item(n) for n in sample_reports()) or "<li>No sample reports are installed.</li>"
    page = (STATIC_DIR / "portal.html").read_text(encoding="utf-8").replace("<!--SAMPLES-->", items)
    return HTMLResponse(page, headers=_PAGE_HEADERS)


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> FileResponse:
    """The embed script for the clinic's page: draws nothing itself but the iframe of ``/widget/frame``."""
    return _static("embed.js", "text/javascript")


@router.get("/widget/app.js", include_in_schema=False)
def widget_app_js() -> FileResponse:
    """The chat app, run only inside ``/widget/frame``."""
    return _static("widget.js", "text/javascript")


def embedding_origins(cors_origins: str) -> list[str]:
    """The origins allowed to frame the chat: the well-formed entries of GENECHAT_CORS_ORIGINS (``*`` = any)."""
    entries = [o.strip().rstrip("/") for o in cors_origins.split(",") if o.strip()]
    return [o for o in entries if o == "*" or _ORIGIN.match(o)]


@router.get("/widget/frame", response_class=HTMLResponse, include_in_schema=False)
def widget_frame(request: Request, mode: str = Query("floating", pattern="^(floating|inline)$"),
                 poll: int = Query(4000, ge=500, le=600_000), parent: str = "") -> HTMLResponse:
    """The chat in its own page, for the embed script's iframe: its storage (the token) is GeneChat's origin's.

    ``parent`` is the embedding page's origin; the frame tells it only whether the chat is open and how big the
    launcher is, and only when that origin may frame us (our own pages need no ``parent``). The CSP ``frame-ancestors`` lets the browser refuse any
    other page; no ``X-Frame-Options`` here (it cannot list origins).
    """
    state = getattr(request.app.state, "genechat", None)
    allowed = embedding_origins(state.settings.cors_origins if state is not None else "")
    parent = parent.rstrip("/")
    if not (_ORIGIN.match(parent) and ("*" in allowed or parent in allowed)):
        parent = ""  # our own pages: the frame sees that its parent is same-origin; others: it posts nothing
    policy = _PAGE_HEADERS["Content-Security-Policy"].replace(
        "frame-ancestors 'self'", " ".join(["frame-ancestors 'self'", *allowed]))
    page = _FRAME_PAGE.format(mode=mode, poll=poll, parent=html.escape(parent))
    return HTMLResponse(page, headers={**_PAGE_HEADERS, "Content-Security-Policy": policy})


@router.get("/console", include_in_schema=False)
@router.get("/console/", include_in_schema=False)
def console_page() -> FileResponse:
    return _static("console.html", "text/html", _CONSOLE_HEADERS)


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
