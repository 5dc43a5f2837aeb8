"""Patient sessions: consent, create, read, delete, and report upload."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from bot.api import views
from bot.api.deps import AppState, app_state, get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.routes.extraction import PENDING_RESPONSE, pending_from_upload
from bot.api.schemas import ConsentOut, ReportUploaded, SessionCreate, SessionCreated, SessionOut
from bot.errors import ReportError
from bot.reports.extract import document_kind
from bot.safety.wording import CONSENT_TEXT, CONSENT_VERSION
from bot.store import sessions as repo
from bot.store.exports import erase_session_exports
from bot.store.medicines import list_medicines
from bot.store.models import PatientSession

router = APIRouter(prefix="/api", tags=["patient"])

CHUNK = 64 * 1024
_REPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {"type": "object", "required": ["file"],
                           "properties": {"file": {"type": "string", "format": "binary"}}},
            },
            "application/json": {"schema": {"type": "object", "description": "A native or PharmCAT/FHIR JSON report."}},
        },
    }
}


@router.get("/consent", response_model=ConsentOut, responses=responses())
def get_consent() -> ConsentOut:
    """The consent text the widget must show before a session starts."""
    return ConsentOut(version=CONSENT_VERSION, text=CONSENT_TEXT)


@router.post("/sessions", status_code=201, response_model=SessionCreated, responses=responses(409))
def create_session(body: SessionCreate, db: Session = Depends(get_db)) -> SessionCreated:
    """Start a session once the patient has accepted the consent text; the token is returned only here."""
    if body.consent is not True:
        raise ApiError(422, "consent_required", "Accept the consent text (consent: true) to start a session.")
    if body.consent_version is not None and body.consent_version != CONSENT_VERSION:
        raise ApiError(409, "consent_outdated", "The consent text has changed; show the current version again.")
    row, token = repo.create_session(db, consent_version=CONSENT_VERSION, consent_text=CONSENT_TEXT)
    db.commit()
    return SessionCreated(session_id=row.id, token=token, consent_version=row.consent_version)


@router.get("/sessions/{session_id}", response_model=SessionOut, responses=responses(401, 403))
def get_session(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> SessionOut:
    """The session, its normalized report and summary cards (so the widget can restore itself after a reload)."""
    report = repo.latest_report(db, session.id)
    data = report.data if report else None
    return SessionOut(session_id=session.id, created_at=session.created_at, consent_version=session.consent_version,
                      report=data, warnings=list(report.warnings or []) if report else [],
                      cards=views.cards(data), medicines=views.medicines(data, list_medicines(db, session.id)))


@router.delete("/sessions/{session_id}", status_code=204, responses=responses(401, 403))
def delete_session(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db),
                   state: AppState = Depends(app_state)) -> Response:
    """Erase the report, the conversation and everything derived from them; the token stops working.

    Erased for real: SQLite overwrites deleted rows (secure_delete), the WAL is checkpointed and truncated so
    no copy lingers there, and files exported from the session (eval feedback cases) are deleted.
    """
    repo.delete_session(db, session.id)
    db.commit()
    state.db.checkpoint()
    erase_session_exports(state.settings.data_dir, session.id)
    return Response(status_code=204)


async def _read_capped(chunks, max_bytes: int) -> bytes:  # noqa: ANN001 - async iterator of bytes
    buf = bytearray()
    async for chunk in chunks:
        buf.extend(chunk)
        if len(buf) > max_bytes:
            raise ReportError(f"The report is larger than {max_bytes} bytes.", code="too_large")
    return bytes(buf)


async def _file_chunks(upload: UploadFile):  # noqa: ANN202
    while chunk := await upload.read(CHUNK):
        yield chunk


async def _upload_bytes(request: Request, max_bytes: int) -> tuple[bytes, str]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(422, "missing_file", "Send the report as a multipart field named 'file'.")
            data = await _read_capped(_file_chunks(upload), max_bytes)
            return data, upload.filename or "report"
    if ctype == "application/json" or ctype.endswith("+json"):
        return await _read_capped(request.stream(), max_bytes), "report.json"
    raise ApiError(415, "unsupported_media_type", "Upload the report as multipart 'file' or as a JSON body.")


def _warnings(report: Any) -> list[str]:
    out = list(report.warnings)
    for item in [*report.pharmacogenomics, *report.variants]:
        out.extend(f"{item.gene}: {w}" for w in item.warnings)
    return out


@router.post("/sessions/{session_id}/report", status_code=201, response_model=ReportUploaded,
             responses={**responses(401, 403, 413, 415), **PENDING_RESPONSE}, openapi_extra=_REPORT_BODY)
async def upload_report(request: Request, session: PatientSession = Depends(patient_session),
                        db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> ReportUploaded:
    """Parse and store the patient's report (replacing any earlier one); reply with it and its summary cards.

    A PDF or HTML report is read, not stored: 200 with ``status: needs_confirmation`` and the rows read
    (``bot/api/routes/extraction.py``); the report is made only when the patient confirms them.

    Size is checked while reading.
    """
    settings = state.settings
    data, filename = await _upload_bytes(request, settings.upload_limit_bytes)
    if not data.strip():
        raise ReportError("The uploaded report is empty.", code="invalid_report")
    if document_kind(data):  # a PDF or HTML report: its rows wait for the patient's confirmation (200)
        return await pending_from_upload(db, session, data)
    parsed = await run_in_threadpool(state.report_parser, data, filename=filename,
                                     max_bytes=settings.upload_limit_bytes, max_rows=settings.report_max_rows)
    report = parsed[0] if isinstance(parsed, tuple) else parsed
    warnings = _warnings(report)
    normalized = report.model_dump(mode="json")

    def store() -> list[str]:
        repo.save_report(db, session.id, source_format=report.source_format, data=normalized, warnings=warnings)
        db.commit()
        return list_medicines(db, session.id)

    listed = await run_in_threadpool(store)
    return ReportUploaded(report=normalized, warnings=warnings, cards=views.cards(report),
                          medicines=views.medicines(report, listed))
