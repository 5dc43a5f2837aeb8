"""Exemplar vectors are encoded once and read back from the cache (bot/answering/exemplars.py), for both checks
that use them: the topic check and the worry intent."""

from __future__ import annotations

import pytest

from bot.answering.topic import OFF_TOPIC, ON_TOPIC, TopicCheck
from bot.answering.worry_intent import OTHER, WORRIED, WorryIntent
from bot.retrieval.embedders import HashEmbedder


@pytest.mark.parametrize("check, exemplars, probe", [
    (TopicCheck, len(OFF_TOPIC) + len(ON_TOPIC), "who won the game"),
    (WorryIntent, len(WORRIED) + len(OTHER), "is my result bad"),
])
def test_exemplar_vectors_are_cached_and_read_back(tmp_path, check, exemplars, probe):
    calls: list[int] = []
    e = HashEmbedder()

    def encode(texts):
        calls.append(len(texts))
        return e.encode(texts)

    first = check.build(encode, cache_dir=tmp_path, embedder_name="hash")
    second = check.build(encode, cache_dir=tmp_path, embedder_name="hash")
    assert calls == [exemplars]  # the second start read the file
    v = e.encode([probe])[0]
    assert first.similarities(v) == second.similarities(v)
