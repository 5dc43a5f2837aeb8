"""Load test: N concurrent patient sessions each send M messages; p50/p95 latency and an exactly-once check.

    .venv/bin/python -m benchmarks.load --sessions 20 --messages 5            # in-process server, fake engine
    .venv/bin/python -m benchmarks.load --url http://127.0.0.1:8000 -n 50 -m 4  # a running `genechat serve`

Loopback only, bounded in count and time. Every message carries a ``client_id``, so a retry after a
dropped connection must not store it twice; afterwards each conversation is read back and compared
with what was sent (lost = sent but not stored, duplicated = stored more than once).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from benchmarks.stats import percentiles

MAX_SESSIONS, MAX_MESSAGES = 500, 100
QUESTIONS = [
    "What does my CYP2C19 result mean?",
    "Can you explain what a poor metabolizer is?",
    "Does this affect clopidogrel?",
    "What dose of clopidogrel should I take?",
    "What does this mean for my family?",
    "Is this result common?",
]
REPORT = {"lab": "Load Test Lab", "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2"}]}


def require_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"load.py only targets loopback servers, not {host!r}")


async def _send(client: httpx.AsyncClient, method: str, url: str, stats: dict[str, int], **kw: Any) -> httpx.Response:
    """One request with up to 3 retries on connection errors and 5xx (same body, so same client_id)."""
    for attempt in range(4):
        try:
            resp = await client.request(method, url, **kw)
            if resp.status_code < 500 and resp.status_code != 429:
                return resp
        except httpx.TransportError:
            if attempt == 3:
                raise
        stats["retries"] += 1
        await asyncio.sleep(0.2 * (attempt + 1))
    return resp


def _question(questions: Sequence[str] | None, session: int, i: int, messages: int) -> str:
    """Given questions are dealt out in order (each asked once while they last); else the six built-in
    ones, each session starting at a different one."""
    if questions:
        return questions[(session * messages + i) % len(questions)]
    return QUESTIONS[(session + i) % len(QUESTIONS)]


async def _session(client: httpx.AsyncClient, index: int, messages: int, upload: bool,
                   latencies: list[float], stats: dict[str, int], questions: Sequence[str] | None = None,
                   think_s: float = 0.0) -> dict[str, Any]:
    created = (await _send(client, "POST", "/api/sessions", stats, json={"consent": True})).json()
    sid, headers = created["session_id"], {"Authorization": f"Bearer {created['token']}"}
    if upload:
        await _send(client, "POST", f"/api/sessions/{sid}/report", stats, json=REPORT, headers=headers)
    sent = []
    pauses = random.Random(index)  # the same pauses on every run
    for i in range(messages):
        if think_s:  # patients do not all press send at once: each reads the reply and types the next question
            await asyncio.sleep(pauses.uniform(0.5, 1.5) * think_s if i else pauses.uniform(0.0, 1.0) * think_s)
        text = _question(questions, index, i, messages)
        started = time.perf_counter()
        resp = await _send(client, "POST", f"/api/sessions/{sid}/messages", stats, headers=headers,
                           json={"text": text, "client_id": f"load-{index}-{i}"})
        latencies.append((time.perf_counter() - started) * 1000)
        if resp.status_code != 200:
            stats["errors"] += 1
        else:
            stats["actions:" + resp.json()["action"]] += 1
        sent.append(text)
    return {"session_id": sid, "headers": headers, "sent": sent}


def _audit(sent: list[str], stored: list[dict[str, Any]]) -> tuple[int, int]:
    """(lost, duplicated) for one conversation: user texts in order, and one bot reply per user message."""
    users = [m for m in stored if m["role"] == "user"]
    bots = [m for m in stored if m["role"] == "bot"]
    lost = max(0, len(sent) - len(users))
    duplicated = max(0, len(users) - len(sent))
    if [m["text"] for m in users] != sent and not (lost or duplicated):
        lost = duplicated = sum(a != b["text"] for a, b in zip(sent, users, strict=False))
    answered = [b["reply_to"] for b in bots]
    duplicated += len(answered) - len(set(answered))
    lost += len({u["id"] for u in users} - set(answered))
    return lost, duplicated


async def run_load_async(url: str, *, sessions: int = 10, messages: int = 5, concurrency: int | None = None,
                         upload: bool = True, time_limit: float = 300.0, questions: Sequence[str] | None = None,
                         think_s: float = 0.0) -> dict[str, Any]:
    """``questions``: ask these (each once while they last) instead of the six built-in ones;
    ``think_s``: mean pause between a reply and the session's next question (0 = send at once)."""
    require_loopback(url)
    sessions, messages = min(sessions, MAX_SESSIONS), min(messages, MAX_MESSAGES)
    latencies: list[float] = []
    stats: dict[str, int] = {"retries": 0, "errors": 0}
    stats = _Counter(stats)
    gate = asyncio.Semaphore(concurrency or sessions)
    limits = httpx.Limits(max_connections=min(sessions, 200), max_keepalive_connections=min(sessions, 200))
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(i: int) -> dict[str, Any]:
            async with gate:
                return await _session(client, i, messages, upload, latencies, stats, questions, think_s)

        started = time.perf_counter()
        done = await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(sessions))), time_limit)
        wall = time.perf_counter() - started
        lost = duplicated = 0
        for s in done:
            convo = (await client.get(f"/api/sessions/{s['session_id']}/messages", headers=s["headers"])).json()
            lo, du = _audit(s["sent"], convo["messages"])
            lost, duplicated = lost + lo, duplicated + du
    return {
        "url": url, "sessions": sessions, "messages_per_session": messages, "requests": sessions * messages,
        "think_s": think_s, "questions": f"{len(questions)} given" if questions else f"{len(QUESTIONS)} built-in",
        "wall_s": round(wall, 3), "throughput_rps": round(sessions * messages / wall, 1) if wall else None,
        "latency": percentiles(latencies), "p50_ms": percentiles(latencies).get("p50_ms"),
        "p95_ms": percentiles(latencies).get("p95_ms"), "lost": lost, "duplicated": duplicated,
        "retries": stats["retries"], "errors": stats["errors"],
        "actions": {k.split(":", 1)[1]: v for k, v in stats.items() if k.startswith("actions:")},
    }


class _Counter(dict):
    def __missing__(self, key: str) -> int:
        return 0


def run_load(url: str, *, sessions: int = 10, messages: int = 5, **kw: Any) -> dict[str, Any]:
    """Synchronous wrapper (used by benchmarks/http_bench.py).

    Runs in its own thread when the caller already has a running event loop (e.g. Playwright's sync API
    in the same test process), since asyncio.run() refuses to nest.
    """
    coro_args = {"sessions": sessions, "messages": messages, **kw}
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run_load_async(url, **coro_args))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(run_load_async(url, **coro_args))).result()


def _in_process_server(stack: ExitStack, engine: str) -> str:
    """Start the app under uvicorn in a thread with a throwaway SQLite data dir."""
    from bot.api.app import create_app
    from bot.config import Settings
    from tests.support.api import serve_in_thread
    from tests.support.fakes import FakeEngine

    data = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="genechat-load-")))
    settings = Settings(data_dir=data, rate_limit="1000000/minute", log_level="WARNING",
                        embedder="hash" if engine == "hash" else "onnx")
    app = create_app(settings, engine=FakeEngine() if engine == "fake" else None)
    return stack.enter_context(serve_in_thread(app))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="Base URL of a running server (loopback only); default: start one in-process.")
    ap.add_argument("-n", "--sessions", type=int, default=10, help=f"Concurrent sessions (max {MAX_SESSIONS}).")
    ap.add_argument("-m", "--messages", type=int, default=5, help=f"Messages per session (max {MAX_MESSAGES}).")
    ap.add_argument("--concurrency", type=int, help="Sessions in flight at once (default: all).")
    ap.add_argument("--engine", choices=["fake", "hash", "real"], default="fake",
                    help="In-process server only: fake engine (API+DB cost), hash embedder, or the real model.")
    ap.add_argument("--no-upload", action="store_true", help="Do not upload a report first.")
    ap.add_argument("--think", type=float, default=0.0,
                    help="Mean seconds a session waits between a reply and its next question (default 0).")
    ap.add_argument("--eval-questions", action="store_true",
                    help="Ask the eval cases' questions (each once while they last) instead of six built-in ones.")
    ap.add_argument("--time-limit", type=float, default=300.0, help="Give up after this many seconds.")
    ap.add_argument("--output", type=Path, help="Also write the result as JSON here.")
    args = ap.parse_args(argv)
    with ExitStack() as stack:
        url = args.url or _in_process_server(stack, args.engine)
        questions = None
        if args.eval_questions:
            from benchmarks.questions import load_questions

            questions = [q.text for q in load_questions()[1]]
        result = run_load(url, sessions=args.sessions, messages=args.messages, concurrency=args.concurrency,
                          upload=not args.no_upload, time_limit=args.time_limit, questions=questions,
                          think_s=args.think)
    result["engine"] = "external" if args.url else args.engine
    print(json.dumps(result, indent=2))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    res = main()
    sys.exit(1 if res["lost"] or res["duplicated"] or res["errors"] else 0)
