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


def run_load(url: str, sessions: int, messages: int, questions: list[str] | None = None,
             think_s: float = 0.0) -> dict[str, Any]:
    """Drive ``benchmarks/load.py`` (owned by the API work) and normalise what it reports."""
    from benchmarks import load

    return dict(load.run_load(url, sessions=sessions, messages=messages, questions=questions, think_s=think_s))


class QuestionDealer:
    """Hands each load run the next unused eval questions, so no run is helped by an earlier run's caches."""

    def __init__(self, questions: list[str]):
        self.questions, self.next = questions, 0

    def take(self, n: int) -> list[str] | None:
        if not self.questions:
            return None  # load.py's six built-in questions
        out = [self.questions[(self.next + i) % len(self.questions)] for i in range(n)]
        self.next += n
        return out


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
               profile: bool = False, questions: list[str] | None = None, workers: list[int] | None = None,
               think_s: float = 0.0) -> dict[str, Any]:
    """Cold-start the server ``cold_starts`` times (the index already exists), then load it.

    Every server configuration in ``workers`` is loaded at each of ``sessions`` (closed loop: each session
    sends its next question as soon as the reply arrives), and, when ``think_s`` > 0, once more at the
    largest session count with patients pausing about ``think_s`` between messages.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    log_path = out_dir / "server.log"
    log_path.unlink(missing_ok=True)
    _create_database()
    dealer = QuestionDealer(questions or [])
    runs: list[dict[str, float]] = []
    direct: list[dict[str, float]] = []
    loads: list[dict[str, Any]] = []
    spied: dict[str, Any] = {}
    idle: dict[int, float] = {}
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
        for n_workers in workers or [1]:
            if server is None or server.workers != n_workers:
                if server is not None:
                    server.stop()
                server = ServerProcess(data_dir, log_path, workers=n_workers)
                server.start_and_wait_ready()
            _warm_every_worker(server)
            idle[n_workers] = round(server.rss_mb(), 1)
            plan = [(n, 0.0) for n in sessions] + ([(max(sessions), think_s)] if think_s > 0 else [])
            for n, think in plan:
                spy_here = profile and n_workers == 1 and n == max(sessions) and not think
                loads.append(_one_load(server, out_dir, n, messages, dealer.take(n * messages), think,
                                       spy_here, spied))
    finally:
        if server is not None:
            server.stop()
    ready = [r["readyz_s"] for r in runs]
    closed = [r for r in loads if not r.get("think_s")]
    return {
        "cold_start": {"runs": runs, "median_s": round(statistics.median(ready), 3),
                       "uvicorn_factory_runs": direct,
                       "uvicorn_factory_median_s": round(statistics.median([r["readyz_s"] for r in direct]), 3),
                       "note": "process start to /readyz 200 with an existing index and model export; runs = "
                               "`genechat serve`, uvicorn_factory = `python -m uvicorn bot.api.app:create_app "
                               "--factory`; the SQLite DB is migrated before the first start"},
        "server_imports": _import_times(),
        "idle_rss_mb": idle.get(1, next(iter(idle.values()), None)),
        "idle_rss_mb_by_workers": idle,
        "questions": f"{len(questions)} eval questions, each asked once while they last" if questions
                     else "load.py's six built-in questions",
        "load": loads,
        "peak_rss_mb": max((r.get("peak_rss_mb") or 0 for r in closed), default=None) or None,
        "peak_process_rss_mb": max((r.get("peak_process_rss_mb") or 0 for r in loads), default=None) or None,
        "server_profile": spied or None,
    }


WARM_UP_QUESTIONS = ["what is pharmacogenomics", "how do I read my report", "hello"]


def _warm_every_worker(server: ServerProcess) -> None:
    """A few conversations before measuring, so every worker is ready and has its reading-level dictionary
    loaded (the cold start is measured on its own); the questions are not among the measured ones."""
    run_load(server.url, 2 * server.workers, len(WARM_UP_QUESTIONS), WARM_UP_QUESTIONS * 2 * server.workers)


def _one_load(server: ServerProcess, out_dir: Path, n: int, messages: int, questions: list[str] | None,
              think_s: float, spy: bool, spied: dict[str, Any]) -> dict[str, Any]:
    spy_file = out_dir / f"server_profile_{n}_sessions.txt"
    if spy:
        spy_file.unlink(missing_ok=True)
    with PeakRss(server) as rss, _maybe_spy(server, spy_file, spy, spied):
        started, server_cpu, client_cpu = time.perf_counter(), server.cpu_seconds(), time.process_time()
        try:
            data = run_load(server.url, n, messages, questions, think_s)
        except Exception as exc:  # noqa: BLE001 - keep the other numbers; report the failure
            return {"sessions": n, "workers": server.workers, "think_s": think_s,
                    "error": f"{type(exc).__name__}: {exc}"}
        wall = time.perf_counter() - started
        server_cpu, client_cpu = server.cpu_seconds() - server_cpu, time.process_time() - client_cpu
    sent = data.get("requests") or n * messages
    # CPU per message says what a closed loop can reach: 2 cores / (server + client CPU per message) msg/s
    data["server_cpu_ms_per_message"] = round(server_cpu * 1000 / sent, 2)
    # the bench process: load client, reading conversations back, RSS sampler
    data["client_cpu_ms_per_message"] = round(client_cpu * 1000 / sent, 2)
    data.setdefault("sessions", n)
    data.setdefault("messages_per_session", messages)
    data["workers"], data["think_s"] = server.workers, think_s
    data["wall_with_audit_s"] = round(wall, 3)  # load.py's own wall_s excludes reading conversations back
    data.setdefault("throughput_rps", round(n * messages / wall, 1) if wall else None)
    data["peak_rss_mb"] = round(rss.peak_mb, 1)
    data["peak_process_rss_mb"] = round(rss.peak_process_mb, 1)
    return data
