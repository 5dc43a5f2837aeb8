"""Sentence vectors of fixed exemplar texts, cached on disk, and the "nearest K" score both exemplar checks use
(the worry intent, worry_intent.py, and the off-topic check, topic.py)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

K = 3  # a message is compared with the mean of its K nearest exemplars on a side (one odd exemplar is not enough)


def exemplar_vectors(name: str, version: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray], *,
                     cache_dir: Path | None = None, embedder_name: str = "") -> np.ndarray:
    """The vectors of ``texts`` from ``encode``, or read from ``cache_dir`` (``<name>-<key>.npy``, keyed by the
    version, the embedder and the texts, so a changed exemplar or embedder never reads stale vectors)."""
    key = hashlib.sha256("\n".join([version, embedder_name, *texts]).encode()).hexdigest()[:16]
    path = cache_dir / f"{name}-{key}.npy" if cache_dir is not None and embedder_name else None
    vectors: np.ndarray | None = None
    if path is not None and path.is_file():
        try:
            vectors = np.load(path)
        except (OSError, ValueError):  # a stale or partial cache is rebuilt, never trusted
            log.warning("exemplar_cache_unreadable", extra={"exemplars": name})
    if vectors is None or vectors.ndim != 2 or vectors.shape[0] != len(texts):
        vectors = np.asarray(encode(list(texts)), dtype=np.float32)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, vectors)
            except OSError:  # a read-only data dir: embed again next start
                log.warning("exemplar_cache_unwritable", extra={"exemplars": name})
    return vectors


def top_mean(sims: np.ndarray, k: int = K) -> float:
    """Mean of the ``k`` highest similarities (0 when there are none).

    >>> top_mean(np.array([0.25, 1.0, 0.5, 0.75]))
    0.75
    """
    if sims.size == 0:
        return 0.0
    k = min(k, sims.size)
    return float(np.sort(sims)[-k:].mean())
