"""Matplotlib plots for the HTML report, returned as base64 PNG strings (the page embeds them)."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # no display on servers and CI
import matplotlib.pyplot as plt  # noqa: E402

from bot.evals.results import SuiteResult  # noqa: E402


def _png(fig: plt.Figure) -> str:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def confusion_png(suite: SuiteResult) -> str | None:
    if not suite.confusion:
        return None
    rows = list(suite.confusion)
    cols = list(next(iter(suite.confusion.values())))
    data = [[suite.confusion[r][c] for c in cols] for r in rows]
    fig, ax = plt.subplots(figsize=(5.2, 3.8))
    ax.imshow(data, cmap="Blues")
    ax.set_xticks(range(len(cols)), cols, rotation=30)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("actual action")
    ax.set_ylabel("expected action")
    ax.set_title(f"{suite.name}: confusion matrix")
    peak = max(max(r) for r in data) or 1
    for i, row in enumerate(data):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black")
    return _png(fig)


def histogram_png(values: list[float], title: str, xlabel: str, marker: float | None = None) -> str | None:
    if not values:
        return None
    fig, ax = plt.subplots(figsize=(5.2, 3.2))
    ax.hist(values, bins=min(30, max(5, len(values) // 5)), color="#4878a8")
    if marker is not None:
        ax.axvline(marker, color="#c0392b", linestyle="--", label=f"limit {marker:g}")
        ax.legend()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cases")
    return _png(fig)


def trend_png(current: dict[str, dict[str, float | None]], baseline: dict[str, dict[str, float | None]],
              kinds: dict[str, str]) -> str | None:
    """Rate metrics now vs the committed baseline, side by side."""
    labels, now, base = [], [], []
    for suite, scores in current.items():
        for name, value in scores.items():
            if kinds.get(f"{suite}.{name}") != "rate" or value is None:
                continue
            labels.append(f"{suite}.{name}")
            now.append(value)
            base.append(baseline.get(suite, {}).get(name) or 0.0)
    if not labels:
        return None
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(labels) + 1.2))
    y = range(len(labels))
    ax.barh([i + 0.2 for i in y], base, height=0.4, label="baseline", color="#bbbbbb")
    ax.barh([i - 0.2 for i in y], now, height=0.4, label="this run", color="#4878a8")
    ax.set_yticks(list(y), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_title("Rates: this run vs baseline")
    ax.legend(loc="lower right")
    return _png(fig)


KEY_METRICS = ("action_accuracy", "escalation_recall", "emergency_recall", "citation_coverage", "hit_at_3", "mrr",
               "groundedness")


def history_png(history: list[dict], baseline: dict[str, dict[str, float | None]]) -> str | None:
    """Key rates over the last runs (solid) with the baseline (dotted), when there are at least two runs."""
    if len(history) < 2:
        return None
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = list(range(1, len(history) + 1))
    for suite in sorted({s for h in history for s in h.get("scores", {})}):
        for name in KEY_METRICS:
            ys = [h.get("scores", {}).get(suite, {}).get(name) for h in history]
            if all(y is None for y in ys):
                continue
            (line,) = ax.plot(xs, [y if y is not None else float("nan") for y in ys], marker="o",
                              label=f"{suite}.{name}")
            base = baseline.get(suite, {}).get(name)
            if base is not None:
                ax.axhline(base, color=line.get_color(), linestyle=":", linewidth=1)
    ax.set_xticks(xs)
    ax.set_xlabel("run (oldest to newest)")
    ax.set_title("Key rates over recent runs (dotted: baseline)")
    ax.legend(fontsize=7, loc="lower left", ncol=2)
    return _png(fig)
