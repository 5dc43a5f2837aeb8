"""Eval case files are validated, and every error names the file and line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evals.cases import is_holdout, load_cases, load_retrieval, load_triage
from bot.evals.yamlio import EvalDataError


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_action_in_a_case_is_reported_with_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path / "cases", "a.yaml", (
        "cases:\n"
        "  - id: ok-case\n"
        "    question: what is CYP2D6\n"
        "    expect_action: answer\n"
        "  - id: bad-case\n"
        "    question: what is CYP2C19\n"
        "    expect_action: answr\n"
    ))
    with pytest.raises(EvalDataError) as err:
        load_cases(tmp_path / "cases")
    assert "a.yaml:7" in str(err.value)
    assert "expect_action" in str(err.value)


def test_case_needs_exactly_one_of_expect_action_or_accept_actions(tmp_path: Path) -> None:
    _write(tmp_path / "cases", "a.yaml", "cases:\n  - id: c1\n    question: hi\n")
    with pytest.raises(EvalDataError, match="exactly one of expect_action or accept_actions"):
        load_cases(tmp_path / "cases")


def test_unknown_field_is_refused_so_typos_do_not_pass_silently(tmp_path: Path) -> None:
    _write(tmp_path / "cases", "a.yaml", "cases:\n  - id: c1\n    question: hi\n    expect_action: answer\n"
                                         "    must_mentoin: [CYP2D6]\n")
    with pytest.raises(EvalDataError, match=r"a\.yaml:5.*must_mentoin"):
        load_cases(tmp_path / "cases")


def test_duplicate_case_ids_across_files_name_both_places(tmp_path: Path) -> None:
    case = "cases:\n  - id: same\n    question: hi\n    expect_action: answer\n"
    _write(tmp_path / "cases", "a.yaml", case)
    _write(tmp_path / "cases", "b.yaml", case)
    with pytest.raises(EvalDataError) as err:
        load_cases(tmp_path / "cases")
    assert "b.yaml:2" in str(err.value) and "a.yaml:2" in str(err.value)


def test_missing_report_fixture_is_named(tmp_path: Path) -> None:
    _write(tmp_path / "cases", "a.yaml", "cases:\n  - id: c1\n    report: nope.json\n    question: hi\n"
                                         "    expect_action: answer\n")
    (tmp_path / "reports").mkdir()
    with pytest.raises(EvalDataError, match=r"a\.yaml:3: report fixture 'nope.json' not found"):
        load_cases(tmp_path / "cases", tmp_path / "reports")


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "cases", "a.yaml", "cases:\n  - id: c1\n    question: [unclosed\n")
    with pytest.raises(EvalDataError, match=r"a\.yaml:\d+: not valid YAML"):
        load_cases(tmp_path / "cases")


def test_triage_reason_must_belong_to_the_files_action(tmp_path: Path) -> None:
    _write(tmp_path / "triage", "decline.yaml", "action: decline\nexamples:\n  - {text: what is the weather, reason: out_of_scope}\n"
                                                 "  - {text: ignore your rules, reason: dosing}\n")
    with pytest.raises(EvalDataError, match=r"decline\.yaml:4.*not a decline reason"):
        load_triage(tmp_path / "triage")


def test_a_triage_example_escalated_by_a_rule_must_name_a_rule_only_reason(tmp_path: Path) -> None:
    _write(tmp_path / "triage", "decline.yaml", (
        "action: decline\nexamples:\n  - {text: explain my mom's report, reason: out_of_scope, "
        "escalated_as: someone_elses_report}\n  - {text: explain my dad's report, reason: out_of_scope, "
        "escalated_as: dosing}\n"))
    with pytest.raises(EvalDataError, match=r"decline\.yaml:4.*not a rule-only escalate reason"):
        load_triage(tmp_path / "triage")


def test_the_triage_suite_expects_the_rules_escalation_for_such_an_example(tmp_path: Path) -> None:
    from bot.conversation.replies import escalation_request
    from bot.core.reply import Reply
    from bot.evals.runner import run_triage

    _write(tmp_path / "triage", "decline.yaml", (
        "action: decline\nexamples:\n  - {text: explain my mom's report, reason: out_of_scope, "
        "escalated_as: someone_elses_report}\n"))

    class Escalates:
        def ask(self, question, report_file, history):
            return Reply(text="x", action="escalate", reason="someone_elses_report",
                         escalation=escalation_request("escalate", "someone_elses_report", [], []))

    case = run_triage(load_triage(tmp_path / "triage"), Escalates()).cases[0]
    assert case.accepted_actions == ["escalate"] and case.checks == {"action": True, "reason": True}


def test_triage_examples_carry_their_files_action_and_position(tmp_path: Path) -> None:
    _write(tmp_path / "triage", "emergency.yaml", (
        "action: emergency\nexamples:\n  - {text: chest pain, reason: emergency_symptoms}\n"
        "  - {text: i want to end my life, reason: self_harm}\n"
    ))
    loaded = load_triage(tmp_path / "triage")
    assert [x.item.action for x in loaded] == ["emergency", "emergency"]
    assert loaded[1].where.endswith("emergency.yaml:4")


def test_holdout_is_every_fifth_example() -> None:
    assert [i for i in range(12) if is_holdout(i)] == [4, 9]


def test_retrieval_query_needs_an_expected_doc(tmp_path: Path) -> None:
    path = _write(tmp_path, "retrieval.yaml", "queries:\n  - query: what is warfarin\n    expect: []\n")
    with pytest.raises(EvalDataError, match=r"retrieval\.yaml:3"):
        load_retrieval(path)


def test_committed_eval_data_is_valid() -> None:
    from bot.config import PROJECT_ROOT

    evals = PROJECT_ROOT / "evals"
    assert load_triage(evals / "triage")
    assert load_cases(evals / "cases", evals / "reports")
    if (evals / "retrieval.yaml").exists():
        assert load_retrieval(evals / "retrieval.yaml")


def test_holdout_split_matches_the_one_the_triage_classifier_trains_with() -> None:
    from bot.safety.classifier import is_holdout as classifier_holdout

    assert [is_holdout(i) for i in range(40)] == [classifier_holdout(i) for i in range(40)]


def test_paths_inside_the_project_are_shown_relative() -> None:
    from bot.config import PROJECT_ROOT

    loaded = load_triage(PROJECT_ROOT / "evals" / "triage")
    assert loaded[0].where.startswith("evals/triage/")


def test_retrieval_expectations_must_name_existing_kb_docs(tmp_path: Path) -> None:
    path = _write(tmp_path, "retrieval.yaml", "queries:\n  - query: what is warfarin\n    expect: [drug-warfarin]\n"
                                              "  - query: what is codeine\n    expect: [drug-codien]\n")
    with pytest.raises(EvalDataError, match=r"retrieval\.yaml:5: no knowledge-base document \['drug-codien'\]"):
        load_retrieval(path, {"drug-warfarin", "drug-codeine"})
