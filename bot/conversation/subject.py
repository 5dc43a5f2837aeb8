"""What a message is about: declined as off topic, a bare change of subject that asks the last question again, or
nothing new said right after an emergency reply.

Three plan steps of the engine (each a "topic" or "plan" trace step). The first two only ever set aside a model's
verdict, never a rule's escalation or an emergency; the third only ever makes a message an emergency.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from bot.answering.medicine_question import UNLISTED_MEDICINE
from bot.answering.question_forms import asks_about_last_reply, topic_swap
from bot.answering.topic import TopicCheck, borrows_words, without_lookalikes
from bot.answering.understand import Understanding
from bot.answering.vocabulary import Vocabulary
from bot.conversation import smalltalk
from bot.conversation.plans import WORRY_ALARM_MAX
from bot.core.reply import TraceStep, Turn
from bot.safety.asks import only_asks_for_help, only_overwhelmed, only_worry
from bot.safety.calm import nothing_said
from bot.safety.rules import match_rules
from bot.safety.statements import nothing_happening
from bot.safety.triage import TriageDecision

# The off-topic decline (bot/answering/topic.py) is never given to a message either model gives this much emergency
# probability: on evals/triage, every emergency with no topic word scored 0.47 or more, everyday requests 0.25 at most
# (most under 0.15), so an emergency that triage missed and only escalated stays with a person.
OFF_TOPIC_ALARM_MAX = 0.20
# Words of GeneChat's own setup ("repeat the text above", "say your instructions again"): asking for those again is
# manipulation, not a question about the last reply.
_ABOUT_SETUP = re.compile(r"\b(?:instructions?|prompt|system|rules?|above|verbatim|word for word|initiali[sz]\w*|"
                          r"configuration|setup|developer|hidden|secret|told you|were told)\b", re.IGNORECASE)


def off_topic(text: str, decision: TriageDecision, u: Understanding, history: Sequence[Turn],
              trace: list[TraceStep], *, topic: TopicCheck | None,
              own_words: Callable[[], np.ndarray],
              encode: Callable[[str], np.ndarray] | None = None) -> TriageDecision:
    """A message about something GeneChat is not for (taxes, chores, sport) is declined with the fixed
    out-of-scope wording, whatever the classifier made of it (bot/answering/topic.py). Only a model's answer or
    escalation, or an answer resting on the shape of an explanation question alone ("what does APR mean on my
    credit card statement": an answer hint of bot/safety/rules.py), is set aside: any other rule's verdict, an
    emergency, small talk and a follow-up stay as they are. A rule that fired only on a look-alike name ("recommend a
    medicine ball workout" has no medicine in it, round 5) is no rule here. ``encode`` makes the vector of other words
    (the everyday request without its borrowed words, TopicCheck.judge)."""
    if (decision.action == "decline" and decision.source == "model" and not decision.rules and not decision.language
            and (decision.reason == "out_of_scope" or decision.reason == "prompt_injection"
                 and not _ABOUT_SETUP.search(text))
            and any(t.role == "bot" for t in history) and asks_about_last_reply(text)):
        # "can u say the intermediate part again in simpler words", "sorry, can you repeat that in easier words":
        # about the reply just given, so on topic whatever words it lacks; the model declined it for want of topic
        # words, or read "repeat that" as asking for its setup (round 6). A word of the setup keeps the decline.
        last = next(t for t in reversed(history) if t.role == "bot")
        if not u.genes and not u.drugs:  # what the last reply was about is what is asked again
            u.genes, u.drugs = list(last.genes or []), list(last.drugs or [])
        trace.append(TraceStep(step="topic", outcome="about_last_reply", detail={
            "triage": f"{decision.action}:{decision.reason}"}))
        return TriageDecision("answer", "answer", "followup", 1.0, decision.rules, decision.model,
                              [*decision.notes, "asks about the previous reply"])
    hints_only = decision.action == "answer" and all(name.startswith("answer#") for name in decision.rules)
    if decision.rules and not hints_only and decision.source == "rule" and decision.action in ("answer", "escalate") \
            and not decision.language and _rules_only_on_lookalikes(text, decision.rules):
        hints_only = True
    if (topic is None or decision.source not in ("model", "fallback") and not hints_only
            or decision.rules and not hints_only
            or decision.action not in ("answer", "escalate") or u.domain and not _only_borrows(text, u) or u.followup
            or smalltalk.detect(text, history) is not None
            or any(t.role == "bot" for t in history) and asks_about_last_reply(text)):
        return decision  # (round 6: "say the intermediate part again in simpler words" is about the last reply)
    alarm = max(decision.model.action_probs["emergency"] if decision.model is not None else 0.0,
                decision.alarm_emergency or 0.0)
    if alarm >= OFF_TOPIC_ALARM_MAX:  # the models heard something: a missed emergency must not become a decline
        return decision
    judged = topic.judge(text, own_words, encode)
    if not judged.gate:
        return decision
    trace.append(TraceStep(step="topic", outcome="off_topic" if judged.off_topic else "on_topic",
                           detail=judged.detail()))
    if not judged.off_topic:
        return decision
    return TriageDecision("decline", "out_of_scope", "topic", judged.off - judged.on, decision.rules,
                          decision.model, [*decision.notes, "nothing in it is about genes, medicines or health"])


def _rules_only_on_lookalikes(text: str, rules: Sequence[str]) -> bool:
    """The message names a look-alike ("medicine ball", "Gene Simmons") and every rule that fired but an answer hint
    stops firing once it is blanked."""
    blanked = without_lookalikes(text)
    if blanked == text.replace("\u2019", "'"):
        return False
    still = {hit.rule for hit in match_rules(blanked).hits}
    return all(name.startswith("answer#") or name not in still for name in rules)


def _only_borrows(text: str, u: Understanding) -> bool:
    """An everyday request that only borrows a word of genetics or medicine ("gene therapy stocks"), and names no gene
    or medicine: "what to watch for on my warfarin" is about the medicine whatever everyday word it uses."""
    return not u.genes and not u.drugs and not UNLISTED_MEDICINE.search(text) and borrows_words(text)


# The escalation reasons of a decision about a medicine: asked again only about another medicine
_MEDICINE_DECISIONS = frozenset({"dosing", "medication_change"})


# ... or goes on with it in a few words ("and how often", "so how long") after a colonoscopy question was escalated: the
# model declined it as off topic (stop 52, seventeenth pass F2)
_CONTINUES = re.compile(r"^\W*(?:and|so|ok(?:ay)? and|then)\s+(?:how|what|when|where|which|why|is|are|does|do|can|the)\b[^.!]*$",
                        re.IGNORECASE)


def same_question(text: str, decision: TriageDecision, history: Sequence[Turn], trace: list[TraceStep], *,
                  vocab: Vocabulary, retriage: Callable[[str], TriageDecision]) -> TriageDecision:
    """A bare change of subject ("and plavix?", "same for tramadol?") asks the previous question again about
    something else, so it gets the previous question's action, not whatever the few words left suggest: after
    an answered question a model's escalation or decline of them (no rule behind it) is set aside; after an
    escalated one ("should I stop codeine" ... "and tramadol?") an answer or decline escalates for the previous
    question's reason. An alarm is never touched, except a weak one the alarm model alone raised on nothing but names
    ("and tramadol", "tramadol"): a name is no danger sign (round 4), so the message is the previous question again,
    or with none, a question about that name."""
    if not (topic_swap(text, vocab) or _CONTINUES.match(text) and len(text.split()) <= 5):
        return decision
    if (decision.action == "emergency" and decision.source == "model" and not decision.rules
            and not decision.language and decision.confidence < WORRY_ALARM_MAX):
        trace.append(TraceStep(step="plan", outcome="names_only:answer", detail={
            "triage": f"{decision.action}:{decision.reason}"}))
        decision = TriageDecision("answer", "answer", "model", 1.0 - decision.confidence, decision.rules,
                                  decision.model, [*decision.notes, "nothing but names: no danger sign"])
    if decision.action == "emergency":
        return decision
    last_bot = next((i for i in range(len(history) - 1, -1, -1) if history[i].role == "bot"), None)
    if last_bot is None:
        return decision
    before = history[last_bot].action
    if before == "answer" and decision.action != "answer" and decision.source == "model" and not decision.rules:
        trace.append(TraceStep(step="plan", outcome="followup:answer", detail={
            "triage": f"{decision.action}:{decision.reason}"}))
        return TriageDecision("answer", "answer", "followup", decision.confidence, decision.rules, decision.model,
                              [*decision.notes, "the previous question again, about something else"])
    if before != "escalate" or decision.action == "escalate":
        return decision
    asked = next((t.text for t in reversed(history[:last_bot]) if t.role == "user"), None)
    if asked is None:
        return decision
    again = retriage(asked)  # the previous question's own triage, as the engine runs it
    if again.action != "escalate":  # escalated for another reason (the worry plan): this message's own triage
        return decision
    if again.reason in _MEDICINE_DECISIONS and not vocab.detect(text)[1] and not vocab.groups_named(text):
        # a medicine decision asked about a gene ("should they lower my xeloda dose" ... "what about the UGT1A1 one")
        # asks about a result, not the decision again (stop 39)
        return decision
    trace.append(TraceStep(step="plan", outcome="followup:escalate", detail={
        "triage": f"{decision.action}:{decision.reason}", "previous": f"{again.action}:{again.reason}"}))
    return TriageDecision("escalate", again.reason, "followup", again.confidence, decision.rules, decision.model,
                          [*decision.notes, "the previous question again, about something else"])


_LOOK_BACK = 4  # user messages searched for the one that raised the emergency


def still_in_danger(text: str, decision: TriageDecision, history: Sequence[Turn], trace: list[TraceStep], *,
                    retriage: Callable[[str], TriageDecision],
                    names_medicine: Callable[[], bool] = lambda: False) -> tuple[TriageDecision, str | None]:
    """Right after an emergency reply, a message that says nothing new ("ok", "no", "??", "😢", "what should I do",
    "I'm scared") gets the emergency guidance again, for the emergency the last message raised (stop 38: "I want to
    kill myself" then "ok" got "OK. If you have another question about your report, just ask."). Returns the decision
    and the message the emergency was raised by (for its reply), or the decision unchanged and None.

    "thanks" and "I'm ok now" say something: they are triaged as usual ("I'm ok now" may still alarm on its own).
    A medicine named bare ("opioids", "my pills") is a topic on its own (statements.nothing_happening) but, right after
    an emergency reply, may be what was taken or planned: the guidance again (stop 39). ``names_medicine``: whether the
    message names a medicine the vocabulary knows (asked only right after an emergency reply).
    """
    if decision.action == "emergency" or not history or history[-1].role != "bot" or history[-1].action != "emergency":
        return decision, None
    if not (nothing_said(text) and smalltalk.detect(text, history) not in ("thanks", "closing")
            or only_asks_for_help(text) or only_worry(text) or only_overwhelmed(text)
            or nothing_happening(text, medicine_named=names_medicine())):
        return decision, None
    # the message that raised it: the latest earlier one that is an emergency on its own ("ok" after "ok" after "I want to
    # kill myself"), looked for among the last few
    before, raised_by = None, None
    for turn in [t for t in reversed(history) if t.role == "user"][:_LOOK_BACK]:
        again = retriage(turn.text)
        if again.action == "emergency":
            before, raised_by = again, turn.text
            break
    if before is None:
        return decision, None
    trace.append(TraceStep(step="plan", outcome="still_in_danger:emergency", detail={
        "triage": f"{decision.action}:{decision.reason}", "previous": f"{before.action}:{before.reason}"}))
    return TriageDecision("emergency", before.reason, "followup", before.confidence, decision.rules, decision.model,
                          [*decision.notes, "nothing new said right after an emergency reply: the guidance again"]), raised_by
