"""Configuration classes.

Precedence (lowest to highest): a class here -> ``instance/config.py`` ->
``JOBFAIR_*`` environment variables -> overrides given to ``create_app`` (tests).
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

# Development-only secrets: ProductionConfig refuses to start with any of them.
DEV_SECRET_KEY = "dev-only-secret-key-change-me"
DEV_NIK_ENCRYPTION_KEY = "dev-only-nik-encryption-key-change-me"
DEV_NIK_HMAC_KEY = "dev-only-nik-hmac-key-change-me"
MIN_SECRET_LENGTH = 32


def _default_database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'jobfair.sqlite3'}"


class Config:
    DEBUG = False
    TESTING = False
    SECRET_KEY = DEV_SECRET_KEY
    NIK_ENCRYPTION_KEY = DEV_NIK_ENCRYPTION_KEY
    NIK_HMAC_KEY = DEV_NIK_HMAC_KEY

    SQLALCHEMY_DATABASE_URI = _default_database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 5000
    READ_INSTANCE_CONFIG = True

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Makassar"
    LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    REMEMBER_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024
    UPLOAD_FOLDER = str(INSTANCE_DIR / "uploads")  # CVs in UPLOAD_FOLDER/cv/<generated name>; never under static/
    CV_MAX_BYTES = 2 * 1024 * 1024
    IMPORT_IN_BACKGROUND = True  # protection import: validate uploads in a background thread (progress page)
    PINNED_TODAY = None  # a datetime.date fixing "today" for the dated protection rules (tests only; services/clock)

    # SMK programme (DOMAIN.md: duration is a setting; 3 months before graduation by default).
    APPRENTICESHIP_WINDOW_MONTHS = 3
    APPRENTICESHIP_MAX_MONTHS = 12          # Permenaker 6/2020
    APPRENTICE_SHARE_OF_HEADCOUNT = 0.20    # apprentices at most 20% of the company's workforce
    MAX_STUDENT_CHOICES = 5
    STUDENT_INVITATION_DAYS = 14

    # E-mail (the outbox is delivered by `flask send-notifications`).
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_SENDER = "Disnaker Balikpapan <no-reply@disnaker.balikpapan.go.id>"

    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    PASSWORD_MIN_LENGTH = 10
    ITEMS_PER_PAGE = 20


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    READ_INSTANCE_CONFIG = False  # tests never read instance/config.py
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = True  # the CSRF tests need it on; clients fetch a token
    SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"
    NIK_ENCRYPTION_KEY = "test-nik-encryption-key-0123456789abcdef"
    NIK_HMAC_KEY = "test-nik-hmac-key-0123456789abcdef"
    IMPORT_IN_BACKGROUND = False  # the request validates synchronously


class ProductionConfig(Config):
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @staticmethod
    def validate(config) -> None:
        """Refuse to run production with debug on or weak/default secrets."""
        problems = []
        if config.get("DEBUG"):
            problems.append("DEBUG must be off in production")
        if config.get("PINNED_TODAY") is not None:
            problems.append("PINNED_TODAY is for tests: production runs on the real date")
        defaults = {
            "SECRET_KEY": DEV_SECRET_KEY,
            "NIK_ENCRYPTION_KEY": DEV_NIK_ENCRYPTION_KEY,
            "NIK_HMAC_KEY": DEV_NIK_HMAC_KEY,
        }
        for name, default in defaults.items():
            value = config.get(name) or ""
            if not value or value == default or len(value) < MIN_SECRET_LENGTH:
                problems.append(f"{name} must be set to a random value of at least {MIN_SECRET_LENGTH} characters")
        if problems:
            raise RuntimeError("Refusing to start: " + "; ".join(problems))


CONFIGS = {
    "default": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
