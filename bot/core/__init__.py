"""The bottom layer: the shapes every part of GeneChat shares, and the contracts between the parts.

Nothing here imports another GeneChat package. ``report`` is the normalized upload, ``passage`` a vetted
knowledge-base chunk, ``draft`` a reply being composed (each sentence with its source), ``reply`` what the
engine returns, and ``protocols`` the interfaces (engine, searcher, report parser, embedder) that callers
depend on instead of concrete classes. The layer order is in docs/ARCHITECTURE.md.
"""
