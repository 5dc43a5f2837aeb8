"""The reference embedder: all-MiniLM-L6-v2 through sentence-transformers (torch). Never downloads."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.retrieval.embedders.model import EMBEDDING_DIM, default_model_dir, normalize


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
        return normalize(vectors)
