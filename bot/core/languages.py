"""The languages GeneChat knows: English plus every language that has a wording file.

The wording files (``bot/safety/languages/wording/<code>.yaml``) are the one list of languages. Their
folder is named here, in layer 0, so that lower layers can read the list of codes without importing
``bot.safety``: ``bot.knowledge`` checks a document's ``language`` against it. ``bot.safety.languages``
reads its wording from the same folder. Only file names are read here; the files' content stays
``bot.safety``'s business.

>>> DEFAULT_LANGUAGE in known_languages() and "es" in known_languages()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"  # the language of the vetted KB today, and of every reply that is not fixed wording
WORDING_DIR = Path(__file__).resolve().parent.parent / "safety" / "languages" / "wording"


@cache
def known_languages() -> frozenset[str]:
    """ISO 639-1 codes: English and each ``<code>.yaml`` in the wording folder."""
    return frozenset({DEFAULT_LANGUAGE, *(p.stem for p in WORDING_DIR.glob("*.yaml"))})
