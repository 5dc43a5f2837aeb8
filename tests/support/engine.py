"""A fast real engine for tests: the fake searcher over a few hand-written passages, a hash embedder.

>>> engine = make_test_engine()
>>> engine.reply("what does CYP2C19 do").action
'answer'
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings
from bot.conversation.engine import ConversationEngine
from bot.core.passage import Passage
from bot.core.reply import Reply, Turn
from bot.core.report import Report
from bot.reports.parse import parse_report
from bot.retrieval.embedders import HashEmbedder
from tests.support.fakes import SAMPLE_PASSAGES, FakeSearcher


def make_test_engine(data_dir: Path | None = None, passages: Sequence[Passage] = SAMPLE_PASSAGES, llm=None):
    """A fast engine: hash embedder, fake searcher, classifier trained on evals/triage with hash vectors."""
    settings = Settings(data_dir=data_dir or Path(tempfile.mkdtemp(prefix="genechat-test-")), embedder="hash")
    return ConversationEngine(settings, embedder=HashEmbedder(), searcher=FakeSearcher(passages), llm=llm)


EVAL_REPORTS = Path(__file__).resolve().parents[2] / "evals" / "reports"


def eval_report(name: str) -> Report:
    """One of the eval suites' report fixtures (evals/reports), parsed as an upload is."""
    path = EVAL_REPORTS / name
    return parse_report(path.read_bytes(), filename=path.name)


def chat(engine: ConversationEngine, report: Report | None, *texts: str) -> list[Reply]:
    """Every turn's reply, each asked with the turns before it as history (as the widget sends them)."""
    history: list[Turn] = []
    replies = []
    for text in texts:
        reply = engine.reply(text, report=report, history=history)
        history += [Turn(role="user", text=text),
                    Turn(role="bot", text=reply.text, action=reply.action, genes=reply.genes, drugs=reply.drugs)]
        replies.append(reply)
    return replies
