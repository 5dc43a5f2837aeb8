"""Routers by domain: health, sessions (+ report), messages, auth, escalations."""
