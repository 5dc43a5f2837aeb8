"""The consent text patients accept before a session starts; versioned, and stored with each session.

The text and its version live with the other fixed wording (bot/safety/wording.py), where they are checked.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.safety.wording import CONSENT_TEXT, CONSENT_VERSION
from bot.store.models import ConsentVersion

__all__ = ["CONSENT_TEXT", "CONSENT_VERSION", "ensure_current_consent"]


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
