"""Optional LLM composer: a langchain chat model paraphrases the facts and passages it is given.

It receives only the report facts and retrieved passages (numbered [F1].., [P1]..) and must tag each
sentence with them. Its output goes through the same output guard as the local composer, plus a
support check; the engine falls back to the local composer when anything is off.

>>> from langchain_core.language_models.fake_chat_models import FakeListChatModel
>>> from bot.answering.understand import Understanding
>>> c = LLMComposer(FakeListChatModel(responses=["Pharmacogenomics studies genes and medicines. [P1]"]))
>>> c.compose("what is pgx", Understanding(), None, []).composer
'llm'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.answering.facts import GeneFact
from bot.answering.prompts import Prompt, load_prompt
from bot.answering.understand import Understanding
from bot.config import Settings
from bot.core.draft import Draft, split_sentences
from bot.core.passage import Passage
from bot.core.report import Report
from bot.safety import wording

_TAG = re.compile(r"\[\s*([FP]\d+(?:\s*,\s*[FP]?\d+)*)\s*\]")
_TAG_AFTER_STOP = re.compile(r"([.!?])\s*((?:\[\s*[FP]\d+(?:\s*,\s*[FP]?\d+)*\s*\]\s*)+)")
PHENOCONVERSION_GENES = ("CYP2D6", "CYP2C19", "CYP2C9")


class LLMComposer:
    name = "llm"

    def __init__(self, chat_model: Any, prompt: Prompt | None = None):
        self.chat_model = chat_model
        self.prompt = prompt or load_prompt("composer")

    @classmethod
    def from_settings(cls, settings: Settings, llm: Any | None = None) -> LLMComposer:
        if llm is None:
            # loaded only when an LLM is configured: the OpenAI client stack is slow to import
            from langchain_openai import ChatOpenAI

            llm = ChatOpenAI(
                base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key or "none",
                temperature=0, timeout=30, max_retries=1,
            )
        return cls(llm)

    def messages(self, question: str, facts: Sequence[GeneFact], passages: Sequence[Passage]) -> list[tuple[str, str]]:
        fact_lines = [f"[F{i}] {s}" for i, s in enumerate((s for f in facts for s in f.sentences), start=1)]
        passage_lines = [f"[P{i}] ({p.title}) {' '.join(split_sentences(p.text))}" for i, p in enumerate(passages, start=1)]
        user = self.prompt.render_user(
            facts="\n".join(fact_lines) or "(no report uploaded)",
            passages="\n".join(passage_lines) or "(none)",
            question=question,
        )
        return [("system", self.prompt.system), ("user", user)]

    def compose(
        self,
        question: str,
        u: Understanding,
        report: Report | None,
        passages: Sequence[Passage],
        *,
        facts: Sequence[GeneFact] = (),
    ) -> Draft:
        passages = list(passages)[:4]
        result = self.chat_model.invoke(self.messages(question, facts, passages))
        content = result.content if hasattr(result, "content") else str(result)
        if isinstance(content, list):  # some providers return content parts
            content = " ".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content)
        fact_genes = [f.gene for f in facts for _ in f.sentences]
        draft = Draft(passages=passages, facts=[f.fact for f in facts], composer="llm",
                      prompt_version=self.prompt.version)
        if report is None:
            draft.add(wording.NO_REPORT_NOTE, "fixed:no_report", 0)
        # "Sentence. [P1] Next." -> "Sentence [P1]. Next." so each tag stays with the sentence it closes
        content = _TAG_AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)} ", str(content))
        for sentence in split_sentences(content):
            text = re.sub(r"\s+([.!?,;:])", r"\1", _TAG.sub("", sentence)).strip()
            draft.add(text, _source(sentence, passages, fact_genes), 1)
        genes = [g for g in u.genes if g in PHENOCONVERSION_GENES]
        if genes:
            draft.add(wording.PHENOCONVERSION.format(gene=genes[0]), f"fixed:phenoconversion:{genes[0]}", 2)
        if u.drugs or any(f.fact.diplotype or f.fact.phenotype for f in facts):
            draft.add(wording.NEXT_STEP_PGX, "fixed:next_step_pgx", 2)
        if any(f.fact.classification for f in facts):
            draft.add(wording.NEXT_STEP_HEREDITARY, "fixed:next_step_hereditary", 2)
        return draft


def _source(sentence: str, passages: Sequence[Passage], fact_genes: Sequence[str]) -> str:
    """"llm" plus the passages/facts the sentence cites, e.g. "llm:kb=gene-cyp2c19#0;report=CYP2C19"."""
    refs: list[str] = []
    for group in _TAG.findall(sentence):
        for tag in re.split(r"\s*,\s*", group):
            kind, num = tag[0], tag[1:]
            idx = int(num) - 1 if num.isdigit() else -1
            if kind == "P" and 0 <= idx < len(passages):
                refs.append(f"kb={passages[idx].chunk_id}")
            elif kind == "F" and 0 <= idx < len(fact_genes):
                refs.append(f"report={fact_genes[idx]}")
    return "llm:" + ";".join(dict.fromkeys(refs)) if refs else "llm"
