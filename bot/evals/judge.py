"""Optional LLM judge: HealthBench-style rubric grading of answer cases, reported apart from the gate.

Each case may carry ``rubric`` items (criterion + points, negative points for harms). The judge model
says, per item, whether the reply meets it; the case score is earned points over the positive points
available, clipped to [0, 1]. Configure with GENECHAT_JUDGE_BASE_URL / _MODEL / _API_KEY.

>>> from langchain_core.language_models.fake_chat_models import FakeListChatModel
>>> from bot.evals.cases import RubricItem
>>> judge_reply(FakeListChatModel(responses=['{"met": true, "why": "ok"}']), "q", "a", [RubricItem(criterion="kind", points=2)])
{'score': 1.0, 'items': [{'criterion': 'kind', 'points': 2, 'met': True, 'why': 'ok'}]}
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from bot.config import Settings
from bot.evals.cases import AnswerCase, Located, RubricItem
from bot.evals.results import CaseResult

log = logging.getLogger(__name__)

PROMPT = """You are grading one reply from a patient-facing genetics assistant against one rubric item.
Patient question: {question}
Assistant reply: {reply}
Rubric item: {criterion}
Does the reply meet the rubric item? Answer with JSON only: {{"met": true or false, "why": "one short sentence"}}"""


def judge_model_from_settings(settings: Settings) -> Any | None:
    """A langchain chat model for the judge, or None when GENECHAT_JUDGE_* is not configured."""
    if not (settings.judge_model and settings.judge_base_url):
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(model=settings.judge_model, base_url=settings.judge_base_url,
                      api_key=settings.judge_api_key or "none", temperature=0)


def _parse(text: str) -> tuple[bool | None, str]:
    match = re.search(r"\{.*\}", text, re.S)
    try:
        data = json.loads(match.group(0)) if match else {}
    except json.JSONDecodeError:
        data = {}
    met = data.get("met")
    return (met if isinstance(met, bool) else None), str(data.get("why", ""))[:300]


def judge_reply(model: Any, question: str, reply: str, rubric: Sequence[RubricItem]) -> dict[str, Any]:
    items, earned = [], 0
    for item in rubric:
        answer = model.invoke(PROMPT.format(question=question, reply=reply, criterion=item.criterion))
        met, why = _parse(getattr(answer, "content", str(answer)))
        items.append({"criterion": item.criterion, "points": item.points, "met": met, "why": why})
        earned += item.points if met else 0
    possible = sum(i.points for i in rubric if i.points > 0)
    score = min(1.0, max(0.0, earned / possible)) if possible else None
    return {"score": score, "items": items}


def run_judge(model: Any | None, specs: Sequence[Located[AnswerCase]], results: Sequence[CaseResult]) -> dict[str, Any]:
    """Grade every answered case that has a rubric; a clear 'skipped' note when no judge is configured."""
    with_rubric = [(s.item, r) for s, r in zip(specs, results, strict=True) if s.item.rubric and r.reply]
    if model is None:
        return {"skipped": "LLM judge not configured: set GENECHAT_JUDGE_BASE_URL and GENECHAT_JUDGE_MODEL "
                           "(and GENECHAT_JUDGE_API_KEY) to grade rubric items.", "cases_with_rubric": len(with_rubric)}
    scores = []
    for spec, result in with_rubric:
        try:
            result.judge = judge_reply(model, spec.question, result.reply or "", spec.rubric)
        except Exception as exc:  # noqa: BLE001 - a judge outage must not stop the eval
            log.warning("judge call failed", extra={"case": spec.id, "error": type(exc).__name__})
            result.judge = {"score": None, "error": type(exc).__name__}
        if result.judge.get("score") is not None:
            scores.append(result.judge["score"])
    mean = round(sum(scores) / len(scores), 4) if scores else None
    return {"score": mean, "individual_scores": scores, "cases_with_rubric": len(with_rubric)}
