"""Password hashing with argon2id (cost parameters from config)."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# One dummy hash per cost setting, made on first use: verifying it for an unknown e-mail address takes as long
# as verifying a real password, so the answer time does not tell whether an account exists.
_dummy_hashes: dict[tuple[int, int, int], str] = {}


def _parameters() -> tuple[int, int, int]:
    cfg = current_app.config
    return (cfg.get("ARGON2_TIME_COST", 3), cfg.get("ARGON2_MEMORY_COST", 65536), cfg.get("ARGON2_PARALLELISM", 4))


def _hasher() -> PasswordHasher:
    time_cost, memory_cost, parallelism = _parameters()
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def burn_verification(password: str) -> None:
    """Spend the time of one password verification against a hash nobody knows the password of (always fails)."""
    key = _parameters()
    dummy = _dummy_hashes.get(key)
    if dummy is None:
        dummy = _dummy_hashes.setdefault(key, hash_password(secrets.token_urlsafe(32)))
    verify_password(dummy, password)
