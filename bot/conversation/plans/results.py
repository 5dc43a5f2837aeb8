"""Plans for a question about a result of the report: named, followed up, asked by use, missing, or the whole report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.answering.asked_subject import singular
from bot.answering.followup import asks_after_last_answer
from bot.answering.medicine_question import (
    asks_medicine_decision,
)
from bot.answering.question_forms import (
    asks_explanation,
    asks_if_tested,
    topic_swap,
)
from bot.answering.topic import EVERYDAY_FRAME
from bot.answering.understand import NORMAL_ONES, Understanding
from bot.answering.vocabulary import Vocabulary
from bot.conversation.plans.common import answered, hints_only, sure_notes
from bot.core.reply import TraceStep, Turn, last_bot_turn
from bot.core.report import Report
from bot.safety.calm import asks
from bot.safety.triage import (
    TriageDecision,
    only_generic_escalation,
)


def explanation_asked(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                      trace: list[TraceStep]) -> TriageDecision:
    """"explain UGT1A1 *28 to me like I'm 12": asking to have a result of the report explained, in whatever frame, is
    answered; the model was unsure of some frames (it half read "like I'm 12" as a role play) and they were escalated
    only for want of confidence (round 6). Only such an unsure escalation with no rule is replaced, when the message
    names a result the report holds and asks no decision about a medicine."""
    if (report is None or not decision.unsure or decision.rules or not u.in_report(report)
            or not asks_explanation(text) or asks_medicine_decision(text) or u.about_my_medicines):
        return decision
    return answered(decision, trace, "explanation:answer", "asks to have a result explained")


# What a word means, asked as nothing else ("what's a hemorrhage", "what is an allergic reaction vs a side effect", "what
# does 'fatal' mean on the warning"): no one's situation in it, so no decision either
_DEFINITION = re.compile(
    r"^\W*(?:(?:so|ok(?:ay)?|and|hey|quick question)\W+)?(?:what(?:'?s| is| are)|whats|wat(?:s| is)|define|meaning of|"
    r"what(?:'?s| is) the (?:difference|diff) between|what does)\b(?P<rest>[^.?!]*)[.?!]*\s*$", re.IGNORECASE)
_SOMEONES_SITUATION = re.compile(r"\b(?:i|i'?m|im|me|my|mine|we|our|us|he|she|his|her|they|their|you|your|u|ur)\b",
                                 re.IGNORECASE)


def term_defined(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """"What's a hemorrhage?": a word's meaning asked alone, with no one's situation and no medicine decision in it, is
    answered (from a vetted passage that speaks of it, or with "no vetted information" and the counselor offer) when
    the models were only unsure; it had "I'm not sure I can answer that safely ... before you change any medicine"
    (stop 50, fifteenth pass A2). A rule's escalation, an alarm and a confident model keep theirs."""
    found = _DEFINITION.match(text)
    if (not decision.unsure or not found or not hints_only(decision) or len(text.split()) > 14
            or _SOMEONES_SITUATION.search(found.group("rest") or "") or asks_medicine_decision(text)):
        return decision
    return answered(decision, trace, "definition:answer", "asks what a word means, nothing else")


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
    return answered(decision, trace, "missing_result:answer", "asks why a result is missing", genes=missing)


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
    # (stop 51, sixteenth pass A4: "which of mine are normal" was declined, "is either of my genes normal" escalated as a
    # diagnosis: the report's usual results, listed like the whole report's)
    normal = decision.action in ("escalate", "decline") and decision.source == "model" and bool(NORMAL_ONES.search(text))
    if not (decision.unsure or declined or to_watch or opener or normal) or decision.rules or report is None \
            or not (u.whole_report or normal):
        return decision
    trace.append(TraceStep(step="plan", outcome="whole_report:answer", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", decision.confidence, decision.rules, decision.model,
                          sure_notes(decision, "asks to go over the report"))


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
    return answered(decision, trace, "result_named:answer", "names a result of the report", genes=u.named_genes)


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
    return answered(decision, trace, "followup:answer", "asks about what the last answer told", genes=u.genes)


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
    return answered(decision, trace, "result_by_use:answer", "a result named by what it is for", genes=u.named_by_use)


def words_of_my_result(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                       trace: list[TraceStep], *, rare_words: dict[str, set[str]],
                       topical_words: dict[str, set[str]] | None = None,
                       known_words: AbstractSet[str] = frozenset()) -> TriageDecision:
    """"Can I eat fava beans" from a patient whose report says G6PD deficient: no gene, medicine or topic word, so
    the model declined it as off topic, but "fava" is a word only the vetted G6PD text uses (stop 37). A model's
    out-of-scope decline of a question with such a word, about a gene the report has, is answered from that text; so is
    one with a heading word of that text ("what cancers" on a Lynch report, stop 50) when it names nothing the vetted
    text never does."""
    if (decision.action != "decline" or decision.source != "model" or decision.reason != "out_of_scope"
            or decision.rules or report is None or not asks(text)):
        return decision
    words, have = set(_WORDS.findall(text.lower())), set(report.genes)
    genes = sorted({g for w in words for g in rare_words.get(w, ()) if g in have})
    outcome = "result_words:answer"
    # (... and only when every other word of it is one the vetted text uses: "could this mole be cancer" asks about a mole)
    if not genes and topical_words and not EVERYDAY_FRAME.search(text) and not any(
            len(w) >= 4 and w not in known_words and singular(w) not in known_words for w in words - _NO_SUBJECT):
        # (stop 50, fifteenth pass A1: "what cancers" on a Lynch report, "is 0.5 a bad score" on a warfarin report, "what
        # should i avoid eating" with G6PD deficiency were declined as off topic) a word of the titles and headings of
        # the explainers of the patient's own results (``KbWords.topical``): the report gives the short question its subject
        genes = sorted({g for w in words - _NO_SUBJECT for g in topical_words.get(singular(w), ()) if g in have})
        outcome = "report_words:answer"
    if not genes:
        return decision
    u.genes = list(dict.fromkeys([*u.genes, *genes]))
    trace.append(TraceStep(step="plan", outcome=outcome, detail={"genes": genes}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          [*decision.notes, "a word of the vetted text on the patient's own result"])


_WORDS = re.compile(r"[a-z]+")
# words that ask nothing about a subject of their own, however few documents use them
_NO_SUBJECT = frozenset("what which when where does mean means tell know want explain please thanks thank summary "
                        "question questions answer answers help together acts sets count block checked passed newer highest suddenly "
                        "planned planning connect careful wisely direct expert limit manage".split())


# A result word or allele asked alone ("what does poor mean", "meaning of poor", "and rapid?", "what's *28"): the words
# around it only ask what it means
_TERM_FRAME = frozenset(
    "what whats what's wat does do is mean means meaning of the word term and so ok okay explain define definition on in "
    "my report result results about that this a an".split())
_TERM_WORDS = re.compile(r"[a-z']+|\*\d+[a-z]?", re.IGNORECASE)
RESULT_TERMS = ("poor", "intermediate", "normal", "rapid", "ultrarapid", "decreased", "increased", "reduced", "positive",
                "negative", "deficient", "carrier", "pathogenic", "uncertain", "indeterminate", "susceptible",
                "susceptibility")


def _genes_with_term(report: Report, term: str) -> list[str]:
    """The report's genes whose result (phenotype, classification or diplotype) holds ``term`` as a word."""
    word = re.compile(rf"(?<![\w*]){re.escape(term)}(?![\w:])", re.IGNORECASE)
    genes = [r.gene.upper() for r in report.pharmacogenomics
             if word.search(f"{r.phenotype or ''} {r.diplotype if term.startswith('*') else ''}")]
    genes += [v.gene.upper() for v in report.variants if word.search(v.classification or "")]
    return list(dict.fromkeys(genes))


def result_term_asked(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                      trace: list[TraceStep]) -> TriageDecision:
    """"what does poor mean", "and poor?", "what's *28" on a report with such a result asks what the patient's own result
    word means: a model declined 6 of 6 such wordings as off topic (stop 48, thirteenth pass W1). Only a model's decline or
    unsure escalation with no rule but answer hints is replaced, when the message is nothing but the term and the words
    of asking what it means, and the report holds a result with that word."""
    if (report is None or decision.source != "model" or not hints_only(decision)
            or not (decision.action == "decline" and decision.reason == "out_of_scope" or decision.unsure)):
        return decision
    words = [w.lower() for w in _TERM_WORDS.findall(text)]
    terms = [w for w in words if w not in _TERM_FRAME]
    if len(terms) != 1 or not (terms[0] in RESULT_TERMS or terms[0].startswith("*")):
        return decision
    genes = _genes_with_term(report, terms[0])
    if not genes:
        return decision
    u.genes = genes
    return answered(decision, trace, "result_term:answer", "asks what a word of the patient's own result means", genes=genes)
