"""Whose feelings a message reports. "My mum is panicking about my carrier result, what does it mean?" tells of a
relative's distress and asks what the result means: the distress rule (``wants_human#2``: scared, panicking,
freaking out ...) is about the writer's own, so it does not send such a question to a counselor by itself. The
writer's own feelings anywhere in the message ("she's panicking and so am I") keep the rule.

>>> others_distress_only("My mother is panicking about my carrier screening result. What does it actually mean?")
True
>>> others_distress_only("I showed my mum my report and she immediately started panicking, what does it mean")
True
>>> others_distress_only("my mum is panicking and honestly so am I")
False
>>> others_distress_only("I'm scared, what does my result mean")
False
"""

from __future__ import annotations

import re

# the distress words of wants_human#2 (bot/safety/english/escalate.yaml)
_DISTRESS = re.compile(r"\b(?:scared|terrified|freaking out|panicking|overwhelmed|devastated|can'?t stop crying|"
                       r"so worried|anxious|feel(?:ing|s)?\s+(?:so\s+|really\s+|very\s+)?(?:alone|lonely|isolated)|"
                       r"(?:a lot|so much)\s+to\s+(?:take in|process|absorb|digest))\b", re.IGNORECASE)
_OTHER = re.compile(
    r"\b(?:mum|mom|mommy|mummy|mother|dad|daddy|father|parents?|husband|hubby|wife|partner|spouse|fianc[eé]e?|"
    r"boyfriend|girlfriend|bf|gf|sister|sis|brother|bro|son|daughter|kids?|children|family|friend|mate|aunt|uncle|"
    r"cousin|grandma|grandpa|grandmother|grandfather|nan|nana|he|she|they|everyone)\b", re.IGNORECASE)
_ME = re.compile(r"\b(?:i|i'm|im|i am|i've|ive|me|myself|we|us|so am i|me too)\b", re.IGNORECASE)
# where the clause of a feeling word starts: a stop, a comma, or a joining word
_CLAUSE = re.compile(r"[.?!;,:]|\b(?:and|but|so|because|cause|cuz|while|then)\b", re.IGNORECASE)


def _subject_window(text: str, at: int) -> str:
    before = text[max(0, at - 60):at]
    starts = [m.end() for m in _CLAUSE.finditer(before)]
    return before[starts[-1]:] if starts else before


def others_distress_only(text: str) -> bool:
    """Every distress word in the message belongs to someone else (a relative or friend is its subject), and the
    writer reports no feeling of their own."""
    hits = list(_DISTRESS.finditer(text))
    if not hits:
        return False
    for m in hits:
        window = _subject_window(text, m.start())
        if _ME.search(window) or not _OTHER.search(window):
            return False
    after_last = text[hits[-1].end():]
    return not re.search(r"\b(?:so am i|me too|and me|i am too|i'm also|im also|as am i)\b", after_last, re.IGNORECASE)
