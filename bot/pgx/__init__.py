"""Pharmacogenomics domain data: what each gene result means, how much it matters, which medicines it concerns.

Everything here is data derived from CPIC (``data/``, rebuilt by ``genechat data build-cpic``) plus
hand-kept rows with a source (``sources/``). ``bot/pgx/cards.py`` and the medicines feature read it
through ``cpic`` (the tables), ``levels`` (important / unclear / typical) and ``implications``.
"""
