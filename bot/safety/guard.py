"""Output guard: the last check before anything is sent to a patient (both composers).

Checks, per sentence:
- no dose amounts or schedules (every sentence, even vetted KB text);
- no start/stop/switch/increase/decrease advice (negated safety wording such as "do not stop" is allowed);
- no genotype, phenotype or variant that the report does not contain: star alleles, rsIDs and HGVS
  names in any sentence that is *not* verbatim vetted KB text must be in the report, and any
  "you/your ... <phenotype>" claim must match the report (KB text may mention alleles to teach);
- report-sourced sentences must not carry instruction-like text;
- LLM sentences must be supported by a passage or a report fact (embedding similarity) and must not
  leak the prompt.

>>> from bot.answering.draft import Draft
>>> d = Draft(); d.add("Take 75 mg once a day.", "llm", 0)
>>> check_output(d, report=None).dropped[0]["why"]
'dose'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from bot.answering.draft import Draft, Sentence, clean_markdown, passage_sentences, split_sentences
from bot.reports.models import Report
from bot.retrieval.embedder import Embedder
from bot.safety.report_text import looks_like_instruction

SUPPORT_MIN = 0.75  # MiniLM cosine to the closest passage/fact sentence; measured in tests/unit/test_guard_support.py

_DOSE = re.compile(
    r"(?<![+>/.])\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ug|ml|mls|cc|units?|iu|milligrams?|micrograms?|grams?|tablets?|pills?|"
    r"capsules?|puffs?|drops?)\b(?!-)|\b(?:once|twice|three times|four times|\d+\s*times)\s+(?:a|per|each)\s+"
    r"(?:day|daily|week|night)\b|\bevery\s+\d+\s*(?:hours?|hrs?|days?)\b|\b(?:bid|tid|qid|qd|q\d+h|prn)\b|"
    r"\b(?:one|two|three|four|half|1|2|3|4)\s+(?:tablets?|pills?|capsules?)\b|\b(?:double|halve|half)\s+(?:the|your)"
    r"\s+(?:dose|dosage)\b|\b(?:daily|starting|maximum|max|usual|lower|higher|reduced?)\s+dose\s+(?:of|is)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:do not|don't|never|not|before you|before making|without (?:talking|asking|checking)|on your own|"
    r"no one should|instead of)\b", re.IGNORECASE
)
_ADVICE = re.compile(
    r"\b(?:you should|you can|you could|you may want to|you might want to|you need to|you must|it is (?:ok|okay|safe|"
    r"fine) to|it's (?:ok|okay|safe|fine) to|i (?:recommend|suggest|advise)|i'd (?:recommend|suggest)|"
    r"we (?:recommend|suggest)|consider|try|please|go ahead and|just)\s+(?:\w+\s+){0,2}(?:stop|stopping|start|"
    r"starting|switch|switching|increase|increasing|decrease|decreasing|reduce|reducing|lower|lowering|raise|"
    r"raising|change|changing|quit|skip|avoid|take|taking|double|halve|discontinue|come off|go off|use)\b|"
    r"^(?:stop|start|switch|increase|decrease|reduce|lower|raise|quit|skip|avoid|double|halve|discontinue|take)\b",
    re.IGNORECASE,
)
_STAR = re.compile(r"\*\d+[A-Za-z]?(?:x\d+|xN)?(?::\d+)*")
_RSID = re.compile(r"\brs\d{3,}\b", re.IGNORECASE)
_HGVS = re.compile(r"\b[cpg]\.[A-Za-z0-9_>*+\-]+\w", re.IGNORECASE)
_PHENO = re.compile(
    r"\b(?:ultra\s?rapid|rapid|normal|intermediate|poor|likely poor|likely intermediate)\s+metaboli[sz]er\b|"
    r"\b(?:decreased|increased|normal|poor|possible decreased)\s+function\b|\bindeterminate\b|\blikely pathogenic\b|"
    r"\bpathogenic\b|\buncertain significance\b|\bvus\b|\blikely benign\b|\bbenign\b|\bcarrier\b|\bheterozygous\b|"
    r"\bhomozygous\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|yours)\b", re.IGNORECASE)
_LEAK = re.compile(r"\bsystem prompt\b|\bmy (?:instructions|prompt|rules)\b|\bi (?:was|am) (?:told|instructed)\b",
                   re.IGNORECASE)


@dataclass
class GuardResult:
    draft: Draft
    outcome: str  # pass | rewrite | fallback | escalate
    dropped: list[dict[str, Any]] = field(default_factory=list)
    checked: int = 0

    def detail(self) -> dict[str, Any]:
        return {"checked": self.checked, "dropped": self.dropped}


_DOSE_TALK = re.compile(
    r"\b(?:lower|higher|reduced?|starting|smaller|bigger|larger|usual|standard|extra)\s+(?:starting\s+)?"
    r"(?:dose|doses|dosage|amount)\b|\b(?:dose|dosage)\s+(?:change|adjustment|reduction|increase)s?\b",
    re.IGNORECASE,
)


# Both checks are pure functions of the text, and most of what they see is knowledge-base sentences
# that come back in answer after answer: remembering them saves a few dozen regex scans per reply.
@lru_cache(maxsize=8192)
def has_dose(text: str) -> bool:
    """A dose amount, a schedule, or talk of a lower/higher/starting dose (prescriber territory)."""
    return bool(_DOSE.search(text) or _DOSE_TALK.search(text))


@lru_cache(maxsize=8192)
def has_med_change_advice(text: str) -> bool:
    """A recommendation to start/stop/switch/change a medicine (negated safety wording is not advice)."""
    for sentence in split_sentences(text) or [text]:
        m = _ADVICE.search(sentence)
        if m and not _NEGATED.search(sentence[: m.end() + 1]):
            return True
    return False


def report_tokens(report: Report | None) -> tuple[set[str], set[str]]:
    """(genotype tokens, phenotype phrases) the report really contains, lower-cased."""
    if report is None:
        return set(), set()
    blob_parts: list[str] = []
    for r in report.pharmacogenomics:
        blob_parts += r.result_texts
    for v in report.variants:
        blob_parts += [v.hgvs or "", v.protein or "", v.classification or "", v.zygosity or ""]
    blob = " ".join(blob_parts)
    genos = {t.lower() for t in _STAR.findall(blob) + _RSID.findall(blob) + _HGVS.findall(blob)}
    phenos = {" ".join(m.lower().split()) for m in _PHENO.findall(blob)}
    if any("pathogenic" in p for p in phenos):
        phenos.add("pathogenic")
    return genos, phenos


_ABSENCE = re.compile(r"\b(?:does not|doesn't|did not|didn't) (?:include|list|show|test|have)\b|\bno result\b|"
                      r"\bnot (?:tested|in (?:this|your) report)\b", re.IGNORECASE)


def invented_claims(text: str, report: Report | None) -> list[str]:
    """Genotype tokens, or personal phenotype claims, in ``text`` that the report does not contain.

    A sentence saying the report does *not* include something claims nothing about the patient.
    """
    if _ABSENCE.search(text):
        return []
    genos, phenos = report_tokens(report)
    bad = [t for t in _STAR.findall(text) + _RSID.findall(text) + _HGVS.findall(text) if t.lower() not in genos]
    if _SECOND_PERSON.search(text):
        bad += [p for p in _PHENO.findall(text) if " ".join(p.lower().split()) not in phenos]
    return bad


def _vetted_sentences(draft: Draft) -> set[str]:
    out: set[str] = set()
    for p in draft.passages:
        out.update(passage_sentences(p.text))
    return out


def _check(s: Sentence, report: Report | None, vetted: set[str]) -> str | None:
    if has_dose(s.text):
        return "dose"
    if s.kind == "fixed":
        return None
    if has_med_change_advice(s.text):
        return "medication_advice"
    if s.kind == "report" and looks_like_instruction(s.text.replace("Your report lists", "")):
        return "instruction_in_report"
    verbatim_kb = s.kind == "kb" and clean_markdown(s.text) in vetted
    if not verbatim_kb and invented_claims(s.text, report):
        return "invented_genotype"
    if s.kind == "llm" and _LEAK.search(s.text):
        return "prompt_leak"
    return None


def check_output(
    draft: Draft,
    *,
    report: Report | None,
    embedder: Embedder | None = None,
    support_min: float = SUPPORT_MIN,
) -> GuardResult:
    """Drop every sentence that breaks a rule; say whether the reply can still be sent."""
    vetted = _vetted_sentences(draft)
    kept: list[Sentence] = []
    dropped: list[dict[str, Any]] = []
    for s in draft.sentences:
        why = _check(s, report, vetted)
        if why:
            dropped.append({"sentence": s.text, "source": s.source, "why": why})
        else:
            kept.append(s)
    llm = [s for s in kept if s.kind == "llm"]
    if llm and embedder is not None:
        support = _support_texts(draft, report, vetted)
        scores = support_scores([s.text for s in llm], support, embedder)
        for s, score in zip(llm, scores):
            if score < support_min:
                kept.remove(s)
                dropped.append({"sentence": s.text, "source": s.source, "why": "unsupported", "score": round(score, 3)})
    out = Draft(kept, draft.passages, draft.facts, draft.composer, draft.prompt_version)
    serious = any(d["why"] in ("dose", "medication_advice", "invented_genotype", "prompt_leak") for d in dropped)
    llm_total = sum(1 for s in draft.sentences if s.kind == "llm")
    llm_kept = sum(1 for s in kept if s.kind == "llm")
    if draft.composer != "local" and (serious or (llm_total - llm_kept) * 3 > llm_total or llm_kept == 0):
        outcome = "fallback"  # a model that broke a rule, or whose words mostly lacked support, is not trusted
    elif not kept:
        outcome = "escalate"
    else:
        outcome = "rewrite" if dropped else "pass"
    return GuardResult(out, outcome, dropped, len(draft.sentences))


def _support_texts(draft: Draft, report: Report | None, vetted: set[str]) -> list[str]:
    from bot.answering.facts import fact_sentences

    texts = list(vetted)
    if report is not None:
        for gf in fact_sentences(report, report.genes):
            texts += gf.sentences
    return texts


def support_scores(sentences: list[str], support: list[str], embedder: Embedder) -> list[float]:
    """Highest cosine similarity of each sentence to any supporting text (0 when there is none)."""
    if not sentences:
        return []
    if not support:
        return [0.0] * len(sentences)
    a = embedder.encode(sentences)
    b = embedder.encode(support)
    return [float(x) for x in np.max(a @ b.T, axis=1)]
