"""Knowledge-base documents and their retrieval chunks."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from bot.core.languages import DEFAULT_LANGUAGE, known_languages

DOC_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class FrontMatter(BaseModel):
    """The YAML header of a knowledge-base document (fields fixed in ARCHITECTURE.md).

    ``language`` (ISO 639-1, default English) must be a language GeneChat knows (``bot.core.languages``);
    a document in another language is a translation and names its English source in ``translation_of``.
    Where each lives and how it is named: ``bot.knowledge.loader.layout_problems``.
    """

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=DOC_ID)
    language: str = DEFAULT_LANGUAGE
    translation_of: str | None = Field(None, pattern=DOC_ID, validate_default=True)
    title: str = Field(min_length=3)
    genes: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    brand_names: list[str] = Field(default_factory=list)
    audience: Literal["patient"]
    sources: list[str] = Field(min_length=1)
    reviewed_by: str
    reviewed_on: dt.date

    @field_validator("language")
    @classmethod
    def _known_language(cls, language: str) -> str:
        if language not in known_languages():
            raise ValueError(f"{language!r} is not a language GeneChat knows; use one of "
                             f"{sorted(known_languages())} (a new language needs its wording file first)")
        return language

    @field_validator("translation_of")
    @classmethod
    def _translation_names_its_source(cls, source: str | None, info: ValidationInfo) -> str | None:
        language = info.data.get("language")
        if language is None:  # the language itself was invalid; that error is enough
            return source
        if language != DEFAULT_LANGUAGE and not source:
            raise ValueError(f"a document in language {language!r} is a translation: add "
                             "`translation_of: <id of the English document it translates>`")
        if language == DEFAULT_LANGUAGE and source:
            raise ValueError(f"only a translation has translation_of; this document's language is {language!r}")
        return source

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
    language: str = DEFAULT_LANGUAGE

    @property
    def content_hash(self) -> str:
        # the language is part of what is indexed: an index written before chunks had it is re-written once
        raw = "\x1f".join(
            [self.title, self.section, self.text, ",".join(self.genes), ",".join(self.drugs),
             ",".join(self.conditions), ",".join(self.source_urls), self.language]
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:32]

    @property
    def embed_text(self) -> str:
        """What gets embedded: the title and section give a short chunk its context."""
        return f"{self.title}. {self.section}. {self.text}"
