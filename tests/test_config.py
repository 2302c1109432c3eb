"""Configuration precedence and production safety."""

from datetime import date

import pytest

import config
from jobfair import create_app

STRONG = "x" * 40
# What production needs besides its secrets: the host it serves, its public address and shared
# rate-limit storage (the class default).
GOOD_PRODUCTION = {"SECRET_KEY": STRONG, "NIK_ENCRYPTION_KEY": STRONG + "e", "NIK_HMAC_KEY": STRONG + "h",
                   "TOTP_ENCRYPTION_KEY": STRONG + "t", "PUBLIC_BASE_URL": "https://kerja.balikpapan.go.id",
                   "SQLALCHEMY_DATABASE_URI": "sqlite://", "TRUSTED_HOSTS": ["kerja.balikpapan.go.id"]}


def test_testing_config_never_reads_the_instance_file(database_url, tmp_path, monkeypatch):
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["READ_INSTANCE_CONFIG"] is False
    assert app.config["TESTING"] is True


def test_precedence_class_then_instance_then_env_then_overrides(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("ITEMS_PER_PAGE = 11\nLOGIN_MAX_FAILURES = 7\nPASSWORD_MIN_LENGTH = 12\n")
    monkeypatch.setattr("jobfair.PROJECT_DIR", tmp_path)
    monkeypatch.setenv("JOBFAIR_LOGIN_MAX_FAILURES", "9")
    monkeypatch.setenv("JOBFAIR_PASSWORD_MIN_LENGTH", "13")
    app = create_app("default", overrides={"SQLALCHEMY_DATABASE_URI": "sqlite://", "PASSWORD_MIN_LENGTH": 14})
    assert app.config["ITEMS_PER_PAGE"] == 11        # instance file beats the class (20)
    assert app.config["LOGIN_MAX_FAILURES"] == 9     # environment beats the instance file
    assert app.config["PASSWORD_MIN_LENGTH"] == 14   # overrides beat everything
    assert app.config["LOGIN_LOCK_MINUTES"] == config.Config.LOGIN_LOCK_MINUTES


@pytest.mark.parametrize("overrides, words", [
    ({"DEBUG": True}, "DEBUG"),
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"SECRET_KEY": config.DEV_SECRET_KEY}, "SECRET_KEY"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ({"NIK_HMAC_KEY": config.DEV_NIK_HMAC_KEY}, "NIK_HMAC_KEY"),
    ({"NIK_ENCRYPTION_KEY": "short"}, "NIK_ENCRYPTION_KEY"),
    ({"TRUSTED_HOSTS": None}, "TRUSTED_HOSTS"),
    ({"TRUSTED_HOSTS": []}, "TRUSTED_HOSTS"),
    ({"RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI"),
    ({"TOTP_ENCRYPTION_KEY": config.DEV_TOTP_ENCRYPTION_KEY}, "TOTP_ENCRYPTION_KEY"),
    ({"PUBLIC_BASE_URL": config.DEV_PUBLIC_BASE_URL}, "PUBLIC_BASE_URL"),
    ({"PUBLIC_BASE_URL": "http://kerja.balikpapan.go.id"}, "PUBLIC_BASE_URL"),
    ({"PINNED_TODAY": date(2024, 12, 1)}, "PINNED_TODAY"),
])
def test_production_refuses_debug_and_weak_secrets(overrides, words):
    with pytest.raises(RuntimeError, match=words):
        create_app("production", overrides={**GOOD_PRODUCTION, **overrides})


def test_production_starts_with_strong_secrets():
    app = create_app("production", overrides=GOOD_PRODUCTION)
    assert app.config["DEBUG"] is False and app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("redis://")
    assert app.config["HSTS"].startswith("max-age=")


def test_trusted_hosts_from_the_environment_as_text_or_json(monkeypatch):
    monkeypatch.setenv("JOBFAIR_TRUSTED_HOSTS", "kerja.balikpapan.go.id, www.kerja.balikpapan.go.id")
    app = create_app("production", overrides={k: v for k, v in GOOD_PRODUCTION.items() if k != "TRUSTED_HOSTS"})
    assert app.config["TRUSTED_HOSTS"] == ["kerja.balikpapan.go.id", "www.kerja.balikpapan.go.id"]
    monkeypatch.setenv("JOBFAIR_TRUSTED_HOSTS", '["kerja.balikpapan.go.id"]')
    app = create_app("production", overrides={k: v for k, v in GOOD_PRODUCTION.items() if k != "TRUSTED_HOSTS"})
    assert app.config["TRUSTED_HOSTS"] == ["kerja.balikpapan.go.id"]


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(app):
    from jobfair.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite pragmas apply to the SQLite run only")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"]
