"""A carer or interpreter typing for the report's owner, who is there and asks through them.

Someone else's report goes to a counselor (triage.py, ``SOMEONE_ELSES_REPORT``): the writer is often a relative asking
about a result that is not theirs. A carer who types for a parent sitting beside them, or a child interpreting for a
mother who asks her own question, is the owner asking, and gets the answer the owner would (stop 51, batch 28 dev: "I'm
my dad's carer and I'm typing this for him. It's his report, and he's sitting next to me").

>>> on_their_behalf("I'm interpreting for my mother, who doesn't speak English. This is her report. She asks: what is CFTR?")
True
>>> on_their_behalf("typing for my dad (his report, he's here): CYP2C19 poor metabolizer - meaning?")
True
>>> on_their_behalf("this is my dad's report, what does his CYP2C19 result mean")
False
"""

from __future__ import annotations

import re

_RELATIVE = (r"(?:him|her|them|(?:my|our) (?:\w+ )?(?:dad|father|mum|mom|mother|husband|wife|partner|grand\w+|son|daughter|"
             r"brother|sister|aunt|uncle|parents?|client|patient))")
# the writer types, writes, interprets or translates for the owner, or cares for them
_FOR_THEM = re.compile(rf"\b(?:typing|writing|asking|messaging|texting|translating|interpreting|doing the typing)\s+"
                       rf"(?:this\s+|it\s+|these questions\s+)?(?:for|on behalf of)\s+{_RELATIVE}|"
                       rf"\bi(?:'m| am)\s+(?:his|her|their|(?:my|our) \w+'?s?)\s+(?:carer|caregiver|care-giver|interpreter|"
                       rf"translator)\b|\b(?:i(?:'m| am) )?the (?:carer|caregiver|interpreter|translator) (?:of|for) {_RELATIVE}|"
                       rf"\bi (?:translate|interpret) for {_RELATIVE}|\bi do (?:all )?(?:his|her|their) typing\b",
                       re.IGNORECASE)
# ... and the owner is there, or the question is theirs
_THERE = re.compile(r"\b(?:he|she|they)(?:'s|'re| is| are)\s+(?:right |sitting |here |with me )?(?:here|next to me|beside me|"
                    r"with me|right here)\b|\b(?:he|she|they) (?:asks?|says|wants? (?:me )?to (?:ask|know)|would like to know|"
                    r"(?:'d|would) like to (?:know|ask))\b|\b(?:his|her|their) (?:own )?question\b|"
                    r"\b(?:sits|sitting) (?:beside|next to|with) me\b", re.IGNORECASE)


def on_their_behalf(text: str) -> bool:
    """A carer or interpreter types for the report's owner, who is there or asks the question."""
    text = text.replace("\u2019", "'")
    return bool(_FOR_THEM.search(text) and _THERE.search(text))
