"""lingua in a process of its own, for ``detect.py``: one message per line in, lingua's confidence values out.

Why a process: lingua's models for the Latin-script languages take ~260 MB and 2-4 s to load, and lingua holds the
GIL while it loads them, so in the server's process the first message that needs them stalled every request for
seconds and kept the memory for good. Here they load beside the server, and the server's threads run on.

Protocol (UTF-8 lines): the parent writes ``json.dumps(text)``; this process answers with
``json.dumps([[language_name, value], ...])``, lingua's ``compute_language_confidence_values`` in its order (floats
survive JSON exactly). It builds its detector from the lingua names on its command line and loads the models
at once; it exits when its input closes, or when its parent process is gone (a watchdog looks twice a second, so
a server that dies while the models load does not leave this process running for long).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time


def _exit_with_parent(parent: int) -> None:
    """End this process once ``parent`` is no longer its parent (it exited and this process was handed to another).

    Not prctl(PR_SET_PDEATHSIG): that fires when the *thread* that started this process ends, and the server starts
    it from a warm-up thread that ends at once, which killed lingua right after every start."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="lingua-parent-watch", daemon=True).start()


def serve(names: list[str], lines=sys.stdin, out=sys.stdout) -> None:  # noqa: ANN001 - text streams
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names)).build()
    detector.compute_language_confidence_values("load the models before the first message")
    for line in lines:
        values = detector.compute_language_confidence_values(json.loads(line))
        out.write(json.dumps([[v.language.name, v.value] for v in values]) + "\n")
        out.flush()


if __name__ == "__main__":
    _exit_with_parent(int(os.environ.get("GENECHAT_LINGUA_PARENT", os.getppid())))
    serve(sys.argv[1:])
