"""One innocent patient, in a process of its own, during the abuse test (tests/unit/test_api_abuse.py).

Its own process, like the patient's own browser: sharing the load generator's event loop, its time would be
mostly that loop's lag behind 300 abusive connections, not the server's answer. Waits for a line on stdin
(the abuse has started), then ``delay`` seconds, then sends one question like the widget does (on 503, 409
or 429 it waits ``Retry-After`` and sends again with the same ``client_id``) and prints
``{"took_s": ..., "statuses": {...}}`` as JSON.
``python -m tests.support.abuse_innocent BASE_URL SESSION_ID TOKEN DELAY_S``
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

import httpx


def main(argv: list[str]) -> None:
    base, session_id, token, delay = argv
    statuses: Counter = Counter()
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/readyz")  # connect before the clock starts, as an open widget would be
        sys.stdin.readline()
        time.sleep(float(delay))
        started = time.perf_counter()
        while True:
            resp = client.post(f"/api/sessions/{session_id}/messages", headers={"Authorization": f"Bearer {token}"},
                               json={"text": "What does poor metabolizer mean?", "client_id": "innocent"})
            statuses[resp.status_code] += 1
            if resp.status_code == 200:
                break
            if resp.status_code not in (409, 429, 503) or time.perf_counter() - started > 60:
                raise SystemExit(f"innocent patient got {resp.status_code}: {resp.text[:200]}")
            time.sleep(min(1.0, float(resp.headers.get("retry-after", "0.2"))))
    print(json.dumps({"took_s": time.perf_counter() - started, "statuses": dict(statuses)}))


if __name__ == "__main__":
    main(sys.argv[1:])
