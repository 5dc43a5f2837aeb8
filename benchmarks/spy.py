"""Sample a running server with py-spy (every thread, native code hidden) and summarise where time goes.

pyinstrument only sees the thread it starts in, while uvicorn answers requests in a thread pool,
so the server is profiled from outside with py-spy's collapsed-stack ("raw") output.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT

ATTACH_S = 1.5  # py-spy needs about this long to attach before an interrupt makes it write its samples

_FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^:()]+)(?::\d+)?\)$")


def py_spy_binary() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.is_file() else shutil.which("py-spy")


class PySpy:
    """``with PySpy(pid, out_file):`` records while the block runs; ``available`` is False without py-spy."""

    def __init__(self, pid: int, out_file: Path, rate: int = 250):
        self.binary = py_spy_binary()
        self.available = self.binary is not None
        self.cmd = [self.binary or "py-spy", "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw",
                    "--output", str(out_file), "--nonblocking"]
        self.out_file = out_file
        self.proc: subprocess.Popen[bytes] | None = None
        self.error: str | None = None
        self._started = 0.0

    def __enter__(self) -> PySpy:
        if self.available:
            self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self._started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        # interrupted before it has attached (a short block on an idle machine), py-spy exits writing nothing
        time.sleep(max(0.0, ATTACH_S - (time.monotonic() - self._started)))
        self.proc.send_signal(signal.SIGINT)  # py-spy writes its output when interrupted
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        if not self.out_file.is_file():
            self.error = (err or b"").decode(errors="replace")[-500:] or "py-spy wrote no output"


def _name(frame: str) -> str:
    m = _FRAME.match(frame.strip())
    if not m:
        return frame.strip()
    file = m.group("file")
    for marker in ("site-packages/", f"{PROJECT_ROOT}/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{m.group('func')} ({file})"


# first match wins, checked from the innermost frame outwards
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("waiting (locks, thread pool, event loop idle)", ("Condition.wait", "select (selectors", "_run_once (asyncio")),
    ("query embedding (ONNX Runtime)", ("OnnxEmbedder",)),
    ("vector store (Chroma)", ("chromadb/",)),
    ("BM25 (bm25s)", ("bm25s/",)),
    ("triage classifier (scikit-learn)", ("sklearn/", "safety/classifier.py")),
    ("readability (textstat)", ("textstat/",)),
    ("database (SQLAlchemy + SQLite)", ("sqlalchemy/", "bot/store/")),
    ("engine: other steps", ("bot/conversation/", "bot/answering/", "bot/safety/", "bot/retrieval/")),
    ("report parsing", ("bot/reports/",)),
    ("HTTP + validation (uvicorn, FastAPI, pydantic)", ("uvicorn/", "fastapi/", "starlette/", "pydantic", "bot/api/")),
]


def _category(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, markers in CATEGORIES:
            if any(m in frame for m in markers):
                return name
    return "other"


def summarize(raw_file: Path, top: int = 20) -> dict[str, Any]:
    """Where the samples went: coarse categories, GeneChat functions (inclusive), and leaf functions."""
    total: Counter[str] = Counter()
    own: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    samples = 0
    for line in raw_file.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [_name(f) for f in stack.split(";") if f.strip()]
        samples += n
        categories[_category(frames)] += n
        for name in {f for f in frames if "(bot/" in f}:
            total[name] += n
        if frames:
            own[frames[-1]] += n

    def share(counter: Counter[str], limit: int | None = top) -> list[dict[str, Any]]:
        return [{"function": f, "share": round(c / samples, 3)} for f, c in counter.most_common(limit)]

    return {"samples": samples, "by_category": [{"category": d["function"], "share": d["share"]}
                                                 for d in share(categories, None)],
            "genechat_functions_inclusive": share(total), "leaf_functions": share(own)}
