"""Write report.json and a self-contained report.html (plots embedded as base64 PNG, inline CSS and JS)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from bot.evals import plots
from bot.evals.gate import Thresholds
from bot.evals.results import SOFT_CHECKS, EvalRun

_CSS = """body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
th{background:#f3f3f3}.fail{color:#b3261e;font-weight:600}.ok{color:#1e7b34}.warn{color:#9a6700}
.plots img{max-width:100%;margin:6px;border:1px solid #ddd}.case{border:1px solid #ddd;margin:6px 0;padding:6px 10px}
.case pre{white-space:pre-wrap;background:#fafafa;padding:6px;margin:4px 0}.tag{display:inline-block;background:#eee;
border-radius:3px;padding:0 5px;margin-right:4px;font-size:12px}#filters{margin:8px 0}"""

_JS = """function applyFilter(){const q=document.getElementById('q').value.toLowerCase();
const s=document.getElementById('suite').value;const c=document.getElementById('check').value;let n=0;
document.querySelectorAll('.case').forEach(e=>{const show=(!s||e.dataset.suite===s)&&(!c||e.dataset.checks.split(' ').includes(c))
&&(!q||e.textContent.toLowerCase().includes(q));e.style.display=show?'':'none';if(show)n++;});
document.getElementById('count').textContent=n+' shown';}"""


def write_json(run: EvalRun, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.json"
    path.write_text(run.model_dump_json(indent=1), encoding="utf-8")
    return path


def append_history(run: EvalRun, out_dir: Path, keep: int = 30) -> list[dict]:
    """Add this run's scores to ``history.jsonl`` in the output folder; return the last ``keep`` runs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "history.jsonl"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"generated_at": run.generated_at, "scores": run.scores()}) + "\n")
    lines = path.read_text(encoding="utf-8").splitlines()[-keep:]
    return [json.loads(line) for line in lines if line.strip()]


def _summary(run: EvalRun, thresholds: Thresholds, baseline: dict[str, dict[str, float | None]]) -> str:
    failing = {(f.suite, f.metric) for f in run.gate or []}
    rows = ["<tr><th>suite</th><th>metric</th><th>score</th><th>n</th><th>threshold</th><th>baseline</th>"
            "<th>gate</th><th>what it measures</th></tr>"]
    for sname, suite in run.suites.items():
        if suite.skipped:
            rows.append(f"<tr><td>{escape(sname)}</td><td colspan=7 class=warn>skipped: {escape(suite.skipped)}</td></tr>")
            continue
        for name, m in suite.metrics.items():
            bound = thresholds.suites.get(sname, {}).get(name)
            limit = "" if bound is None else " ".join(
                f"{k} {v:g}" for k, v in (("&ge;", bound.min), ("&le;", bound.max)) if v is not None)
            base = baseline.get(sname, {}).get(name)
            status = "<span class=fail>FAIL</span>" if (sname, name) in failing else (
                "<span class=ok>ok</span>" if bound is not None or base is not None else "")
            score = "n/a" if m.score is None else f"{m.score:.4g}"
            rows.append(f"<tr><td>{escape(sname)}</td><td>{escape(name)}</td><td>{score}</td><td>{m.n}</td>"
                        f"<td>{limit}</td><td>{'' if base is None else f'{base:.4g}'}</td><td>{status}</td>"
                        f"<td>{escape(m.description)}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _plots(run: EvalRun, baseline: dict[str, dict[str, float | None]], history: list[dict]) -> str:
    images: list[tuple[str, str | None]] = []
    for suite in run.suites.values():
        if suite.skipped:
            continue
        images.append((f"{suite.name} confusion", plots.confusion_png(suite)))
        lat = [c.latency_ms for c in suite.cases if c.latency_ms is not None]
        images.append((f"{suite.name} latency", plots.histogram_png(lat, f"{suite.name}: latency", "ms")))
    answers = run.suites.get("answers")
    if answers and not answers.skipped:
        grades = [c.details["reading_grade"] for c in answers.cases if c.details.get("reading_grade") is not None]
        images.append(("reading grade", plots.histogram_png(grades, "answers: reading grade", "Flesch-Kincaid", 8)))
    kinds = {f"{s}.{n}": m.kind for s, suite in run.suites.items() for n, m in suite.metrics.items()}
    images.append(("trend", plots.trend_png(run.scores(), baseline, kinds)))
    images.append(("history", plots.history_png(history, baseline)))
    return "".join(f'<img alt="{escape(alt)}" src="data:image/png;base64,{b64}">' for alt, b64 in images if b64)


def _failure_counts(run: EvalRun) -> str:
    """Failing cases per suite and check, so the biggest problem is seen first."""
    counts: dict[tuple[str, str], int] = {}
    for suite in run.suites.values():
        for c in suite.cases:
            for name in [n for n, ok in c.checks.items() if not ok] + (["error"] if c.error else []):
                counts[(suite.name, name)] = counts.get((suite.name, name), 0) + 1
    if not counts:
        return ""
    rows = "".join(
        f"<tr><td>{escape(s)}</td><td>{escape(n)}{' (soft)' if n in SOFT_CHECKS else ''}</td><td>{k}</td></tr>"
        for (s, n), k in sorted(counts.items(), key=lambda kv: -kv[1])
    )
    return f"<table><tr><th>suite</th><th>check</th><th>failing cases</th></tr>{rows}</table>"


def _failures(run: EvalRun) -> tuple[str, list[str]]:
    items, checks = [], set()
    for suite in run.suites.values():
        for c in suite.cases:
            failed = [n for n, ok in c.checks.items() if not ok] + (["error"] if c.error else [])
            if not failed:
                continue
            checks.update(failed)
            tags = "".join(f'<span class="tag{" warn" if n in SOFT_CHECKS else ""}">{escape(n)}</span>'
                           for n in failed)
            cites = ", ".join(x.get("doc_id", "") for x in c.citations)
            detail = {k: v for k, v in c.details.items() if v not in (None, [], "")}
            items.append(
                f'<div class=case data-suite="{escape(suite.name)}" data-checks="{escape(" ".join(failed))}">'
                f"<b>{escape(suite.name)} / {escape(c.id)}</b> <small>{escape(c.where)}</small> {tags}<br>"
                f"<b>Q:</b> {escape(c.text)}<br><b>expected:</b> {escape(' or '.join(c.accepted_actions) or '-')}"
                f" {escape(c.expected_reason or '')} &nbsp; <b>got:</b> {escape(c.action or '-')} {escape(c.reason or '')}"
                f"{'<br><b>error:</b> ' + escape(c.error) if c.error else ''}"
                f"<pre>{escape(c.reply or ', '.join(c.retrieved))}</pre>"
                f"<small><b>cited:</b> {escape(cites)} &nbsp; <b>details:</b> {escape(json.dumps(detail))}</small></div>"
            )
    return "".join(items), sorted(checks)


def write_html(run: EvalRun, out_dir: Path, thresholds: Thresholds,
               baseline: dict[str, dict[str, float | None]]) -> Path:
    failures, checks = _failures(run)
    gate = run.gate
    verdict = ("<p class=warn>Gate not checked (run with --check).</p>" if gate is None else
               "<p class=ok>Gate passed.</p>" if not gate else
               "<p class=fail>Gate failed:</p><ul>" + "".join(f"<li>{escape(f.message)}</li>" for f in gate) + "</ul>")
    judge = ""
    if run.judge:
        judge = f"<h2>LLM judge</h2><pre>{escape(json.dumps(run.judge, indent=1)[:4000])}</pre>"
    notes = "".join(f"<li>{escape(n)}</li>" for n in run.notes)
    options = lambda xs: "".join(f"<option>{escape(x)}</option>" for x in xs)  # noqa: E731
    page = f"""<!doctype html><html lang=en><head><meta charset=utf-8><title>GeneChat eval report</title>
<style>{_CSS}</style></head><body><h1>GeneChat eval report</h1>
<p>Generated {escape(run.generated_at)} against <b>{escape(run.target)}</b>.</p>{verdict}
{"<ul>" + notes + "</ul>" if notes else ""}<h2>Summary</h2>{_summary(run, thresholds, baseline)}
<h2>Plots</h2><div class=plots>{_plots(run, baseline, append_history(run, out_dir))}</div>{judge}
<h2>Failures</h2>{_failure_counts(run)}<div id=filters><input id=q placeholder="search text" oninput=applyFilter()>
<select id=suite onchange=applyFilter()><option value="">all suites</option>{options(run.suites)}</select>
<select id=check onchange=applyFilter()><option value="">all checks</option>{options(checks)}</select>
<span id=count></span></div><div id=failures>{failures or "<p>No failing cases.</p>"}</div>
<script>{_JS}applyFilter();</script></body></html>"""
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path
