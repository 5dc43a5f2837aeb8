"""Typed results of retrieval."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
    score: float = 0.0
