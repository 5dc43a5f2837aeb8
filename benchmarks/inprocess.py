"""In-process answer latency: GeneChat's engine, the naive LangChain pipeline, and the floor beneath both.

Every system is warmed up on a question outside the measured set first, then asked each unique
eval question once (``engine`` is therefore the uncached path; ``engine_repeat`` asks them again
to show what the reply cache gives).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.questions import BenchQuestion
from benchmarks.stats import percentiles, time_each
from bot.config import Settings

log = logging.getLogger(__name__)
WARM_UP = "what is pharmacogenomics"


def bench_floor(settings: Settings, questions: list[BenchQuestion]) -> dict[str, Any]:
    """One query embedding + one vector query (k=4), and each retrieval part on its own."""
    from bot.retrieval.search import get_searcher

    searcher = get_searcher(settings)
    embedder, store = searcher.embedder, searcher.store
    texts = [q.text for q in questions]
    for _ in range(3):
        store.query(embedder.encode([WARM_UP])[0], 4)
        searcher.search(WARM_UP, k=5)
    vectors = {t: embedder.encode([t])[0] for t in texts}
    return {
        "embedder": embedder.name,
        "embed_query": percentiles(time_each(lambda t: embedder.encode([t]), texts)),
        "vector_query_k4": percentiles(time_each(lambda t: store.query(vectors[t], 4), texts)),
        "floor": percentiles(time_each(lambda t: store.query(embedder.encode([t])[0], 4), texts)),
        "hybrid_search": percentiles(time_each(lambda t: searcher.search(t, k=5), texts)),
    }


def _history_turns(engine: Any, q: BenchQuestion) -> list[Any]:
    """Replay a case's earlier messages (untimed) so follow-ups see real bot turns, as the eval runner does."""
    from bot.conversation.models import Turn

    turns: list[Any] = []
    for text in q.history:
        earlier = engine.reply(text, report=q.report, history=list(turns))
        turns.append(Turn(role="user", text=text))
        turns.append(Turn(role="bot", text=earlier.text, action=earlier.action, genes=earlier.genes, drugs=earlier.drugs))
    return turns


def _clear_reply_cache(engine: Any) -> bool:
    for name in ("clear_cache", "cache_clear", "reset_cache"):
        fn = getattr(engine, name, None)
        if callable(fn):
            fn()
            return True
    return False


def _timed_pass(engine: Any, questions: list[BenchQuestion], histories: dict[str, list[Any]]) -> tuple[list[float], dict]:
    samples, by_action = [], defaultdict(list)
    for q in questions:
        start = time.perf_counter()
        reply = engine.reply(q.text, report=q.report, history=histories[q.id])
        ms = (time.perf_counter() - start) * 1000
        samples.append(ms)
        by_action[reply.action].append(ms)
    return samples, by_action


def bench_engine(settings: Settings, questions: list[BenchQuestion], profile_dir: Path | None) -> dict[str, Any]:
    """Engine latency over the questions (first time, then repeated), plus a pyinstrument profile."""
    from bot.conversation.engine import get_engine

    start = time.perf_counter()
    engine = get_engine(settings)
    warm = getattr(engine, "warm_up", None)
    if callable(warm):
        warm()
    warm_up_s = time.perf_counter() - start
    for _ in range(3):
        engine.reply(WARM_UP)
    histories = {q.id: _history_turns(engine, q) for q in questions}
    first, by_action = _timed_pass(engine, questions, histories)
    repeat, _ = _timed_pass(engine, questions, histories)
    result: dict[str, Any] = {
        "warm_up_s": round(warm_up_s, 2),
        "engine": percentiles(first),
        "engine_repeat": percentiles(repeat),
        "by_action": {a: percentiles(v) for a, v in sorted(by_action.items())},
    }
    if profile_dir is not None:
        result["profile"] = _profile(engine, questions, histories, profile_dir)
    return result


def _profile(engine: Any, questions: list[BenchQuestion], histories: dict[str, list[Any]], out: Path) -> dict:
    """Profile one uncached pass with pyinstrument; the text and HTML reports go to ``out``."""
    from pyinstrument import Profiler

    cleared = _clear_reply_cache(engine)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for q in questions:
        engine.reply(q.text, report=q.report, history=histories[q.id])
    profiler.stop()
    out.mkdir(parents=True, exist_ok=True)
    (out / "engine_profile.txt").write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    (out / "engine_profile.html").write_text(profiler.output_html())
    return {"cache_cleared_before": cleared, "text": str(out / "engine_profile.txt"),
            "html": str(out / "engine_profile.html")}


def bench_naive(settings: Settings, questions: list[BenchQuestion], embeddings_kind: str) -> dict[str, Any]:
    """The naive LangChain pipeline on the same chunks; ``hash`` embeddings only for the tiny test."""
    from benchmarks.naive_baseline import EmbedderAsLangchain, NaiveBaseline, huggingface_embeddings

    start = time.perf_counter()
    if embeddings_kind == "hash":
        from bot.retrieval.embedder import HashEmbedder

        embeddings: Any = EmbedderAsLangchain(HashEmbedder())
    else:
        embeddings = huggingface_embeddings(settings.model_path)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    naive = NaiveBaseline.from_kb(settings.kb_dir, embeddings)
    index_s = time.perf_counter() - start
    texts = [q.text for q in questions]
    ask: Callable[[str], object] = naive.answer
    for _ in range(3):
        ask(WARM_UP)
    return {
        "embeddings": embeddings_kind,
        "load_embeddings_s": round(load_s, 2),
        "from_documents_s": round(index_s, 2),
        "naive": percentiles(time_each(ask, texts)),
        "naive_embed_query": percentiles(time_each(naive.embed_query, texts)),
    }
