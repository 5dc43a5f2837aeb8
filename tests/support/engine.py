"""A fast engine for tests: the Searcher contract faked over a few hand-written passages, a hash embedder.

>>> engine = make_test_engine()
>>> engine.reply("what does CYP2C19 do").action
'answer'
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bot.config import Settings
from bot.conversation.engine import ConversationEngine
from bot.core.passage import Passage
from bot.retrieval.embedders import HashEmbedder

SAMPLE_PASSAGES = [
    Passage(chunk_id="gene-cyp2c19#0", doc_id="gene-cyp2c19", title="The CYP2C19 gene and your medicines",
            section="Overview", genes=["CYP2C19"], drugs=["clopidogrel", "omeprazole"],
            source_urls=["https://medlineplus.gov/genetics/gene/cyp2c19/"],
            text="CYP2C19 is a gene that makes a liver enzyme. This enzyme helps break down many common medicines. "
                 "CYP2C19*2 and *3 do not work. A CYP2C19 poor metabolizer has two copies that do not work."),
    Passage(chunk_id="drug-clopidogrel#0", doc_id="drug-clopidogrel", title="Clopidogrel (Plavix) and CYP2C19",
            section="Overview", genes=["CYP2C19"], drugs=["clopidogrel"],
            source_urls=["https://cpicpgx.org/guidelines/guideline-for-clopidogrel-and-cyp2c19/"],
            text="Clopidogrel needs the CYP2C19 enzyme to start working. In poor metabolizers, less of the active "
                 "drug is made. Do not stop taking clopidogrel on your own."),
    Passage(chunk_id="gene-cyp2d6#0", doc_id="gene-cyp2d6", title="The CYP2D6 gene and your medicines",
            section="Overview", genes=["CYP2D6"], drugs=["codeine", "tramadol"],
            source_urls=["https://medlineplus.gov/genetics/gene/cyp2d6/"],
            text="CYP2D6 is a gene that makes a liver enzyme. It turns codeine and tramadol into their active forms. "
                 "An ultrarapid metabolizer makes the active form faster than usual."),
    Passage(chunk_id="variant-classification#0", doc_id="variant-classification", title="How to read a variant",
            section="Overview", conditions=["hereditary cancer"], source_urls=["https://www.ncbi.nlm.nih.gov/books/"],
            text="Labs sort variants into five groups. A pathogenic variant is known to raise the chance of a "
                 "health condition. A variant of uncertain significance is not yet understood."),
    Passage(chunk_id="what-is-pharmacogenomics#0", doc_id="what-is-pharmacogenomics", title="What is pharmacogenomics",
            section="Overview", source_urls=["https://www.genome.gov/"],
            text="Pharmacogenomics is the study of how your genes affect the way your body handles medicines. "
                 "A gene test can help your care team choose medicines that suit you."),
]


class FakeSearcher:
    """In-memory searcher with the ``HybridSearcher.search`` signature: word overlap plus gene/drug boosts."""

    def __init__(self, passages: Sequence[Passage] = SAMPLE_PASSAGES):
        self.passages = list(passages)
        self.chunks = {p.chunk_id: p for p in self.passages}
        self.calls: list[dict[str, Any]] = []

    def search(self, query: str, *, genes: Sequence[str] = (), drugs: Sequence[str] = (), k: int = 5,
               query_vector: np.ndarray | None = None, only_matching: bool = False) -> list[Passage]:
        self.calls.append({"query": query, "genes": list(genes), "drugs": list(drugs), "vector": query_vector is not None})
        words = set(query.lower().split())

        def matches(p: Passage) -> int:
            return len(set(genes) & set(p.genes)) + len({d.lower() for d in drugs} & set(p.drugs))

        def score(p: Passage) -> float:
            return len(words & set(p.text.lower().split())) + 3 * matches(p)

        pool = [p for p in self.passages if matches(p)] if only_matching and (genes or drugs) else self.passages
        ranked = sorted(pool, key=score, reverse=True)
        return [p.model_copy(update={"score": float(score(p))}) for p in ranked[:k]]

    def expand(self, query: str) -> str:
        return query

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        return [(list(p.genes), list(p.drugs)) for p in self.passages]


def make_test_engine(data_dir: Path | None = None, passages: Sequence[Passage] = SAMPLE_PASSAGES, llm=None):
    """A fast engine: hash embedder, fake searcher, classifier trained on evals/triage with hash vectors."""
    settings = Settings(data_dir=data_dir or Path(tempfile.mkdtemp(prefix="genechat-test-")), embedder="hash")
    return ConversationEngine(settings, embedder=HashEmbedder(), searcher=FakeSearcher(passages), llm=llm)
