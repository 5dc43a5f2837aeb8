"""Knowledge-base documents and their retrieval chunks."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class FrontMatter(BaseModel):
    """The YAML header of a knowledge-base document (fields fixed in ARCHITECTURE.md)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=3)
    genes: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    brand_names: list[str] = Field(default_factory=list)
    audience: Literal["patient"]
    sources: list[str] = Field(min_length=1)
    reviewed_by: str
    reviewed_on: dt.date

    @field_validator("genes")
    @classmethod
    def _upper_genes(cls, genes: list[str]) -> list[str]:
        return [g.strip().upper() for g in genes]

    @field_validator("drugs")
    @classmethod
    def _lower_drugs(cls, drugs: list[str]) -> list[str]:
        return [d.strip().lower() for d in drugs]

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: list[str]) -> list[str]:
        bad = [s for s in sources if not s.startswith(("https://", "http://"))]
        if bad:
            raise ValueError(f"sources must be URLs; not URLs: {bad}")
        return sources


class Section(BaseModel):
    heading: str
    text: str
    line: int = Field(description="1-based line of the heading (or of the intro) in the file.")


class Document(BaseModel):
    meta: FrontMatter
    path: Path
    body: str
    sections: list[Section]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def content_hash(self) -> str:
        """Hash of the whole file as written: any edit un-approves the document."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


class Chunk(BaseModel):
    """One `##` section of a document: the unit that is embedded, searched and cited."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    genes: list[str]
    drugs: list[str]
    conditions: list[str]
    source_urls: list[str]

    @property
    def content_hash(self) -> str:
        raw = "\x1f".join(
            [self.title, self.section, self.text, ",".join(self.genes), ",".join(self.drugs),
             ",".join(self.conditions), ",".join(self.source_urls)]
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    @property
    def embed_text(self) -> str:
        """What gets embedded: the title and section give a short chunk its context."""
        return f"{self.title}. {self.section}. {self.text}"
