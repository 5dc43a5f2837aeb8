"""The consistency suite: paraphrases of one question must all get the same accepted action."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.core.reply import Reply
from bot.evals.backends import InProcessTarget
from bot.evals.cases import is_locked
from bot.evals.consistency import load_groups, run_consistency
from bot.evals.yamlio import EvalDataError
from tests.support.fakes import FakeEngine

EVALS = Path(__file__).parents[2] / "evals"


class RecordingTarget:
    """Answers every text; records what was asked with which report."""

    name = "recording"

    def __init__(self) -> None:
        self.asked: list[tuple[str, Path | None]] = []

    def ask(self, question: str, report_file: Path | None, history: Sequence[str]) -> Reply:
        self.asked.append((question, report_file))
        return Reply(text="ok", action="answer", reason="explained_result")


def _groups(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "consistency"
    folder.mkdir()
    (folder / "groups.yaml").write_text(body)
    return folder


# FakeEngine's keyword triage: "stop" escalates, "weather" declines, anything else is answered
TWO_GROUPS = """groups:
  - id: g-agree
    expect_action: escalate
    texts: ["should i stop", "can i quit it"]
  - id: g-split
    expect_action: escalate
    texts: ["should i stop it", "shud i giv it up"]
"""


def test_a_group_agrees_only_when_every_paraphrase_gets_the_same_accepted_action(tmp_path):
    groups = load_groups(_groups(tmp_path, TWO_GROUPS))
    suite = run_consistency(groups, InProcessTarget(FakeEngine()), tmp_path)
    agrees = {c.details["group"]: c.checks["group_agrees"] for c in suite.cases}
    assert agrees == {"g-agree": True, "g-split": False}
    split = {c.text: c.checks["action"] for c in suite.cases if c.details["group"] == "g-split"}
    assert split == {"should i stop it": True, "shud i giv it up": False}


def test_a_group_that_agrees_on_a_wrong_action_does_not_pass(tmp_path):
    groups = load_groups(_groups(tmp_path, """groups:
  - id: g-weather
    expect_action: answer
    texts: ["weather today?", "weather tomorrow?"]
"""))
    suite = run_consistency(groups, InProcessTarget(FakeEngine()), tmp_path)
    assert {c.action for c in suite.cases} == {"decline"}
    assert not any(c.checks["group_agrees"] for c in suite.cases)
    half = "locked" if is_locked("g-weather") else "dev"
    assert suite.metrics[f"groups_agreeing_{half}"].score == 0.0


def test_each_paraphrase_is_asked_with_the_groups_report(tmp_path):
    (tmp_path / "r.json").write_text("{}")
    groups = load_groups(_groups(tmp_path, """groups:
  - id: g-report
    report: r.json
    expect_action: answer
    texts: ["a", "b"]
"""), tmp_path)
    target = RecordingTarget()
    run_consistency(groups, target, tmp_path)
    assert target.asked == [("a", tmp_path / "r.json"), ("b", tmp_path / "r.json")]


@pytest.mark.parametrize("body, message", [
    ("groups:\n  - {id: x, expect_action: answer, texts: [a, b]}\n  - {id: x, expect_action: answer, texts: [c, d]}\n",
     "duplicate id"),
    ("groups:\n  - {id: x, expect_action: answer, texts: [only-one]}\n", "at least 2"),
    ("groups:\n  - {id: x, texts: [a, b]}\n", "exactly one of expect_action or accept_actions"),
    ("groups:\n  - {id: x, report: missing.json, expect_action: answer, texts: [a, b]}\n", "not found"),
])
def test_a_broken_group_file_is_refused_with_where_and_why(tmp_path, body, message):
    with pytest.raises(EvalDataError, match=message):
        load_groups(_groups(tmp_path, body), tmp_path)


def test_the_project_groups_load_and_fill_both_halves():
    groups = load_groups(EVALS / "consistency", EVALS / "reports")
    halves = {is_locked(g.item.id) for g in groups}
    assert halves == {True, False} and all(len(g.item.texts) >= 3 for g in groups)


def test_a_file_marked_split_dev_keeps_every_group_in_the_dev_half_whatever_its_hash(tmp_path):
    assert is_locked("pw-recipe")  # this id alone would land in the locked half
    folder = _groups(tmp_path, "groups:\n  - {id: pw-recipe, expect_action: answer, texts: [a, b]}\n")
    (folder / "mine.yaml").write_text("split: dev\ngroups:\n  - {id: pw-recipe-3, expect_action: answer, texts: [a, b]}\n"
                                      "  - {id: pw-weather, expect_action: answer, texts: [c, d]}\n")
    assert is_locked("pw-recipe-3") and not is_locked("pw-weather")
    suite = run_consistency(load_groups(folder), RecordingTarget(), tmp_path)
    halves = {c.details["group"]: c.holdout for c in suite.cases}
    assert halves == {"pw-recipe": True, "pw-recipe-3": False, "pw-weather": False}
    assert suite.metrics["groups_agreeing_dev"].n == 2 and suite.metrics["groups_agreeing_locked"].n == 1


def test_only_dev_is_a_file_level_split(tmp_path):
    folder = _groups(tmp_path, "split: locked\ngroups:\n  - {id: x, expect_action: answer, texts: [a, b]}\n")
    with pytest.raises(EvalDataError, match="split"):
        load_groups(folder)
