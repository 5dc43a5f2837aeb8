"""Shared test fixtures: every test gets its own data dir, and reference data is found by path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, get_settings

SHARED_DIR = PROJECT_ROOT.parent / "shared"
REFERENCE_DIR = SHARED_DIR / "reference"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point GeneChat's data dir (SQLite, Chroma, exports) at a fresh temp folder for each test."""
    data = tmp_path / "data"
    monkeypatch.setenv("GENECHAT_DATA_DIR", str(data))
    # scripts/with-postgres.sh exports a shared server URL; tests use `database_url` for a fresh one instead.
    monkeypatch.delenv("GENECHAT_DATABASE_URL", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    get_settings.cache_clear()
    yield data
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """../shared/reference (PharmCAT and FHIR examples). Skips clearly when ../shared is absent."""
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"reference data not found at {REFERENCE_DIR}: clone the project with ../shared beside it")
    return REFERENCE_DIR


@pytest.fixture(scope="session")
def models_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ONNX export shared by the whole test session (exporting takes a few seconds)."""
    return tmp_path_factory.mktemp("models")


FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture
def approved_kb(tmp_path: Path) -> Path:
    """A copy of the small hand-written fixture KB, every document approved."""
    import shutil

    from bot.knowledge.approval import approve
    from bot.knowledge.loader import load_kb

    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    for doc in load_kb(target):
        approve(target, doc, "Test Reviewer")
    return target


@pytest.fixture(scope="session")
def kb_index(tmp_path_factory: pytest.TempPathFactory, models_cache_dir: Path):
    """A real index of knowledge_base/ with the serving (ONNX) embedder, built once per test session.

    Returns (settings, embedder, searcher); slow tests share it instead of each building their own.
    """
    from bot.config import Settings
    from bot.retrieval.embedders import get_embedder
    from bot.retrieval.indexer import build_index
    from bot.retrieval.search import HybridSearcher
    from bot.retrieval.store import ChromaStore
    from bot.retrieval.terms import load_synonyms

    settings = Settings(data_dir=tmp_path_factory.mktemp("kb_index") / "data", embedder="onnx")
    embedder = get_embedder("onnx", None, str(models_cache_dir))
    store = ChromaStore.from_settings(settings)
    build_index(settings.kb_dir, store, embedder)
    return settings, embedder, HybridSearcher(store, embedder, load_synonyms(settings.kb_dir))


# Store/API tests run on SQLite, and on PostgreSQL too when scripts/with-postgres.sh provides a server.
_BACKENDS = ["sqlite", "postgresql"] if os.environ.get("GENECHAT_TEST_POSTGRES_URL") else ["sqlite"]


@pytest.fixture(params=_BACKENDS)
def database_url(request: pytest.FixtureRequest, isolated_data_dir: Path) -> Iterator[str]:
    """A fresh, empty database for one test: a SQLite file, or a new PostgreSQL database on the server
    at GENECHAT_TEST_POSTGRES_URL (tests/integration/test_api_postgres.py says clearly when it is unset)."""
    if request.param == "sqlite":
        yield f"sqlite:///{isolated_data_dir / 'genechat.sqlite3'}"
        return
    from tests.support.store import POSTGRES_ENV, fresh_postgres_database

    with fresh_postgres_database(os.environ[POSTGRES_ENV]) as url:
        yield url


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """A warmed fast engine (tests/support/engine.py), one per test module; a module that needs more overrides it."""
    from tests.support.engine import make_test_engine

    e = make_test_engine(tmp_path_factory.mktemp("engine"))
    e.warm_up()
    return e
