"""Plans for a question a vetted page answers in general: a topic, how a gene is inherited, a condition."""

from __future__ import annotations

import re

from bot.answering.medicine_question import (
    asks_medicine_decision,
)
from bot.answering.question_forms import (
    asks_condition_in_general,
    asks_inheritance_in_general,
)
from bot.answering.understand import Understanding
from bot.conversation.plans.common import answered, hints_only, sure_notes
from bot.core.reply import TraceStep
from bot.safety.calm import asks
from bot.safety.overdose import MEDICINE_WORDS
from bot.safety.triage import (
    DIAGNOSIS_OR_RISK,
    FAMILY_TESTING,
    MEDICATION_CHANGE,
    TriageDecision,
)

_OWN_HEALTH = re.compile(r"\b(?:cancer|disease|diagnos\w*|risks?|sick|ill|have (?:it|this|that|an?)|get (?:it|this|that)|"
                         # ... or the result doubted: "no way im a cf carrier, lab screwed up?? redo it?"
                         r"screw\w* up|mess\w* up|mix\w* up|mixed|mistakes?|wrong|no way|can'?t be|cannot be|not mine)\b",
                         re.IGNORECASE)  # "does this mean I have cancer, how accurate is it": a diagnosis asked too
# what the test looks at, asked about a disease ("does my gene test also tell me whether I'm at risk of cancer", "this test
# = heart disease risk too?"): the test's limits answer, not a person's risk (stop 50, batch 27 dev: a model's diagnosis)
_WHAT_THE_TEST_COVERS = re.compile(
    r"\b(?:does|do|will|would|can|could|is) (?:my|this|the|a) (?:\w+ ){0,2}(?:test|report|results?|panel)\b[^.?!]{0,30}?"
    r"\b(?:also )?(?:tell|show|say|cover|check|test|include|look at|screen|predict)\w*\b|"
    r"\b(?:this|my|the) (?:\w+ )?(?:test|report)\s*=\s*[^.?!]{0,40}\b(?:risk|cancer|disease)", re.IGNORECASE)
ABOUT_THE_TEST = {"results-last-a-lifetime", "limits-of-pgx-testing"}  # pages on the test itself, not a person's risk
# ... or on who may see or use a result ("life insurance + Lynch result?": stop 42, escalated as a diagnosis)
NO_DIAGNOSIS_TOPICS = ABOUT_THE_TEST | {"gina-and-insurance", "privacy-consent-data-use"}


_MEDICINE_TALK = re.compile(rf"{MEDICINE_WORDS.pattern}|\b(?:drugs?|prescri\w*|statins?|treatments?|therap\w*)\b",
                            re.IGNORECASE)


# the report put to a use, no medicine taken: "can I use this for life insurance", "could I use my results against them"
_REPORT_PUT_TO_USE = re.compile(r"\buse (?:this|it|these|them|(?:my|the|these|this) (?:genetic |dna )?(?:results?|reports?|"
                                r"tests?|info\w*)) (?:for|to|with|as|against|at)\b", re.IGNORECASE)


# insurance or a job sought, not a medicine: "can i still get life insurance" (stop 47, twelfth pass W3: 4 of 4 such
# questions on a hereditary report were escalated as a personal-risk decision)
_COVER_ASKED = re.compile(r"\b(?:get|have|keep|buy|take out|apply for|qualify for)\s+(?:\w+\s+){0,2}?(?:insurance|cover(?:age)?|"
                          r"a policy|policies|life cover|a job|the job|a mortgage)\b", re.IGNORECASE)
TOPIC_NOTE = "asks about a topic a vetted page covers"


def topic_asked(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep]) -> TriageDecision:
    """"How accurate is this kind of test?", "accuracy?", "do I gotta redo this test every yr": a question that names the
    topic of a vetted page (topic_documents.yaml) is answered from it when triage only guessed (a model's unsure
    escalation or its decline, with no rule): stop 41, a paraphrase batch had them escalated as disagreeing with the
    report, declined, or escalated as a diagnosis. A rule, a model's confident escalation or a decision asked about a
    medicine keep theirs ("the lab mixed up my sample, should I retest" is the patient doubting the report), and so does
    a message that asks nothing or is about no test, report or gene ("the insurance denied my claim again", "I could
    just die, I wore the same dress as my boss": topic words, no question)."""
    declined = decision.action == "decline" and decision.source == "model" and decision.reason == "out_of_scope"
    # (a model's "diagnosis" for a question about the test itself, "do i gotta redo this test every yr", is a guess too)
    covers = bool(_WHAT_THE_TEST_COVERS.search(text))  # (asked once, read twice below)
    about_the_test = decision.source == "model" and decision.reason == "diagnosis_or_risk_decision" \
        and set(u.topic_documents) <= NO_DIAGNOSIS_TOPICS and (not _OWN_HEALTH.search(text) or covers)
    # (an unsure escalation that guessed a dose or a medicine change stays with a person: when in doubt, escalate; but
    # a "medicine change" guessed for a question that names no medicine, "can I use this for life insurance", is not one)
    guessed = decision.unsure and (decision.reason not in ("dosing", MEDICATION_CHANGE)
                                   or (decision.reason == MEDICATION_CHANGE and not u.medicines_asked
                                       and not _MEDICINE_TALK.search(text)))
    if not u.topic_documents or not (guessed or declined or about_the_test) or decision.rules \
            or not asks(text) or not (u.on_topic or u.domain or u.about_service) \
            or (asks_medicine_decision(text) and not (_REPORT_PUT_TO_USE.search(text) or _COVER_ASKED.search(text)
                                                      or not u.medicines_asked and covers)):
        return decision
    trace.append(TraceStep(step="plan", outcome="topic:answer", detail={
        "documents": u.topic_documents, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", decision.confidence, decision.rules, decision.model,
                          sure_notes(decision, TOPIC_NOTE))


def inheritance_in_general(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """How a gene or variant is inherited in general ("is brca2 passed from dads too or only moms") is answered (the
    lead's ruling, round 6); the model escalated some wordings as a family-testing decision. Only a model's escalation
    with no rule but answer hints is replaced, for that reason or for want of confidence, and never when the message
    names the patient's own family, a test, a pregnancy or "should" (a decision)."""
    if (decision.action != "escalate" or decision.source != "model" or not hints_only(decision)
            # (stop 47, eleventh pass W3: "how does lynch syndrome get passed down" was a model's personal-risk guess)
            or not (decision.reason in (FAMILY_TESTING, DIAGNOSIS_OR_RISK) or decision.unsure)
            or not asks_inheritance_in_general(text)):
        return decision
    return answered(decision, trace, "inheritance:answer", "how a gene is inherited in general")


def condition_in_general(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """A condition asked about in general ("what checkups do people with lynch syndrome usually have", "what is the
    treatment for cystic fibrosis") is answered from the knowledge base, like inheritance in general: only a model's
    escalation with no rule but answer hints is replaced, never a message about the patient, their family or a test
    (question_forms.asks_condition_in_general; stop 45, ninth pass M14)."""
    if (decision.action != "escalate" or decision.source != "model" or not hints_only(decision)
            or not asks_condition_in_general(text)):
        return decision
    return answered(decision, trace, "condition_in_general:answer", "a condition asked about in general")


# How common a result is ("how many people carry a CFTR change like mine? is it frequent?", "is my CYP3A5 result rare"):
# a fact about the result in the population, never a decision
_HOW_COMMON = re.compile(r"\bhow (?:common|rare|usual|unusual|frequent|typical)\b|\bhow many (?:other )?(?:people|persons|folks|"
                         r"others|of us)\b|\b(?:is|are) (?:it|this|that|these|they|mine|my (?:\w+ )?results?) (?:very |really |"
                         r"quite |that )?(?:common|rare|frequent|usual|unusual|typical)\b|\bfrequent\?", re.IGNORECASE)


def how_common_asked(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep]) -> TriageDecision:
    """"How many people are carrying a CFTR change like the one I have? Is it frequent?": how common a result is, which
    the knowledge base tells for some results and the reply says it cannot for others; a model escalated it as a
    personal-risk decision (stop 48, batch 25 dev). Only a model's escalation with no rule but answer hints, for that
    reason or for want of confidence, about a gene named or followed up, is replaced, never with a decision asked."""
    if (decision.action != "escalate" or decision.source != "model" or not hints_only(decision)
            or not (decision.reason == DIAGNOSIS_OR_RISK or decision.unsure) or not u.genes
            or not _HOW_COMMON.search(text) or u.medicines_asked or _DECISION_WORDS.search(text)):
        return decision
    return answered(decision, trace, "how_common:answer", "asks how common a result is")


_DECISION_WORDS = re.compile(r"\b(?:should|shall|must|need to|take|stop|start|switch|dose|test(?:ed|ing)?|screen\w*|"
                             r"surgery|colonoscop\w*|mammogram\w*)\b", re.IGNORECASE)
