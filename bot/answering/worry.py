"""The answer plan for a worried question about the patient's own result ("is my VUS dangerous?", "does this mean I
have cancer?", "am I going to be ok with Lynch?"): one action per result type, whatever the wording, and the
patient's own result with the vetted facts about what it does and does not mean in the reply either way.

- a harmful (pathogenic or likely pathogenic) variant or a VUS: escalated as a risk question, because personal
  risk is a counselor's conversation (and a worried person with an unclear result deserves one); the reply still
  gives the result and the vetted "what this does not mean" text ("a VUS alone should not guide health choices");
- a carrier result, a benign or negative one: answered, since the vetted text says what it means;
- a pharmacogenomic result ("is my G6PD result bad?", "do I have malignant hyperthermia?"): answered, with how
  much it matters from its card and the fixed "do not change a medicine on your own" step.

>>> bool(REASSURE.search("does this mean I have cancer now??")), bool(REASSURE.search("what does my BRCA2 result mean"))
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.facts import fact_sentences, summary_genes
from bot.answering.understand import Understanding
from bot.core.draft import split_sentences
from bot.core.report import Report

_BAD = (r"(?:bad|dangerous|serious|deadly|fatal|harmful|scary|a (?:big )?(?:problem|deal)|big deal|life[- ]threatening|"
        r"something to worry about|a death sentence)")
REASSURE = re.compile(
    rf"\b(?:is|are|was)\b(?:\s+[^\s.?!]+){{0,5}}?\s+{_BAD}\b|\bhow (?:bad|serious|dangerous|worried|scared|concerned)\b|"
    rf"\b(?:that'?s|thats|it'?s|its|this is|that is|it is)\s+(?:\w+\s+)?{_BAD}\b|"
    r"\bshould i (?:be )?(?:worried|worry|scared|afraid|concerned|panic\w*)\b|"
    r"\b(?:am i|i'?m|im|i am)\s+(?:going|gonna)\s+(?:to\s+)?(?:be\s+)?(?:ok|okay|alright|all right|fine|die|get|have)\b|"
    r"\bwill i (?:be )?(?:ok|okay|alright|all right|fine|die|get|have|develop)\b|"
    r"\b(?:am i|i'?m|im)\s+(?:\w+\s+)?(?:sick|ill|affected)\b|\bdo i (?:actually|really|even) have\b|"
    r"\b(?:kill me|make me die|die (?:from|of|because of) (?:this|it|that|my))\b|"
    r"^\W*(?:could|will|might|can|would)\s+i\b[^.?!]{0,30}\b(?:die|be killed)\b|\bat risk of dying\b|"
    r"\b(?:life[- ]threatening|in danger|my life at risk|hurt me)\b|"
    r"\b(?:does|do|did)\s+(?:this|that|it|my|the)\b[^.?!]{0,30}\bmean\b[^.?!]{0,10}\b(?:i|i'?ll|i'?m|im)\s+"
    r"(?:have|has|got|get|will|am|'m|going|gonna|definitely|surely)\b|"
    r"\bdo i (?:have|got)\b(?!\s+to\b)(?:\s+[\w'-]+){0,3}?\s+(?:cancer|it|the disease|disease|cf|cystic fibrosis|lynch|"
    r"syndrome|hyperthermia|mh|deficiency|condition|disorder)\b|"
    r"(?:\b100 ?%|\b100 percent|\ba hundred percent|\bdefinitely|\bfor sure|\bguaranteed|\bcertainly|\bsurely)"
    r"[^.?!]{0,20}\b(?:get|getting|have|develop\w*)\b|\b(?:get|getting|develop\w*)\b[^.?!]{0,25}\b(?:for sure|100 ?%)|"
    r"\b(?:scared|afraid|terrified|frightened|freaking out|worried|worrying) (?:to death |sick )?(?:of|about|by)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WorryPlan:
    genes: list[str]  # the hereditary results the worry is about, harmful ones first
    escalate: bool  # a harmful variant among them


def worry_plan(text: str, u: Understanding, report: Report | None) -> WorryPlan | None:
    """The plan for a worried question about the patient's own results, or None when it is not one (no such
    result, a medicine named, another gene asked about, or no worry in the words). A pharmacogenomic result is
    answered (how much it matters comes from its card; a medicine change is never suggested); a hereditary one
    as the module says."""
    if report is None or u.drugs or not REASSURE.search(text):
        return None
    hereditary = list(dict.fromkeys(v.gene.upper() for v in report.variants))
    pgx = {r.gene.upper() for r in report.pharmacogenomics}
    asked = [g for g in u.genes if g in hereditary]
    if not asked and u.genes:
        asked_pgx = [g for g in u.genes if g in pgx]
        return WorryPlan(asked_pgx[:2], escalate=False) if asked_pgx else None
    if not hereditary:  # "is this dangerous?" on a pharmacogenomic report: its most important results, as the cards rank
        lead = [g for g in summary_genes(report)[0] if g in pgx]
        return WorryPlan(lead[:2], escalate=False) if lead else None
    facts = fact_sentences(report, asked or hereditary)
    harmful = [f.gene for f in facts if "pathogenic" in f.classes]
    unclear = [f.gene for f in facts if "uncertain" in f.classes]
    # a harmful variant is what the worry is about ("does this mean I have cancer?"), before a VUS beside it
    ordered = list(dict.fromkeys(harmful or unclear or [f.gene for f in facts]))
    return WorryPlan(ordered[:2], escalate=bool(harmful or unclear))


# Vetted sentences that say what a result does NOT mean: they lead the background of a worried question.
REASSURING = re.compile(
    r"\bnot (?:a |an )?(?:\w+ )?diagnosis\b|\bdoes not mean (?:you|that you) (?:have|will)\b|\bnever get\b|"
    r"\bhigher risk, not\b|\bshould not guide\b|\bnot (?:usually )?used (?:to|for)\b|\bnot a positive result\b|"
    r"\bcarriers? (?:do not|don't|usually do not) (?:have|get)\b",
    re.IGNORECASE,
)


def reassuring_sentences(passage_text: str, limit: int = 3) -> list[str]:
    """From the first vetted sentence that says what a result does not mean, up to ``limit`` sentences.

    >>> reassuring_sentences("Many people never get cancer. A variant means higher risk, not certain cancer. More.")
    ['Many people never get cancer.', 'A variant means higher risk, not certain cancer.', 'More.']
    >>> reassuring_sentences("Pathogenic and likely pathogenic raise risk. Care treats the two groups alike. "
    ...                      "It does not mean you have it.")[0]
    'Pathogenic and likely pathogenic raise risk.'
    """
    sentences = split_sentences(passage_text)
    first = next((i for i, s in enumerate(sentences) if REASSURING.search(s)), None)
    if first is None:
        return []
    # "It does not mean you have the disease" needs the sentence that says what "it" is, and so on back while
    # that one leans back too ("Care teams treat the two groups in much the same way.")
    while first > 0 and _LEANS_BACK.search(sentences[first]):
        first -= 1
    return sentences[first:first + limit]


_LEANS_BACK = re.compile(r"^(?:it|this|that|they|these|those|both)\b|\bthe two (?:groups|kinds|types|terms)\b",
                         re.IGNORECASE)
