"""Encryption and keyed hashing of NIKs (keys come from the app config)."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from flask import current_app


def _fernet() -> Fernet:
    secret = current_app.config["NIK_ENCRYPTION_KEY"].encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest()))


def nik_hmac(nik: str) -> str:
    key = current_app.config["NIK_HMAC_KEY"].encode()
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()


def encrypt_nik(nik: str) -> str:
    return _fernet().encrypt(nik.encode()).decode()


def decrypt_nik(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
