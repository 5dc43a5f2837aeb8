"""A long message that tells a story before its question: when the models were unsure of the whole, the question decides.

The triage models learned from messages of a sentence or two. Three sentences of background before the question ("My
mum went through chemotherapy a few years ago and had a very rough time ... My oncologist ordered this test. Does
anything on it matter for chemotherapy?") blur the message's vector, and an unsure vote ends in the "not sure I can
answer that safely" escalation although the question itself is a plain one (stop 49: the story version of a paraphrase
group was the one that disagreed in 20 of the 58 dev texts that did).

Only a model's escalation is weighed again: never a rule's, nor a decline (a manipulation attempt told in the
background is still one). Every rule still reads the whole message (an emergency, a medicine change or a decision told
in the background keeps its reply), and the question alone must be an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.safety.triage import MEDICATION_CHANGE, TriageDecision, only_generic_escalation

# a model this sure of an escalation on the whole story keeps it: the background may be what needs a person
SURE_ESCALATION = 0.8
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_POINTS_BACK = re.compile(r"\b(?:it|that|this|these|those|them|they|he|she|him|her|his|its|one)\b", re.IGNORECASE)


def the_ask(text: str) -> str | None:
    """The question a story leads up to: its last one or two question sentences, or its last sentence when it asks
    nothing ("... Thank you for listening."); None for a message of fewer than three sentences.

    >>> the_ask("My mum had chemo. It was rough. Now I may need it. Does my result matter for chemo?")
    'Does my result matter for chemo?'
    >>> the_ask("I never met my gran. She had breast cancer. Now I have this BRCA2 result. Could it be from her?")
    'Now I have this BRCA2 result. Could it be from her?'
    >>> the_ask("what does poor mean?") is None
    True
    """
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    if len(sentences) < 3:
        return None
    asks: list[str] = []
    for sentence in reversed(sentences):
        if not sentence.rstrip().endswith("?") or len(asks) == 2:
            break
        asks.insert(0, sentence)
    asks = asks or sentences[-1:]
    if _POINTS_BACK.search(asks[0]) and len(asks) < len(sentences):
        # "Could it have come from her?": what "it" and "her" are is in the sentence before
        asks.insert(0, sentences[-len(asks) - 1])
    return " ".join(asks)


def question_decides(text: str, decision: TriageDecision, retriage: Callable[[str], TriageDecision], *,
                     names_medicine: bool = False) -> tuple[TriageDecision, str | None]:
    """The question's own triage, when it answers what the whole story only guessed at; else ``decision``.

    ``names_medicine``: the story names a medicine; then a model's medicine decision (a change, a dose) stands, since
    the plan for that medicine may be in the background ("my oncologist wants to start 5-FU next week ... what does my
    DPYD mean?"): when in doubt, a person looks.
    Returns the decision and the question it came from (None when the whole message's decision stands)."""
    if decision.source != "model" or decision.action != "escalate" \
            or not only_generic_escalation(decision) \
            or names_medicine and decision.reason in (MEDICATION_CHANGE, "dosing"):
        return decision, None
    if decision.model is not None and decision.model.action_probs.get("escalate", 0.0) >= SURE_ESCALATION:
        return decision, None
    ask = the_ask(text)
    if ask is None:
        return decision, None
    asked = retriage(ask)
    if asked.action != "answer":
        return decision, None
    return asked, ask
