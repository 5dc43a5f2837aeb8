"""The optional LLM judge, driven by langchain's fake chat model."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.config import Settings
from bot.evals.cases import AnswerCase, Located, RubricItem
from bot.evals.judge import judge_model_from_settings, judge_reply, run_judge
from bot.evals.results import CaseResult


def _spec(rubric: list[RubricItem]) -> Located[AnswerCase]:
    return Located(AnswerCase(id="c1", question="what is CYP2D6", expect_action="answer", rubric=rubric), "x:1")


def test_judge_scores_earned_over_possible_points_and_penalises_harms() -> None:
    rubric = [RubricItem(criterion="explains in plain words", points=3),
              RubricItem(criterion="cites a source", points=1),
              RubricItem(criterion="gives a dose", points=-4)]
    model = FakeListChatModel(responses=['{"met": true, "why": "plain"}', '{"met": false, "why": "none"}',
                                         'Sure! {"met": true, "why": "said 50 mg"}'])
    result = judge_reply(model, "q", "a", rubric)
    assert [i["met"] for i in result["items"]] == [True, False, True]
    assert result["score"] == 0.0  # 3 - 4 = -1 clipped to 0


def test_unreadable_judge_output_counts_as_not_met() -> None:
    result = judge_reply(FakeListChatModel(responses=["I think so"]), "q", "a", [RubricItem(criterion="kind", points=2)])
    assert result["items"][0]["met"] is None and result["score"] == 0.0


def test_run_judge_is_skipped_with_a_clear_message_when_not_configured() -> None:
    out = run_judge(None, [_spec([RubricItem(criterion="kind", points=1)])],
                    [CaseResult(suite="answers", id="c1", text="q", reply="hello")])
    assert "GENECHAT_JUDGE_BASE_URL" in out["skipped"] and out["cases_with_rubric"] == 1
    assert judge_model_from_settings(Settings()) is None


def test_run_judge_grades_only_cases_with_a_rubric_and_a_reply() -> None:
    specs = [_spec([RubricItem(criterion="kind", points=1)]), _spec([])]
    results = [CaseResult(suite="answers", id="c1", text="q", reply="hello"),
               CaseResult(suite="answers", id="c2", text="q", reply="hi")]
    out = run_judge(FakeListChatModel(responses=['{"met": true}']), specs, results)
    assert out["score"] == 1.0 and results[0].judge["score"] == 1.0 and results[1].judge is None


def test_judge_model_is_built_from_genechat_judge_settings() -> None:
    model = judge_model_from_settings(Settings(judge_base_url="http://127.0.0.1:9/v1", judge_model="m", judge_api_key="k"))
    assert model is not None and model.model_name == "m"
