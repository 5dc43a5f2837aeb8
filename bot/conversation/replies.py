"""Build the fixed-wording parts of replies (emergency, decline, escalate, engine failure) and citations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.conversation.smalltalk import REPLIES
from bot.core.draft import Draft, Sentence
from bot.core.passage import Passage
from bot.core.reply import Citation, EscalationRequest, Reply, TraceStep
from bot.safety import wording
from bot.safety.languages import wordings
from bot.safety.readability import MAX_GRADE, reading_grade
from bot.safety.triage import DOSE_FRAMED, EVERYDAY, INJECTED_CHANGE, PET, PET_DOSE


def emergency_draft(reason: str, *, swallowed: bool = False) -> Draft:
    draft = Draft()
    first = wording.SELF_HARM_FIRST if reason == "self_harm" else wording.EMERGENCY_FIRST
    draft.add(first, f"fixed:{reason}", 0)
    if swallowed:
        draft.add(wording.POISON_CONTROL, "fixed:poison_control", 0)
    draft.add(wording.EMERGENCY_AFTER, "fixed:emergency_after", 1)
    return draft


def language_emergency_draft(reason: str, language: str, *, swallowed: bool = False) -> Draft:
    """The emergency reply in another language (bot/safety/languages/wording/<language>.yaml)."""
    w = wordings()[language]
    draft = Draft()
    draft.add(w.self_harm_first if reason == "self_harm" else w.emergency_first, f"fixed:{language}:{reason}", 0)
    if swallowed:
        draft.add(w.poison_control, f"fixed:{language}:poison_control", 0)
    draft.add(w.emergency_after, f"fixed:{language}:emergency_after", 1)
    return draft


def english_only_draft(language: str | None) -> Draft:
    """Any other message in another language: what GeneChat does, English only for now, a counselor offer; in
    English for a language we have no wording for (``None``)."""
    draft = Draft()
    if language is None:
        draft.add(wording.ENGLISH_ONLY, "fixed:english_only", 0)
    else:
        draft.add(wordings()[language].english_only, f"fixed:{language}:english_only", 0)
    return draft


def language_check_in_draft(language: str | None, *, swallowed: bool = False) -> Draft:
    """A message in another language that the cross-lingual model is unsure about: the emergency lines first (it may be
    one: "من قرص زیادی خوردم و حالم بد است" had only the English-only notice, stop 48, thirteenth pass G2), then the
    English-only reply with its counselor offer; in that language when we have its wording, else in English."""
    w = wordings()[language] if language is not None else None
    first, poison = (w.emergency_first, w.poison_control) if w else (wording.EMERGENCY_FIRST, wording.POISON_CONTROL)
    key = f"fixed:{language}:check_in" if language is not None else "fixed:check_in"
    draft = Draft()
    draft.add(first, f"{key}:emergency_first", 0)
    if swallowed:
        draft.add(poison, f"{key}:poison_control", 0)
    for sentence in english_only_draft(language).sentences:
        draft.add(sentence.text, sentence.source, 1)
    return draft


def unreadable_draft() -> Draft:
    """A message nothing here can read: the emergency lines first (it may be one), then that a counselor will look."""
    draft = Draft()
    draft.add(wording.EMERGENCY_FIRST, "fixed:unreadable:emergency_first", 0)
    draft.add(wording.POISON_CONTROL, "fixed:unreadable:poison_control", 0)
    draft.add(wording.UNREADABLE, "fixed:unreadable", 1)
    return draft


def language_decision_draft(language: str | None) -> Draft:
    """A medicine or care decision asked in another language: the English-only reply (what GeneChat does, English only
    for now, a counselor with an interpreter), and that a counselor was asked to answer; in English for a language we
    have no wording for."""
    draft = english_only_draft(language)
    if language is None:
        draft.add(wording.ESCALATED_NOTE, "fixed:escalated_note", 0)
    else:
        draft.add(wordings()[language].counselor_asked, f"fixed:{language}:counselor_asked", 0)
    return draft


def language_escalated_draft(language: str) -> Draft:
    """A yes, in that language, to the counselor offer of the English-only reply."""
    draft = Draft()
    draft.add(wordings()[language].escalated, f"fixed:{language}:escalated", 0)
    return draft


def smalltalk_draft(kind: str) -> Draft:
    draft = Draft()
    draft.add(REPLIES[kind], f"fixed:smalltalk:{kind}", 0)
    return draft


def nothing_found_draft(*, medicine: bool = False) -> Draft:
    """A question about something no vetted passage covers (asked_subject.py): said plainly, no filler, no results."""
    draft = Draft()
    if medicine:
        draft.add(wording.NOTHING_FOUND_MEDICINE, "fixed:nothing_found_medicine", 0)
    else:
        draft.add(wording.NOTHING_FOUND, "fixed:nothing_found", 0)
    return draft


# the plainer refusals triage may choose (TriageDecision.refusal) -> their fixed wording
_REFUSALS = {DOSE_FRAMED: wording.DECLINE_DOSE_FRAMED, PET_DOSE: wording.DECLINE_PET_DOSE,
             EVERYDAY: wording.DECLINE_EVERYDAY, PET: wording.DECLINE_PET_INGESTION,
             INJECTED_CHANGE: wording.DECLINE_INJECTED_CHANGE}


def decline_draft(reason: str, refusal: str | None = None) -> Draft:
    """The refusal for the reason, or the plainer one triage chose (``TriageDecision.refusal``: a dose asked
    "hypothetically", a poem)."""
    draft = Draft()
    if refusal in _REFUSALS:
        text, key = _REFUSALS[refusal], refusal
    else:
        text, key = (wording.DECLINE_INJECTION if reason == "prompt_injection" else wording.DECLINE_OUT_OF_SCOPE), reason
    draft.add(text, f"fixed:decline:{key}", 0)
    return draft


def escalate_draft(reason: str, context: Draft | None = None, *, intro: str = wording.ESCALATE_CONTEXT_INTRO,
                   unsure: bool = False, medicine: bool = True, feeling: bool = False, children: bool = False) -> Draft:
    """Fixed wording for the reason, the hand-off note, then (optionally) short vetted background or facts.

    ``feeling``: the message only tells the writer's worry ("I'm scared"); it is met in those words.
    ``children``: a family-testing question about the writer's own children ("will my kids get this"), in those words.
    ``unsure``: the message was escalated because triage could not tell what it asks; the reason's own wording
    ("If you think your report may be wrong...") would put words in the patient's mouth, so the general one is used:
    with the medicine caution when ``medicine`` (a medicine named, or a medicine decision), else without it.
    """
    draft = Draft()
    if feeling and reason != "medication_change":  # "I'm scared": the worry is met, not "I can't make a diagnosis"
        draft.add(wording.FEELING_HEARD, "fixed:escalate:feeling", 0)
    elif children and reason == "family_testing_decision":
        draft.add(wording.ESCALATE_OWN_CHILDREN, "fixed:escalate:own_children", 0)
    elif unsure:
        draft.add(wording.ESCALATE_DEFAULT if medicine or reason == "medication_change" else wording.ESCALATE_UNSURE,
                  "fixed:escalate:unsure", 0)
    else:
        draft.add(wording.ESCALATE.get(reason, wording.ESCALATE_DEFAULT), f"fixed:escalate:{reason}", 0)
    draft.add(wording.ESCALATED_NOTE, "fixed:escalated_note", 0)
    if context is not None and context.sentences:
        draft.add(intro, "fixed:context_intro", 1)
        for s in context.sentences:  # the context keeps its own paragraphs
            draft.add(s.text, s.source, 1 + s.block)
        draft.passages = context.passages
        draft.facts = context.facts
    return draft


_LEANS_BACK = re.compile(r"(?:then|they|them|this|that|these|those|it|its|so|but|and|also|or|other|others|such|he|she|"
                         r"here|there|both|either|neither|however|instead|otherwise|still|yet)\b", re.IGNORECASE)


def fewest_sentences(draft: Draft) -> Draft:
    """The draft cut to the report facts, the fixed wording (next steps) and the vetted sentences of its first passage
    (the one ranked most on the question) when those read at grade 8 or below, else the single plainest vetted
    sentence: what is left to send when even the simpler composition reads above grade 8."""
    kb = [s for s in draft.sentences if s.kind == "kb"]
    first = [s for s in kb if kb and s.source == kb[0].source]
    # (stop 51, fifteenth pass C4: "what does stevens-johnson syndrome look like" was answered "These are rare, severe
    # skin reactions." alone, the plainest sentence of the second passage, when the first passage read plainly enough)
    if first and len(first) < len(kb) and own_words_grade(first_only := _keeping(draft, first)) <= MAX_GRADE:
        return first_only
    graded = [(reading_grade(s.text), s) for s in kb]
    # a sentence that leans on the one before it ("Then they may not work well.") says nothing alone (stop 44: it was
    # the whole reply to "what does ultrarapid metabolizer mean")
    standalone = [(grade, s) for grade, s in graded if grade <= MAX_GRADE and not _LEANS_BACK.match(s.text)]
    plainest = min(standalone or graded, key=lambda pair: pair[0], default=(None, None))[1]
    keep = [plainest] if plainest is not None else []
    if not standalone and plainest is not None and _LEANS_BACK.match(plainest.text):
        # ... so it keeps the sentence it leans on when the two still read plainly
        at = draft.sentences.index(plainest)
        before = draft.sentences[at - 1] if at else None
        if before is not None and before.source == plainest.source \
                and own_words_grade(_keeping(draft, [before, plainest])) <= MAX_GRADE:
            keep = [before, plainest]
    return _keeping(draft, keep)


def own_words_grade(draft: Draft) -> float:
    """The reading grade of what GeneChat wrote (vetted and fixed sentences). The report's own words are quoted
    as the lab wrote them ("c.5946delT", "uncertain significance") and are sent whatever their grade; cutting the
    plain sentences that explain them, to lower an average they dominate, would leave the patient with only jargon."""
    ours = " ".join(x.text for x in draft.sentences if x.kind != "report")
    return reading_grade(ours) if ours.strip() else 0.0


def _keeping(draft: Draft, kb: list[Sentence]) -> Draft:
    kept = [s for s in draft.sentences if s.kind != "kb" or s in kb]
    return Draft(kept, draft.passages, draft.facts, draft.composer, draft.prompt_version)


def escalation_request(action: str, reason: str, genes: Sequence[str], drugs: Sequence[str]) -> EscalationRequest:
    """One line for the counselor queue: the reason and the topics, never the patient's own words."""
    topics = ", ".join(list(genes)[:4] + list(drugs)[:4])
    summary = f"{reason.replace('_', ' ')}" + (f" ({topics})" if topics else "")
    priority = "urgent" if action == "emergency" else "normal"
    return EscalationRequest(priority=priority, reason=reason, summary=summary[:200])


def citations_for(draft: Draft, passages: Sequence[Passage]) -> list[Citation]:
    """One citation per KB document whose sentences appear in the reply, in order of first use."""
    by_chunk = {p.chunk_id: p for p in passages}
    out: dict[str, Citation] = {}
    for chunk_id in draft.used_chunk_ids():
        p = by_chunk.get(chunk_id)
        if p is None or p.doc_id in out:
            continue
        out[p.doc_id] = Citation(
            doc_id=p.doc_id, title=p.title, genes=list(p.genes), drugs=list(p.drugs),
            conditions=list(p.conditions), source_urls=list(p.source_urls),
        )
    return list(out.values())


def engine_failed_reply(error_type: str) -> Reply:
    """Fixed safety wording when the engine raises: when in doubt, escalate, and the trace says why."""
    draft = Draft()
    draft.add(wording.ENGINE_FAILED, "fixed:engine_failed", 0)
    return Reply(
        text=draft.text, action="escalate", reason="system_error",
        escalation=EscalationRequest(priority="normal", reason="system_error",
                                     summary="The assistant failed on this question; please answer it."),
        trace=[TraceStep(step="engine", outcome="error", detail={"error_type": error_type}),
               TraceStep(step="compose", outcome="fallback", detail={
                   "why": "the engine raised, so a counselor answers instead", "sources": draft.source_map()})],
        composer="fallback",
    )
