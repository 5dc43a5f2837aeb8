"""HTTP benchmarks against a real uvicorn server: cold start, load at N sessions (benchmarks/load.py), RSS."""

from __future__ import annotations

import inspect
import logging
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.server import PeakRss, ServerProcess

log = logging.getLogger(__name__)


def run_load(url: str, sessions: int, messages: int) -> dict[str, Any]:
    """Drive ``benchmarks/load.py`` (owned by the API work) and normalise what it reports."""
    from benchmarks import load

    fn = getattr(load, "run_load", None) or load.run  # type: ignore[attr-defined]
    result = fn(url, sessions=sessions, messages=messages)
    if inspect.isawaitable(result):
        import asyncio

        result = asyncio.run(result)
    data = result.model_dump() if hasattr(result, "model_dump") else dict(result)
    return data


def bench_http(data_dir: Path, out_dir: Path, *, cold_starts: int, sessions: list[int], messages: int) -> dict[str, Any]:
    """Cold-start the server ``cold_starts`` times (the index already exists), then load the last one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / "server.log"
    log_path.unlink(missing_ok=True)
    runs: list[dict[str, float]] = []
    server: ServerProcess | None = None
    try:
        for i in range(max(1, cold_starts)):
            server = ServerProcess(data_dir, log_path)
            runs.append(server.start_and_wait_ready())
            if i < cold_starts - 1:
                server.stop()
                time.sleep(0.5)
        assert server is not None
        idle_mb = server.rss_mb()
        loads = []
        peak = 0.0
        for n in sessions:
            with PeakRss(server) as rss:
                started = time.perf_counter()
                try:
                    data = run_load(server.url, n, messages)
                except Exception as exc:  # noqa: BLE001 - keep the cold-start numbers; report the failure
                    loads.append({"sessions": n, "error": f"{type(exc).__name__}: {exc}"})
                    continue
                wall = time.perf_counter() - started
            data.setdefault("sessions", n)
            data.setdefault("messages_per_session", messages)
            data["wall_s"] = round(wall, 3)
            data.setdefault("throughput_rps", round(n * messages / wall, 1) if wall else None)
            data["peak_rss_mb"] = round(rss.peak_mb, 1)
            peak = max(peak, rss.peak_mb)
            loads.append(data)
    finally:
        if server is not None:
            server.stop()
    ready = [r["readyz_s"] for r in runs]
    return {
        "cold_start": {"runs": runs, "median_s": round(statistics.median(ready), 3),
                       "note": "process start (genechat serve) to /readyz 200, existing index; first run also creates the SQLite DB"},
        "idle_rss_mb": round(idle_mb, 1),
        "load": loads,
        "peak_rss_mb": round(peak, 1) if peak else None,
    }
