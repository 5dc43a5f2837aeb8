"""The contracts between the parts: callers depend on these, never on a concrete class.

Each has one real implementation in the product and one fake in ``tests/support``; a conformance test
runs the same checks on both (tests/unit/test_contracts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from bot.core.languages import DEFAULT_LANGUAGE
from bot.core.passage import Passage
from bot.core.reply import Reply, Turn
from bot.core.report import Report


@runtime_checkable
class Embedder(Protocol):
    """Texts -> L2-normalized float32 rows. Never touches the network."""

    name: str
    space: str  # embedders with the same space give interchangeable vectors (ONNX and torch MiniLM)
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class Searcher(Protocol):
    """Vetted passages for a question; passages about ``genes``/``drugs`` rank higher (or only those).
    Only passages in ``language`` (ISO 639-1, English by default) are returned."""

    def search(self, query: str, *, genes: Sequence[str] = (), drugs: Sequence[str] = (), k: int = 5,
               query_vector: np.ndarray | None = None, only_matching: bool = False,
               language: str = DEFAULT_LANGUAGE) -> list[Passage]: ...

    def expand(self, query: str) -> str:
        """The query with the synonyms the index knows added (brand -> generic names)."""
        ...

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        """(genes, medicines) of every indexed English passage: the vocabulary the engine can recognise."""
        ...

    def document_genes(self) -> dict[str, set[str]]:
        """Each indexed English document's id and the genes its passages name (medicine groups' genes)."""
        ...


@runtime_checkable
class ReportParser(Protocol):
    """An upload's bytes -> the normalized report; a bad file raises ``bot.errors.ReportError``."""

    def __call__(self, data: bytes, *, filename: str | None = None, max_bytes: int | None = None,
                 max_rows: int | None = None) -> Report: ...


@runtime_checkable
class Engine(Protocol):
    """Decides every reply (bot/conversation/engine.py). ``warm_up`` loads models; ``reply`` is thread-safe."""

    def warm_up(self) -> None: ...

    def wait_until_settled(self) -> None:
        """Return once what ``warm_up`` left loading in the background has loaded."""
        ...

    def reply(self, text: str, *, report: Report | None = None, history: Sequence[Turn] = (),
              medicines: Sequence[str] = ()) -> Reply:
        """Decide the reply; ``medicines`` are the names the patient listed under "My medicines"."""
        ...

    def readiness(self) -> dict[str, bool]:
        """Which components are loaded and working: ``embedder``, ``vector_store``, ``classifier``."""
        ...
