"""Triage classifier: trained from evals/triage, hold-out kept apart, cached by data hash + embedder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.retrieval.embedders import HashEmbedder
from bot.safety import classifier
from bot.safety.classifier import TriageClassifier, is_holdout, load_examples, load_or_train
from bot.safety.triage import triage


def _write(folder: Path) -> Path:
    data = {
        "answer": ["what is cyp2d6", "what does poor metabolizer mean", "explain my cyp2c19 result",
                   "what is a diplotype", "how do genes affect medicine", "what is a star allele"],
        "escalate": ["should i stop my plavix", "can i quit codeine", "should i switch statins",
                     "do i stop taking warfarin", "should i change my meds", "stop my zoloft?"],
        "decline": ["what is the weather", "write me a poem", "who won the game",
                    "tell me a joke", "best pizza near me", "capital of france"],
    }
    reasons = {"answer": "general_education", "escalate": "medication_change", "decline": "out_of_scope"}
    folder.mkdir(parents=True, exist_ok=True)
    for action, texts in data.items():
        doc = {"action": action, "examples": [{"text": t, "reason": reasons[action]} for t in texts]}
        (folder / f"{action}.yaml").write_text(yaml.safe_dump(doc))
    return folder


def test_every_fifth_example_is_held_out(tmp_path):
    train, holdout = load_examples(_write(tmp_path / "triage"))
    assert [is_holdout(i) for i in range(6)] == [False, False, False, False, True, False]
    assert len(holdout) == 3 and len(train) == 15
    assert "how do genes affect medicine" in {e.text for e in holdout}  # the 5th answer example


def test_classifier_separates_medication_change_from_out_of_scope(tmp_path):
    examples, _ = load_examples(_write(tmp_path / "triage"))
    clf = TriageClassifier.fit(examples, HashEmbedder())
    assert clf.predict_text("should i stop taking my plavix").action == "escalate"
    assert clf.predict_text("what is the weather today").action == "decline"


@pytest.fixture(autouse=True)
def _fresh_memo(monkeypatch):
    monkeypatch.setattr(classifier, "_memo", {})


def test_trained_classifier_is_cached_and_reloaded(tmp_path):
    folder = _write(tmp_path / "triage")
    first = load_or_train(HashEmbedder(), tmp_path / "models", folder)
    cached = list((tmp_path / "models").glob("triage-*.pkl"))
    classifier._memo.clear()  # force the reload from disk
    second = load_or_train(HashEmbedder(), tmp_path / "models", folder)
    assert second is not first
    assert first is not None and second is not None and len(cached) == 1
    assert second.predict_text("should i quit my codeine").action == first.predict_text("should i quit my codeine").action


def test_changed_data_gets_a_new_cache_entry(tmp_path):
    folder = _write(tmp_path / "triage")
    load_or_train(HashEmbedder(), tmp_path / "models", folder)
    extra = yaml.safe_load((folder / "answer.yaml").read_text())
    extra["examples"].append({"text": "what is an activity score", "reason": "general_education"})
    (folder / "answer.yaml").write_text(yaml.safe_dump(extra))
    load_or_train(HashEmbedder(), tmp_path / "models", folder)
    assert len(list((tmp_path / "models").glob("triage-*.pkl"))) == 2


def test_no_training_data_means_no_classifier(tmp_path):
    assert load_or_train(HashEmbedder(), tmp_path / "models", tmp_path / "nothing") is None


def test_model_escalation_vote_wins_over_a_plain_answer(tmp_path):
    examples, _ = load_examples(_write(tmp_path / "triage"))
    emb = HashEmbedder()
    clf = TriageClassifier.fit(examples, emb)
    text = "stop my codeine?"  # no rule fires on this wording; the model has to catch it
    decision = triage(text, vector=emb.encode([text])[0], classifier=clf, domain=True)
    assert decision.action == "escalate"


# ---- the alarm model (issue 15, round 4): the emergency vote from a model that also saw safe alarm words --------

def _write_with_alarms(root: Path) -> Path:
    folder = _write(root / "triage")
    emergencies = ["i want to kill myself", "i took all my pills", "i cant breathe", "my chest hurts so bad",
                   "he is not breathing", "i am going to end my life"]
    (folder / "emergency.yaml").write_text(yaml.safe_dump({"action": "emergency", "examples": [
        {"text": t, "reason": "self_harm"} for t in emergencies]}))
    (root / "alarm").mkdir()
    safe = ["my feet are killing me", "the traffic is murder", "i burned my toast", "my phone died",
            "this heat is killing me", "i cut my hair"]
    (root / "alarm" / "safe.yaml").write_text(yaml.safe_dump({"examples": [{"text": t} for t in safe]}))
    return folder


def test_safe_alarm_examples_hold_out_every_fifth_too(tmp_path):
    _write_with_alarms(tmp_path)
    train, holdout = classifier.load_alarm_examples(tmp_path / "alarm")
    assert holdout == ["this heat is killing me"] and len(train) == 5


def test_the_alarm_model_is_trained_beside_the_main_one_and_cached_with_it(tmp_path):
    folder = _write_with_alarms(tmp_path)
    first = load_or_train(HashEmbedder(), tmp_path / "models", folder)
    assert first is not None and first.alarm_check is not None
    assert "out_of_scope" in first.alarm_check.classes  # the safe alarm words, on the safe side
    classifier._memo.clear()
    second = load_or_train(HashEmbedder(), tmp_path / "models", folder)
    assert second is not None and second.alarm_check is not None
    (tmp_path / "alarm" / "safe.yaml").write_text(yaml.safe_dump({"examples": [{"text": "my laptop died"}]}))
    load_or_train(HashEmbedder(), tmp_path / "models", folder)  # changed safe examples: a new cache entry
    assert len(list((tmp_path / "models").glob("triage-*.pkl"))) == 2


def test_without_safe_alarm_examples_there_is_no_alarm_model(tmp_path):
    clf = load_or_train(HashEmbedder(), tmp_path / "models", _write(tmp_path / "triage"))
    assert clf is not None and clf.alarm_check is None


def _pair(main_hot: float, alarm_hot: float, main_decline: bool = False):
    from tests.support.fakes import WordAlarmModel

    main = WordAlarmModel(r".", hot=main_hot)
    if main_decline:  # the main model sure it is out of scope, and not an emergency
        from bot.safety.classifier import Prediction

        main.predict_vector = lambda _t: Prediction(  # type: ignore[method-assign]
            "decline", "out_of_scope", {"answer": 0.05, "escalate": 0.0, "emergency": 0.0, "decline": 0.95},
            {"answer": 0.05, "out_of_scope": 0.95})
    main.alarm_check = WordAlarmModel(r".", hot=alarm_hot)
    return main


def _decide(text: str, clf):
    return triage(text, vector=text, classifier=clf, embed=lambda t: t)


def test_the_emergency_vote_comes_from_the_alarm_model():
    text = "something strange is going on with me today"  # no rule fires
    assert _decide(text, _pair(main_hot=0.9, alarm_hot=0.05)).action != "emergency"
    decision = _decide(text, _pair(main_hot=0.05, alarm_hot=0.9))
    assert (decision.action, decision.source) == ("emergency", "model")


def test_every_other_vote_comes_from_the_main_model():
    decision = _decide("what is the best pizza near me", _pair(main_hot=0.0, alarm_hot=0.0, main_decline=True))
    assert (decision.action, decision.reason) == ("decline", "out_of_scope")


def test_a_sure_main_model_with_a_danger_sign_keeps_the_emergency_the_alarm_model_would_drop():
    text = "my baby swallowed something from under the sink"  # a danger sign ("swallowed"), no rule fires
    decision = _decide(text, _pair(main_hot=0.9, alarm_hot=0.05))
    assert (decision.action, decision.source) == ("emergency", "model")
    assert _decide(text, _pair(main_hot=0.5, alarm_hot=0.05)).action != "emergency"  # not sure: the alarm model decides


class _Reads:
    """A main model whose escalate vote names one reason, whatever the text."""

    def __init__(self, reason: str) -> None:
        from bot.safety.classifier import Prediction

        self._pred = Prediction("escalate", reason, {"answer": 0.1, "escalate": 0.9, "emergency": 0.0, "decline": 0.0},
                                {reason: 0.8, "medication_change": 0.1, "answer": 0.1})

    def predict_vector(self, _vector):
        return self._pred


def test_generic_decision_wording_takes_the_reason_the_model_reads():
    # "is X dangerous for me" fires a generic medicine rule; a VUS is a risk question, not a medicine one
    decision = _decide("is my VUS dangerous for me", _Reads("diagnosis_or_risk_decision"))
    assert (decision.action, decision.reason) == ("escalate", "diagnosis_or_risk_decision")


def test_a_specific_medicine_rule_keeps_its_reason_whatever_the_model_reads():
    decision = _decide("should i stop my plavix", _Reads("diagnosis_or_risk_decision"))
    assert (decision.action, decision.reason) == ("escalate", "medication_change")


@pytest.mark.parametrize("text", ["can you help me", "where do i even start", "i'm so lost right now"])
def test_a_bare_request_for_help_needs_the_calm_bar_for_a_model_only_alarm(text):
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.8)).action != "emergency"
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.95)).action == "emergency"  # a sure vote still stands


def test_asking_for_help_with_more_said_is_judged_as_usual():
    assert _decide("i don't know what to do anymore", _pair(main_hot=0.05, alarm_hot=0.8)).action == "emergency"


def test_a_model_only_alarm_on_a_message_the_writer_plays_down_needs_the_calm_bar():
    # round 6: "he's fine" with no strong sign says nothing is happening now; the crisis line is still offered gently
    text = "my 4yo swallowed a small blob of his toddler toothpaste, he's fine, bouncing off the walls as usual"
    decision = _decide(text, _pair(main_hot=0.05, alarm_hot=0.6))
    assert (decision.action, decision.reason) == ("escalate", "check_in")
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.95)).action == "emergency"  # a sure vote still stands
    # a strong sign keeps the usual bar, played down or not
    assert _decide("he swallowed a battery, he's fine but he is drooling and coughing",
                   _pair(main_hot=0.05, alarm_hot=0.6)).action == "emergency"


@pytest.mark.parametrize("text", ["ok", "OK!", "got it, thanks 👍", "hi there", "idk", "ok see you later",
                                  "have a nice day"])
def test_a_bare_acknowledgement_is_no_emergency_on_a_middling_model_vote(text):
    # stop 31: the alarm model scored a bare "ok" 0.50, and the patient got the emergency reply
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.5)).action != "emergency"
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.95)).action == "emergency"  # a sure vote still stands


def test_an_acknowledgement_with_anything_more_keeps_the_usual_bar():
    assert _decide("ok i took all of them", _pair(main_hot=0.05, alarm_hot=0.5)).action == "emergency"


@pytest.mark.parametrize("text", ["help me", "please help!!", "someone help"])
def test_a_bare_plea_for_help_is_never_declined(text):
    # stop 31: with a low alarm vote the main model declined "help me" as out of scope
    decision = _decide(text, _pair(main_hot=0.0, alarm_hot=0.1, main_decline=True))
    assert (decision.action, decision.reason) == ("escalate", "check_in")


@pytest.mark.parametrize("text", ["bye", "goodbye"])
def test_a_bare_goodbye_is_checked_in_on_and_only_a_sure_vote_makes_it_an_emergency(text):
    # stop 40: "bye" (0.59) and "goodbye" (0.84) at the end of a chat had the crisis reply
    decision = _decide(text, _pair(main_hot=0.05, alarm_hot=0.5))
    assert (decision.action, decision.reason) == ("escalate", "check_in")
    assert _decide(text, _pair(main_hot=0.05, alarm_hot=0.95)).action == "emergency"


def test_a_closing_with_more_keeps_the_usual_bar():
    assert _decide("see you later, i won't be around much longer", _pair(main_hot=0.05, alarm_hot=0.5)).action == "emergency"
