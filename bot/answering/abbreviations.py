"""Metabolizer terms written as lab abbreviations ("what does PM mean", "UM meaning", "my report says IM"): read as the
words they stand for, kept beside them, before anything else reads the message (stop 44, eighth pass M11: "what's IM"
was declined as off topic, "UM meaning" got "not sure what you would like to know", "what does PM mean" a star-allele
passage).

Only capitals count ("im" is "I'm", "pm" a time of day), never after a number ("3 PM"), and only where the message
asks about the term or the report: "IM injection" is intramuscular.

>>> expand_abbreviations("what does PM mean")
'what does PM (poor metabolizer) mean'
>>> expand_abbreviations("see you at 3 PM"), expand_abbreviations("im a bit lost")
('see you at 3 PM', 'im a bit lost')
>>> expand_abbreviations("is the IM injection ok")
'is the IM injection ok'
"""

from __future__ import annotations

import re

_TERMS = {"PM": "poor metabolizer", "IM": "intermediate metabolizer", "NM": "normal metabolizer",
          "EM": "extensive metabolizer", "RM": "rapid metabolizer", "UM": "ultrarapid metabolizer",
          "URM": "ultrarapid metabolizer"}
_ABBREVIATION = re.compile(r"(?<![\d:.])(?<!\d )\b(PM|IM|NM|EM|RM|UM|URM)\b(?!\s*(?:injections?|shots?|jabs?|\d))")
_ASKED = re.compile(r"\b(?:mean\w*|stand\w* for|short for|report\w*|results?|says?|listed|am i|i'?m|what(?:'s| is| are)?|"
                    r"metaboli[sz]\w*|genes?|cyp\w+)\b|\?|^\W*\w+\W*$", re.IGNORECASE)


def expand_abbreviations(text: str) -> str:
    if not _ABBREVIATION.search(text) or not _ASKED.search(text):
        return text
    return _ABBREVIATION.sub(lambda m: f"{m.group(1)} ({_TERMS[m.group(1)]})", text)
