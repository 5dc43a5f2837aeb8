"""A deterministic hashed bag of words: no model, for tests and quick local runs (``GENECHAT_EMBEDDER=hash``).

>>> e = HashEmbedder(dim=64)
>>> v = e.encode(["poor metabolizer"])
>>> v.shape, round(float((v[0] ** 2).sum()), 6)
((1, 64), 1.0)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from bot.retrieval.embedders.model import EMBEDDING_DIM, normalize

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
        return normalize(out)
