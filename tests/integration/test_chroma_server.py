"""Index and query through a real Chroma server (`chroma run`) via GENECHAT_CHROMA_URL."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.config import get_settings
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.indexer import build_index
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import ChromaStore
from bot.retrieval.terms import load_synonyms

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_url(tmp_path: Path):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "")
    if not chroma.is_file():
        pytest.skip("the `chroma` CLI (from chromadb) is not installed in this environment")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False", "RUST_LOG": "warn"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"Chroma server did not answer within 30 s; log: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
    yield url
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)
    log.close()


def test_index_and_query_through_chroma_server(chroma_url: str, approved_kb: Path, monkeypatch) -> None:
    monkeypatch.setenv("GENECHAT_CHROMA_URL", chroma_url)
    get_settings.cache_clear()
    store = ChromaStore.from_settings(get_settings())
    assert type(store.client).__name__ != "PersistentClient"
    embedder = HashEmbedder()
    first = build_index(approved_kb, store, embedder)
    assert first.embedded == first.chunks > 0
    # a second client (another app worker) sees the same index and re-embeds nothing
    second = build_index(approved_kb, ChromaStore.from_settings(get_settings()), embedder)
    assert second.embedded == 0
    searcher = HybridSearcher(ChromaStore.from_settings(get_settings()), embedder, load_synonyms(approved_kb))
    assert searcher.search("is plavix affected by my genes", k=1)[0].doc_id == "drug-clopidogrel"
    assert not (Path(get_settings().data_dir) / "chroma").exists()  # nothing embedded locally
