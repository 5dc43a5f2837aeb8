"""A result named by what it is for: "and the pain one?", "the hearing bit", "the one for statins", "the skin gene".

Patients who have just read a report with several results point at one by the medicines or the body part it is about,
not by its gene. Without this, "and the pain one?" after a clopidogrel answer had no gene of its own, so it was read as
a follow-up and repeated the CYP2C19 text (stop 46, tenth new-user pass N15/N22). The words and the genes each points
to, in priority order, are data (``result_uses.yaml``); only the report's own genes are returned.

>>> from bot.core.report import PgxResult, Report
>>> report = Report(source_format="native", pharmacogenomics=[PgxResult(gene=g) for g in ("CYP2C19", "CYP2D6", "SLCO1B1")])
>>> genes_by_use("and the pain one?", report), genes_by_use("ok and the one for statins?", report)
(['CYP2D6'], ['SLCO1B1'])
>>> genes_by_use("I'm in pain, is that my genes?", report), genes_by_use("and the hearing one?", report)
([], [])
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from bot.answering.report_terms import genes_with_result
from bot.core.report import Report

USES = Path(__file__).with_name("result_uses.yaml")
# what follows a use word when it names a result ("the pain one", "the statin gene", "the hearing loss bit")
_RESULT_NOUN = (r"(?:ones?|genes?|results?|things?|bits?|parts?|tests?|lines?|findings?|variants?|types?|stuff|"
                r"section|one on (?:the|my) (?:list|report))")

# words between the use and the noun: "the skin reaction one", "the hearing loss bit", "the statin-related gene"
_BETWEEN = r"(?:related|linked|medicines?|meds?|drugs?|reactions?|rash(?:es)?|problems?|risk|side effects?)"


@cache
def _uses() -> list[tuple[re.Pattern[str], list[list[str]]]]:
    """(pattern, gene tiers) per use, in the file's order. A use's words match only in a result-naming frame."""
    data = yaml.safe_load(USES.read_text(encoding="utf-8")) or {}
    out = []
    for use in data.get("uses") or []:
        words = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(use["words"], key=len, reverse=True))
        named = rf"(?:{words})s?(?:[\s-]+{_BETWEEN})?\s+{_RESULT_NOUN}"
        frame = (rf"\b(?:the|that|my|your|ur|da)\s+(?:{named}|(?:one|gene|result)s?\s+(?:for|about|on|with|related to|"
                 rf"linked to|to do with)\s+(?:the\s+|my\s+|ur\s+)?(?:{words})s?)(?![a-z])|"
                 # ... or the whole message, terse: "hearing one?", "and transplant one??"
                 rf"^\W*(?:(?:and|ok|okay|k|so|what about|how about|now)\W+)*{named}\W*$")
        out.append((re.compile(frame, re.IGNORECASE), [list(t) for t in use["genes"]]))
    return out


# A result named by its type in the same frames ("what about the poor one", "and the negative one", "the uncertain
# one"): stop 47, twelfth pass W5, these picked the last gene or escalated. Word -> what the report's result says.
_RESULT_WORDS = {
    "poor": ("poor metabolizer",), "slow": ("poor metabolizer", "intermediate metabolizer"),
    "rapid": ("rapid metabolizer", "ultrarapid metabolizer"), "ultrarapid": ("ultrarapid metabolizer",),
    "ultra-rapid": ("ultrarapid metabolizer",), "fast": ("rapid metabolizer", "ultrarapid metabolizer"),
    "intermediate": ("intermediate metabolizer",), "normal": ("normal metabolizer", "normal function"),
    "negative": ("negative",), "positive": ("positive",), "uncertain": ("uncertain",), "unclear": ("uncertain",),
    "vus": ("uncertain",), "decreased": ("decreased",), "deficient": ("deficien",), "pathogenic": ("pathogenic",),
}
_RESULT_WORD_FRAME = re.compile(
    rf"\b(?:the|that|my|ur)\s+({'|'.join(sorted(map(re.escape, _RESULT_WORDS), key=len, reverse=True))})\s+(?:ones?|genes?|"
    r"results?|bits?)\b", re.IGNORECASE)


def _genes_by_result_word(text: str, report: Report) -> list[str]:
    """
    >>> from bot.core.report import PgxResult, Report
    >>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2D6", phenotype="Intermediate Metabolizer"),
    ...            PgxResult(gene="CYP2C19", phenotype="Poor Metabolizer")])
    >>> _genes_by_result_word("ok what about the poor one", r), _genes_by_result_word("the poor thing", r)
    (['CYP2C19'], [])
    """
    found: list[str] = []
    for word in _RESULT_WORD_FRAME.findall(text):
        found += [g for g in genes_with_result(report, list(_RESULT_WORDS[word.lower()]), with_diplotype=True)
                  if g not in found]
    return found


def names_a_result_type(text: str) -> bool:
    """"the negative one", "the poor one": a result pointed at by its type (the frame alone)."""
    return bool(_RESULT_WORD_FRAME.search(text))


def genes_by_use(text: str, report: Report | None) -> list[str]:
    """The report's genes that the message names by their use, in the use's priority order: the first tier holding
    any of the report's genes ("the pain one": CYP2D6 if the report has it, else CYP2C9 for the pain relievers)."""
    if report is None:
        return []
    have = set(report.genes)
    found: list[str] = []
    for pattern, tiers in _uses():
        if not pattern.search(text):
            continue
        tier = next(([g for g in t if g in have] for t in tiers if any(g in have for g in t)), [])
        found += [g for g in tier if g not in found]
    return found or _genes_by_result_word(text, report)
