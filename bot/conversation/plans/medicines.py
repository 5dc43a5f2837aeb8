"""Plans for a question about a medicine that asks for an explanation, not a decision."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.medicine_question import (
    MEDICINE_CLASS,
    UNLISTED_MEDICINE,
    asks_medicine_decision,
    explains_medicine,
    told_taking_it,
)
from bot.answering.question_forms import (
    topic_swap,
)
from bot.answering.understand import Understanding
from bot.answering.vocabulary import Vocabulary
from bot.conversation.plans.common import answered, hints_only
from bot.core.reply import TraceStep, Turn, last_bot_turn
from bot.safety.triage import (
    TriageDecision,
)


def hereditary_medicines(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep]) -> TriageDecision:
    """"does my BRCA2 change how I break down advil" asks whether a hereditary result bears on medicines, and the answer
    is fixed wording (it does not; local.py): a model's escalation with no rule but answer hints, on a message that asks
    no medicine decision, is replaced (stop 46, tenth pass N23: a medicine-change escalation with PARP-inhibitor text)."""
    if (decision.action != "escalate" or decision.source != "model" or not u.hereditary_medicines
            or not hints_only(decision) or asks_medicine_decision(text)):
        return decision
    return answered(decision, trace, "hereditary_medicines:answer", "a hereditary result asked about medicines")


def medicines_affected_asked(text: str, decision: TriageDecision, u: Understanding,
                             trace: list[TraceStep]) -> TriageDecision:
    """"which medicines does it matter for", "back to the first one: which meds?" about a result: the list of medicines
    a result bears on is on its card and in the knowledge base, and naming them decides nothing. A model's escalation
    with no rule but answer hints, on a message about a result that asks no medicine decision, is replaced (stop 49,
    batch 26 dev: two of five wordings had "I can't tell you to start, stop or change a medicine")."""
    if (decision.action != "escalate" or decision.source != "model" or not u.medicines_affected or not u.genes
            or u.drugs or not hints_only(decision) or asks_medicine_decision(text)):
        return decision
    return answered(decision, trace, "medicines_affected:answer", "which medicines a result bears on")


def explained_not_decided(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep], *,
                          history: Sequence[Turn] = (), vocab: Vocabulary | None = None) -> TriageDecision:
    """"does my SLCO1B1 result matter for zocor" asks whether a result concerns a medicine, which is explained, not
    decided (the answer hints of bot/safety/rules.py). The classifier sometimes escalates such a question on the
    medicine's name alone, sure of it; with no escalation rule and no decision asked (take, stop, switch, an amount,
    whether it is safe or will work) the answer hint stands. Round 4: with no rule at all, the same holds for a
    message that only names a medicine (or a class of them) with the words of asking about it, or asks how it relates
    to a result ("plavix?", "tramadol and my CYP2D6?", "so plavix needs my liver enzyme to work?";
    bot/answering/medicine_question.py), unless it asks the last escalated question again ("and tramadol?"). Round 5:
    a medicine the knowledge base does not hold counts too, read from its name ("gabapentin and my results?")."""
    if decision.action != "escalate" or decision.source != "model":
        return decision
    hints_only = bool(decision.rules) and all(name.startswith("answer#") for name in decision.rules)
    # (stop 42: a class named beside an answer hint too, "does my SLCO1B1 result matter for statins")
    if not (u.medicines_asked or (not decision.rules or hints_only)
            and (MEDICINE_CLASS.search(text) or UNLISTED_MEDICINE.search(text))):
        return decision
    unnamed = vocab.without_names(text) if vocab is not None else None
    told = unnamed is not None and told_taking_it(text, unnamed)  # "Nexium. I take it daily. relevant?"
    if decision.rules and not hints_only or asks_medicine_decision(text) and not told:
        return decision
    if not hints_only:
        last_bot = last_bot_turn(history)
        again = vocab is not None and topic_swap(text, vocab) or u.followup
        if last_bot is not None and last_bot.action == "escalate" and again:
            return decision  # the previous question again: its action (subject.same_question), not this plan's
        if not (explains_medicine(text, unnamed) or told):
            return decision
    trace.append(TraceStep(step="plan", outcome="medicine:explained", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "rule", decision.confidence, decision.rules, decision.model,
                          [*decision.notes, "whether a result concerns a medicine: explained, not decided"])


def unlisted_medicine_named(text: str, decision: TriageDecision, u: Understanding, has_report: bool,
                            trace: list[TraceStep]) -> TriageDecision:
    """"metformin", "Adderall", "what about my migraine med sumatriptan" from a patient with a report: a medicine the
    knowledge base has no page on, named with nothing else asked. A model (or the health-topic rule) declined it as off
    topic, and the refusal "I can only help with ... medicines" contradicts itself; the answer says plainly that there is
    no vetted information on that medicine and offers a counselor (engine._answer, asked_subject.unknown_medicine; stop
    48, thirteenth pass W5). Only a decline for being off topic, with no rule but answer hints or off-topic ones, is
    replaced, never with a decision asked."""
    if (not has_report or decision.action != "decline" or decision.reason != "out_of_scope" or decision.language
            or u.drugs or not UNLISTED_MEDICINE.search(text) or len(text.split()) > 8 or asks_medicine_decision(text)
            or not all(name.startswith(("answer#", "out_of_scope#")) for name in decision.rules)
            # (a rule's own decline stays: misuse, "how do I get high on adderall", or a pet's medicine)
            or decision.refusal is not None
            or not (decision.source == "model" or decision.rules and all(n.startswith("out_of_scope#") for n in decision.rules))):
        return decision
    return answered(decision, trace, "unlisted_medicine:answer", "names a medicine no vetted page covers")


# The writer takes none of the medicine ("I don't take a statin", "I'm not on one", "I use no cholesterol tablets") ...
_NOT_TAKING = re.compile(
    r"\b(?:i(?:'m| am)?|im) (?:not|never) (?:on|taking|using|been on)\b|\bi (?:don'?t|do not|dont|never) (?:take|use)\b|"
    r"\bnot on (?:one|any|it|them|that)\b|\bi (?:take|use) (?:none|no)\b|\bnot taking (?:one|any|it|them)\b|"
    r"(?:^|[.,;!?(]\s*)(?:don'?t|dont|do not|never) (?:take|use)\b|\((?:no|not on) [\w\s-]{2,30}\)", re.IGNORECASE)
# ... or asks whether something read or heard about the medicines is true ("I read on Reddit that ... Is that true?")
_CLAIM_CHECKED = re.compile(
    r"\b(?:is (?:that|it|this)(?: statement)? (?:really )?(?:true|correct|right|so)|true\s*\?|(?:reddit|online|forum|internet|"
    r"a post|a thread|tiktok|facebook)\b[^?]{0,200}\?)", re.IGNORECASE)
# ... (a medicine they are given or on makes the claim a decision about it)
_PRESCRIBED = re.compile(r"\b(?:prescrib\w*|started me|put me on|gave me|given me|(?:i'?m|im|i am) (?:on|taking)|i take|"
                         r"(?:wants|want|plans?|planning|going) to (?:start|put|switch|give))\b", re.IGNORECASE)
# ... with no decision of the writer's own asked
_OWN_DECISION = re.compile(
    r"\b(?:should|can|could|may|must|do|shall) (?:i|we)\s+(?:still\s+|now\s+|just\s+)?(?:take|start|stop|switch|change|keep|"
    r"continue|use|try|ask|get|quit|skip|avoid|be on|go on|come off|lower|raise|double|halve)\b|\bshould (?:i|we)\b|"
    r"\bwhat (?:dose|amount)\b|\bhow (?:much|many)\b", re.IGNORECASE)


def claim_or_not_taking(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """"I read on Reddit that CYP2C19 poor metabolizers can't take any antidepressants. Is that true? I'm not on one",
    "SLCO1B1 *1/*15 - is it why my legs ache? I don't take a statin": the model escalated them as a medicine change on
    the medicine's name, but no medicine is taken and none is to be decided; whether a claim about a result and a medicine
    class holds is explained (stop 52, batch 29 dev). Only a model's escalation with no rule but answer hints."""
    if decision.action != "escalate" or decision.source != "model" or not hints_only(decision):
        return decision
    not_taking = bool(_NOT_TAKING.search(text))
    if not (not_taking or _CLAIM_CHECKED.search(text)) or _OWN_DECISION.search(text) \
            or not not_taking and _PRESCRIBED.search(text):  # (a claim about a medicine they are on is theirs to decide)
        return decision
    return answered(decision, trace, "claim_or_not_taking:answer", "no medicine taken or to decide: explained")
