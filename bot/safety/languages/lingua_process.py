"""lingua in a process of its own, for ``detect.py``: one message per line in, lingua's confidence values out.

Why a process: lingua's models for the Latin-script languages take ~150 MB and 1-3 s to load, and lingua holds the
GIL while it loads them, so in the server's process the first message that needs them stalled every request for
seconds and kept the memory for good. Here they load beside the server, and the server's threads run on.

Protocol (UTF-8 lines): the parent writes ``json.dumps(text)``; this process answers with
``json.dumps([[language_name, value], ...])``, lingua's ``compute_language_confidence_values`` in its order (floats
survive JSON exactly). It builds its detector from the lingua names on its command line and loads the models
at once; it exits when its input closes, or, on Linux, as soon as its parent exits (also while it is still
loading: a stopped server must not leave a process burning a core for seconds).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def _exit_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the closed input still ends this process
        return
    if os.getppid() != parent:  # the parent exited before the signal was asked for
        sys.exit(0)


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
