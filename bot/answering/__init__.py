"""Answering: understand a question against the report, compose grounded replies (local or LLM)."""
