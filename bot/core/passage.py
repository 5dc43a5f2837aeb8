"""Typed results of retrieval."""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.core.languages import DEFAULT_LANGUAGE


class Passage(BaseModel):
    """One knowledge-base chunk returned by search, with everything needed to cite it."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    genes: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    source_urls: list[str] = Field(default_factory=list)
    language: str = DEFAULT_LANGUAGE  # ISO 639-1 code of the document the passage comes from
    score: float = 0.0
