"""Why `Database.serialized_writes` exists: 16 threads writing to one SQLite file, with SQLite's own busy
handler (sleep and retry) and with our lock in front of it. Prints write latency percentiles.

    .venv/bin/python -m benchmarks.sqlite_writers [--threads 16] [--writes 60]
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text

from benchmarks.stats import percentiles
from bot.store.db import Database


def _busy(n: int) -> int:
    return sum(range(n))  # Python work, as an ORM flush or the engine would do


def run(threads: int, writes: int, use_lock: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="genechat-sqlite-") as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'w.sqlite3'}")
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"))
        samples: list[float] = []
        guard = threading.Lock()

        def worker() -> None:
            for _ in range(writes):
                start = time.perf_counter()
                with db.sessions() as s, (db.serialized_writes() if use_lock else contextlib.nullcontext()):
                    s.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": "x" * 200})
                    _busy(20_000)  # while holding SQLite's write lock
                    s.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": "y" * 200})
                    s.commit()
                _busy(60_000)  # outside the transaction
                with guard:
                    samples.append((time.perf_counter() - start) * 1000)

        started = time.perf_counter()
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall = time.perf_counter() - started
        db.dispose()
    return {**percentiles(samples), "wall_s": round(wall, 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--writes", type=int, default=60)
    args = ap.parse_args(argv)
    for label, use_lock in (("SQLite busy handler", False), ("serialized_writes lock", True)):
        r = run(args.threads, args.writes, use_lock)
        print(f"{label:24} p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  p99 {r['p99_ms']:7.1f}  "
              f"max {r['max_ms']:7.1f} ms  wall {r['wall_s']:.2f} s")


if __name__ == "__main__":
    main()
