"""Result types ("intermediate metabolizer", "pathogenic", "VUS", "no call"): keep KB sentences on the patient's own.

A KB section often walks through every type ("A poor metabolizer ... An intermediate type ...").
Read out whole, it tells an intermediate metabolizer what happens to poor metabolizers, which a
patient takes as being about them. So a sentence that names only other result types is left out.

>>> sorted(sentence_classes("In CYP2C19 poor and intermediate metabolizers, less of the drug is made."))
['intermediate', 'poor']
>>> allowed = {"intermediate"}
>>> blocked_mask(["A poor metabolizer makes little.", "So it may not work.", "An intermediate type makes less."],
...              allowed)
[True, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

_LEVEL = r"(?:ultra[\s-]?rapid|rapid|normal|intermediate|poor|decreased|reduced|increased)"
_NOUN = r"(?:metaboli\w*|types?|function\w*|dpd|activity|status)"
# "poor and intermediate metabolizers", "likely poor or likely intermediate metabolizer", "means poor metabolizer"
_LEVEL_PHRASE = re.compile(
    rf"\b((?:(?:likely|possible) )?{_LEVEL}(?:(?:,|,? or|,? and) (?:(?:likely|possible) )?{_LEVEL})*) {_NOUN}\b",
    re.IGNORECASE,
)
_LEVEL_WORD = re.compile(rf"\b{_LEVEL}\b", re.IGNORECASE)
_OTHER = [
    ("pathogenic", re.compile(r"\bpathogenic\b", re.IGNORECASE)),
    ("pathogenic", re.compile(r"(?<!\bno )(?<!\bnot find a )(?<!\bnot find any )\bharmful\b(?: [\w-]+){0,3}? (?:variants?|changes?)\b",
                              re.IGNORECASE)),
    ("uncertain", re.compile(r"\buncertain significance\b|\bvus\b", re.IGNORECASE)),
    ("benign", re.compile(r"\bbenign\b", re.IGNORECASE)),
    ("negative", re.compile(r"\bnegative\b|\btrue negative\b", re.IGNORECASE)),
    ("positive", re.compile(r"\bpositive\b", re.IGNORECASE)),
    ("nocall", re.compile(r"\bno (?:result|call)s?\b|\bmissing result\b", re.IGNORECASE)),
    ("nottested", re.compile(r"\bnot tested\b", re.IGNORECASE)),
    ("indeterminate", re.compile(r"\bindeterminate\b", re.IGNORECASE)),
    ("carrier", re.compile(r"\bcarriers?\b", re.IGNORECASE)),
]
# Statements of raised risk are about harmful variants: for a VUS or negative result they mislead.
_RISK = re.compile(r"\b(?:raises?|raising|higher|increased?|increases) (?:the |your |their )?(?:\w+ ){0,3}?"
                   r"(?:risks?|chances?)\b", re.IGNORECASE)
_NOT_POSITIVE = {"uncertain", "negative", "benign"}
_HEDGE = re.compile(r"\b(?:whether|if|not|no|n't|never)\b", re.IGNORECASE)


def _raises_risk(text: str) -> bool:
    """A plain statement of raised risk ("whether it raises the risk" is not one)."""
    return any(not _HEDGE.search(text[max(0, m.start() - 24):m.start()]) for m in _RISK.finditer(text))

# Words a patient or lab uses for the same type.
_SAME = {"reduced": "decreased", "ultra rapid": "ultrarapid", "ultra-rapid": "ultrarapid"}
# A pathogenic result is a positive one ("It is not a positive result" is about a VUS, not about them).
_IMPLIES = {"pathogenic": {"positive"}}


def _norm(level: str) -> str:
    level = re.sub(r"^(?:likely|possible) ", "", level.lower())
    return _SAME.get(level, level)


# KB sentences repeat across searches and answers (3-4 times per answer): classify each once.
# The result is a frozenset so no caller can change what the cache hands to the next one.
@lru_cache(maxsize=8192)
def sentence_classes(text: str, *, risk: bool = False) -> frozenset[str]:
    """Result types a KB sentence talks about (level words only count beside 'metabolizer', 'type', 'function').

    With ``risk``, a sentence about raised risk counts as being about pathogenic variants.
    """
    found: set[str] = set()
    if risk and _raises_risk(text):
        found.add("pathogenic")
    for m in _LEVEL_PHRASE.finditer(text):
        found |= {_norm(w) for w in _LEVEL_WORD.findall(m.group(1))}
    found |= {name for name, pat in _OTHER if pat.search(text)}
    return frozenset(found)


def result_classes(text: str | None) -> set[str]:
    """Result types of a report value or a question (bare level words count: "what does ultrarapid mean")."""
    if not text:
        return set()
    found = {_norm(w) for w in _LEVEL_WORD.findall(text)} | {name for name, pat in _OTHER if pat.search(text)}
    for name in list(found):
        found |= _IMPLIES.get(name, set())
    return found


def blocked_mask(sentences: Sequence[str], allowed: AbstractSet[str] | None, heading: str = "") -> list[bool]:
    """Which sentences talk only about other result types than ``allowed``.

    A sentence that names no type is about the type last named (the section heading counts), so
    "So codeine may give little relief" after a poor-metabolizer sentence goes with it. A section
    whose heading names only allowed types is about the patient and is kept whole.
    """
    if not allowed:
        return [False] * len(sentences)
    risk = bool(allowed & _NOT_POSITIVE) and "pathogenic" not in allowed
    current = sentence_classes(heading)
    if current and current <= allowed:
        return [False] * len(sentences)
    current = (current & allowed) or current  # "NSAIDs in intermediate and poor metabolizers": about the patient too
    out: list[bool] = []
    for s in sentences:
        own = sentence_classes(s, risk=risk)
        current = own or current
        out.append(bool(current) and not (current & allowed))
    return out


def heading_match(heading: str, allowed: AbstractSet[str] | None) -> bool:
    """The section is only about the patient's result types ("Intermediate metabolizer")."""
    found = sentence_classes(heading)
    return bool(allowed) and bool(found) and found <= allowed


def allowed_for(by_gene: dict[str, set[str]], asked: set[str], genes: Iterable[str]) -> set[str] | None:
    """Result types a passage about ``genes`` may talk about; None when nothing is known (no filtering)."""
    genes = [g for g in genes if g in by_gene] or list(by_gene)
    known = set().union(*(by_gene[g] for g in genes)) if genes else set()
    allowed = known | asked
    return allowed or None
