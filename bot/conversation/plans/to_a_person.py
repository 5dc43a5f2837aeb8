"""Plans that give a decision to a person: what to do next about a result, what it means for one's own children."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.children_question import (
    asks_about_own_children,
    asks_about_own_relatives,
)
from bot.answering.question_forms import (
    asks_next_step,
)
from bot.answering.understand import Understanding
from bot.conversation.plans.common import sure_notes
from bot.core.reply import TraceStep, Turn
from bot.core.report import Report
from bot.safety.alarm_votes import QUIET_ALARM_NOTE
from bot.safety.triage import (
    CHECK_IN,
    FAMILY_TESTING,
    RELATIVES_MEDICINE,
    TriageDecision,
)


def next_step(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
              trace: list[TraceStep]) -> TriageDecision:
    """"so what now", "where do I go from here" about a result: what to do about a result is a care decision, so a
    person takes it, however it is worded (round 4; a model answered some wordings and escalated others, and declined
    "Alright. What are my next steps?"). Only a model's verdict is replaced, and only when there is a report: a
    message that only asks the next step ("next steps?") is about it; a longer one must name a result of the report
    too ("my cyp2d6 came back as no call, what should I do next?", stop 32). (Stop 33: a bare "next steps?" as the
    first message after an upload had been declined as off topic.)"""
    only_next_step = asks_next_step(text)  # (a report is uploaded: the only thing a bare "what now" can be about)
    # (stop 47, twelfth pass F4: "ok now what do I do" after a result had the 988 check-in from a held-back model vote;
    # only the whole message as a next-step question, with no rule fired, gives it to a person this way)
    held_back_vote = decision.reason == CHECK_IN and decision.source == "rule" and not decision.rules and only_next_step
    if (report is None or decision.action not in ("answer", "escalate", "decline")
            or decision.source not in ("model", "fallback") and not held_back_vote
            or not all(name.startswith("answer#") for name in decision.rules)):
        return decision
    if not (only_next_step or asks_next_step(text, anywhere=True) and (u.in_report(report) or _RESULT_WORD.search(text))):
        return decision
    trace.append(TraceStep(step="plan", outcome="next_step:escalate", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("escalate", "wants_human", "plan", 1.0, decision.rules, decision.model,
                          sure_notes(decision, "asks what to do next"))


# An opener that asks what to do next must be about the report: a gene of it, or words for a result
_RESULT_WORD = re.compile(r"\b(?:results?|report|no[- ]call|vus|variant|uncertain|unclear|metaboli[sz]er|positive|"
                          r"negative|carrier|pathogenic)\b", re.IGNORECASE)

FAMILY_SOURCE = "family"  # the decision source of own_children's escalation


def own_children(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                 history: Sequence[Turn], trace: list[TraceStep]) -> TriageDecision:
    """What a result means for the patient's own children ("will my kids get it", "does this affect my future kids")
    is their own chance of having it, which a counselor goes over: the family rules of bot/safety escalate most
    wordings, and this plan gives the ones past them the same action (round 5; bot/answering/children_question.py).
    Only an answer, or a model's decline, with no rule but answer hints is replaced, and only when a result is in the
    conversation (a report, a gene or genetics word, or an earlier reply). A model's escalation for another reason gets
    this one, so the worry plan after it ("what are the odds for my future children" on a carrier result) keeps it."""
    by_model = decision.action in ("decline", "escalate") and decision.source == "model"
    # (stop 45, tenth pass N5: "my sister wants to know if she has it too" had the check-in tier from a model-only alarm
    # vote with no danger sign; a family question is what it asks)
    by_model = by_model or decision.reason == CHECK_IN and QUIET_ALARM_NOTE in decision.notes
    if (decision.action != "answer" and not by_model
            or not all(name.startswith("answer#") for name in decision.rules)
            or not (report is not None or u.domain or any(t.role == "bot" for t in history))
            or not (asks_about_own_children(text) or asks_about_own_relatives(text))):
        return decision
    trace.append(TraceStep(step="plan", outcome="own_children:escalate", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("escalate", FAMILY_TESTING, FAMILY_SOURCE, 1.0, decision.rules, decision.model,
                          sure_notes(decision, "what a result means for the patient's own children"))


# "what about for my daughter? she's 8", "and for my husband?", "can my son have it too": the last answer's medicine
# asked about for a relative (stop 49, fourteenth pass A8: after a codeine answer it had the parent's codeine answer)
_FOR_A_RELATIVE = re.compile(
    r"\b(?:for|about|to|give (?:it|them|some) to|can|could|would|should|may|is it (?:ok|okay|safe|fine) for)\s+(?:my|our)\s+"
    r"(?:\d+\s*(?:yo|y/o|year[- ]old)\s+)?(?:son|daughter|child|kid|kids|children|baby|boy|girl|toddler|teen|husband|wife|"
    r"partner|mum|mom|mother|dad|father|brother|sister|grandma|grandpa|grandmother|grandfather|nan|gran)\b",
    re.IGNORECASE)
# ... not whether they share the result: "what does it mean for my kids, will they have it too?" asks about inheritance
_SHARED_RESULT = re.compile(r"\b(?:inherit\w*|pass(?:ed|es|ing)? (?:it |this |that )?(?:on|down)|(?:have|get|got|carry) (?:it|this|"
                            r"that)(?: gene| result)? too|genes?|dna|tested|testing|test)\b", re.IGNORECASE)


def relatives_medicine_followup(text: str, decision: TriageDecision, u: Understanding,
                                trace: list[TraceStep]) -> TriageDecision:
    """A follow-up that asks the last answer's medicine for a relative ("what about for my daughter? she's 8" after
    "codeine"): the relative's own medicine is decided by their prescriber with what their own tests say, so a
    counselor takes it (as for "my son is 15, can he take codeine", safety/asks.relatives_medicine). Only a follow-up
    that carried a medicine over and names no medicine itself; never an emergency."""
    if decision.action == "emergency" or not u.drugs_carried or not _FOR_A_RELATIVE.search(text) \
            or _SHARED_RESULT.search(text):
        return decision
    trace.append(TraceStep(step="plan", outcome="relatives_medicine_followup:escalate", detail={
        "triage": f"{decision.action}:{decision.reason}", "drugs": u.drugs_carried}))
    return TriageDecision("escalate", RELATIVES_MEDICINE, "rule", 1.0, decision.rules, decision.model,
                          [*decision.notes, "the last answer's medicine, asked for a relative"])
