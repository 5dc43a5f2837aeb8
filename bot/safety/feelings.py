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


# the writer's own fear or worry, told: "I'm scared", "this result really scares me", "honestly I'm a bit worried"
_FEAR = re.compile(r"\b(?:scared|scares? me|scaring me|afraid|frightened|frightens? me|terrified|terrifies me|worried|"
                   r"worries me|worrying me|anxious|nervous|panick(?:ing|ed)|freak(?:ing|ed|s me) out|overwhelmed|"
                   # (stop 47, batch 24 dev: "dreading the anaesthetic for my op tbh" had the check-in tier)
                   r"upset|shaken|dread(?:ing|s)?|a lot to (?:take in|process|absorb))\b", re.IGNORECASE)
# ... asking something: then the question is answered (or escalated) on its own terms
_ASKS = re.compile(r"\?|(?:^|[,.;:!]|\b(?:and|but|so|just|pls|please)\b)\W*(?:what|whats|what's|how|why|is|are|am|does|do|did|can|could|should|will|would|which|who|"
                   r"when|where|tell me|explain)\b|\b(?:should i|can i|will i|am i|do i|is it|is this|is that)\b",
                   re.IGNORECASE)


# ... and nothing darker beside it: a time of now, a deed, harm, an ending ("scared of what I might do tonight")
_DARK = re.compile(r"\b(?:now|tonight|today|right now|anymore|any more|might do|what i(?:'?ll| will| could)? do|myself|"
                   r"end(?:ing)?|over|gone|goodbye|bye|pills?|tablets?|took|taken|swallow\w*|hurt\w*|harm\w*|die|dying|"
                   r"dead|death|kill\w*|suicid\w*|cut\w*|blood|bleed\w*|breath\w*|chest|pain|help)\b", re.IGNORECASE)


def only_a_feeling(text: str) -> bool:
    """The message tells the writer's own fear or worry and asks nothing (stop 46, tenth pass N17: "I'm scared" and
    "honestly I'm a bit worried" were told "I can't make a diagnosis or give your personal risk").

    >>> only_a_feeling("honestly I'm a bit worried"), only_a_feeling("this result really scares me")
    (True, True)
    >>> only_a_feeling("I'm scared, what does my result mean"), only_a_feeling("my mum is scared")
    (False, False)
    >>> only_a_feeling("im scared of what i might do tonight"), only_a_feeling("so scared, took all my pills")
    (False, False)
    """
    return (bool(_FEAR.search(text)) and not _ASKS.search(text) and len(text.split()) <= 15 and not _DARK.search(text)
            and not others_distress_only(text) and not (_OTHER.search(text) and not _ME.search(text)))
