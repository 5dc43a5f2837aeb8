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
from bot.retrieval.embedders import HashEmbedder
from tests.support.fakes import SAMPLE_PASSAGES, FakeSearcher


def make_test_engine(data_dir: Path | None = None, passages: Sequence[Passage] = SAMPLE_PASSAGES, llm=None):
    """A fast engine: hash embedder, fake searcher, classifier trained on evals/triage with hash vectors."""
    settings = Settings(data_dir=data_dir or Path(tempfile.mkdtemp(prefix="genechat-test-")), embedder="hash")
    return ConversationEngine(settings, embedder=HashEmbedder(), searcher=FakeSearcher(passages), llm=llm)
