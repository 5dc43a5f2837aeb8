"""Readiness: the conversation engine warms up in a background thread so /healthz answers at once."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time

import structlog

from bot.config import Settings
from bot.conversation.engine import ENGINE_COMPONENTS, get_engine
from bot.core.protocols import Engine
from bot.safety.languages.detect import start_detector
from bot.store.db import Database

log = structlog.get_logger("bot.api.readiness")


class Readiness:
    """Holds the engine and knows which parts are ready: database, embedder, vector store, classifier."""

    def __init__(self, settings: Settings, db: Database, engine: Engine | None = None, *,
                 freeze_gc: bool | None = None):
        self.settings = settings
        self.db = db
        self.engine = engine
        # by default only the real, process-wide engine is frozen: an app a test builds around a fake is short-lived
        self._freeze_gc = engine is None if freeze_gc is None else freeze_gc
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
                self.engine = get_engine(self.settings)
            self.engine.warm_up()
            self._warm.set()
            log.info("engine_ready", seconds=round(time.perf_counter() - started, 2))
            if self._freeze_gc:  # the real, process-wide engine (not a test's fake)
                # lingua loads its models in a process of its own, beside this one, so the first message in
                # another language need not wait for them (bot/safety/languages/detect.py)
                start_detector()
                self._freeze_long_lived_objects()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz instead of killing the server
            self._failed = type(exc).__name__
            log.error("engine_warm_up_failed", error_type=self._failed, error_code=getattr(exc, "code", None))

    def _freeze_long_lived_objects(self) -> None:
        """Move the models, indexes and dictionaries (~370,000 objects that live as long as the process) out of
        the garbage collector's way. Otherwise every full collection walks them, about 140 ms with the GIL held,
        stalling every request in flight; frozen, it skips them. Later objects are collected as usual."""
        assert self.engine is not None
        self.engine.wait_until_settled()
        gc.collect()
        gc.freeze()
        log.info("long_lived_objects_frozen", objects=gc.get_freeze_count())
        _return_free_memory()

    def wait(self, timeout: float) -> bool:
        return self._warm.wait(timeout)

    @property
    def engine_ready(self) -> bool:
        return self._warm.is_set()

    def checks(self) -> dict[str, bool]:
        """Each component as the engine itself reports it (all False until warm-up has finished)."""
        checks = {"database": self.db.ping() and self.db.current_revision() is not None}
        parts = self.engine.readiness() if self.engine_ready and self.engine is not None else {}
        for name in ENGINE_COMPONENTS:
            checks[name] = bool(parts.get(name, False))
        return checks


def _return_free_memory() -> None:
    """Hand the C heap's free pages back to the system once warm: loading the models leaves ~40 MB of freed
    buffers that glibc's malloc would otherwise keep in the process for good. No-op where there is no malloc_trim."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass
