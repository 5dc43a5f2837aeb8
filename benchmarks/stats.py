"""Timing helpers and machine facts shared by every benchmark section."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")


def percentiles(samples_ms: Iterable[float]) -> dict[str, float]:
    """p50/p95/p99, mean and max of latencies in milliseconds (empty input gives n=0 only)."""
    data = np.asarray(list(samples_ms), dtype=float)
    if data.size == 0:
        return {"n": 0}
    p50, p95, p99 = np.percentile(data, [50, 95, 99])
    return {
        "n": int(data.size), "p50_ms": round(float(p50), 3), "p95_ms": round(float(p95), 3),
        "p99_ms": round(float(p99), 3), "mean_ms": round(float(data.mean()), 3), "max_ms": round(float(data.max()), 3),
    }


def time_each(fn: Callable[[T], object], items: Iterable[T]) -> list[float]:
    """Wall-clock milliseconds of ``fn(item)`` for each item, in order."""
    out: list[float] = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def interleaved(fns: dict[str, Callable[[T], object]], items: Iterable[T],
                before_each: Callable[[], object] | None = None) -> dict[str, dict[str, float]]:
    """Percentiles per named function, timing all of them on each item before the next item.

    On a shared machine background load comes and goes; interleaving spreads it over every function.
    ``before_each`` runs untimed before every call (e.g. to empty a cache).
    """
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for item in items:
        for name, fn in fns.items():
            if before_each is not None:
                before_each()
            start = time.perf_counter()
            fn(item)
            samples[name].append((time.perf_counter() - start) * 1000.0)
    return {name: percentiles(values) for name, values in samples.items()}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine_facts() -> dict[str, Any]:
    """What the numbers were measured on: cores, CPU model, memory, key package versions."""
    import psutil

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu_model": _cpu_model(),
        "cores_logical": os.cpu_count(),
        "cores_usable": usable,
        "memory_total_mb": round(psutil.virtual_memory().total / 2**20),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {d: _version(d) for d in (
            "onnxruntime", "chromadb", "bm25s", "torch", "sentence-transformers", "langchain-chroma",
            "langchain-huggingface", "fastapi", "uvicorn",
        )},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
