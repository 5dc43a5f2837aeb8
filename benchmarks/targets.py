"""The issue's targets, checked against one results dict, and the printed summary table."""

from __future__ import annotations

from typing import Any


def get_path(results: dict[str, Any], *path: str | int) -> Any:
    node: Any = results
    for key in path:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def _load_at(results: dict[str, Any], sessions: int, workers: int, paced: bool = False) -> dict[str, Any] | None:
    for run in get_path(results, "http", "load") or []:
        if (run.get("sessions"), run.get("workers", 1), bool(run.get("think_s"))) == (sessions, workers, paced):
            return run
    return None


def _p95(run: dict[str, Any] | None) -> float | None:
    return run.get("p95_ms") if run else None


def _synthetic(results: dict[str, Any], n: int) -> dict[str, Any] | None:
    for run in get_path(results, "index", "synthetic") or []:
        if run.get("chunks") == n:
            return run
    return None


# (key, label, limit, how to read the value); lower is better for every target
TARGETS: list[tuple[str, str, float]] = [
    ("engine_p95_ms", "engine p95 (ms)", 15.0),
    ("ratio_p50", "engine / naive, p50", 0.5),
    ("http16_p95_ms", "HTTP p95, 16 sessions, 1 worker (ms)", 50.0),
    ("http16_2w_p95_ms", "HTTP p95, 16 sessions, 2 workers (ms)", 50.0),
    ("http16_paced_p95_ms", "HTTP p95, 16 sessions pausing ~1 s (ms)", 50.0),
    ("http_lost_or_duplicated", "HTTP lost + duplicated messages", 0.0),
    ("cold_start_s", "cold start to /readyz (s)", 3.0),
    ("synthetic_100k_query_p95_ms", "100k chunks hybrid query p95 (ms)", 30.0),
    ("peak_rss_mb", "peak RSS of one server process (MB)", 500.0),
]


def headline(results: dict[str, Any]) -> dict[str, float | None]:
    """The single numbers the targets are about (None when that section did not run)."""
    lost = None
    runs = get_path(results, "http", "load") or []
    if runs and all(r.get("lost") is not None for r in runs):
        lost = float(sum((r.get("lost") or 0) + (r.get("duplicated") or 0) for r in runs))
    syn = _synthetic(results, 100_000)
    return {
        "engine_p95_ms": get_path(results, "inprocess", "engine", "p95_ms"),
        "ratio_p50": get_path(results, "inprocess", "ratio", "p50"),
        "http16_p95_ms": _p95(_load_at(results, 16, 1)),
        "http16_2w_p95_ms": _p95(_load_at(results, 16, 2)),
        "http16_paced_p95_ms": _p95(_load_at(results, 16, 2, paced=True) or _load_at(results, 16, 1, paced=True)),
        "http_lost_or_duplicated": lost,
        "cold_start_s": get_path(results, "http", "cold_start", "median_s"),
        "synthetic_100k_query_p95_ms": get_path(syn, "hybrid_search", "p95_ms") if syn else None,
        "peak_rss_mb": get_path(results, "http", "peak_process_rss_mb"),
    }


def check_targets(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    values = headline(results)
    return {
        key: {"label": label, "target": f"<= {limit:g}", "value": values[key],
              "met": None if values[key] is None else bool(values[key] <= limit)}
        for key, label, limit in TARGETS
    }


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def latency_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def lat(label: str, stats: dict[str, Any] | None) -> None:
        if stats and stats.get("n"):
            rows.append((label, fmt(stats["p50_ms"]), fmt(stats["p95_ms"]), fmt(stats["p99_ms"])))

    lat("engine (first ask, uncached)", get_path(results, "inprocess", "engine"))
    lat("engine (repeat, cached)", get_path(results, "inprocess", "engine_repeat"))
    lat("naive LangChain + Chroma", get_path(results, "inprocess", "naive"))
    lat("naive, torch on 1 thread", get_path(results, "inprocess", "naive_torch_1_thread"))
    lat("floor: embed + vector query", get_path(results, "inprocess", "floor", "floor"))
    lat("  embed query alone", get_path(results, "inprocess", "floor", "embed_query"))
    lat("  vector query alone (k=4)", get_path(results, "inprocess", "floor", "vector_query_k4"))
    lat("  hybrid search (embed+dense+BM25)", get_path(results, "inprocess", "floor", "hybrid_search"))
    lat("  naive: embed_query alone (torch)", get_path(results, "inprocess", "naive_embed_query"))
    for run in get_path(results, "http", "load") or []:
        paced = f", paced {fmt(run['think_s'])} s" if run.get("think_s") else ""
        lat(f"HTTP {run['sessions']} sessions, {run.get('workers', 1)}w{paced} ({fmt(run.get('throughput_rps'))} msg/s)",
            run.get("latency") or run)
    for run in get_path(results, "index", "synthetic") or []:
        lat(f"{run['chunks']:,} chunks: vector query k=30", run.get("vector_query_k30"))
        lat(f"{run['chunks']:,} chunks: hybrid search", run.get("hybrid_search"))
    return rows


def section_errors(node: Any, where: str = "") -> Any:
    """(where, message) for every section of a results dict that recorded an error."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("error", "compare_error") and isinstance(value, str):
                yield where or key, value
            else:
                yield from section_errors(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from section_errors(value, f"{where}[{i}]")


def render_table(results: dict[str, Any]) -> str:
    """Plain-text summary: latencies, then the targets."""
    lines = [f"{'latency (ms)':44} {'p50':>8} {'p95':>8} {'p99':>8}"]
    lines += [f"{a:44} {b:>8} {c:>8} {d:>8}" for a, b, c, d in latency_rows(results)]
    for key, label in (("ratio", "engine / naive"), ("ratio_vs_naive_1_thread", "engine / naive (torch 1 thread)")):
        r = get_path(results, "inprocess", key)
        if r:
            lines.append(f"{label:44} {r['p50']:>8} {r['p95']:>8} {r['p99']:>8}")
    lines.append("")
    lines.append(f"{'target':44} {'value':>8} {'limit':>8} {'met':>8}")
    for t in results.get("targets", {}).values():
        met = {True: "yes", False: "NO", None: "-"}[t["met"]]
        lines.append(f"{t['label']:44} {fmt(t['value']):>8} {t['target']:>8} {met:>8}")
    kb = get_path(results, "index", "kb")
    if kb and "error" not in kb:
        lines.append(f"\nKB index: {kb['chunks']} chunks from {kb['documents']} docs in {kb['build_s']} s "
                     f"({kb['chunks_per_s']} chunks/s); no-change re-index {kb['incremental_noop_s']} s")
    for run in get_path(results, "index", "synthetic") or []:
        lines.append(f"{run['chunks']:,} synthetic chunks: store build {run['build_s']} s "
                     f"({run['store_chunks_per_s']} chunks/s, random vectors); searcher init {run['hybrid_searcher_init_s']} s")
    errors = list(section_errors(results))
    if errors:
        lines.append("\nSections that failed (details in results.json):")
        lines += [f"  {where}: {message[:300]}" for where, message in errors]
    m = results.get("machine", {})
    lines.append(f"\nMachine: {m.get('cpu_model')}, {m.get('cores_usable')} usable cores, "
                 f"{m.get('memory_total_mb')} MB RAM, load avg {m.get('load_average_1m')}")
    return "\n".join(lines)
