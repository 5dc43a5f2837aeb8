"""Secrets: random bearer tokens (only their SHA-256 is stored) and argon2 password hashes."""

from __future__ import annotations

import hashlib
import secrets
import threading
from functools import lru_cache

from pwdlib import PasswordHash


def new_token() -> str:
    """A 256-bit random URL-safe bearer token."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # Tokens are high-entropy, so a fast unsalted hash is enough and allows an indexed lookup.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


# argon2 is memory-hard on purpose (~0.15 s and 64 MiB a check): a burst of logins checked in parallel took
# every core from the rest of the API (issue 17). One check at a time per process; the login limits keep the
# queue short.
_VERIFY_SLOT = threading.Lock()


def verify_password(password: str, password_hash: str) -> bool:
    try:
        with _VERIFY_SLOT:
            return _hasher().verify(password, password_hash)
    except Exception:  # noqa: BLE001 - a malformed stored hash is a failed login, not a crash
        return False


def dummy_verify() -> None:
    """Spend the same time as a real check so unknown usernames are not revealed by timing."""
    verify_password("x", _dummy_hash())


@lru_cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_hex(8))
