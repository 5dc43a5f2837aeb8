"""The worry plan: a worried question about the patient's own result gets one action per result type."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from bot.answering.understand import Understanding
from bot.answering.worry import names_own_result, worry_plan
from bot.answering.worry_intent import WorryIntent, lexical_only
from bot.conversation.plans.common import WORRY_ALARM_MAX, hints_only
from bot.conversation.plans.to_a_person import FAMILY_SOURCE
from bot.conversation.plans.topics import NO_DIAGNOSIS_TOPICS, TOPIC_NOTE
from bot.core.reply import TraceStep
from bot.core.report import Report
from bot.safety.asks import mentions_body_signs
from bot.safety.mentions import ACUTE_NOW
from bot.safety.rules import SIGNS_HINTS
from bot.safety.triage import (
    MEDICATION_CHANGE,
    TriageDecision,
    only_generic_escalation,
)

WHY_RULE = "answer#17"  # bot/safety/english/answer_hints.yaml: a why-question with no decision word in it


# Taking a named medicine asked about, not only how the result bears on it
_TAKE_IT = re.compile(r"\b(?:is it|would it be|it'?s|is that) (?:alright|all right|ok(?:ay)?|fine|safe) (?:for me )?to (?:take|use|"
                      r"have|start)\b|\b(?:can|may|should|could) i (?:still |safely )?(?:take|use|have|start)\b", re.IGNORECASE)


# A word asked about, quoted or called a word ("the word 'fatal'", "what does 'poison' mean")
_A_WORD_ASKED = re.compile(r"\bthe (?:word|term|phrase|label)s?\b|\bwhat (?:does|do) ['\"\u2018\u201c][^'\"\u2019\u201d]{2,30}"
                           r"['\"\u2019\u201d] mean\b", re.IGNORECASE)


def plan_worry(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
               trace: list[TraceStep], *, worry_intent: WorryIntent | None,
               own_words: Callable[[], np.ndarray]) -> TriageDecision:
    """A worried question about the patient's own result gets one action per result type, whatever its wording
    (bot/answering/worry.py; worried or not is judged from its words or its meaning, worry_intent.py); a
    specific escalation (surgery, testing the family, a medicine) or an emergency still wins."""
    # a model's "out of scope" on a worried follow-up ("how bad is it?" after a result) is no match for the plan
    model_declined = decision.action == "decline" and decision.source == "model" and decision.reason == "out_of_scope"
    # nor is a weak model-only alarm on a worried question with nothing happening now ("is this deadly for me?"):
    # the plan decides, and the reply still names the emergency number
    weak_alarm = (decision.action == "emergency" and decision.source == "model"
                  and decision.confidence < WORRY_ALARM_MAX and not ACUTE_NOW.search(text)
                  and not mentions_body_signs(text))
    if decision.source == FAMILY_SOURCE:  # what it means for the patient's own children: a specific escalation
        return decision
    if TOPIC_NOTE in decision.notes and set(u.topic_documents) <= NO_DIAGNOSIS_TOPICS:
        return decision  # "will my care insurance go up because of lynch": the insurance page, not a worry (stop 47)
    if u.medicines_to_watch:  # "which medicines should I worry about": the medicines, not a worry
        return decision
    if decision.action == "answer" and SIGNS_HINTS & set(decision.rules):
        return decision  # "what would a bad reaction to 5FU look like": the signs to watch for, not a worry (stop 44)
    if decision.action == "answer" and _A_WORD_ASKED.search(text):
        # "the word 'fatal' in the clopidogrel leaflet - what's that about": what a word means, not a worry about the
        # result (stop 51, sixteenth pass A6: the worry plan escalated it as a medicine change)
        return decision
    if decision.action not in ("answer", "escalate") and not (model_declined or weak_alarm) \
            or not only_generic_escalation(decision) or report is None:
        return decision
    if decision.action not in ("answer", "escalate") and u.medicines_asked:
        return decision  # an alarm or a decline about a medicine is never set aside
    if decision.action == "escalate" and u.drugs and _TAKE_IT.search(text):
        # "is it alright for me to take some Nurofen now, with my CYP2C9 result?": whether to take it is a prescriber's
        # question, however worried it sounds (stop 50, batch 27 dev: the worry plan answered it)
        return decision
    if decision.action in ("answer", "escalate") and worry_intent is not None:
        judged = worry_intent.judge(text, own_words)
    else:  # a decline or an alarm is set aside on REASSURE's frames, or a worry word beside the result it names
        # ("ryr1 + anaesthesia = death??"), never on a resemblance
        judged = lexical_only(text, frames_only=True, names_result=names_own_result(u, report))
    plan = worry_plan(text, u, report, worried=judged.worried)
    if plan is not None and not plan.escalate and decision.action == "escalate" and not (
            judged.cue == "words" or judged.cue == "cue" and names_own_result(u, report)):
        # when in doubt, escalate: a worry word takes an escalation away only when the message itself names the
        # result it is about ("SLCO1B1 *1/*5 - dangerous?"); a resemblance alone only ever adds an escalation
        plan = None
    if plan is not None and plan.reason == MEDICATION_CHANGE and WHY_RULE in decision.rules:
        # "why is codeine risky for me" asks for the reason, which the vetted medicine text gives with the
        # patient's result; "is codeine safe for me" is still a prescriber's question
        if decision.action == "escalate" and decision.source == "model" and hints_only(decision):
            # (stop 42: "y wud cyp2d6 ultrarapid make codeine risky for me??", a model sure of a medicine change)
            trace.append(TraceStep(step="plan", outcome="worry:why_answered", detail=judged.detail()))
            return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                                  [*decision.notes, "asks why a medicine is risky with the result: the reason"])
        plan = None
    if plan is None:
        if judged.worried:
            trace.append(TraceStep(step="plan", outcome="worry:none", detail=judged.detail()))
        return decision
    u.genes = list(dict.fromkeys([*plan.genes, *u.genes]))
    u.worry = True
    u.emergency_line = u.emergency_line or weak_alarm
    action, reason = ("escalate", plan.reason) if plan.escalate else ("answer", "answer")
    trace.append(TraceStep(step="plan", outcome=f"worry:{action}", detail={
        "genes": plan.genes, "triage": f"{decision.action}:{decision.reason}", **judged.detail()}))
    return TriageDecision(action, reason, "plan", 1.0, decision.rules, decision.model,
                          [*decision.notes, "worried question about an own result"])
