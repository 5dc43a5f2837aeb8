"""lingua in a process of its own, for ``detect.py``: one message per line in, lingua's confidence values out.

Why a process: lingua's models for the Latin-script languages take ~150 MB and 1-3 s to load, and lingua holds the
GIL while it loads them, so in the server's process the first message that needs them stalled every request for
seconds and kept the memory for good. Here they load beside the server, and the server's threads run on.

Protocol (UTF-8 lines): the parent writes ``json.dumps(text)``; this process answers with
``json.dumps([[language_name, value], ...])``, lingua's ``compute_language_confidence_values`` in its order (floats
survive JSON exactly). It builds its detector from the lingua names on its command line and loads the models
at once; it exits when its input closes (the parent went away).
"""

from __future__ import annotations

import json
import sys


def serve(names: list[str], lines=sys.stdin, out=sys.stdout) -> None:  # noqa: ANN001 - text streams
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names)).build()
    detector.compute_language_confidence_values("load the models before the first message")
    for line in lines:
        values = detector.compute_language_confidence_values(json.loads(line))
        out.write(json.dumps([[v.language.name, v.value] for v in values]) + "\n")
        out.flush()


if __name__ == "__main__":
    serve(sys.argv[1:])
