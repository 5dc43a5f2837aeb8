"""Two-sided exemplar checks: sentence vectors of two fixed sets of exemplar texts, cached on disk, and the
"nearest K" similarity of a message to each side. Both exemplar checks are one (the worry intent, worry_intent.py:
worried / other questions; the off-topic check, topic.py: everyday requests / patient questions); each adds only its
own lexical gates and margins.

>>> from bot.retrieval.embedders import HashEmbedder
>>> class Demo(TwoSidedExemplars):
...     NAME, VERSION, FIRST, SECOND = "demo", "demo-1", ("is it bad",), ("what is a gene",)
>>> e = HashEmbedder()
>>> first, second = Demo.build(e.encode).similarities(e.encode(["is it bad"])[0])
>>> round(first, 3), first > second
(1.0, True)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, Self

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


class TwoSidedExemplars:
    """Two exemplar sets (``FIRST`` and ``SECOND``, set by the subclass with its cache ``NAME`` and ``VERSION``),
    embedded once, and a message's similarity to each side (the mean of its K nearest exemplars there)."""

    NAME: ClassVar[str]
    VERSION: ClassVar[str]  # bump when the way vectors are made changes
    FIRST: ClassVar[Sequence[str]]
    SECOND: ClassVar[Sequence[str]]

    def __init__(self, first: np.ndarray, second: np.ndarray) -> None:
        self._first = first
        self._second = second

    @classmethod
    def build(cls, encode: Callable[[list[str]], np.ndarray], *, cache_dir: Path | None = None,
              embedder_name: str = "") -> Self:
        """Embed both sides with ``encode`` (messages are judged by the vector of their own words, without the
        synonyms search adds), or read their vectors from ``cache_dir`` (keyed by the texts and the embedder)."""
        vectors = exemplar_vectors(cls.NAME, cls.VERSION, [*cls.FIRST, *cls.SECOND], encode, cache_dir=cache_dir,
                                   embedder_name=embedder_name)
        return cls(vectors[:len(cls.FIRST)], vectors[len(cls.FIRST):])

    def similarities(self, vector: np.ndarray) -> tuple[float, float]:
        """Mean cosine of the K nearest first-side and the K nearest second-side exemplars (vectors are normalized)."""
        return top_mean(self._first @ vector), top_mean(self._second @ vector)
