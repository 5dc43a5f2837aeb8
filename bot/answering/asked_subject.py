"""What a "does my report show X?" question asks about, and whether the knowledge base knows it at all.

"Can you see from my results if I'm lactose intolerant?" names no gene or medicine the knowledge base has. Left to
the search, its other words ("stomach", "results") pulled in Lynch syndrome and privacy text (stop 37). When the
thing asked about is a word no vetted passage uses, the honest reply is that there is no vetted information on it,
with a counselor offer, and no filler.

>>> asked_subjects("can u see from my results if im lactose intolerant? dairy wrecks my stomach")
['lactose intolerant']
>>> asked_subjects("is there a caffeine gene in my report"), asked_subjects("what does my CYP2C19 result mean")
(['caffeine'], [])
>>> asked_subjects("a short summary of my results for my oncologist please"), asked_subjects("a gene for baldness?")
([], ['baldness'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# the thing asked about: "if/whether I'm X", "a gene/result for X", "is there an X gene/result", "my X gene"
_SUBJECT = re.compile(
    r"\b(?:if|whether)\s+(?:i'?m|im|i\s+am|i\s+have|i'?ve\s+got|i\s+get|i'?ll\s+(?:be|get|have)|i\s+will\s+(?:be|get|have)|"
    r"i'?d\s+(?:be|get|have)|i\s+(?:carry|could\s+(?:be|get|have)))\s+(?:an?\s+|the\s+)?(?P<a>[a-z']+(?:\s+[a-z']+)?)|"
    # ("a gene for lactose"; not "my results for my oncologist", who is whom they are for)
    r"\b(?:(?:genes?|markers?|variants?|tests?)\s+(?:for|about|on)|(?:results?|info|information)\s+(?:about|on))"
    r"\s+(?:an?\s+|the\s+)?(?P<b>(?!my\b|your\b)[a-z']+(?:\s+[a-z']+)?)|"
    r"\b(?:is\s+there|are\s+there|any|do\s+i\s+have|does\s+(?:it|my\s+report|the\s+report)\s+(?:show|have|list|include))\s+"
    r"(?:an?\s+|any\s+|my\s+)?(?P<c>[a-z']+)\s+(?:genes?|results?|variants?|markers?|tests?|info)\b|"
    r"^\W*(?P<d>[a-z']+)\s+genes?\W*$",
    re.IGNORECASE,
)
# words that say nothing about the subject itself
_GENERIC = {
    "a", "an", "the", "my", "any", "at", "risk", "of", "to", "be", "it", "this", "that", "in", "on", "for", "and", "or",
    "likely", "more", "less", "going", "gonna", "really", "actually", "also", "still", "ok", "okay", "fine", "normal",
    "bad", "good", "sick", "ill", "affected", "positive", "negative", "genetic", "gene", "genes", "result", "results",
    "report", "test", "dna", "one", "carrier", "type", "kind", "sort", "prone", "predisposed", "there", "have",
    "got", "get", "something", "anything", "what", "which", "pgx", "new", "other", "some", "those", "these",
}


def asked_subjects(text: str) -> list[str]:
    """The phrases a "does my report show X" question asks about (lower case), in order."""
    found = []
    for m in _SUBJECT.finditer(text):
        phrase = next(g for g in m.groups() if g)
        found.append(phrase.lower().strip())
    return found


def kb_words(searcher: object) -> set[str]:
    """Every word of the indexed passages and their titles, lower case (``searcher.chunks``: id -> passage)."""
    chunks = getattr(searcher, "chunks", {}) or {}
    return {w for p in chunks.values() for w in _WORD.findall(f"{p.title} {p.text}".lower())}


_WORD = re.compile(r"[a-z]+")


def unknown_subject(text: str, known_words: Iterable[str] | set[str]) -> str | None:
    """The first subject asked about whose every telling word is unknown to the knowledge base, if any."""
    known = known_words if isinstance(known_words, set) else set(known_words)
    for phrase in asked_subjects(text):
        words = [w.strip("'") for w in phrase.split() if w.strip("'") not in _GENERIC and len(w.strip("'")) > 2]
        if words and not any(w in known or w.rstrip("s") in known for w in words):
            return phrase
    return None
