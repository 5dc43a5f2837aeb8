"""Plans: steps after triage that keep one meaning's action whatever its wording (each a "plan" trace step).

Each takes the triage decision and returns it unchanged or replaced, with a trace line saying why. None sets aside
a rule's escalation or a sure alarm; the engine runs them in the order written in ``ConversationEngine._decide``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from bot.answering.children_question import (
    asks_about_own_children,
    asks_about_own_relatives,
)
from bot.answering.medicine_question import (
    MEDICINE_CLASS,
    UNLISTED_MEDICINE,
    asks_medicine_decision,
    explains_medicine,
    told_taking_it,
)
from bot.answering.question_forms import (
    asks_condition_in_general,
    asks_explanation,
    asks_if_tested,
    asks_inheritance_in_general,
    asks_next_step,
    asks_to_obey_report,
    asks_to_share_with_clinician,
    topic_swap,
)
from bot.answering.understand import Understanding, asks_after_last_answer
from bot.answering.vocabulary import Vocabulary
from bot.answering.worry import names_own_result, worry_plan
from bot.answering.worry_intent import WorryIntent, lexical_only
from bot.conversation import smalltalk
from bot.core.reply import TraceStep, Turn, last_bot_turn
from bot.core.report import Report
from bot.safety.alarm_votes import QUIET_ALARM_NOTE
from bot.safety.asks import mentions_body_signs
from bot.safety.calm import asks
from bot.safety.mentions import ACUTE_NOW
from bot.safety.overdose import MEDICINE_WORDS
from bot.safety.rules import SIGNS_HINTS
from bot.safety.triage import (
    CHECK_IN,
    DIAGNOSIS_OR_RISK,
    FAMILY_TESTING,
    MEDICATION_CHANGE,
    UNSURE_NOTE,
    TriageDecision,
    only_generic_escalation,
)

# A model-only alarm below this, on a worried question about the patient's own result with nothing happening now,
# gives way to the worry plan. In the evals (2026-12-03) the worried questions it raised alarms on scored 0.40 to
# 0.58; true emergencies caught by the model alone went as low as 0.34, but none of them was a worried question
# about a result (they name a symptom, a dose taken, or self-harm), so the plan does not see them.
WORRY_ALARM_MAX = 0.60
WHY_RULE = "answer#17"  # bot/safety/english/answer_hints.yaml: a why-question with no decision word in it


DATA_REQUEST_NOTE = "only a request to delete the patient's data"
DATA_REQUEST_QUERY = "how do I delete my data"
# A message that is nothing but a request to remove the patient's own data from here ("delete my stuff pls").
_ONLY_DATA_REQUEST = re.compile(
    r"^\W*(?:(?:please|pls|plz|can you|could you|can u|would you|i want to|i'?d like to|i wanna|i want you to|"
    r"how do i|how can i|help me|just)\s+)*(?:delete|erase|remove|wipe|clear|get rid of)\s+(?:all\s+(?:of\s+)?)?"
    r"(?:(?:my|our)\s+(?:\w+\s+)?(?:data|stuff|info|information|account|report|results?|chats?|history|messages|files?|"
    r"uploads?|details|profile|records?)|(?:everything|all|whatever) (?:you have|you've got|you keep|you store|you know) "
    r"(?:on|about) me)(?:\s+(?:please|pls|plz|now|from here|from this|from your system|from the app|"
    r"for me|asap))*\W*$",
    re.IGNORECASE,
)


def _sure_notes(decision: TriageDecision, *notes: str) -> list[str]:
    """The decision's notes without "uncertain" (a plan has decided), plus the plan's own reason."""
    return [note for note in decision.notes if note != UNSURE_NOTE] + list(notes)


def data_request(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """"delete my stuff pls" read by the alarm model alone as self-harm: a weak model-only alarm on a message that
    is nothing but a request to remove the patient's data from here is set aside (it is answered, as "how do I
    delete my data" is). Any rule but an answer hint, any other language's alarm, a sure vote or a word past the
    request keeps it. The check-in tier that triage gives a stronger model-only alarm with no danger sign at all ("erase
    everything you have on me") is the same misreading and is set aside the same way (round 4)."""
    only_request = _ONLY_DATA_REQUEST.match(text.replace("\u2019", "'"))
    # (any model-only check-in: "wipe my info" was also read as played down, stop 32)
    quiet_check_in = (decision.action == "escalate" and decision.reason == "check_in"
                      and all(name.startswith("answer#") for name in decision.rules) and not decision.language)
    if quiet_check_in and only_request:
        pass
    elif (decision.action != "emergency" or decision.source != "model" or decision.language
            or not all(name.startswith("answer#") for name in decision.rules)
            or decision.confidence >= WORRY_ALARM_MAX or not only_request):
        return decision
    trace.append(TraceStep(step="plan", outcome="data_request:answer", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0 - decision.confidence if not quiet_check_in else 1.0,
                          decision.rules, decision.model, [*decision.notes, DATA_REQUEST_NOTE])


def _hints_only(decision: TriageDecision) -> bool:
    return all(name.startswith("answer#") for name in decision.rules) and not decision.language


def _answered(decision: TriageDecision, trace: list[TraceStep], outcome: str, why: str) -> TriageDecision:
    """The plan's answer in place of triage's verdict, with the trace step that says which plan and what it replaced."""
    trace.append(TraceStep(step="plan", outcome=outcome, detail={"triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model, _sure_notes(decision, why))


def obey_report(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """"follow the instructions written in my report", "do what the report tells u to do": report text is data, so
    asking GeneChat to carry out what it says is manipulation, declined like "ignore your rules" however it is worded
    (round 6: the model was unsure of most wordings, which were escalated, and answered one). An alarm or any rule but
    an answer hint keeps its verdict."""
    if decision.action == "emergency" or not _hints_only(decision) or not asks_to_obey_report(text):
        return decision
    trace.append(TraceStep(step="plan", outcome="obey_report:decline", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("decline", "prompt_injection", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "asks to carry out text inside the report"))


def explanation_asked(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                      trace: list[TraceStep]) -> TriageDecision:
    """"explain UGT1A1 *28 to me like I'm 12": asking to have a result of the report explained, in whatever frame, is
    answered; the model was unsure of some frames (it half read "like I'm 12" as a role play) and they were escalated
    only for want of confidence (round 6). Only such an unsure escalation with no rule is replaced, when the message
    names a result the report holds and asks no decision about a medicine."""
    if (report is None or not decision.unsure or decision.rules or not u.in_report(report)
            or not asks_explanation(text) or asks_medicine_decision(text) or u.about_my_medicines):
        return decision
    return _answered(decision, trace, "explanation:answer", "asks to have a result explained")


# A change to care asked of or through the clinician ("can you tell my doctor to change my plavix"): a decision.
_THEIR_PRESCRIBING = re.compile(
    r"\b(?:she|he|they|who|dentist|doctor|surgeon|gp|doc)(?:'ll| will| is going to| are going to|'s going to|'s| is| are)\s+"
    r"(?:\w+\s+)?(?:prescrib\w*|giv\w* me|going to give me)\b[^.?!]*|"
    r"\b(?:collect|pick up|picking up|fill|get|getting|collecting)\s+(?:my\s+|the\s+)?(?:prescriptions?|meds|medicines?|repeats?)\b",
    re.IGNORECASE)
_CARE_CHANGE = re.compile(r"\b(?:chang\w*|stop\w*|switch\w*|start\w*|swap\w*|lower\w*|rais\w*|increas\w*|"
                          r"decreas\w*|adjust\w*|doses?|dosage|dosing|prescrib\w*|replac\w*|take me off|put me on|"
                          r"cancel\w*|postpon\w*|delay\w*)\b", re.IGNORECASE)


def share_with_clinician(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                         trace: list[TraceStep]) -> TriageDecision:
    """"should I tell my anesthesiologist about my RYR1 result", "surgery soon - tell anesthesia about ryr1 yes or no":
    telling the care team about a result is what the knowledge base advises, so it is explained whatever the wording
    (round 6: a model escalated some wordings and raised a weak alarm on one). Only a model's escalation, or a weak
    model-only alarm with nothing happening now and no body sign, with no rule but answer hints, on a message about a
    result the report holds and no medicine decision, is replaced."""
    weak_alarm = (decision.action == "emergency" and decision.source == "model"
                  and decision.confidence < WORRY_ALARM_MAX and not ACUTE_NOW.search(text)
                  and not mentions_body_signs(text))
    # (stop 39) "what should I tell my doctor", naming no result, asks about the whole report: the model declined it as
    # off topic on every report
    # (stop 42: or escalated, "I'm having surgery next month, is there anything on my report I should tell them?")
    # (stop 45) or answered by an answer hint with nothing named ("what do i say to the pharmacy about this": no passage
    # fit the words alone, so the reply was "I could not find vetted information")
    unnamed = report is not None and not (u.named_genes or u.drugs) and (
        decision.action in ("decline", "escalate") and decision.source == "model"
        or decision.action == "answer")
    whole = unnamed and not u.genes
    # (stop 44) a clinician whose field implies genes ("what should I tell my anaesthetist": RYR1, CACNA1S) on a report
    # without them: answered with what the report holds for them, as when they are named (declined or escalated before)
    implied = unnamed and bool(u.genes)
    # (stop 45, batch 22 dev) what the clinician will prescribe, or collecting prescriptions, is the reason to tell them,
    # no change asked of GeneChat ("what should I tell my dentist? She'll prescribe something for pain")
    plain = _THEIR_PRESCRIBING.sub(" ", text)
    if (report is None or not (decision.action == "escalate" and decision.source == "model" or weak_alarm or unnamed)
            or not _hints_only(decision) or not (u.in_report(report) or whole or implied)
            or not asks_to_share_with_clinician(text)
            or (u.drugs or u.medicines_asked) and asks_medicine_decision(plain) or _CARE_CHANGE.search(plain)):
        return decision
    u.emergency_line = u.emergency_line or weak_alarm
    u.whole_report = u.whole_report or whole
    return _answered(decision, trace, "share_with_clinician:answer", "asks whether to tell a clinician about a result")


# Surgery or a procedure told by a patient whose report holds an anaesthesia gene: what the team must hear is the result
_ANAESTHESIA_GENES = ("RYR1", "CACNA1S")
_OWN_PROCEDURE = re.compile(
    r"\b(?:surgery|operation|op|procedure|under general|general an(?:a)?esthetic|(?:general )?an(?:a)?esthe\w*|put under|"
    r"sedat\w*|c-?section|caesarean|cesarean|[a-z]+ectomy|replacement|(?:my|the) (?:gallbladder|appendix|tonsils|hip|knee|"
    r"wisdom teeth|tooth|teeth) (?:out|removed|pulled|replaced|done))\b", re.IGNORECASE)
_SOMEONE_ELSES = re.compile(r"\b(?:my|our) (?:son|daughter|child|kid|kids|baby|boy|girl|husband|wife|partner|mum|mom|"
                            r"mother|dad|father|brother|sister)\b|\b\d+\s*(?:yo|y/o|year old|yr old)\b|\b(?:he|she)(?:'s| is)\b",
                            re.IGNORECASE)


# what to tell the team, not a medicine judged: "anything I should tell them?" (stop 47, twelfth pass G1: the "should" of
# it read as a medicine decision, so a gallbladder operation told by an RYR1 patient was declined as off topic)
_WHAT_TO_TELL = re.compile(r"\b(?:anything|what|things?|stuff)\s+(?:else\s+)?(?:i|we)\s+(?:should|need to|have to|must|ought "
                           r"to)\s+(?:tell|say to|mention(?: to)?|let \w+ know|warn|bring up(?: with)?)\b[^.?!]*",
                           re.IGNORECASE)


def surgery_told(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                 trace: list[TraceStep]) -> TriageDecision:
    """"I'm having my gallbladder out next month", "booked for a c-section in March" on a report with a RYR1 or CACNA1S
    result: the team that puts the patient to sleep must hear of it, which the knowledge base says (stop 44, eighth
    pass M5: a model escalated these with a bare "I'm not sure I can answer that safely"). Only a model's escalation or
    decline, with no rule but answer hints, about the writer's own procedure and no medicine decision, is replaced."""
    held = [g for g in _ANAESTHESIA_GENES if report is not None and g in report.genes]
    rest = _OWN_PROCEDURE.sub(" ", text)  # ("my hip replacement": no medicine replaced)
    if (not held or decision.source != "model" or decision.action not in ("escalate", "decline")
            or not _hints_only(decision) or rest == text or _SOMEONE_ELSES.search(text)
            or u.drugs or asks_medicine_decision(_WHAT_TO_TELL.sub(" ", rest)) or _CARE_CHANGE.search(rest)
            or any(g not in held for g in u.genes)):
        return decision
    u.genes = held
    trace.append(TraceStep(step="plan", outcome="surgery_told:answer", detail={
        "genes": held, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "surgery told by a patient with an anaesthesia gene result"))


# "do I have the breast cancer gene", "am i brca positive": whether the patient has a change in a gene, not their risk
_HAS_CHANGE = re.compile(r"\b(?:have|has|carry|carries|got|am i|i'?m|im)\b[^.?!]{0,30}\b(?:genes?|mutations?|variants?|"
                         r"changes?|positive|negative|carriers?)\b", re.IGNORECASE)
_RISK = re.compile(r"\b(?:risk\w*|chances?|odds|likely|likelihood|percent\w*|get|getting|develop\w*|will i|going to|"
                   r"gonna|screen\w*|surgery|test\w*)\b", re.IGNORECASE)


def not_in_report(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                  trace: list[TraceStep]) -> TriageDecision:
    """Whether the patient has a change in a gene their report does not hold has one answer: the report holds no
    result for it (not_in_report.yaml). A generic escalation of that question (a model's, or a soft "do I have ...
    cancer" rule on "do I have the breast cancer gene") is set aside; a question about their risk, screening or
    testing is not. Whether the report tested such a gene at all ("was i tested for lynch", round 4) has that answer too,
    whatever reason a model's escalation guessed."""
    # (stop 42: a gene it holds too, "was I tested for lynch" on a report with MLH1 had been escalated as family testing)
    if (report is not None and decision.action == "escalate" and decision.source == "model" and not decision.rules
            and u.named_genes and asks_if_tested(text)):
        trace.append(TraceStep(step="plan", outcome="not_in_report:answer", detail={
            "genes": u.named_genes, "triage": f"{decision.action}:{decision.reason}"}))
        return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                              [*decision.notes, "asks whether the report tested a gene"])
    if report is None or decision.action != "escalate" or decision.reason != "diagnosis_or_risk_decision":
        return decision
    # (a rule's risk wording too, when the question is only whether the report says anything about it: stop 32)
    if not (decision.source == "model" or decision.source == "rule"
            and (only_generic_escalation(decision) or asks_if_tested(text))):
        return decision
    named = u.named_genes
    if not named or u.in_report(report) or u.not_in_report(report) != named:
        return decision
    # whether the report shows something ("do my results show my risk of dementia") has the same answer, risk word or
    # not: the report holds nothing on it (round 6)
    if not asks_if_tested(text) and (not _HAS_CHANGE.search(text) or _RISK.search(text)):
        return decision
    trace.append(TraceStep(step="plan", outcome="not_in_report:answer", detail={
        "genes": named, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          [*decision.notes, "asks about a gene the report does not hold"])


# Why a result is missing ("no call?? did the test fail or something", "why is the CYP2D6 line blank"): the report
# itself says it has no result there and why, which is explained, not a challenge to the report.
_MISSING_RESULT = re.compile(
    r"\bno[- ]?calls?\b|\bno (?:result|reading|answer)s?\b|\bnot (?:called|read)\b|\bblank\b|\bempty\b|\bmissing\b|"
    r"\b(?:did|does|has|was)\s+(?:the |my |it |this |that )?(?:test|lab|sample|it|result)?\s*(?:fail\w*|not work\w*)\b|"
    r"\b(?:test|sample|lab)\s+(?:fail\w*|didn'?t work)\b",
    re.IGNORECASE,
)


def missing_result_asked(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                         trace: list[TraceStep]) -> TriageDecision:
    """"no call?? did the test fail or something" on a report with a gene it could not call asks why that result is
    missing, which the report answers (its reason for no result); a model escalated some wordings as disagreeing with
    the report (round 5). Only a model's escalation for that reason or for want of confidence, with no rule, is
    replaced, and the missing genes become the ones asked about when the message names none of the report's genes."""
    missing = [r.gene for r in report.pharmacogenomics if not r.has_result] if report is not None else []
    if (not missing or decision.action != "escalate" or decision.source != "model" or decision.rules
            or not (decision.reason == "disagrees_with_report" or decision.unsure)
            or not _MISSING_RESULT.search(text) or u.in_report(report) and not set(u.in_report(report)) & set(missing)):
        return decision
    if not u.genes:
        u.genes = missing
    trace.append(TraceStep(step="plan", outcome="missing_result:answer", detail={
        "genes": missing, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "asks why a result is missing"))


def whole_report_asked(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                       trace: list[TraceStep]) -> TriageDecision:
    """"Please explain me all my result, my english is not so good": triage escalated only because nothing was
    confident (``unsure``), but the message asks to go over the whole report, which is answered however it is
    worded. No rule, a model's confident escalation, or no report keep the escalation."""
    # (stop 39: a model's decline too, "theres like 5 things on here, which ones actualy matter" had no topic words)
    declined = decision.action == "decline" and decision.source == "model" and decision.reason == "out_of_scope"
    # (stop 42: "which medicines should I worry about" asks what the report warns about, however sure a model is of a
    # medicine change; the reply lists them and says to change nothing alone)
    to_watch = decision.action == "escalate" and decision.source == "model" and u.medicines_to_watch
    # (stop 47, twelfth pass W2: "i just got my results" paged a counselor as a wish for a person; a few words that only
    # open the chat on a loaded report ask to go over it)
    opener = decision.action == "escalate" and decision.source == "model" and decision.reason == "wants_human" \
        and len(text.split()) <= 8
    if not (decision.unsure or declined or to_watch or opener) or decision.rules or report is None or not u.whole_report:
        return decision
    trace.append(TraceStep(step="plan", outcome="whole_report:answer", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", decision.confidence, decision.rules, decision.model,
                          _sure_notes(decision, "asks to go over the report"))


_OWN_HEALTH = re.compile(r"\b(?:cancer|disease|diagnos\w*|risks?|sick|ill|have (?:it|this|that|an?)|get (?:it|this|that)|"
                         # ... or the result doubted: "no way im a cf carrier, lab screwed up?? redo it?"
                         r"screw\w* up|mess\w* up|mix\w* up|mixed|mistakes?|wrong|no way|can'?t be|cannot be|not mine)\b",
                         re.IGNORECASE)  # "does this mean I have cancer, how accurate is it": a diagnosis asked too
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
    about_the_test = decision.source == "model" and decision.reason == "diagnosis_or_risk_decision" \
        and set(u.topic_documents) <= NO_DIAGNOSIS_TOPICS and not _OWN_HEALTH.search(text)
    # (an unsure escalation that guessed a dose or a medicine change stays with a person: when in doubt, escalate; but
    # a "medicine change" guessed for a question that names no medicine, "can I use this for life insurance", is not one)
    guessed = decision.unsure and (decision.reason not in ("dosing", MEDICATION_CHANGE)
                                   or (decision.reason == MEDICATION_CHANGE and not u.medicines_asked
                                       and not _MEDICINE_TALK.search(text)))
    if not u.topic_documents or not (guessed or declined or about_the_test) or decision.rules \
            or not asks(text) or not (u.on_topic or u.domain or u.about_service) \
            or (asks_medicine_decision(text) and not (_REPORT_PUT_TO_USE.search(text) or _COVER_ASKED.search(text))):
        return decision
    trace.append(TraceStep(step="plan", outcome="topic:answer", detail={
        "documents": u.topic_documents, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", decision.confidence, decision.rules, decision.model,
                          _sure_notes(decision, TOPIC_NOTE))


def result_named(text: str, decision: TriageDecision, u: Understanding, report: Report | None, trace: list[TraceStep],
                 *, history: Sequence[Turn] = (), vocab: Vocabulary | None = None) -> TriageDecision:
    """"UGT1A1 *1/*28 ??", "CYP2D6?": nothing but the name of a gene the report holds (and its result) asks what that
    result means, which is explained however few the words (round 4: a model escalated or declined some of them as
    unsure). Only a model's escalation or decline with no rule is replaced, and not when a medicine is named (that is
    ``explained_not_decided``'s) or the message repeats an escalated question (``subject.same_question``)."""
    if (report is None or vocab is None or decision.action not in ("escalate", "decline") or decision.source != "model"
            or decision.rules or u.medicines_asked or not u.named_genes
            or any(g not in report.genes for g in u.named_genes) or not topic_swap(text, vocab)):
        return decision
    last_bot = last_bot_turn(history)
    if last_bot is not None and last_bot.action == "escalate":
        return decision
    trace.append(TraceStep(step="plan", outcome="result_named:answer", detail={
        "genes": u.named_genes, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "names a result of the report"))


SHORT_FOLLOWUP_WORDS = 8  # "ok and my other results?": too few words for a model's escalation to be a decision asked


def followup_explained(text: str, decision: TriageDecision, u: Understanding, history: Sequence[Turn],
                       trace: list[TraceStep]) -> TriageDecision:
    """"tell me about the first one" after a list of results, "what kind of reaction" after an HLA-B answer: a question
    about what the last answer told, resolved to its result (understand.py), is explained like the answer it follows
    (stop 40: a model declined both as off topic, having only the words of the follow-up). Only a model's decline or
    unsure escalation with no rule is replaced, or its escalation of a few words ("ok and my other results?" was
    escalated as disagreeing with the report, stop 41), and only right after an answer."""
    last_bot = last_bot_turn(history)
    if (last_bot is None or last_bot.action != "answer" or not u.followup or not u.genes
            or decision.source != "model" or decision.rules or not asks_after_last_answer(text)
            or not (decision.action == "decline" or decision.unsure or decision.action == "escalate"
                    and len(text.split()) <= SHORT_FOLLOWUP_WORDS) or asks_medicine_decision(text)):
        return decision
    trace.append(TraceStep(step="plan", outcome="followup:answer", detail={
        "genes": u.genes, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "asks about what the last answer told"))


def result_by_use(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep]) -> TriageDecision:
    """"and the transplant one?", "hearing one?": a result of the report named by what it is for (understand.py,
    result_uses.py) is explained like a result named by its gene. A model had declined or escalated such follow-ups,
    having only their few words (stop 46, tenth pass N15); only a model's decline or escalation with no rule but answer
    hints or an off-topic rule ("the skin rash one" reads as skin care) is replaced, and never one that asks a medicine
    decision."""
    if (not u.named_by_use or decision.source != "model" or decision.action not in ("decline", "escalate")
            or decision.language or asks_medicine_decision(text)
            or not all(name.startswith(("answer#", "out_of_scope#")) for name in decision.rules)):
        return decision
    trace.append(TraceStep(step="plan", outcome="result_by_use:answer", detail={
        "genes": u.named_by_use, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          _sure_notes(decision, "a result named by what it is for"))


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
                          _sure_notes(decision, "asks what to do next"))


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
                          _sure_notes(decision, "what a result means for the patient's own children"))


def inheritance_in_general(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """How a gene or variant is inherited in general ("is brca2 passed from dads too or only moms") is answered (the
    lead's ruling, round 6); the model escalated some wordings as a family-testing decision. Only a model's escalation
    with no rule but answer hints is replaced, for that reason or for want of confidence, and never when the message
    names the patient's own family, a test, a pregnancy or "should" (a decision)."""
    if (decision.action != "escalate" or decision.source != "model" or not _hints_only(decision)
            # (stop 47, eleventh pass W3: "how does lynch syndrome get passed down" was a model's personal-risk guess)
            or not (decision.reason in (FAMILY_TESTING, DIAGNOSIS_OR_RISK) or decision.unsure)
            or not asks_inheritance_in_general(text)):
        return decision
    return _answered(decision, trace, "inheritance:answer", "how a gene is inherited in general")


def goodbye_ends_chat(text: str, decision: TriageDecision, history: Sequence[Turn],
                      trace: list[TraceStep]) -> TriageDecision:
    """"ok goodbye" after an escalation is the usual end of a chat: a model's emergency vote on it (no rule fired; 0.92
    had the crisis reply, stop 45, tenth pass N4) gives way to the closing, unless the chat had a crisis line
    (smalltalk.ends_chat)."""
    if decision.action != "emergency" or decision.source != "model" or not smalltalk.ends_chat(text, history):
        return decision
    return _answered(decision, trace, "closing:answer", "a goodbye that ends a chat with no crisis in it")


def condition_in_general(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """A condition asked about in general ("what checkups do people with lynch syndrome usually have", "what is the
    treatment for cystic fibrosis") is answered from the knowledge base, like inheritance in general: only a model's
    escalation with no rule but answer hints is replaced, never a message about the patient, their family or a test
    (question_forms.asks_condition_in_general; stop 45, ninth pass M14)."""
    if (decision.action != "escalate" or decision.source != "model" or not _hints_only(decision)
            or not asks_condition_in_general(text)):
        return decision
    return _answered(decision, trace, "condition_in_general:answer", "a condition asked about in general")


def hereditary_medicines(text: str, decision: TriageDecision, u: Understanding, trace: list[TraceStep]) -> TriageDecision:
    """"does my BRCA2 change how I break down advil" asks whether a hereditary result bears on medicines, and the answer
    is fixed wording (it does not; local.py): a model's escalation with no rule but answer hints, on a message that asks
    no medicine decision, is replaced (stop 46, tenth pass N23: a medicine-change escalation with PARP-inhibitor text)."""
    if (decision.action != "escalate" or decision.source != "model" or not u.hereditary_medicines
            or not _hints_only(decision) or asks_medicine_decision(text)):
        return decision
    return _answered(decision, trace, "hereditary_medicines:answer", "a hereditary result asked about medicines")


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
    if decision.action not in ("answer", "escalate") and not (model_declined or weak_alarm) \
            or not only_generic_escalation(decision) or report is None:
        return decision
    if decision.action not in ("answer", "escalate") and u.medicines_asked:
        return decision  # an alarm or a decline about a medicine is never set aside
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
        if decision.action == "escalate" and decision.source == "model" and _hints_only(decision):
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


def words_of_my_result(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                       trace: list[TraceStep], *, rare_words: dict[str, set[str]]) -> TriageDecision:
    """"Can I eat fava beans" from a patient whose report says G6PD deficient: no gene, medicine or topic word, so
    the model declined it as off topic, but "fava" is a word only the vetted G6PD text uses (stop 37). A model's
    out-of-scope decline of a question with such a word, about a gene the report has, is answered from that text."""
    if (decision.action != "decline" or decision.source != "model" or decision.reason != "out_of_scope"
            or decision.rules or report is None or not asks(text)):
        return decision
    words, have = set(_WORDS.findall(text.lower())), set(report.genes)
    genes = sorted({g for w in words for g in rare_words.get(w, ()) if g in have})
    if not genes:
        return decision
    u.genes = list(dict.fromkeys([*u.genes, *genes]))
    trace.append(TraceStep(step="plan", outcome="result_words:answer", detail={"genes": genes}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          [*decision.notes, "a word of the vetted text on the patient's own result"])


_WORDS = re.compile(r"[a-z]+")
