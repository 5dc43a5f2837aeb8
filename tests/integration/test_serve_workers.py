"""`genechat serve --workers 2`: two server processes share one database and lose no message."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from benchmarks.load import run_load
from benchmarks.server import ServerProcess

pytestmark = pytest.mark.integration


def test_two_workers_answer_every_message_exactly_once(approved_kb: Path, tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data", tmp_path / "server.log", workers=2,
                           extra_env={"GENECHAT_EMBEDDER": "hash", "GENECHAT_KB_DIR": str(approved_kb)})
    try:
        server.start_and_wait_ready(timeout=180)
        result = run_load(server.url, sessions=6, messages=4)
        workers = [p for p in psutil.Process(server.proc.pid).children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline())]  # not the resource tracker
    finally:
        server.stop()
    log = (tmp_path / "server.log").read_text()
    assert (result["lost"], result["duplicated"], result["errors"]) == (0, 0, 0), log[-2000:]
    assert result["requests"] == 24
    assert len(workers) == 2, [p.cmdline() for p in workers]
    # the parent migrated once before starting the workers: no worker tripped over another's migration
    assert "Traceback" not in log, log[-2000:]
