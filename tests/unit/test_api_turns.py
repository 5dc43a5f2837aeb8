"""Issue 17: API work is served in fair turns, so a client that asks little is not queued behind a flood."""

from __future__ import annotations

import asyncio

import pytest

from bot.api.turns import FairTurns


async def _take_turns(turns: FairTurns, order: list[str], key: str, label: str, hold: asyncio.Event) -> None:
    await turns.acquire(key)
    order.append(label)
    try:
        await hold.wait()
    finally:
        turns.release(key)


def test_a_new_client_gets_the_next_turn_before_a_flooding_one():
    async def scenario() -> list[str]:
        turns = FairTurns(slots=1, max_wait=5)
        order: list[str] = []
        go = asyncio.Event()
        tasks = [asyncio.create_task(_take_turns(turns, order, "flood", f"flood-{i}", go)) for i in range(4)]
        await asyncio.sleep(0.01)
        tasks.append(asyncio.create_task(_take_turns(turns, order, "innocent", "innocent", go)))
        await asyncio.sleep(0.01)
        go.set()
        await asyncio.gather(*tasks)
        return order

    # first come, first served (the old queue) would give ["flood-0", "flood-1", ..., "innocent"]
    assert asyncio.run(scenario()) == ["flood-0", "innocent", "flood-1", "flood-2", "flood-3"]


def test_turns_alternate_between_busy_clients():
    async def scenario() -> list[str]:
        turns = FairTurns(slots=1, max_wait=5)
        order: list[str] = []
        go = asyncio.Event()
        tasks = []
        for _ in range(3):
            for key in ("a", "b"):
                tasks.append(asyncio.create_task(_take_turns(turns, order, key, key, go)))
                await asyncio.sleep(0)
        await asyncio.sleep(0.01)
        go.set()
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["a", "b", "a", "b", "a", "b"]


def test_a_request_that_waits_too_long_gives_up_and_holds_no_turn():
    async def scenario() -> FairTurns:
        turns = FairTurns(slots=1, max_wait=0.05)
        await turns.acquire("busy")
        with pytest.raises(TimeoutError):
            await turns.acquire("late")
        turns.release("busy")
        await asyncio.wait_for(turns.acquire("next"), 1)  # the turn the late one gave up is free
        turns.release("next")
        return turns

    turns = asyncio.run(scenario())
    assert turns.busy == 0 and turns.held == {} and turns.waiting == []
