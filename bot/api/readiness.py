"""Readiness: the conversation engine warms up in a background thread so /healthz answers at once."""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

import structlog

from bot.config import Settings
from bot.store.db import Database

log = structlog.get_logger("bot.api.readiness")

ENGINE_COMPONENTS = ("vector_store", "embedding_model")


def load_engine(settings: Settings) -> Any:
    """The real conversation engine, built lazily so importing the API never loads a model."""
    from bot.conversation.engine import get_engine

    try:
        return get_engine(settings)
    except TypeError:  # get_engine() that reads get_settings() itself
        return get_engine()


class Readiness:
    """Holds the engine and knows which parts are ready: database, vector store, embedding model."""

    def __init__(self, settings: Settings, db: Database, engine: Any | None = None):
        self.settings = settings
        self.db = db
        self.engine = engine
        self._warm = threading.Event()
        self._failed: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._warm_up, name="genechat-warm-up", daemon=True)
            self._thread.start()

    def _warm_up(self) -> None:
        started = time.perf_counter()
        try:
            if self.engine is None:
                self.engine = load_engine(self.settings)
            warm = getattr(self.engine, "warm_up", None)
            if callable(warm):
                warm()
            self._warm.set()
            log.info("engine_ready", seconds=round(time.perf_counter() - started, 2))
            self._freeze_long_lived_objects()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz instead of killing the server
            self._failed = type(exc).__name__
            log.error("engine_warm_up_failed", error_type=self._failed, error_code=getattr(exc, "code", None))

    def _freeze_long_lived_objects(self) -> None:
        """Move the models, indexes and dictionaries (~370,000 objects that live as long as the process) out of
        the garbage collector's way. Otherwise every full collection walks them, about 140 ms with the GIL held,
        stalling every request in flight; frozen, it skips them. Later objects are collected as usual."""
        settle = getattr(self.engine, "wait_until_settled", None)
        if not callable(settle):  # not the real engine (tests inject fakes): nothing big to freeze
            return
        settle()
        gc.collect()
        gc.freeze()
        log.info("long_lived_objects_frozen", objects=gc.get_freeze_count())

    def wait(self, timeout: float) -> bool:
        return self._warm.wait(timeout)

    @property
    def engine_ready(self) -> bool:
        return self._warm.is_set()

    def checks(self) -> dict[str, bool]:
        checks = {"database": self.db.ping() and self.db.current_revision() is not None}
        detail = getattr(self.engine, "readiness", None) if self.engine_ready else None
        parts = detail() if callable(detail) else {}
        for name in ENGINE_COMPONENTS:
            checks[name] = bool(parts.get(name, self.engine_ready))
        return checks
