"""The real embedding model: loads offline, never touches the network, ONNX equals the reference."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from bot.retrieval.embedders import OnnxEmbedder, SentenceTransformerEmbedder

pytestmark = pytest.mark.slow

SENTENCES = [
    "What does poor metabolizer mean?",
    "my plavix and the 2c19 gene",
    "Warfarin is a blood thinner, and VKORC1 changes how sensitive you are to it.",
    "Can I talk to a genetic counselor about my BRCA2 result and what it means for my children?",
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:2]))
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture(scope="module")
def reference() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def test_sentence_transformer_loads_and_encodes_with_network_blocked(no_network: list[str]) -> None:
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.encode(SENTENCES)
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert no_network == []


def test_onnx_embedder_gives_the_reference_vectors(reference, models_cache_dir: Path, no_network) -> None:
    onnx = OnnxEmbedder.load_or_export(None, models_cache_dir)
    cosines = (onnx.encode(SENTENCES) * reference.encode(SENTENCES)).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines
    assert no_network == []


def test_onnx_encodes_long_texts_past_the_shipped_128_token_limit(models_cache_dir: Path) -> None:
    onnx = OnnxEmbedder.load_or_export(None, models_cache_dir)
    short = "CYP2D6 breaks down codeine. " * 20
    long = short + "Tramadol is changed by it too. " * 20
    a, b = onnx.encode([short, long])
    assert float(a @ b) < 0.9999  # words past token 128 still change the vector


def test_similar_questions_are_closer_than_unrelated_ones(reference) -> None:
    a, b, c = reference.encode(["what is a poor metabolizer", "meaning of poor metaboliser", "weather tomorrow"])
    assert float(a @ b) > float(a @ c) + 0.3
