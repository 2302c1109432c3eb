"""Encryption and keyed hashing of NIKs (keys come from the app config)."""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from flask import current_app


@lru_cache(maxsize=4)
def _fernet_for(secret: str) -> Fernet:
    """One Fernet per key (deriving it on every NIK cost a third of the encryption time of an import)."""
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def _fernet() -> Fernet:
    return _fernet_for(current_app.config["NIK_ENCRYPTION_KEY"])


def nik_hmac(nik: str) -> str:
    key = current_app.config["NIK_HMAC_KEY"].encode()
    return hmac.digest(key, nik.encode(), "sha256").hex()


def encrypt_nik(nik: str) -> str:
    return _fernet().encrypt(nik.encode()).decode()


def decrypt_nik(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
