"""Embedders: turn texts into L2-normalized vectors, without ever touching the network.

One contract, ``bot.core.protocols.Embedder`` (``encode(texts) -> np.ndarray``, rows normalized), one module
per backend:

- ``onnx``: all-MiniLM-L6-v2 exported to ONNX, the serving default (no torch at run time);
- ``reference``: the same model through sentence-transformers (torch), the reference vectors;
- ``hashing``: a deterministic hashed bag of words, for tests.

The settings choose one (``GENECHAT_EMBEDDER``); ``embedder_for(settings)`` returns it warm.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from bot.config import Settings
from bot.core.protocols import Embedder
from bot.errors import ModelNotAvailable
from bot.retrieval.embedders.hashing import HashEmbedder
from bot.retrieval.embedders.model import EMBEDDING_DIM, default_model_dir
from bot.retrieval.embedders.onnx import OnnxEmbedder
from bot.retrieval.embedders.reference import SentenceTransformerEmbedder

__all__ = ["EMBEDDING_DIM", "Embedder", "HashEmbedder", "OnnxEmbedder", "SentenceTransformerEmbedder",
           "default_model_dir", "embedder_for", "get_embedder"]


_loading = threading.Lock()


def embedder_for(settings: Settings) -> Embedder:
    """The warm embedder the settings ask for (backend, model folder, ONNX export folder, threads)."""
    model_dir = str(settings.model_path) if settings.model_path else None
    with _loading:  # one load at a time: a caller that arrives during a load (the server preloads) waits for it
        return get_embedder(settings.embedder, model_dir, str(settings.models_dir), settings.resolved_embedder_threads)


@lru_cache(maxsize=4)
def get_embedder(kind: str, model_dir: str | None, cache_dir: str, threads: int = 1) -> Embedder:
    """One warm embedder per process and configuration (models are expensive to load)."""
    path = Path(model_dir) if model_dir else None
    if kind == "hash":
        return HashEmbedder()
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(path)
    if kind == "onnx":
        return OnnxEmbedder.load_or_export(model_dir=path, cache_dir=Path(cache_dir), threads=threads)
    raise ModelNotAvailable(f"Unknown embedder {kind!r}; choose onnx, sentence-transformers or hash.")
