"""A draft reply: sentences, each tagged with where it came from (report, KB chunk, fixed wording, LLM).

The sentence -> source map is what the decision trace shows and what the output guard checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.core.passage import Passage
from bot.core.reply import ReportFact

_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[*])")
_INLINE_BULLET = re.compile(r"(?<=[.:;])\s+[-*\u2022]\s+(?=\S)")
_MD = re.compile(r"\*\*|__|`|^#+\s*|^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)


@dataclass
class Sentence:
    text: str
    source: str  # "report:GENE" | "kb:<chunk_id>" | "fixed:<key>" | "llm"
    block: int = 0  # sentences of one block form a paragraph

    @property
    def kind(self) -> str:
        return self.source.split(":", 1)[0]


@dataclass
class Draft:
    sentences: list[Sentence] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)  # vetted passages the composer was given
    facts: list[ReportFact] = field(default_factory=list)
    composer: str = "local"
    prompt_version: str | None = None

    def add(self, text: str, source: str, block: int) -> None:
        if text and all(s.text != text for s in self.sentences):
            self.sentences.append(Sentence(text, source, block))

    @property
    def text(self) -> str:
        blocks: dict[int, list[str]] = {}
        for s in self.sentences:
            blocks.setdefault(s.block, []).append(s.text)
        return "\n\n".join(" ".join(parts) for _, parts in sorted(blocks.items()))

    def used_chunk_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.sentences:
            if s.kind == "kb":
                seen.setdefault(s.source.split(":", 1)[1], None)
            elif s.kind == "llm" and ":" in s.source:  # "llm:kb=<chunk>;report=<gene>"
                for ref in s.source.split(":", 1)[1].split(";"):
                    if ref.startswith("kb="):
                        seen.setdefault(ref[3:], None)
        return list(seen)

    def source_map(self) -> list[dict[str, str]]:
        return [{"sentence": s.text, "source": s.source} for s in self.sentences]


def clean_markdown(text: str) -> str:
    """KB text as a patient reads it: no bold markers, bullets or heading hashes (words untouched)."""
    return _MD.sub("", text)


@lru_cache(maxsize=8192)
def passage_sentences(text: str) -> tuple[str, ...]:
    """``split_sentences`` for vetted KB text, remembered: passages never change while serving, and the
    same ones come back in several searches per answer and in answer after answer."""
    return tuple(split_sentences(text))


_BULLET_LINE = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+(.+)$", re.MULTILINE)


@lru_cache(maxsize=8192)
def list_items(text: str) -> frozenset[str]:
    """The sentences of a passage that are bullet items of a list (as ``split_sentences`` gives them)."""
    flattened = bool(_INLINE_BULLET.search(text))
    lines = list(_BULLET_LINE.finditer(_INLINE_BULLET.sub("\n- ", text)))
    items: set[str] = set()
    for n, m in enumerate(lines):
        sentences = split_sentences(m.group(1))
        if flattened and n == len(lines) - 1:
            # a chunker that flattened the list onto one line ran its last item into the paragraph after it: only
            # the item's first sentence is the item ("... sold as Dexilant. Esomeprazole (Nexium) ... depend less")
            sentences = sentences[:1]
        items.update(sentences)
    return frozenset(items)


def split_sentences(text: str) -> list[str]:
    """Whole sentences of a passage; bullet lines count as sentences of their own."""
    out: list[str] = []
    text = _INLINE_BULLET.sub("\n", text)  # chunkers may flatten "- item" lists onto one line
    for line in clean_markdown(text).splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        out += [s.strip() for s in _SPLIT.split(line) if s.strip()]
    return out
