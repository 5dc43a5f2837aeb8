"""The consent text patients accept before a session starts; versioned, and stored with each session."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import ConsentVersion

CONSENT_VERSION = "2026-11-v1"
CONSENT_TEXT = (
    "GeneChat explains your genetic test report in plain words, using information checked by genetic "
    "experts. It is not a doctor and does not give medical advice. It will never tell you to start, stop "
    "or change a medicine, or what dose to take: talk to your doctor or pharmacist about that. "
    "Some questions are passed to a genetic counselor, who can read this conversation and your report "
    "to answer you. If you have an emergency, call your local emergency number. "
    "Your report and messages are stored so the conversation can continue; you can delete them at any "
    "time with the Delete button."
)


def ensure_current_consent(db: Session) -> ConsentVersion:
    """Return the stored row for the current consent version, storing the text the first time."""
    row = db.get(ConsentVersion, CONSENT_VERSION)
    if row is None:
        try:
            with db.begin_nested():  # another worker may insert the same version at the same moment
                row = ConsentVersion(version=CONSENT_VERSION, text=CONSENT_TEXT)
                db.add(row)
        except IntegrityError:
            row = db.get(ConsentVersion, CONSENT_VERSION)
    return row
