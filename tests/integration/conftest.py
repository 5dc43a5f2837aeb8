"""Fixtures for the integration tests: the real engine on the session's real index (tests/conftest.py kb_index)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def real_engine(kb_index) -> Any:
    """A warm engine with the real embedder, index and models, shared by the integration tests that only ask it."""
    from bot.conversation.engine import ConversationEngine

    settings, embedder, searcher = kb_index
    engine = ConversationEngine(settings, embedder=embedder, searcher=searcher)
    engine.warm_up()
    engine.wait_until_settled()
    return engine
