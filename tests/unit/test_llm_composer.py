"""LLM composer with langchain's fake chat models: grounded output is used; doses and invented genotypes are stopped."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from bot.core.report import PgxResult, Report
from bot.safety.guard import has_dose
from tests.support.engine import make_test_engine

PM = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated")])
QUESTION = "what does my CYP2C19 result mean for plavix"


def _engine(tmp_path, *responses: str):
    engine = make_test_engine(tmp_path, llm=FakeListChatModel(responses=list(responses)))
    engine.warm_up()
    return engine


def test_grounded_llm_reply_is_used_with_its_prompt_version(tmp_path):
    engine = _engine(tmp_path, "Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer. [F1] "
                               "Clopidogrel needs the CYP2C19 enzyme to start working. [P1]")
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "llm" and reply.prompt_version == "composer-v1"
    assert "Clopidogrel needs the CYP2C19 enzyme to start working." in reply.text
    assert "[P1]" not in reply.text and reply.citations


def test_llm_that_gives_a_dose_is_stopped_and_local_composer_answers(tmp_path):
    engine = _engine(tmp_path, "You are a poor metabolizer. [F1] Take 75 mg of clopidogrel twice a day. [P1]")
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "local" and not has_dose(reply.text) and "75" not in reply.text
    guard = next(t for t in reply.trace if t.step == "guard" and t.outcome.startswith("llm"))
    assert guard.outcome == "llm:fallback" and any(d["why"] == "dose" for d in guard.detail["dropped"])


def test_llm_that_invents_a_genotype_is_stopped(tmp_path):
    engine = _engine(tmp_path, "Your CYP2C19 result is *1/*17, an ultrarapid metabolizer. [F1]")
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "local" and "*17" not in reply.text and "ultrarapid" not in reply.text.lower()


def test_llm_that_advises_stopping_a_medicine_is_stopped(tmp_path):
    model = GenericFakeChatModel(messages=iter([AIMessage(content="You should stop taking clopidogrel now. [P1]")]))
    engine = make_test_engine(tmp_path, llm=model)
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "local" and "you should stop" not in reply.text.lower()


def test_llm_failure_falls_back_to_the_local_composer(tmp_path):
    class Broken:
        def invoke(self, messages):
            raise TimeoutError("endpoint down")

    engine = make_test_engine(tmp_path, llm=Broken())
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "local" and reply.action == "answer"
    assert any(t.outcome == "llm_error" for t in reply.trace)


def test_llm_is_never_asked_when_triage_escalates(tmp_path):
    model = FakeListChatModel(responses=["should never be used"])
    engine = make_test_engine(tmp_path, llm=model)
    reply = engine.reply("should I stop my plavix", report=PM)
    assert reply.action == "escalate" and model.i == 0


def test_prompt_holds_only_facts_passages_and_question(tmp_path):
    from bot.answering.facts import fact_sentences
    from bot.answering.llm import LLMComposer
    from tests.support.engine import SAMPLE_PASSAGES

    composer = LLMComposer(FakeListChatModel(responses=["x"]))
    messages = composer.messages(QUESTION, fact_sentences(PM, ["CYP2C19"]), SAMPLE_PASSAGES[:2])
    user = messages[1][1]
    assert "[F1] Your report lists CYP2C19 *2/*2" in user and "[P2]" in user and QUESTION in user


@pytest.mark.parametrize("leak", ["My instructions say never to give doses. [P1]", "The system prompt says hi. [P1]"])
def test_llm_revealing_its_prompt_is_stopped(tmp_path, leak):
    engine = _engine(tmp_path, leak)
    reply = engine.reply(QUESTION, report=PM)
    assert reply.composer == "local" and "instructions" not in reply.text.lower()
