"""One `python -m benchmarks` run: every section in a throwaway data dir, results printed and written as JSON.

The run never touches the configured data dir except to reuse (or create) its ONNX model export:
the index, SQLite file and server sessions all live in a temp dir that is deleted afterwards.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.config import BenchConfig
from benchmarks.markdown import render_markdown
from benchmarks.stats import machine_facts
from benchmarks.targets import check_targets, render_table
from bot.config import Settings, get_settings

log = logging.getLogger(__name__)
RESULTS_FILE = "results.json"


@contextmanager
def bench_environment(config: BenchConfig) -> Iterator[tuple[Settings, Path]]:
    """Point GeneChat at a fresh temp data dir that shares the real model export; restore afterwards."""
    real = get_settings()
    models_src = real.models_dir.resolve()
    models_src.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="genechat-bench-"))
    data = work / "data"
    data.mkdir()
    (data / "models").symlink_to(models_src, target_is_directory=True)
    saved = {k: os.environ.get(k) for k in ("GENECHAT_DATA_DIR", "GENECHAT_EMBEDDER", "GENECHAT_CHROMA_PATH")}
    os.environ["GENECHAT_DATA_DIR"] = str(data)
    os.environ.pop("GENECHAT_CHROMA_PATH", None)
    if config.embedder:
        os.environ["GENECHAT_EMBEDDER"] = config.embedder
    get_settings.cache_clear()
    try:
        yield get_settings(), work
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()
        _forget_warm_objects()
        if not config.keep_data:
            shutil.rmtree(work, ignore_errors=True)


def _forget_warm_objects() -> None:
    from bot.retrieval.search import reset_searchers

    reset_searchers()
    try:
        from bot.conversation import engine as engine_module

        cached = getattr(engine_module, "get_engine", None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()  # type: ignore[union-attr]
    except ImportError:
        pass


def _section(results: dict[str, Any], name: str, fn: Callable[[], dict[str, Any]]) -> None:
    """Run one section; a failure is recorded in the results instead of losing the whole run."""
    started = time.perf_counter()
    log.info("bench section started", extra={"section": name})
    try:
        results[name] = fn()
    except Exception as exc:  # noqa: BLE001 - reported in results.json and the table
        results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=6)}
    results.setdefault("section_seconds", {})[name] = round(time.perf_counter() - started, 1)


def run_bench(config: BenchConfig, echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the configured sections and write ``<out_dir>/results.json``; returns the results."""
    from benchmarks import index_scale, inprocess
    from benchmarks.questions import load_questions
    from bot.retrieval.embedders import embedder_for

    results: dict[str, Any] = {"machine": machine_facts(), "config": json.loads(config.model_dump_json())}
    with bench_environment(config) as (settings, work):
        start = time.perf_counter()
        embedder = embedder_for(settings)
        results["embedder"] = {"kind": settings.embedder, "name": embedder.name,
                               "load_s": round(time.perf_counter() - start, 2)}
        echo(f"Building the knowledge-base index in {work} ...")
        index: dict[str, Any] = {}
        _section(index, "kb", lambda: index_scale.bench_kb_build(settings, embedder))
        results["index"] = index

        source, questions = load_questions(config.questions)
        results["questions"] = {"source": source, "count": len(questions)}
        if config.wants("inprocess") and questions:
            echo(f"In-process latency over {len(questions)} questions from {source} ...")
            inproc: dict[str, Any] = {}
            _section(inproc, "floor", lambda: inprocess.bench_floor(settings, questions))
            _section(inproc, "compare", lambda: _compare(config, settings, questions))
            results["inprocess"] = _flatten_inprocess(inproc)
        if config.wants("http"):
            from benchmarks.http_bench import bench_http

            echo("HTTP: cold start and load ...")
            # model files the server would otherwise make on its first start (triage classifier cache)
            _section(results, "http_preparation", lambda: {"engine_warm_up_s": round(inprocess.load_engine(settings)[1], 2)})
            _section(results, "http", lambda: bench_http(
                settings.data_dir, config.out_dir, cold_starts=config.cold_starts, sessions=config.sessions,
                messages=config.messages, profile=config.wants("profile"), questions=[q.text for q in questions],
                workers=config.workers, think_s=config.think_s))
        if config.wants("index"):
            echo(f"Synthetic collections: {config.synthetic_sizes} chunks ...")
            _section(index, "embedding_rate", lambda: index_scale.bench_embedding_rate(embedder))
            rate = (index.get("embedding_rate") or {}).get("chunks_per_s")
            runs = []
            for n in config.synthetic_sizes:
                one: dict[str, Any] = {}
                _section(one, "run", lambda n=n: index_scale.bench_synthetic(
                    n, work, queries=config.synthetic_queries, embed_rate=rate))
                runs.append({"chunks": n, **one["run"]})
            index["synthetic"] = runs
    results["targets"] = check_targets(results)
    config.out_dir.mkdir(parents=True, exist_ok=True)
    (config.out_dir / RESULTS_FILE).write_text(json.dumps(results, indent=2, default=str))
    (config.out_dir / "results.md").write_text(render_markdown(results))
    echo(render_table(results))
    echo(f"\nWrote {config.out_dir / RESULTS_FILE}")
    return results


def _compare(config: BenchConfig, settings: Settings, questions: list) -> dict[str, Any]:
    from benchmarks import inprocess

    engine, warm_s = inprocess.load_engine(settings)
    naive, naive_info = inprocess.load_naive(settings, config.naive_embeddings) if config.wants("naive") else (None, {})
    profile_dir = config.out_dir if config.wants("profile") else None
    return {"engine_warm_up_s": round(warm_s, 2), "naive_setup": naive_info,
            **inprocess.compare(engine, naive, questions, profile_dir)}


def _flatten_inprocess(parts: dict[str, Any]) -> dict[str, Any]:
    """engine/naive/floor side by side, with the engine/naive ratio."""
    run = parts.get("compare", {})
    out: dict[str, Any] = {"floor": parts.get("floor")}
    out.update({k: v for k, v in run.items() if k not in ("error", "traceback")})
    if "error" in run:
        out["compare_error"] = run["error"]
    engine, naive = out.get("engine") or {}, out.get("naive") or {}
    one_thread = out.get("naive_torch_1_thread") or {}
    if engine.get("n") and naive.get("n"):
        out["ratio"] = {p: round(engine[f"{p}_ms"] / naive[f"{p}_ms"], 3) for p in ("p50", "p95", "p99")}
    if engine.get("n") and one_thread.get("n"):
        out["ratio_vs_naive_1_thread"] = {
            p: round(engine[f"{p}_ms"] / one_thread[f"{p}_ms"], 3) for p in ("p50", "p95", "p99")}
    return out
