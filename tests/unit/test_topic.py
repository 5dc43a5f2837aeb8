"""Off-topic requests (issue 15, round 3): "how do I file my taxes" is declined with the fixed out-of-scope wording
however the classifier read it, and nothing with a word of health, genes, medicines or feelings is ever set aside.

The check (bot/answering/topic.py) is a lexical gate plus the sentence vector's nearness to everyday requests; the
engine only lets it replace a model's answer or escalation.
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.topic import (
    MARGIN,
    OFF_MIN,
    TopicCheck,
    TopicJudgement,
    has_topic_words,
)
from bot.answering.understand import understand
from bot.core.reply import Turn
from bot.safety import wording
from bot.safety.triage import TriageDecision


class FixedTopic:
    """A topic judgement chosen by the test, so the engine's policy is tested apart from any embedder."""

    def __init__(self, off_topic: bool) -> None:
        self.off_topic = off_topic

    def judge(self, text, vector, encode=None) -> TopicJudgement:
        return TopicJudgement(self.off_topic and not has_topic_words(text), not has_topic_words(text), 0.6, 0.3)


def _check(margin: float, off: float = 0.6) -> tuple[TopicCheck, np.ndarray]:
    """Exemplars and a message vector whose similarity to the off-topic side is ``off`` and to the on-topic side
    ``off - margin``."""
    def unit(cos: float, axis: int) -> np.ndarray:
        v = np.zeros(3)
        v[0], v[axis] = cos, np.sqrt(1 - cos * cos)
        return v

    return TopicCheck(np.array([unit(off, 1)] * 3), np.array([unit(off - margin, 2)] * 3)), np.array([1.0, 0, 0])


# ---- the words ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["can u help me with my tax return", "who won the game last night",
                                  "tell me the latest football results", "make me a cleaning schedule"])
def test_everyday_requests_have_no_topic_word(text):
    assert not has_topic_words(text)


@pytest.mark.parametrize("text", ["is my result bad", "i dont want to live anymore", "my chest hurts",
                                  "should my sister get tested", "how do I delete my data", "I feel so alone",
                                  "what about my pills", "can my employer see this"])
def test_health_results_feelings_and_the_service_keep_a_message_on_topic(text):
    assert has_topic_words(text)


# ---- the judgement ------------------------------------------------------------------------------------------------

def test_only_a_message_clearly_nearer_everyday_requests_is_off_topic():
    check, v = _check(MARGIN + 0.02)
    assert check.judge("who won the game", v).off_topic
    check, v = _check(MARGIN - 0.02)
    assert not check.judge("who won the game", v).off_topic
    check, v = _check(MARGIN + 0.02, off=OFF_MIN - 0.05)  # near nothing at all: left to triage
    assert not check.judge("who won the game", v).off_topic


def test_a_topic_word_needs_no_vector():
    check, _ = _check(0.3)
    judged = check.judge("is my result bad", lambda: pytest.fail("no vector needed"))
    assert not judged.off_topic and not judged.gate



# ---- the engine ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("action", ["answer", "escalate"])
def test_a_models_answer_or_escalation_on_an_off_topic_request_becomes_the_fixed_decline(engine, monkeypatch, action):
    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    text = "help with my tax forms"
    u = understand(text, vocab=engine._vocab)
    decided = engine._off_topic(text, TriageDecision(action, "answer", "model", 0.8), u, [], engine._embed(text), [])
    assert (decided.action, decided.reason) == ("decline", "out_of_scope")


def test_the_engine_replies_with_the_out_of_scope_wording(engine, monkeypatch):
    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    engine.clear_cache()
    reply = engine.reply("what can i claim on my taxes this year")
    assert (reply.action, reply.reason) == ("decline", "out_of_scope")
    assert reply.text == wording.DECLINE_OUT_OF_SCOPE


@pytest.mark.parametrize("decision", [TriageDecision("escalate", "wants_human", "rule", 1.0, ["wants_human#0"]),
                                      TriageDecision("emergency", "self_harm", "model", 0.5),
                                      TriageDecision("escalate", "check_in", "rule", 1.0)])
def test_a_rule_verdict_or_an_emergency_is_never_set_aside(engine, monkeypatch, decision):
    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    text = "help with my tax forms"
    u = understand(text, vocab=engine._vocab)
    assert engine._off_topic(text, decision, u, [], engine._embed(text), []) is decision


def test_small_talk_and_follow_ups_are_never_set_aside(engine, monkeypatch):
    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    answer = TriageDecision("answer", "answer", "model", 0.8)
    u = understand("thanks!", vocab=engine._vocab)
    assert engine._off_topic("thanks!", answer, u, [], engine._embed("thanks!"), []) is answer
    history = [Turn(role="user", text="what does my CYP2C19 result mean"),
               Turn(role="bot", text="...", action="answer", genes=["CYP2C19"])]
    u = understand("and why is that", vocab=engine._vocab, history=history)
    assert u.followup
    assert engine._off_topic("and why is that", answer, u, history, engine._embed("and why is that"), []) is answer


def test_a_message_either_model_hears_an_alarm_in_is_never_declined_as_off_topic(engine, monkeypatch):
    from bot.conversation.subject import OFF_TOPIC_ALARM_MAX

    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    text = "tonight is the night, ive made my peace"
    u = understand(text, vocab=engine._vocab)
    unsure = TriageDecision("escalate", "wants_human", "model", 0.4, alarm_emergency=OFF_TOPIC_ALARM_MAX + 0.1)
    assert engine._off_topic(text, unsure, u, [], engine._embed(text), []) is unsure


def test_an_answer_resting_only_on_an_explanation_hint_may_be_declined_but_no_other_rule(engine, monkeypatch):
    monkeypatch.setattr(engine, "_topic", FixedTopic(True))
    text = "what does APR mean on my credit card statement"
    u = understand(text, vocab=engine._vocab)
    hinted = TriageDecision("answer", "answer", "rule", 1.0, ["answer#7"])
    assert engine._off_topic(text, hinted, u, [], engine._embed(text), []).action == "decline"
    ruled = TriageDecision("escalate", "disagrees_with_report", "rule", 1.0, ["disagrees_with_report#0", "answer#7"])
    assert engine._off_topic(text, ruled, u, [], engine._embed(text), []) is ruled


def test_asking_about_the_last_reply_is_never_off_topic():
    # round 6: "say the intermediate part again in simpler words" has no topic word but is about the reply just given
    from bot.answering.question_forms import asks_about_last_reply

    assert asks_about_last_reply("can u say the intermediate part again in simpler words")
    assert asks_about_last_reply("you said something about enzymes, what did you mean")
    assert not asks_about_last_reply("who won the football last night")
