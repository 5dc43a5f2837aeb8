"""In-process answer latency: GeneChat's engine, the naive LangChain pipeline, and the floor beneath both.

Every system is warmed up on a question outside the measured set first, then asked each unique
eval question once (``engine`` is therefore the uncached path; ``engine_repeat`` asks them again
to show what the reply cache gives).
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.questions import BenchQuestion
from benchmarks.stats import interleaved, percentiles, time_each
from bot.config import Settings

log = logging.getLogger(__name__)
WARM_UP = "what is pharmacogenomics"
NAIVE_EMBED_SAMPLE = 100
BLOCK = 50  # questions per turn when the engine and the naive pipeline alternate


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
    clear = getattr(embedder, "clear_cache", None)  # the model's cost, not the question cache's
    return {"embedder": embedder.name, **interleaved({
        "embed_query": lambda t: embedder.encode([t]),
        "vector_query_k4": lambda t: store.query(vectors[t], 4),
        "floor": lambda t: store.query(embedder.encode([t])[0], 4),
        "hybrid_search": lambda t: searcher.search(t, k=5),
    }, texts, before_each=clear if callable(clear) else None)}


def _history_turns(engine: Any, q: BenchQuestion) -> list[Any]:
    """Replay a case's earlier messages (untimed) so follow-ups see real bot turns, as the eval runner does."""
    from bot.core.reply import Turn

    turns: list[Any] = []
    for text in q.history:
        earlier = engine.reply(text, report=q.report, history=list(turns))
        turns.append(Turn(role="user", text=text))
        turns.append(Turn(role="bot", text=earlier.text, action=earlier.action, genes=earlier.genes, drugs=earlier.drugs))
    return turns


def clear_caches(engine: Any) -> list[str]:
    """Empty the engine's and its embedder's caches so the next pass pays full price; names what it cleared."""
    cleared = []
    for owner, label in ((engine, "engine"), (getattr(engine, "_embedder", None), "embedder")):
        for name in ("clear_cache", "cache_clear", "reset_cache"):
            fn = getattr(owner, name, None)
            if owner is not None and callable(fn):
                fn()
                cleared.append(label)
                break
    return cleared


def load_engine(settings: Settings) -> tuple[Any, float]:
    """The warm engine and how long warming it took."""
    from bot.conversation.engine import get_engine

    start = time.perf_counter()
    engine = get_engine(settings)
    warm = getattr(engine, "warm_up", None)
    if callable(warm):
        warm()
    return engine, time.perf_counter() - start


def load_naive(settings: Settings, embeddings_kind: str) -> tuple[Any, dict[str, Any]]:
    """The naive LangChain pipeline on the same chunks; ``hash`` embeddings only for the tiny test."""
    from benchmarks.naive_baseline import EmbedderAsLangchain, NaiveBaseline, huggingface_embeddings

    start = time.perf_counter()
    if embeddings_kind == "hash":
        from bot.retrieval.embedders import HashEmbedder

        embeddings: Any = EmbedderAsLangchain(HashEmbedder())
    else:
        embeddings = huggingface_embeddings(settings.model_path)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    naive = NaiveBaseline.from_kb(settings.kb_dir, embeddings)
    info: dict[str, Any] = {"embeddings": embeddings_kind, "load_embeddings_s": round(load_s, 2),
                            "from_texts_s": round(time.perf_counter() - start, 2)}
    if embeddings_kind != "hash":
        import torch

        info["torch_threads"] = torch.get_num_threads()
    return naive, info


def compare(engine: Any, naive: Any | None, questions: list[BenchQuestion], profile_dir: Path | None) -> dict[str, Any]:
    """Ask the engine and the naive pipeline alternate blocks of questions, so both see the same machine load.

    Alternating matters on a shared 2-core box: background load comes and goes, and measuring one
    system after the other would charge it to whichever ran during the busy minute. Blocks rather than
    single questions: each runtime's thread pool keeps its threads busy for a moment after a call
    (torch's OpenMP workers spin-wait), which would slow whichever system ran right after it.
    """
    for _ in range(3):
        engine.reply(WARM_UP)
        if naive is not None:
            naive.answer(WARM_UP)
    histories = {q.id: _history_turns(engine, q) for q in questions}
    cleared = clear_caches(engine)  # the floor pass and history replays must not pre-warm the first asks
    load_before = os.getloadavg()[0]
    first, naive_ms, by_action = [], [], defaultdict(list)
    for start_at in range(0, len(questions), BLOCK):
        block = questions[start_at : start_at + BLOCK]
        for q in block:
            start = time.perf_counter()
            reply = engine.reply(q.text, report=q.report, history=histories[q.id])
            ms = (time.perf_counter() - start) * 1000
            first.append(ms)
            by_action[reply.action].append(ms)
        if naive is not None:
            naive_ms += time_each(naive.answer, [q.text for q in block])
    repeat = time_each(lambda q: engine.reply(q.text, report=q.report, history=histories[q.id]), questions)
    result: dict[str, Any] = {
        "engine": percentiles(first),
        "engine_repeat": percentiles(repeat),
        "caches_cleared_before_first_pass": cleared,
        "by_action": {a: percentiles(v) for a, v in sorted(by_action.items())},
        "load_average_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if naive is not None:
        result["naive"] = percentiles(naive_ms)
        subset = [q.text for q in questions[:NAIVE_EMBED_SAMPLE]]  # torch is slow on a busy box: a sample will do
        result["naive_embed_query"] = percentiles(time_each(naive.embed_query, subset))
        result.update(_naive_one_thread(naive, questions))
    if profile_dir is not None:
        result["profile"] = _profile(engine, questions, histories, profile_dir)
    return result


# steps of an answer, as (label, qualified function names); time is inclusive of what each calls
STEPS: list[tuple[str, tuple[str, ...]]] = [
    ("whole reply", ("ConversationEngine.reply",)),
    ("query embedding (ONNX)", ("OnnxEmbedder.encode", "SentenceTransformerEmbedder.encode", "HashEmbedder.encode")),
    ("synonym expansion", ("TermIndex.expand",)),
    ("triage (rules + classifier)", ("triage",)),
    ("  classifier predict", ("TriageClassifier.predict_vector",)),
    ("understand (genes, drugs, follow-ups)", ("understand",)),
    ("hybrid search", ("HybridSearcher.search",)),
    ("  Chroma query", ("ChromaStore.query",)),
    ("  BM25", ("HybridSearcher._lexical",)),
    ("compose (local)", ("LocalComposer.compose", "LocalComposer.compose_context")),
    ("output guard", ("check_output",)),
    ("reading grade", ("reading_grade",)),
    ("reply model + citations", ("finish",)),
]


def breakdown(root: Any, questions: int) -> dict[str, float]:
    """Milliseconds per question spent in each step (outermost calls only, so recursion is not counted twice)."""
    def name(frame: Any) -> str:
        return f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function

    totals = {label: 0.0 for label, _ in STEPS}

    def walk(frame: Any, open_steps: frozenset[str]) -> None:
        here = name(frame)
        now_open = set(open_steps)
        for label, names in STEPS:
            if here in names and label not in open_steps:
                totals[label] += frame.time
                now_open.add(label)
        for child in frame.children:
            walk(child, frozenset(now_open))

    walk(root, frozenset())
    return {label: round(seconds * 1000 / max(questions, 1), 3) for label, seconds in totals.items()}


def _naive_one_thread(naive: Any, questions: list[BenchQuestion]) -> dict[str, Any]:
    """The naive pipeline again with torch on one thread: torch's default (all cores) collapses under
    background load on a shared box, so this is the fairer baseline when the machine is busy."""
    if getattr(naive.embeddings, "_client", None) is None:  # not HuggingFaceEmbeddings (tiny test): no torch
        return {}
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        naive.answer(WARM_UP)
        return {"naive_torch_1_thread": percentiles(time_each(naive.answer, [q.text for q in questions]))}
    finally:
        torch.set_num_threads(before)


def _profile(engine: Any, questions: list[BenchQuestion], histories: dict[str, list[Any]], out: Path) -> dict:
    """Profile one uncached pass with pyinstrument; the text and HTML reports go to ``out``."""
    from pyinstrument import Profiler

    cleared = clear_caches(engine)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for q in questions:
        engine.reply(q.text, report=q.report, history=histories[q.id])
    profiler.stop()
    root = profiler.last_session.root_frame() if profiler.last_session else None
    out.mkdir(parents=True, exist_ok=True)
    (out / "engine_profile.txt").write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    (out / "engine_profile.html").write_text(profiler.output_html())
    return {"cache_cleared_before": cleared, "questions": len(questions),
            "ms_per_question": breakdown(root, len(questions)) if root is not None else {},
            "text": str(out / "engine_profile.txt"), "html": str(out / "engine_profile.html")}
