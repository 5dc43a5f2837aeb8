"""Compose an answer and check it before it may be sent: the output guard, then the reading level, with
simpler fallbacks. When nothing both safe and plain is left, ``MustEscalate`` says why and a counselor answers.
"""

from __future__ import annotations

from bot.answering.facts import fact_sentences
from bot.answering.local import LocalComposer, facts_for
from bot.answering.understand import Understanding
from bot.conversation import replies
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.reply import TraceStep
from bot.core.report import Report
from bot.retrieval.embedders import Embedder
from bot.safety import wording
from bot.safety.guard import check_output
from bot.safety.readability import MAX_GRADE, reading_grade

# Escalation reasons of an answer that could not be sent (fixed wording: wording.ESCALATE_DEFAULT)
NO_SAFE_ANSWER = "no_safe_answer"  # the output guard dropped every sentence
READING_LEVEL = "reading_level"  # above MAX_GRADE even cut down, and no report fact to give instead


class MustEscalate(Exception):
    """Raised inside the answer path when a traced verdict means the answer must not be sent."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def llm_checked(composer, embedder: Embedder, text: str, u: Understanding, report: Report | None,
                passages: list[Passage], trace: list[TraceStep]) -> Draft | None:
    """The LLM's rephrasing if it passes the guard and the reading level; None to fall back to the local composer."""
    try:
        draft = composer.compose(text, u, report, passages, facts=facts_for(u, report))
    except Exception as exc:  # any LLM failure falls back to the local composer
        trace.append(TraceStep(step="compose", outcome="llm_error", detail={"error": type(exc).__name__}))
        return None
    guard = check_output(draft, report=report, embedder=embedder, report_sentences=[
        sentence for fact in fact_sentences(report, report.genes if report else []) for sentence in fact.sentences])
    grade = reading_grade(guard.draft.text)
    trace.append(TraceStep(step="guard", outcome=f"llm:{guard.outcome}", detail={**guard.detail(), "grade": grade}))
    if guard.outcome == "escalate":
        raise MustEscalate(NO_SAFE_ANSWER)
    if guard.outcome != "pass" and guard.outcome != "rewrite" or grade > MAX_GRADE:
        return None
    trace.append(TraceStep(step="compose", outcome="llm", detail={"sources": guard.draft.source_map(),
                                                                  "prompt_version": draft.prompt_version}))
    return guard.draft


def local_checked(local: LocalComposer, text: str, u: Understanding, report: Report | None,
                  passages: list[Passage], reason: str, trace: list[TraceStep]) -> Draft:
    draft = local.compose(text, u, report, passages, reason=reason)
    guard = check_output(draft, report=report)
    grade = replies.own_words_grade(guard.draft)
    simple = grade > MAX_GRADE
    if simple:  # simpler fallback: fewer, shorter KB sentences
        draft = local.compose(text, u, report, passages, reason=reason, simple=True)
        guard = check_output(draft, report=report)
        grade = replies.own_words_grade(guard.draft)
    trace.append(TraceStep(step="compose", outcome="local_simple" if simple else "local",
                           detail={"sources": guard.draft.source_map()}))
    trace.append(TraceStep(step="guard", outcome=guard.outcome, detail={**guard.detail(), "grade": round(grade, 1)}))
    if guard.outcome == "escalate":
        raise MustEscalate(NO_SAFE_ANSWER)
    if grade <= MAX_GRADE:
        return guard.draft
    # still too hard after the simpler composition: only the facts, the plainest vetted sentence, fixed wording
    trimmed = replies.fewest_sentences(guard.draft)
    trimmed_grade = replies.own_words_grade(trimmed)
    plain = trimmed_grade <= MAX_GRADE
    trace.append(TraceStep(step="readability", outcome="trimmed" if plain else "too_hard", detail={
        "grade": round(grade, 1), "trimmed_grade": round(trimmed_grade, 1), "sources": trimmed.source_map()}))
    if plain:
        return trimmed
    # no vetted sentence is plain enough: the patient's facts and fixed wording still are (both checked),
    # so they are sent with an offer of a person to explain; with no fact to give, a counselor answers
    facts_only = Draft([x for x in trimmed.sentences if x.kind != "kb"], [], trimmed.facts, trimmed.composer)
    if not any(x.kind == "report" for x in facts_only.sentences):
        raise MustEscalate(READING_LEVEL)
    facts_only.add(wording.COUNSELOR_OFFER, "fixed:counselor_offer:reading_level", 3)
    trace.append(TraceStep(step="readability", outcome="facts_only", detail={"sources": facts_only.source_map()}))
    return facts_only
