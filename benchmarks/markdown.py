"""results.json as the Markdown tables pasted into BENCHMARKS.md (written to benchmarks/out/results.md)."""

from __future__ import annotations

from typing import Any

from benchmarks.targets import fmt, get_path, latency_rows


def render_markdown(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    q = results.get("questions", {})
    lines = [
        f"Measured {m.get('measured_at')} on {m.get('cpu_model')}, {m.get('cores_usable')} usable cores, "
        f"{m.get('memory_total_mb')} MB RAM, Python {m.get('python')}; 1-minute load average at start "
        f"{m.get('load_average_1m')} (the machine is shared). Questions: {q.get('count')} from {q.get('source')}.",
        "",
        "| latency (ms) | p50 | p95 | p99 |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {a.strip()} | {b} | {c} | {d} |" for a, b, c, d in latency_rows(results)]
    ratio = get_path(results, "inprocess", "ratio")
    if ratio:
        lines += ["", f"Engine / naive ratio: p50 **{ratio['p50']}**, p95 {ratio['p95']}, p99 {ratio['p99']}."]
    one = get_path(results, "inprocess", "ratio_vs_naive_1_thread")
    if one:
        lines += [f"Engine / naive with torch on 1 thread: p50 {one['p50']}, p95 {one['p95']}, p99 {one['p99']}."]
    lines += ["", "| target | value | limit | met |", "|---|---:|---:|:---:|"]
    for t in results.get("targets", {}).values():
        met = {True: "yes", False: "**no**", None: "-"}[t["met"]]
        lines.append(f"| {t['label']} | {fmt(t['value'])} | {t['target']} | {met} |")
    return "\n".join(lines) + "\n"
