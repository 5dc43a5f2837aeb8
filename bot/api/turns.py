"""Fair turns for API work: a client that asks little is served before clients that ask a lot (issue 17).

Without this, every request's work queued first come, first served for the worker threads, once for each
blocking step (database session, auth check, route), so under a flood an innocent patient waited behind
everyone else's queue several times over (8 s in the abuse test). Here at most ``slots`` requests work at
once, after their body has arrived (a slow upload holds no turn), and the next turn goes to the client
(bearer token, else address) holding the fewest turns right now, then to the one served longest ago: a new
client is next. A request that waits longer than ``max_wait`` gets the same quick 503 as load shedding.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from fastapi import Request

from bot.api.errors import ApiError

_REMEMBER_S = 300.0  # how long a client's last turn counts; older ones are forgotten (bounded memory)


@dataclass
class _Waiter:
    key: str
    seq: int
    future: asyncio.Future[None] = field(repr=False)


class FairTurns:
    """At most ``slots`` holders at once; waiters go in by (turns held now, last turn, arrival)."""

    def __init__(self, slots: int, max_wait: float):
        self.slots = slots
        self.max_wait = max_wait
        self.busy = 0
        self.held: dict[str, int] = {}
        self.last_turn: dict[str, float] = {}
        self.waiting: list[_Waiter] = []
        self._seq = itertools.count()

    def _grant(self, key: str) -> None:
        self.busy += 1
        self.held[key] = self.held.get(key, 0) + 1
        self.last_turn[key] = time.monotonic()

    def _order(self, w: _Waiter) -> tuple[int, float, int]:
        return (self.held.get(w.key, 0), self.last_turn.get(w.key, -math.inf), w.seq)

    async def acquire(self, key: str) -> None:
        """Wait for a turn; ``TimeoutError`` after ``max_wait`` seconds (then the caller holds none)."""
        if self.busy < self.slots and not self.waiting:
            self._grant(key)
            return
        waiter = _Waiter(key, next(self._seq), asyncio.get_running_loop().create_future())
        self.waiting.append(waiter)
        try:
            async with asyncio.timeout(self.max_wait):
                await waiter.future
        except (TimeoutError, asyncio.CancelledError):
            if waiter.future.done() and not waiter.future.cancelled():
                self.release(key)  # the turn came just as the wait ended: pass it on
            elif waiter in self.waiting:
                self.waiting.remove(waiter)
            raise

    def release(self, key: str) -> None:
        self.busy -= 1
        left = self.held.pop(key) - 1
        if left:
            self.held[key] = left
        while self.waiting and self.busy < self.slots:
            nxt = min(self.waiting, key=self._order)
            self.waiting.remove(nxt)
            if nxt.future.done():  # given up meanwhile
                continue
            self._grant(nxt.key)
            nxt.future.set_result(None)
        if len(self.last_turn) > 10_000:
            cutoff = time.monotonic() - _REMEMBER_S
            self.last_turn = {k: t for k, t in self.last_turn.items() if t >= cutoff or k in self.held}


def client_key(request: Request) -> str:
    """Whose request this is: a digest of its bearer token (never the token itself), else its address."""
    auth = request.headers.get("authorization", "")
    if auth:
        return "tok:" + hashlib.sha256(auth.encode()).hexdigest()[:24]
    return "ip:" + (request.client.host if request.client else "unknown")


async def work_turn(request: Request) -> AsyncIterator[None]:
    """Route dependency (first of each API route, function scope): the request's work runs in a fair turn."""
    turns: FairTurns | None = request.app.state.genechat.turns
    if turns is None:
        yield
        return
    key = client_key(request)
    try:
        await turns.acquire(key)
    except TimeoutError:
        raise ApiError(503, "overloaded", "GeneChat is busy; please try again in a moment.",
                       headers={"Retry-After": "1"}) from None
    try:
        yield
    finally:
        turns.release(key)
