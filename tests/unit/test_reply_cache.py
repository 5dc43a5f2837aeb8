"""Repeated questions: the same question, report and history get the same reply without running the pipeline."""

from __future__ import annotations

import pytest

from bot.core.reply import Turn
from bot.core.report import PgxResult, Report
from tests.support.engine import make_test_engine
from tests.support.fakes import FakeSearcher

PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated")])
OTHER = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*1/*1", phenotype="Normal Metabolizer", phenotype_source="stated")])


@pytest.fixture()
def engine(tmp_path):
    e = make_test_engine(tmp_path)
    e.warm_up()
    return e


def _pipeline_runs(engine, monkeypatch) -> list[str]:
    runs: list[str] = []
    real = engine._decide

    def counting(text, report, history, medicines):
        runs.append(text)
        return real(text, report, history, medicines)

    monkeypatch.setattr(engine, "_decide", counting)
    return runs


def test_repeated_question_gets_the_same_reply_from_the_cache(engine, monkeypatch):
    runs = _pipeline_runs(engine, monkeypatch)
    first = engine.reply("what does my CYP2C19 result mean", report=PANEL)
    again = engine.reply("what does my CYP2C19 result mean", report=PANEL)
    assert len(runs) == 1
    assert (again.text, again.action, again.citations, again.report_facts) == (
        first.text, first.action, first.citations, first.report_facts)
    assert again.trace[-1].step == "cache" and all(t.step != "cache" for t in first.trace)


def test_a_cached_reply_cannot_be_changed_by_the_caller(engine):
    first = engine.reply("what does my CYP2C19 result mean", report=PANEL)
    first.citations.clear()
    first.trace.clear()
    again = engine.reply("what does my CYP2C19 result mean", report=PANEL)
    assert again.citations and again.trace[0].step == "triage"


def test_a_different_report_or_history_runs_the_pipeline_again(engine, monkeypatch):
    runs = _pipeline_runs(engine, monkeypatch)
    mine = engine.reply("what does my CYP2C19 result mean", report=PANEL)
    theirs = engine.reply("what does my CYP2C19 result mean", report=OTHER)
    engine.reply("what does my CYP2C19 result mean", report=PANEL,
                 history=[Turn(role="user", text="hi"), Turn(role="bot", text="Hi!", action="answer")])
    assert len(runs) == 3
    assert "Poor" in mine.text and "Normal" in theirs.text and "Poor" not in theirs.text


def test_escalations_and_emergencies_always_run_the_pipeline(engine, monkeypatch):
    runs = _pipeline_runs(engine, monkeypatch)
    for _ in range(2):
        assert engine.reply("should I stop taking my plavix?", report=PANEL).action == "escalate"
        assert engine.reply("my chest hurts and I can't breathe").action == "emergency"
    assert len(runs) == 4


def test_llm_mode_is_not_cached(tmp_path, monkeypatch):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    e = make_test_engine(tmp_path, llm=FakeListChatModel(responses=["CYP2C19 is a gene."] * 4))
    e.warm_up()
    runs = _pipeline_runs(e, monkeypatch)
    e.reply("what does CYP2C19 do")
    e.reply("what does CYP2C19 do")
    assert len(runs) == 2


def test_clear_cache_forgets_replies(engine, monkeypatch):
    runs = _pipeline_runs(engine, monkeypatch)
    engine.reply("what does CYP2C19 do")
    engine.clear_cache()
    engine.reply("what does CYP2C19 do")
    assert len(runs) == 2


def test_fake_searcher_is_not_consulted_on_a_cache_hit(tmp_path):
    e = make_test_engine(tmp_path)
    e.warm_up()
    searcher: FakeSearcher = e._searcher
    e.reply("what does CYP2C19 do")
    calls = len(searcher.calls)
    e.reply("what does CYP2C19 do")
    assert calls > 0 and len(searcher.calls) == calls
