"""The eval harness: run eval suites through the engine, score them, render reports, gate releases."""
