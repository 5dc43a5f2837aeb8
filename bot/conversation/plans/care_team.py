"""Plans for what the care team should hear: a result told to a clinician, an operation on an anaesthesia-gene report."""

from __future__ import annotations

import re

from bot.answering.medicine_question import (
    asks_medicine_decision,
)
from bot.answering.question_forms import (
    asks_to_share_with_clinician,
)
from bot.answering.understand import Understanding
from bot.conversation.plans.common import WORRY_ALARM_MAX, answered, hints_only
from bot.core.reply import TraceStep
from bot.core.report import Report
from bot.safety.alarm_votes import QUIET_ALARM_NOTE
from bot.safety.asks import mentions_body_signs
from bot.safety.mentions import ACUTE_NOW
from bot.safety.triage import (
    TriageDecision,
)

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
    # (stop 51: or the check-in tier such a vote gets on a message with no danger sign at all, the same misreading)
    quiet = decision.action == "escalate" and QUIET_ALARM_NOTE in decision.notes and not decision.rules
    weak_alarm = ((decision.action == "emergency" and decision.source == "model"
                   and decision.confidence < WORRY_ALARM_MAX or quiet) and not ACUTE_NOW.search(text)
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
            or not hints_only(decision) or not (u.in_report(report) or whole or implied)
            or not asks_to_share_with_clinician(text)
            or (u.drugs or u.medicines_asked) and asks_medicine_decision(plain) or _CARE_CHANGE.search(plain)):
        return decision
    u.emergency_line = u.emergency_line or weak_alarm
    u.whole_report = u.whole_report or whole
    return answered(decision, trace, "share_with_clinician:answer", "asks whether to tell a clinician about a result")


# Surgery or a procedure told by a patient whose report holds an anaesthesia gene: what the team must hear is the result
_ANAESTHESIA_GENES = ("RYR1", "CACNA1S")
_OWN_PROCEDURE = re.compile(
    r"\b(?:surgery|operation|op|procedure|under general|general an(?:a)?esthetic|(?:general )?an(?:a)?esthe\w*|put under|"
    r"sedat\w*|c-?section|caesarean|cesarean|[a-z]+ectomy|replacement|(?:my|the) (?:gallbladder|appendix|tonsils|hip|knee|"
    r"wisdom teeth|tooth|teeth) (?:out|removed|pulled|replaced|done)|"
    # (stop 48, thirteenth pass: a colonoscopy, "will they knock me out" had no facts)
    r"colonoscopy|endoscopy|gastroscopy|knock(?:ed)? me out|put me (?:to sleep|under))\b", re.IGNORECASE)
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
            or not hints_only(decision) or rest == text or _SOMEONE_ELSES.search(text)
            or u.drugs or asks_medicine_decision(_WHAT_TO_TELL.sub(" ", rest)) or _CARE_CHANGE.search(rest)
            or any(g not in held for g in u.genes)):
        return decision
    u.genes = held
    return answered(decision, trace, "surgery_told:answer", "surgery told by a patient with an anaesthesia gene result", genes=held)


def anaesthesia_result_leads(text: str, u: Understanding, report: Report | None, trace: list[TraceStep]) -> None:
    """"I'm having surgery next week, what do I tell them" right after a CYP2C19 answer, from a patient whose report holds
    RYR1: the operation is what the message is about, and the anaesthesia result is what the team must hear, not the
    gene of the turn before (stop 48, thirteenth pass: the reply carried CYP2C19 over and never named RYR1). When the
    message tells the writer's own procedure and names no gene, the report's anaesthesia genes are the ones asked about."""
    held = [g for g in _ANAESTHESIA_GENES if report is not None and g in report.genes]
    if not held or u.named_genes or not _OWN_PROCEDURE.search(text) or _SOMEONE_ELSES.search(text):
        return
    if u.genes == held:
        return
    trace.append(TraceStep(step="plan", outcome="anaesthesia_result_leads", detail={"genes": held, "before": u.genes}))
    u.genes = held
    u.followup = False
