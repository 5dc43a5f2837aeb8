"""The classifier's emergency votes in triage (triage.py): when a model alone raises an emergency, at which bar, and
when its vote is held back for the check-in tier (check_in.py) instead; how the alarm model's vote and the main
model's are combined; and when a rule alarm is only a check-in.

The emergency vote comes from the alarm model (``classifier.alarm_check``) when there is one; the main model may
still raise an emergency on its own when it is sure and something is happening (``EMERGENCY_SIGN_MIN``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.safety.check_in import (
    acute_beyond_time,
    body_event,
    class_question,
    happening_sign,
    helper_question,
    strong_sign,
    venting,
    without_denials,
)
from bot.safety.classifier import Prediction, TriageClassifier
from bot.safety.mentions import long_past_and_over, without_figurative_words
from bot.safety.rules import DESPAIR_RULE, LETHAL_TERM_RULE, match_rules
from bot.safety.rules import mask_benign as mask_english

# too much taken (emergency_symptoms.yaml #5): "overdosed", "took too many", "accidentally took"
OVERDOSE_RULE = "emergency_symptoms#5"

# Thresholds picked on evals/triage (hold-out fifth) and fresh hand-written checks; measure with
# `scripts/measure_engine.py triage` or `genechat eval --suite triage`.
EMERGENCY_MIN = 0.30  # model alone raises an emergency at this probability (low: safety wins)
# A calm question (no one in it, or nothing happening now: "how did Kurt Cobain die", "my uncle had a fatal
# reaction to anesthesia, what is RYR1") raises an emergency on the model alone only when it is this sure.
EMERGENCY_IMPERSONAL_MIN = 0.90
# A message that held a harmless idiom ("I'd kill for some sleep, I took 20 of my sleeping pills") is judged by the
# model with the idiom masked out, at this bar: the idiom says the register is casual, so the rest must be clearly
# an emergency. Picked on the languages dev half (issue 15): masked real emergencies scored 0.74 and up there, and
# masked safe messages 0.59 at most.
EMERGENCY_MASKED_MIN = 0.65
# The check-in note of a model-only alarm vote on a message with no danger sign (plans.own_children reads it)
QUIET_ALARM_NOTE = "model-only alarm vote with no danger sign"

# A message that vents about an everyday cause with no danger sign ("I can't take this heat anymore"): the model alone
# raises an emergency only at this bar, for the masked bar's reason (the cause says the register is everyday). A vote
# between EMERGENCY_MIN and this bar gets the check-in tier, not an answer: the model heard something.
EMERGENCY_VENTING_MIN = 0.65
# A model-only vote on an English message with no danger sign at all (check_in.quiet_alarm: no time word of now, nothing
# taken, nobody feeling anything, no self-harm or emergency word): below this bar it gets the check-in tier, not the
# banner. Picked on the languages dev half (round 4): every model-only emergency there had a danger sign; quiet safe
# prompts ("I burned my tongue on hot coffee", "thinking about ending my gym membership") scored 0.37-0.63.
EMERGENCY_QUIET_MIN = 0.65
# The alarm model (classifier.alarm_check) gives the emergency vote, but it learned from everyday mishaps too and reads
# some real emergencies as mishaps (on the languages dev half it put 35 English emergencies below the bar, each caught
# by a rule there). So the main model still raises an emergency on its own when it is this sure, the message is not a
# calm question or talk about the past, and something is happening to someone that the writer does not play down
# (check_in.happening_sign): a model-only vote with a danger sign stays an emergency. Picked on the languages dev half
# (round 4): 0.8 keeps the main model's sure votes on the emergencies the alarm model misreads.
# Round 5: only with a sign beyond a word of time or a harmless thing swallowed (check_in.strong_sign); with only
# that, the two models disagree and the message gets the check-in tier (on the English dev half every such override
# was a false alarm: "I could murder a pizza right now", "the baby swallowed a watermelon seed").
EMERGENCY_SIGN_MIN = 0.8


# The second opinion (classifier.second_opinion, stop 38) raises an emergency only at this bar, on a message that is no
# calm question and says something (triage.py). Picked on the dev side alone: on the eval suites' dev texts that the
# engine does not make emergencies (2,708 paraphrase texts, 557 triage examples, 450 answer cases), a vote at 0.95 or more
# on a message that is not calm fell on one text ("shud i get off plavix and onto some other blood thinner"; at 0.90,
# eight, most of them "what do I do now" kinds). The study that chose 0.95 also printed the held-out English gain and
# cost once (bars 0.5-0.95; at 0.95: 6 more of 390 emergencies, 1 more of 1,329 safe alarmed). Measured with the engine
# and the exclusions of triage.py: 4 more of 390 emergencies reached, no more safe messages alarmed.
SECOND_OPINION_MIN = 0.95


def second_opinion_vote(vector: np.ndarray | None, classifier: TriageClassifier | None) -> Prediction | None:
    """The second opinion's prediction when it is sure of an emergency (``SECOND_OPINION_MIN``), else None."""
    second = getattr(classifier, "second_opinion", None)
    if second is None or vector is None:
        return None
    pred = second.predict_vector(vector)
    return pred if pred.action_probs["emergency"] >= SECOND_OPINION_MIN else None


def combined_vote(text: str, *, pred: Prediction | None, classifier: TriageClassifier | None,
                  alarm_pred: Prediction | None, alarm_clf: TriageClassifier | None,
                  embed: Callable[[str], np.ndarray] | None, masked: bool, rules_text: str, calm: bool, quiet: bool,
                  played: bool) -> tuple[Prediction | None, str | None]:
    """The models' emergency vote (else None) and why a vote was held back for the check-in tier (else None).

    The alarm model's vote (``alarm_pred``, ``alarm_clf``) decides (``model_alarm``); when it raises nothing and holds
    nothing back, the main model's sure vote (``EMERGENCY_SIGN_MIN``) on a message that is not calm and says
    something is happening counts: with a strong sign it is the emergency, with only a word of time the two models
    disagree and the message checks in. ``played``: the writer plays it down ("he's fine").
    """
    alarm_vote, held_back = model_alarm(text, alarm_pred, alarm_clf, embed, masked, rules_text, calm=calm,
                                        venting=venting(text), quiet=quiet, played=played and not strong_sign(text),
                                        quiet_min=EMERGENCY_IMPERSONAL_MIN if played or masked
                                        else EMERGENCY_QUIET_MIN)
    if alarm_vote is None and held_back is None and alarm_clf is not classifier and not calm and happening_sign(text):
        main_vote, _ = model_alarm(text, pred, classifier, embed, masked, rules_text, calm=calm, venting=venting(text))
        if main_vote is not None and main_vote.action_probs["emergency"] >= EMERGENCY_SIGN_MIN:
            if strong_sign(text):
                alarm_vote = main_vote  # "my baby swallowed a button battery": the main model is sure, something is happening
            else:  # "I could murder a pizza right now": only a word of time; the two models disagree, so check in
                held_back = "sure main-model alarm the alarm model does not share, with only a word of time"
    return alarm_vote, held_back


def model_alarm(text: str, pred: Prediction | None, classifier: TriageClassifier | None,
                embed: Callable[[str], np.ndarray] | None, masked: bool, rules_text: str, *, calm: bool,
                venting: bool = False, quiet: bool = False, played: bool = False,
                quiet_min: float = EMERGENCY_QUIET_MIN) -> tuple[Prediction | None, str | None]:
    """The classifier's prediction when it raises an emergency by itself (else None), and why a vote was held back
    for the check-in tier (else None): the message vents about an everyday cause, or has no danger sign (``quiet``).

    A masked idiom: the message without it is judged, at ``EMERGENCY_MASKED_MIN`` (ignored with no ``embed``);
    when what is left says something is happening now, the whole message's vote counts if it is higher.
    A vote that vanishes once figurative words are blanked rests on them alone: it needs the calm bar.
    Venting with no danger sign (``check_in.venting``) needs ``EMERGENCY_VENTING_MIN``; an English message with no danger
    sign at all (``check_in.quiet_alarm``) needs ``quiet_min`` (``EMERGENCY_QUIET_MIN``, or the calm bar when the
    writer plays it down, "he's fine", or a harmless idiom was masked and nothing else is a sign: "my sister is going
    to kill me for borrowing her car"). Each held-back vote gets the check-in tier,
    never only an answer. So does a vote below the calm bar on a message the writer plays down with no strong sign
    (``played``: "he's fine", "all good now"; round 6). ``pred`` and ``classifier`` are the alarm model's (``classifier.alarm_check``) when there is
    one.
    """
    if pred is None or classifier is None:
        return None, None
    bar = EMERGENCY_IMPERSONAL_MIN if calm else EMERGENCY_MIN
    judged, vote = text, pred
    if masked:
        if embed is None:
            return None, None
        judged = mask_english(rules_text)[0]
        vote = classifier.predict_vector(embed(judged))
        if acute_beyond_time(judged):  # (a word of time alone is not: "ending things with my boyfriend tonight")
            if pred.action_probs["emergency"] > vote.action_probs["emergency"]:
                judged, vote = text, pred  # "what does overdose mean? i think i just took one": the idiom cannot cancel it
            if not body_event(judged):  # ... and with something taken or felt, the idiom does not raise the bar either
                bar = max(bar, EMERGENCY_MASKED_MIN)
        else:
            bar = max(bar, EMERGENCY_MASKED_MIN)
            # Masking a harmless idiom takes alarm words away and can only lower the alarm: when what is left scores
            # higher ("I'm choking on all this genetics info" leaves "i'm _"), the little that is left is noise (round 5).
            if vote.action_probs["emergency"] > pred.action_probs["emergency"]:
                vote = pred
    p = vote.action_probs["emergency"]
    if p < bar:
        return None, None
    blanked = without_figurative_words(judged) if embed is not None and bar < EMERGENCY_IMPERSONAL_MIN else None
    if blanked is not None and classifier.predict_vector(embed(blanked)).action_probs["emergency"] < EMERGENCY_MIN:
        bar = EMERGENCY_IMPERSONAL_MIN  # "these shoes are murdering my feet": the alarm was the word
        return (vote if p >= bar else None), None
    if venting and p < EMERGENCY_VENTING_MIN:
        return None, "weak alarm vote on venting about an everyday cause"
    if quiet and p < quiet_min:
        return None, QUIET_ALARM_NOTE
    if played and p < EMERGENCY_IMPERSONAL_MIN:  # round 6: "swallowed a blob of toothpaste, he's fine, bouncing off the walls"
        return None, "model-only alarm vote on a message the writer plays down"
    return vote, None


def checks_in(text: str, alarms: set[str], pred: Prediction | None) -> str | None:
    """Why the English rule alarms get the check-in tier instead of the emergency reply, or None: the only alarm is
    the despair rule on venting, or the lethal-dose term in a class question, and the model does not hear an emergency
    either; or the only alarm is too much taken, told as a week or more ago and over now (stop 46); or the only
    self-harm words are in a denial ("not suicidal or anything, just tired of it"), whatever the
    model says: it does not read "not" (stop 31: 0.95 there)."""
    if alarms and alarms <= {OVERDOSE_RULE} and long_past_and_over(text):
        return "an overdose told as long past and over"  # (stop 46, eleventh pass F1: the emergency reply had followed)
    if alarms and all(a.startswith("self_harm#") for a in alarms):
        rest = without_denials(text)
        if rest is not None and not match_rules(rest).has_emergency:
            return "self-harm words only in a denial"
    if pred is not None and pred.action_probs["emergency"] >= EMERGENCY_VENTING_MIN:
        return None
    everyday = "alarm words with an everyday cause, no danger sign"
    if alarms and helper_question(text):  # "how can I support a friend who self-harms"
        return everyday
    if alarms == {DESPAIR_RULE}:
        return everyday if venting(text) else None
    if alarms == {LETHAL_TERM_RULE}:
        return everyday if class_question(text) else None
    return None
