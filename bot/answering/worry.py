"""The answer plan for a worried question about the patient's own result ("is my VUS dangerous?", "does this mean I
have cancer?", "am I going to be ok with Lynch?"): one action per result type, whatever the wording, and the
patient's own result with the vetted facts about what it does and does not mean in the reply either way.

- a harmful (pathogenic or likely pathogenic) variant or a VUS: escalated as a risk question, because personal
  risk is a counselor's conversation (and a worried person with an unclear result deserves one); the reply still
  gives the result and the vetted "what this does not mean" text ("a VUS alone should not guide health choices");
- a carrier result, a benign or negative one: answered, since the vetted text says what it means;
- a pharmacogenomic result ("is my G6PD result bad?", "do I have malignant hyperthermia?"): answered, with how
  much it matters from its card and the fixed "do not change a medicine on your own" step.

Whether a message is such a question at all is judged in worry_intent.py (its words or its meaning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.facts import fact_sentences, summary_genes
from bot.answering.understand import Understanding
from bot.answering.worry_intent import words_say_worried
from bot.core.draft import split_sentences
from bot.core.report import Report
from bot.safety.triage import MEDICATION_CHANGE

# A medicine or a treatment the worry is about ("could chemo kill me with my DPYD result", "am I going to bleed on
# warfarin", "will my blood get too thin", "could I die under anaesthetic"): whether it is safe for the patient is a prescriber's or a counselor's
# conversation, the same as "is it safe for me to take X", so a pharmacogenomic result is escalated then. A medicine
# word that only names a gene ("my blood thinner genes") does not count.
_TREATMENT = re.compile(
    r"\b(?:medicines?|medications?|meds|drugs?|pills?|tablets?|prescriptions?|chemo\w*|5[- ]?fu|"
    r"an(?:a)?esthe\w*|anaesthe\w*|surgery|surgeries|operations?|put (?:me )?to sleep|blood thinners?|bleed\w*|"
    r"painkillers?|pain killers?|statins?|antidepressants?|treatments?|doses?|dosage)\b(?!\s*-?\s*genes?\b)|"
    r"\bblood\W+(?:\w+\W+){0,4}?(?:thin|thinning)\b|\bthin(?:s|ning)? (?:my |the )?blood\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WorryPlan:
    genes: list[str]  # the results the worry is about, harmful ones first
    escalate: bool  # a harmful variant or a VUS among them, or a medicine the worry is about
    reason: str = "diagnosis_or_risk_decision"  # the escalation reason (medication_change for a medicine)


def about_treatment(text: str, u: Understanding) -> bool:
    """The worry is about a medicine or a treatment (named, or as a kind: chemo, anaesthesia, blood thinners).

    >>> about_treatment("could chemo kill me because of my DPYD result", Understanding())
    True
    >>> about_treatment("is my blood thinner gene result something to be scared of", Understanding())
    False
    """
    if not (u.medicines_asked or _TREATMENT.search(text)):
        return False
    # (stop 42, batch 19 dev) two questions, the worry about the result and the medicine only explained: "is my SLCO1B1
    # result bad, and what does it mean for statins?"
    clauses = [c for c in _TWO_QUESTIONS.split(text) if c and c.strip()]
    worried = [c for c in clauses if words_say_worried(c)]
    return not (len(clauses) > 1 and worried and all(_RESULT_NAMED.search(c) and not _names_treatment(c, u)
                                                    for c in worried))


# where a second question starts: "..., and what about statins", "bad? statins?"
_TWO_QUESTIONS = re.compile(r"\?+|;|,\s*(?:and|but|also|plus)\b|\s+(?:and|n)\s+(?=(?:what|how|which|wat|does|do|is)\b)",
                            re.IGNORECASE)
_RESULT_NAMED = re.compile(r"\b(?:[a-z]+\d[a-z0-9]*|results?|finding|genes?|variant|type)\b", re.IGNORECASE)


def _names_treatment(clause: str, u: Understanding) -> bool:
    lowered = clause.lower()
    return bool(_TREATMENT.search(clause)) or any(d.lower() in lowered for d in u.medicines_asked)


def worry_plan(text: str, u: Understanding, report: Report | None, *, worried: bool | None = None) -> WorryPlan | None:
    """The plan for a worried question about the patient's own results, or None when it is not one (no such
    result, another gene asked about, or no worry). ``worried``: the engine's judgement of the message
    (worry_intent.py: its words or its meaning); without it, the worry words alone decide. A pharmacogenomic
    result is answered (how much it matters comes from its card; a medicine change is never suggested) unless the
    worry is about a medicine or treatment; a hereditary one as the module says."""
    if worried is None:
        worried = words_say_worried(text)
    if report is None or not worried:
        return None
    hereditary = list(dict.fromkeys(v.gene.upper() for v in report.variants))
    pgx = {r.gene.upper() for r in report.pharmacogenomics}
    asked = [g for g in u.genes if g in hereditary]
    if not asked and u.genes:
        asked_pgx = [g for g in u.genes if g in pgx]
        return _pgx_plan(asked_pgx, text, u) if asked_pgx else None
    if not hereditary:  # "is this dangerous?" on a pharmacogenomic report: its most important results, as the cards rank
        # (every important one: stop 39, "is anything on here dangerous" named two of four and left HLA-B*15:02 out)
        lead = [g for g in summary_genes(report)[0] if g in pgx]
        return _pgx_plan(lead, text, u, most=4) if lead else None
    facts = fact_sentences(report, asked or hereditary)
    harmful = [f.gene for f in facts if "pathogenic" in f.classes]
    unclear = [f.gene for f in facts if "uncertain" in f.classes]
    # a harmful variant is what the worry is about ("does this mean I have cancer?"), before a VUS beside it
    ordered = list(dict.fromkeys(harmful or unclear or [f.gene for f in facts]))
    if not (harmful or unclear) and about_treatment(text, u):  # a carrier worried about a medicine
        return WorryPlan(ordered[:2], escalate=True, reason=MEDICATION_CHANGE)
    return WorryPlan(ordered[:2], escalate=bool(harmful or unclear))


def names_own_result(u: Understanding, report: Report) -> bool:
    """The message itself names a result of the report: its gene ("SLCO1B1 *1/*5 - dangerous?", "my blood thinner gene
    result"), its condition, or its result type ("poor metaboliser sounds awful"), not only "this" or a follow-up."""
    own = set(report.genes)
    return bool(set(u.named_genes) & own) or bool(u.phenotype_words and not u.followup and set(u.genes) & own)


# How much a result matters, asked with nothing about a medicine's safety or the writer's fear ("is that serious?" after
# a warfarin answer, "is ultrarapid actually bad?"): the result's weight is explained, as it is without a medicine
# (stop 47, batch 24 dev and the eleventh pass W2: 15 of 25 such follow-ups were medicine-change escalations).
_SEVERITY = re.compile(r"\b(?:bad|serious|big deal|grave|severe|worse|worst|how bad)\b", re.IGNORECASE)
_SAFETY_OR_FEAR = re.compile(
    r"\b(?:safe\w*|dangerous|danger|risky|risks?|kill\w*|die|dying|death|deadly|harm\w*|hurt|toxic|poison\w*|scared|"
    r"afraid|worr\w*|fear\w*|frighten\w*|nervous|anxious|dread\w*|terrified|panic\w*|ok(?:ay)? to|fine to|can i|should i|"
    # ("is simvastatin bad for me": the medicine's safety for the writer, not how much the result matters)
    r"do i|keep|stop\w*|start\w*|switch\w*|change\w*|take|taking|dose\w*|for me|4 me|for my body|on me)\b", re.IGNORECASE)


def severity_only(text: str) -> bool:
    """
    >>> severity_only("k thx, is that serious?"), severity_only("is codeine dangerous for me"), severity_only("is it bad to keep taking it")
    (True, False, False)
    >>> severity_only("is simvastatin bad for me with my SLCO1B1?")
    False
    """
    return bool(_SEVERITY.search(text)) and not _SAFETY_OR_FEAR.search(text)


def _pgx_plan(genes: list[str], text: str, u: Understanding, most: int = 2) -> WorryPlan:
    if about_treatment(text, u) and not severity_only(text):
        return WorryPlan(genes[:most], escalate=True, reason=MEDICATION_CHANGE)
    return WorryPlan(genes[:most], escalate=False)


# Vetted sentences that say what a result does NOT mean: they lead the background of a worried question.
REASSURING = re.compile(
    r"\bnot (?:a |an )?(?:\w+ )?diagnosis\b|\bdoes not mean (?:you|that you) (?:have|will)\b|\bnever get\b|"
    r"\bhigher risk, not\b|\bshould not guide\b|\bnot (?:usually )?used (?:to|for)\b|\bnot a positive result\b|"
    r"\bcarriers? (?:do not|don't|usually do not) (?:have|get)\b|\bis not a disease\b",
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
