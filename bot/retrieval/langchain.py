"""A langchain ``BaseRetriever`` over GeneChat's hybrid search, for use in langchain chains.

>>> from langchain_core.retrievers import BaseRetriever
>>> issubclass(GeneChatRetriever, BaseRetriever)
True
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.core.languages import DEFAULT_LANGUAGE
from bot.core.passage import Passage


def passage_to_document(passage: Passage) -> Document:
    meta = passage.model_dump(exclude={"text"})
    return Document(page_content=passage.text, metadata=meta, id=passage.chunk_id)


class GeneChatRetriever(BaseRetriever):
    """Wraps a ``HybridSearcher``; ``genes``/``drugs`` boost chunks about the patient's results."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 4
    genes: list[str] = []
    drugs: list[str] = []
    language: str = DEFAULT_LANGUAGE

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        passages = self.searcher.search(query, genes=self.genes, drugs=self.drugs, k=self.k,
                                         language=self.language)
        return [passage_to_document(p) for p in passages]
