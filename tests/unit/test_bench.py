"""`python -m benchmarks --tiny` runs every section end to end and writes results.json (timings never asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.__main__ import app
from benchmarks.targets import section_errors

EXPECTED_TOP = {"machine", "config", "embedder", "questions", "index", "inprocess", "targets"}
EXPECTED_LATENCY = {"n", "p50_ms", "p95_ms", "p99_ms"}


def _bench(out: Path, *extra: str) -> dict:
    args = ["--tiny", "--embedder", "hash", "--naive-embeddings", "hash", "--out", str(out), *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads((out / "results.json").read_text())


@pytest.fixture
def bench_kb(approved_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENECHAT_KB_DIR", str(approved_kb))
    return approved_kb


def test_tiny_bench_writes_results_with_engine_naive_floor_and_index_sections(bench_kb: Path, tmp_path: Path) -> None:
    results = _bench(tmp_path / "out", "--skip", "http")

    assert EXPECTED_TOP <= set(results)
    assert results["machine"]["cores_usable"] >= 1 and results["machine"]["cpu_model"]
    inproc = results["inprocess"]
    for key in ("engine", "engine_repeat", "naive"):
        assert EXPECTED_LATENCY <= set(inproc[key]), key
    assert EXPECTED_LATENCY <= set(inproc["floor"]["floor"])
    assert set(inproc["ratio"]) == {"p50", "p95", "p99"}
    assert results["index"]["kb"]["chunks"] > 0
    synthetic = results["index"]["synthetic"]
    assert [run["chunks"] for run in synthetic] == [300]
    assert EXPECTED_LATENCY <= set(synthetic[0]["hybrid_search"])
    assert {"engine_p95_ms", "ratio_p50", "cold_start_s", "peak_rss_mb"} <= set(results["targets"])
    assert not list(section_errors(results)), "a bench section failed"
    assert (tmp_path / "out" / "engine_profile.txt").stat().st_size > 0


def test_bench_leaves_the_configured_data_dir_without_index_or_database(
    bench_kb: Path, tmp_path: Path, isolated_data_dir: Path
) -> None:
    _bench(tmp_path / "out", "--skip", "http", "--skip", "index", "--skip", "naive", "--skip", "profile")

    assert not (isolated_data_dir / "chroma").exists()
    assert not list(isolated_data_dir.glob("*.sqlite3"))


def test_unknown_section_is_refused_with_the_valid_choices(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--tiny", "--skip", "everything", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "inprocess" in str(result.exception) or "inprocess" in result.output


@pytest.mark.slow
def test_tiny_bench_http_section_reports_cold_start_load_and_memory(bench_kb: Path, tmp_path: Path) -> None:
    results = _bench(tmp_path / "out", "--skip", "inprocess", "--skip", "index", "--skip", "naive")

    http = results["http"]
    assert not list(section_errors(http)), http
    assert http["cold_start"]["median_s"] > 0 and http["cold_start"]["uvicorn_factory_runs"]
    # closed loop at 1 and 2 sessions, then 2 sessions pausing between messages
    assert [(run["sessions"], run["workers"], run["think_s"] > 0) for run in http["load"]] == [
        (1, 1, False), (2, 1, False), (2, 1, True)]
    for run in http["load"]:
        assert {"p50_ms", "p95_ms", "lost", "duplicated", "throughput_rps", "peak_rss_mb",
                "peak_process_rss_mb", "server_cpu_ms_per_message"} <= set(run)
        assert run["server_cpu_ms_per_message"] > 0
        assert run["lost"] == 0 and run["duplicated"] == 0 and run["errors"] == 0
    assert "eval questions" in http["questions"]
    assert http["peak_rss_mb"] > 0 and 0 < http["peak_process_rss_mb"] <= http["peak_rss_mb"]
