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
DEV_TOTP_ENCRYPTION_KEY = "dev-only-totp-encryption-key-change-me"
DEV_PUBLIC_BASE_URL = "http://127.0.0.1:5000"
MIN_SECRET_LENGTH = 32


def _default_database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'jobfair.sqlite3'}"


class Config:
    DEBUG = False
    TESTING = False
    SECRET_KEY = DEV_SECRET_KEY
    NIK_ENCRYPTION_KEY = DEV_NIK_ENCRYPTION_KEY
    NIK_HMAC_KEY = DEV_NIK_HMAC_KEY
    TOTP_ENCRYPTION_KEY = DEV_TOTP_ENCRYPTION_KEY  # encrypts the officers' authenticator secrets
    # Links in e-mails (password reset) start with this, never with the request's Host header.
    PUBLIC_BASE_URL = DEV_PUBLIC_BASE_URL

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
    # Sessions are kept on the server (table user_session) and checked on every request.
    SESSION_ABSOLUTE_HOURS = 12             # a login ends after this, however active
    SESSION_IDLE_MINUTES = 120              # ... or after this long without a request
    SESSION_IDLE_MINUTES_OFFICE = 30        # officers and admins
    SESSION_TOUCH_SECONDS = 60              # last_seen is written at most this often
    SESSION_RECORD_DAYS = 30                # `flask prune-sessions` deletes older ended sessions and reset links
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_ABSOLUTE_HOURS)  # the cookie's own lifetime
    REMEMBER_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024
    HSTS = None  # Strict-Transport-Security value; set by ProductionConfig only (the dev server speaks plain HTTP)

    # Behind a reverse proxy: how many proxies set each X-Forwarded-* header (werkzeug ProxyFix). 0 = do not
    # trust the header (the default: a client could write it). Production behind one nginx: FOR/PROTO/HOST = 1.
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    PROXY_FIX_X_HOST = 0
    PROXY_FIX_X_PORT = 0
    PROXY_FIX_X_PREFIX = 0
    TRUSTED_HOSTS = None  # Flask: the Host names served (list); another Host gets 400. Required in production.
    UPLOAD_FOLDER = str(INSTANCE_DIR / "uploads")  # CVs in UPLOAD_FOLDER/cv/<generated name>; never under static/
    CV_MAX_BYTES = 2 * 1024 * 1024
    # Job queue (jobfair/queue.py, Huey): long work (imports, the match, e-mail, ledgers) runs in `flask worker`.
    # sqlite:///... is the embedded default (no Redis needed for `make run`); production: redis://...;
    # "immediate" runs each job at once inside the calling process (tests).
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL") or f"sqlite:///{INSTANCE_DIR / 'job-queue.sqlite3'}"
    JOB_QUEUE_NAME = "jobfair"
    JOB_WORKERS = 2                 # worker threads per `flask worker`
    JOB_MAX_ATTEMPTS = 3            # a failing job is tried this often, then shown failed with its reason
    JOB_RETRY_DELAY_SECONDS = 30
    JOB_HEARTBEAT_SECONDS = 10      # a worker stamps its running jobs this often ...
    JOB_STALE_SECONDS = 120         # ... and a running job without a stamp this long has lost its worker
    PINNED_TODAY = None  # a datetime.date fixing "today" for the dated protection rules (tests only; services/clock)

    # SMK programme (DOMAIN.md: duration is a setting; 3 months before graduation by default).
    APPRENTICESHIP_WINDOW_MONTHS = 3
    APPRENTICESHIP_MAX_MONTHS = 12          # Permenaker 6/2020
    APPRENTICE_SHARE_OF_HEADCOUNT = 0.20    # apprentices at most 20% of the company's workforce
    MAX_STUDENT_CHOICES = 5
    PKL_DEFAULT_MONTHS = 3                  # PKL per major unless the school sets another (Permendikbud 50/2020)
    STUDENT_INVITATION_DAYS = 14

    # Personal data (UU PDP No. 27/2022). A data-subject request is decided within this many hours (the law's
    # 3 x 24 hours, art. 40-41: end or restrict processing once a subject asks). Retention: `flask retention`.
    DATA_REQUEST_DEADLINE_HOURS = 72
    RETENTION_APPLICANT_MONTHS = 24         # anonymise an applicant this long after their last application closed
    RETENTION_FILE_DAYS = 30                # import rows/files and stored exports are deleted after this

    # E-mail (the outbox is delivered by `flask send-notifications`).
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_SENDER = "Disnaker Balikpapan <no-reply@disnaker.balikpapan.go.id>"

    # The office's contact, shown on the home page and in the footer (one place: override in instance/config.py
    # or with JOBFAIR_OFFICE_* environment variables). Confirm the telephone number with the office before
    # going live: an empty value is simply not shown.
    OFFICE_ADDRESS = "Jl. Jenderal Sudirman, Balikpapan, Kalimantan Timur"
    OFFICE_PHONE = ""
    OFFICE_EMAIL = "disnaker@balikpapan.go.id"

    LOGIN_MAX_FAILURES = 5                  # wrong passwords and wrong second-factor codes both count
    LOGIN_LOCK_MINUTES = 15
    PASSWORD_MIN_LENGTH = 10
    PASSWORD_RESET_MINUTES = 60             # a reset link works once, for this long
    ARGON2_TIME_COST = 3                    # argon2id cost of password hashes
    ARGON2_MEMORY_COST = 65536              # KiB
    ARGON2_PARALLELISM = 4
    TOTP_ISSUER = "Disnaker Balikpapan"     # the name officers see in their authenticator app
    RECOVERY_CODE_COUNT = 10
    ITEMS_PER_PAGE = 20
    # The city's figures snapshot (services/office/figure_snapshots.py): "sync" recomputes it in the transaction of each
    # write to a table it reads; "queue" asks the job queue to; "off" leaves it to `flask refresh-figures`.
    FIGURES_REFRESH = "sync"

    # Rate limits (Flask-Limiter, jobfair/limits.py). memory:// counts per process: fine for `make run`;
    # production shares the counters of all workers in Redis (JOBFAIR_RATELIMIT_STORAGE_URI).
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_KEY_PREFIX = "jobfair"
    RATELIMIT_STRATEGY = "fixed-window"
    # Per client address and per account (the submitted e-mail, or the logged-in officer for the check pages).
    # A whole fair hall on one Wi-Fi shares an address: keep the per-address limits above the per-account ones.
    RATELIMIT_AUTH_PER_IP = "10 per minute; 100 per hour"
    RATELIMIT_AUTH_PER_ACCOUNT = "5 per minute; 30 per hour"
    # The check-in desks of a fair share the venue's address; one officer with a scanner takes a ticket every ~2 s.
    RATELIMIT_CHECK_PER_IP = "120 per minute; 3000 per hour"
    RATELIMIT_CHECK_PER_ACCOUNT = "60 per minute; 1500 per hour"
    # The JSON API (/api/v1): every call counts, per client address and per token.
    RATELIMIT_API_PER_IP = "300 per minute; 10000 per hour"
    RATELIMIT_API_PER_TOKEN = "120 per minute; 5000 per hour"

    # The JSON API's OpenAPI document (flask-smorest), served at /api/v1/openapi.json.
    API_TITLE = "jobfair API — Disnaker Kota Balikpapan"
    API_VERSION = "1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"


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
    TOTP_ENCRYPTION_KEY = "test-totp-encryption-key-0123456789abcdef"
    PUBLIC_BASE_URL = "https://kerja.balikpapan.test"  # differs from the test client's host on purpose
    JOB_QUEUE_URL = "immediate"  # a job runs inside the request that starts it; tests of the worker set their own
    RATELIMIT_ENABLED = False  # the suite logs in hundreds of times; tests of the limits build their own app


class ProductionConfig(Config):
    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = "max-age=31536000; includeSubDomains"
    # Shared by every gunicorn worker. If Redis is unreachable each worker falls back to its own memory counters
    # (limits per worker instead of none) and logins keep working.
    RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379"
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL") or "redis://127.0.0.1:6379/0"
    # A write never pays the figures' aggregates: the job queue refreshes the snapshot (the pages show its time).
    FIGURES_REFRESH = "queue"

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
            "TOTP_ENCRYPTION_KEY": DEV_TOTP_ENCRYPTION_KEY,
        }
        for name, default in defaults.items():
            value = config.get(name) or ""
            if not value or value == default or len(value) < MIN_SECRET_LENGTH:
                problems.append(f"{name} must be set to a random value of at least {MIN_SECRET_LENGTH} characters")
        problems += _edge_problems(config)
        base_url = config.get("PUBLIC_BASE_URL") or ""
        if base_url == DEV_PUBLIC_BASE_URL or not base_url.startswith("https://"):
            problems.append("PUBLIC_BASE_URL must be set to the site's public https:// address")
        if problems:
            raise RuntimeError("Refusing to start: " + "; ".join(problems))


def _edge_problems(config) -> list[str]:
    """Production serves named hosts only and shares rate limits between its workers."""
    problems = []
    if not config.get("TRUSTED_HOSTS"):
        problems.append("TRUSTED_HOSTS must list the host names the site is served under")
    if config.get("RATELIMIT_ENABLED", True) and str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory:"):
        problems.append("RATELIMIT_STORAGE_URI must be shared by all workers (redis://...), not memory://")
    if str(config.get("JOB_QUEUE_URL", "")) == "immediate":
        problems.append("JOB_QUEUE_URL must be a queue (redis://...): 'immediate' runs long jobs in web workers")
    return problems


def normalise(config) -> None:
    """Settings given as plain text in the environment: TRUSTED_HOSTS="a.example b.example" -> a list."""
    pinned = config.get("PINNED_TODAY")
    if isinstance(pinned, str):  # JOBFAIR_PINNED_TODAY=2024-12-01 (a test's worker process)
        from datetime import date

        config["PINNED_TODAY"] = date.fromisoformat(pinned)
    hosts = config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        config["TRUSTED_HOSTS"] = [host for host in hosts.replace(",", " ").split() if host]


CONFIGS = {
    "default": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
