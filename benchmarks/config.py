"""What one `python -m benchmarks` run measures, and at which sizes (``tiny()`` is the smoke-test preset)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from bot.config import PROJECT_ROOT

Section = Literal["inprocess", "naive", "profile", "http", "index"]
ALL_SECTIONS: tuple[Section, ...] = ("inprocess", "naive", "profile", "http", "index")


class BenchConfig(BaseModel):
    questions: int | None = Field(None, description="Use at most this many eval questions (None = all).")
    synthetic_sizes: list[int] = Field(default_factory=lambda: [10_000, 100_000])
    synthetic_queries: int = 200
    sessions: list[int] = Field(default_factory=lambda: [1, 4, 16])
    messages: int = Field(10, description="Messages each HTTP session sends.")
    workers: list[int] = Field(default_factory=lambda: [1, 2], description="Server processes to load-test with.")
    think_s: float = Field(1.0, description="Mean pause between messages in the paced run (0 = no paced run).")
    cold_starts: int = 3
    sections: list[Section] = Field(default_factory=lambda: list(ALL_SECTIONS))
    naive_embeddings: Literal["huggingface", "hash"] = "huggingface"
    embedder: Literal["onnx", "sentence-transformers", "hash"] | None = None
    out_dir: Path = PROJECT_ROOT / "benchmarks" / "out"
    keep_data: bool = False

    @classmethod
    def tiny(cls, **overrides: object) -> BenchConfig:
        """Seconds, not minutes: proves every section runs, measures nothing worth quoting."""
        base: dict[str, object] = {
            "questions": 6, "synthetic_sizes": [300], "synthetic_queries": 20, "sessions": [1, 2],
            "messages": 2, "cold_starts": 1, "workers": [1], "think_s": 0.05,
        }
        return cls(**{**base, **overrides})

    def wants(self, section: Section) -> bool:
        return section in self.sections
