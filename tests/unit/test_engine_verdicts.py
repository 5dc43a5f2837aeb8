"""Every verdict the engine traces is acted on: a guard that keeps nothing escalates, and a reply still above
grade 8 after the simpler composition is cut to facts plus the plainest vetted sentence, or escalates."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.conversation import checked as checked_mod
from bot.conversation.checked import NO_SAFE_ANSWER, READING_LEVEL
from bot.conversation.engine import ConversationEngine
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.report import PgxResult, Report
from bot.safety import wording
from bot.safety.guard import GuardResult
from bot.safety.readability import MAX_GRADE, reading_grade
from tests.support.engine import make_test_engine

PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated")])
QUESTION = "what does my CYP2C19 result mean"
FACT = "Your report lists CYP2C19 *2/*2."
PLAIN = "CYP2C19 is a gene. It makes a liver enzyme."
HARD = ("Pharmacokinetic variability attributable to polymorphic cytochrome isoenzymes necessitates "
        "individualized therapeutic considerations.")
HARDER = ("Comprehensive interpretation additionally requires consideration of concomitant pharmacological "
          "interactions and physiological characteristics.")
DOSE = "Take 75 mg once a day."


class ScriptedComposer:
    """Stands in for LocalComposer: the same sentences whatever it is asked (``simple`` or not)."""

    def __init__(self, sentences: Sequence[tuple[str, str]], context: Sequence[tuple[str, str]] = ()):
        self.sentences = list(sentences)
        self.context = list(context)
        self.simple_calls = 0

    def _draft(self, sentences: Sequence[tuple[str, str]], passages: Sequence[Passage]) -> Draft:
        draft = Draft(passages=list(passages))
        for text, source in sentences:
            draft.add(text, source, 0)
        return draft

    def compose(self, question, u, report, passages, *, reason: str, simple: bool = False) -> Draft:  # noqa: ANN001
        self.simple_calls += simple
        return self._draft(self.sentences, passages)

    def compose_context(self, question, u, report, passages) -> Draft:  # noqa: ANN001
        return self._draft(self.context, passages)


@pytest.fixture
def engine(tmp_path) -> ConversationEngine:
    e = make_test_engine(tmp_path, passages=[Passage(
        chunk_id="gene-cyp2c19#0", doc_id="gene-cyp2c19", title="CYP2C19", section="Overview", genes=["CYP2C19"],
        drugs=["clopidogrel"], text=f"{PLAIN} {HARD} {HARDER}")])
    e.warm_up()
    return e


def steps(reply, step: str) -> list[str]:  # noqa: ANN001
    return [t.outcome for t in reply.trace if t.step == step]


def assert_escalates_with_fixed_wording(reply, reason: str) -> None:  # noqa: ANN001
    assert (reply.action, reply.reason) == ("escalate", reason)
    assert reply.escalation is not None and reply.escalation.priority == "normal"
    assert reply.escalation.reason == reason
    assert reply.text.startswith(wording.ESCALATE_DEFAULT) and wording.ESCALATED_NOTE in reply.text


def test_local_answer_the_guard_empties_escalates_instead_of_sending_nothing(engine):
    engine._local = ScriptedComposer([(DOSE, "kb:gene-cyp2c19#0")])
    reply = engine.reply(QUESTION, report=PANEL)
    assert_escalates_with_fixed_wording(reply, NO_SAFE_ANSWER)
    assert "escalate" in steps(reply, "guard") and "escalation" in steps(reply, "compose")
    assert "75 mg" not in reply.text


def test_llm_answer_with_an_escalate_verdict_escalates(tmp_path, monkeypatch):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    engine = make_test_engine(tmp_path, llm=FakeListChatModel(responses=["CYP2C19 is a gene. [P1]"]))
    real_check = checked_mod.check_output

    def guard_keeps_nothing_from_the_model(draft: Draft, **kw) -> GuardResult:
        result = real_check(draft, **kw)
        if draft.composer == "local":
            return result
        return GuardResult(Draft(passages=draft.passages, composer=draft.composer), "escalate", [], result.checked)

    monkeypatch.setattr(checked_mod, "check_output", guard_keeps_nothing_from_the_model)
    reply = engine.reply(QUESTION, report=PANEL)
    assert_escalates_with_fixed_wording(reply, NO_SAFE_ANSWER)
    assert "llm:escalate" in steps(reply, "guard")
    assert "local" not in steps(reply, "compose")  # not quietly answered by the local composer instead


def test_escalation_whose_background_the_guard_empties_still_escalates_without_it(engine):
    engine._local = ScriptedComposer([], context=[(DOSE, "kb:gene-cyp2c19#0")])
    reply = engine.reply("should I stop taking my clopidogrel?", report=PANEL)
    assert reply.action == "escalate" and reply.escalation is not None
    assert "context:escalate" in steps(reply, "guard")
    assert wording.ESCALATE_CONTEXT_INTRO not in reply.text and "75 mg" not in reply.text


def test_answer_still_above_grade_8_is_cut_to_facts_and_the_plainest_vetted_sentence(engine):
    composer = ScriptedComposer([(FACT, "report:CYP2C19"), (HARD, "kb:gene-cyp2c19#0"),
                                 (PLAIN, "kb:gene-cyp2c19#0"), (HARDER, "kb:gene-cyp2c19#0"),
                                 (wording.NEXT_STEP_PGX, "fixed:next_step_pgx")])
    engine._local = composer
    reply = engine.reply(QUESTION, report=PANEL)
    assert composer.simple_calls == 1  # the simpler composition was tried first and was still too hard
    assert reply.action == "answer" and steps(reply, "readability") == ["trimmed"]
    assert reply.text == f"{FACT} {PLAIN} {wording.NEXT_STEP_PGX}"
    assert reading_grade(reply.text) <= MAX_GRADE
    assert [c.doc_id for c in reply.citations] == ["gene-cyp2c19"]


def test_answer_too_hard_even_when_cut_escalates_for_reading_level(engine):
    engine._local = ScriptedComposer([(HARD, "kb:gene-cyp2c19#0"), (HARDER, "kb:gene-cyp2c19#0")])
    reply = engine.reply(QUESTION, report=PANEL)
    assert_escalates_with_fixed_wording(reply, READING_LEVEL)
    assert steps(reply, "readability") == ["too_hard"]
    assert HARD not in reply.text and HARDER not in reply.text


def test_answer_too_hard_even_when_cut_keeps_the_patients_facts_and_offers_a_counselor(engine):
    engine._local = ScriptedComposer([(FACT, "report:CYP2C19"), (HARD, "kb:gene-cyp2c19#0"),
                                      (HARDER, "kb:gene-cyp2c19#0"), (wording.NEXT_STEP_PGX, "fixed:next_step_pgx")])
    reply = engine.reply(QUESTION, report=PANEL)
    assert reply.action == "answer" and steps(reply, "readability") == ["too_hard", "facts_only"]
    assert FACT in reply.text and wording.COUNSELOR_OFFER in reply.text
    assert HARD not in reply.text and HARDER not in reply.text and reply.citations == []


def test_plain_answer_is_sent_as_composed(engine):
    engine._local = ScriptedComposer([(FACT, "report:CYP2C19"), (PLAIN, "kb:gene-cyp2c19#0")])
    reply = engine.reply(QUESTION, report=PANEL)
    assert reply.action == "answer" and reply.text == f"{FACT} {PLAIN}"
    assert steps(reply, "readability") == []
