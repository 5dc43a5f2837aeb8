"""HTTP benchmarks against a real uvicorn server: cold start, load at N sessions (benchmarks/load.py), RSS."""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.server import PeakRss, ServerProcess
from benchmarks.spy import PySpy, summarize

log = logging.getLogger(__name__)


def run_load(url: str, sessions: int, messages: int) -> dict[str, Any]:
    """Drive ``benchmarks/load.py`` (owned by the API work) and normalise what it reports."""
    from benchmarks import load

    return dict(load.run_load(url, sessions=sessions, messages=messages))


@contextmanager
def _maybe_spy(server: ServerProcess, out_file: Path, wanted: bool, into: dict[str, Any]) -> Iterator[None]:
    """py-spy the server during one load run; the summary lands in ``into``."""
    if not wanted or server.proc is None:
        yield
        return
    spy = PySpy(server.proc.pid, out_file)
    if not spy.available:
        into["skipped"] = "py-spy is not installed"
        yield
        return
    with spy:
        yield
    if spy.error:
        into["error"] = spy.error
    else:
        into.update({"raw": str(out_file), **summarize(out_file)})


def _import_times() -> dict[str, Any]:
    from benchmarks.imports import import_times

    try:
        return import_times()
    except Exception as exc:  # noqa: BLE001 - a side measurement must not sink the section
        return {"error": f"{type(exc).__name__}: {exc}"}


def _create_database() -> None:
    """Migrate the bench's SQLite file first, so no cold start pays for creating it."""
    from bot.config import get_settings
    from bot.store.db import Database

    db = Database.from_settings(get_settings())
    db.upgrade()
    db.dispose()


def bench_http(data_dir: Path, out_dir: Path, *, cold_starts: int, sessions: list[int], messages: int,
               profile: bool = False) -> dict[str, Any]:
    """Cold-start the server ``cold_starts`` times (the index already exists), then load the last one."""
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / "server.log"
    log_path.unlink(missing_ok=True)
    _create_database()
    runs: list[dict[str, float]] = []
    direct: list[dict[str, float]] = []
    server: ServerProcess | None = None
    try:
        for _ in range(max(1, cold_starts - 1)):  # plain uvicorn first: shows what the CLI import adds
            probe = ServerProcess(data_dir, log_path, launcher="uvicorn")
            try:
                direct.append(probe.start_and_wait_ready())
            finally:
                probe.stop()
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
        spied: dict[str, Any] = {}
        for n in sessions:
            spy_file = out_dir / f"server_profile_{n}_sessions.txt"
            spy_file.unlink(missing_ok=True)
            with PeakRss(server) as rss, _maybe_spy(server, spy_file, profile and n == max(sessions), spied):
                started = time.perf_counter()
                try:
                    data = run_load(server.url, n, messages)
                except Exception as exc:  # noqa: BLE001 - keep the cold-start numbers; report the failure
                    loads.append({"sessions": n, "error": f"{type(exc).__name__}: {exc}"})
                    continue
                wall = time.perf_counter() - started
            data.setdefault("sessions", n)
            data.setdefault("messages_per_session", messages)
            data["wall_with_audit_s"] = round(wall, 3)  # load.py's own wall_s excludes reading conversations back
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
                       "uvicorn_factory_runs": direct,
                       "uvicorn_factory_median_s": round(statistics.median([r["readyz_s"] for r in direct]), 3),
                       "note": "process start to /readyz 200 with an existing index and model export; runs = "
                               "`genechat serve`, uvicorn_factory = `python -m uvicorn bot.api.app:create_app "
                               "--factory`; the SQLite DB is migrated before the first start"},
        "server_imports": _import_times(),
        "idle_rss_mb": round(idle_mb, 1),
        "load": loads,
        "peak_rss_mb": round(peak, 1) if peak else None,
        "server_profile": spied or None,
    }
