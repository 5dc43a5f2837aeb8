"""Remember recent replies: the same question, with the same report and the same conversation so far,
gets the same reply, so a repeat need not run the pipeline again.

Only ``answer`` and ``decline`` replies are kept. Emergencies and escalations always run the whole
pipeline (they are cheap, and the safety path should never depend on what was asked before).

>>> from bot.core.reply import Reply
>>> cache = ReplyCache(maxsize=2)
>>> key = cache.key("what is CYP2D6", report=None, history=())
>>> cache.get(key) is None
True
>>> cache.put(key, Reply(text="CYP2D6 is a gene.", action="answer", reason="general_education"))
>>> cache.get(key).text
'CYP2D6 is a gene.'
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

from pydantic_core import PydanticSerializationError

from bot.core.reply import Reply, TraceStep, Turn
from bot.core.report import Report

CACHEABLE_ACTIONS = frozenset({"answer", "decline"})


class ReplyCache:
    """A small thread-safe LRU of replies keyed on everything a reply depends on."""

    def __init__(self, maxsize: int = 1024):
        self.maxsize = maxsize
        # kept as JSON: nothing a caller does to its reply can reach the cached one, and pydantic's
        # serializer is several times cheaper than a deep copy of the model
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, *, report: Report | None, history: Sequence[Turn], medicines: Sequence[str] = ()) -> str:
        """A digest of the question, the whole report, the medicine list and every earlier turn the engine sees."""
        h = hashlib.blake2b(digest_size=16)
        for part in (text, report.model_dump_json() if report is not None else "-", "\n".join(medicines)):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        for turn in history:
            h.update(turn.model_dump_json().encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    def get(self, key: str) -> Reply | None:
        with self._lock:
            stored = self._items.get(key)
            if stored is None:
                return None
            self._items.move_to_end(key)
        hit = Reply.model_validate_json(stored)
        hit.trace.append(TraceStep(step="cache", outcome="hit", detail={"note": "same question, report and history"}))
        return hit

    def put(self, key: str, reply: Reply) -> None:
        if reply.action not in CACHEABLE_ACTIONS or self.maxsize <= 0:
            return
        try:
            stored = reply.model_dump_json()
        except PydanticSerializationError:  # a trace detail JSON cannot hold: not worth failing a reply for
            return
        with self._lock:
            self._items[key] = stored
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
