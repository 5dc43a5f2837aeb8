"""Login back-off per account and per client address (issue 17): brute force slows down whichever it rotates.

One attempt at a time per username and per address: a second one while the first is being checked is refused
at once (a password check costs ~0.15 s of every core, on purpose, so parallel guessing would starve the API).
Each failure is counted under the username and under the address. Past ``FREE_FAILURES`` on a key, that key
waits before it may try again, twice as long after each further failure (up to ``MAX_WAIT``); a success clears
the account's count. Counts are forgotten ``FORGET_AFTER`` after the last failure. They live in process memory:
with several workers each keeps its own (like the rate limits' memory:// storage).

>>> guard = LoginGuard(clock=lambda: 0.0)
>>> for _ in range(5): guard.failed("casey", "10.0.0.1")
>>> guard.wait_for("casey", "10.0.0.9"), guard.wait_for("dana", "10.0.0.1"), guard.wait_for("dana", "10.0.0.9")
(15, 15, 0)
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 5
FIRST_WAIT = 15.0
MAX_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MAX_KEYS = 100_000  # a flood of made-up usernames cannot grow memory without bound


@dataclass
class _Record:
    failures: int
    last: float


class LoginGuard:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._records: dict[str, _Record] = {}
        self._checking: set[str] = set()
        self._lock = threading.Lock()

    @staticmethod
    def _keys(username: str, address: str) -> tuple[str, str]:
        return "user:" + username.strip().lower()[:64], "addr:" + address

    def _wait(self, key: str, now: float) -> float:
        rec = self._records.get(key)
        if rec is None or now - rec.last > FORGET_AFTER or rec.failures < FREE_FAILURES:
            return 0.0
        wait = min(MAX_WAIT, FIRST_WAIT * 2 ** (rec.failures - FREE_FAILURES))
        return max(0.0, rec.last + wait - now)

    def wait_for(self, username: str, address: str) -> int:
        """Seconds before this username or this address may try again (0 = now)."""
        now = self.clock()
        with self._lock:
            return math.ceil(max(self._wait(k, now) for k in self._keys(username, address)))

    def begin(self, username: str, address: str) -> int:
        """Start an attempt: 0 if it may go ahead (call ``end`` after), else the seconds to wait."""
        keys = self._keys(username, address)
        now = self.clock()
        with self._lock:
            wait = math.ceil(max(self._wait(k, now) for k in keys))
            if wait:
                return wait
            if any(k in self._checking for k in keys):
                return 1
            self._checking.update(keys)
            return 0

    def end(self, username: str, address: str) -> None:
        with self._lock:
            self._checking.difference_update(self._keys(username, address))

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._records) >= MAX_KEYS:
                self._records = {k: r for k, r in self._records.items() if now - r.last <= FORGET_AFTER}
            for key in self._keys(username, address):
                rec = self._records.get(key)
                if rec is None or now - rec.last > FORGET_AFTER:
                    rec = self._records[key] = _Record(0, now)
                rec.failures += 1
                rec.last = now

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._records.pop(self._keys(username, "")[0], None)
