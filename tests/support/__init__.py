"""Test support: fakes for each contract in bot/core/protocols.py, and harnesses for the API and the store."""
