"""Benchmark: does the login answer time tell whether an account exists? Not a test (no timing assertions there).

Builds a fresh SQLite database (migrated with Alembic) with one seeker, then with the Flask test client posts the
login form 20 times with an unknown e-mail address and 20 times with the seeker's address and a wrong password
(interleaved), at the production argon2 cost (config.Config: ARGON2_TIME_COST / MEMORY_COST / PARALLELISM), and
prints both medians and their ratio. A ratio near 1.0 means the two cannot be told apart by timing. It also times
logins to a locked account (which answer with the same message).

    .venv/bin/python bench/bench_login_timing.py [--tries 20]
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from jobfair import create_app  # noqa: E402
from jobfair.extensions import db  # noqa: E402
from jobfair.services.reference import load_reference_data  # noqa: E402
from jobfair.services.users import registration

EMAIL = "siti.bench@example.id"
PASSWORD = "Kerja-Balikpapan-2025"


def _app(database_url: str, **overrides):
    app = create_app("default", overrides={"SQLALCHEMY_DATABASE_URI": database_url, "READ_INSTANCE_CONFIG": False,
                                           "WTF_CSRF_ENABLED": False,
                                           "RATELIMIT_ENABLED": False,  # 40 logins from one address: timing only
                                           **overrides})
    return app


def _prepare(app) -> None:
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
        load_reference_data()
        registration.register_seeker(nik="6471015505950003", full_name="Siti Aminah", sex="P",
                                     birth_date=date(1995, 5, 15), email=EMAIL,
                                     phone="081234567890", password=PASSWORD, consents=("placement",))
        db.session.remove()


def _post(client, email: str, password: str) -> float:
    start = time.perf_counter()
    response = client.post("/akun/masuk", data={"email": email, "password": password})
    elapsed = time.perf_counter() - start
    assert response.status_code == 422, response.status_code
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobfair-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        # Wrong passwords must not lock the account during the run: the lock path is timed on its own below.
        app = _app(url, LOGIN_MAX_FAILURES=10**6)
        _prepare(app)
        cfg = app.config
        client = app.test_client()
        _post(client, "warm-up@example.id", "x")  # the dummy hash is made on first use
        _post(client, EMAIL, "Salah-Sekali-123")
        unknown, wrong = [], []
        for n in range(args.tries):
            unknown.append(_post(client, f"tidak-ada-{n}@example.id", "Salah-Sekali-123"))
            wrong.append(_post(client, EMAIL, "Salah-Sekali-123"))
        locked_app = _app(url, LOGIN_MAX_FAILURES=1)
        locked_client = locked_app.test_client()
        _post(locked_client, EMAIL, "Salah-Sekali-123")  # locks the account
        locked = [_post(locked_client, EMAIL, PASSWORD) for _ in range(max(5, args.tries // 4))]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; argon2id "
          f"t={cfg['ARGON2_TIME_COST']} m={cfg['ARGON2_MEMORY_COST']} KiB p={cfg['ARGON2_PARALLELISM']}")
    median_unknown, median_wrong = statistics.median(unknown), statistics.median(wrong)
    print(f"unknown e-mail : median {median_unknown:7.1f} ms over {len(unknown)} tries")
    print(f"wrong password : median {median_wrong:7.1f} ms over {len(wrong)} tries")
    print(f"locked account : median {statistics.median(locked):7.1f} ms over {len(locked)} tries")
    print(f"ratio wrong/unknown: {median_wrong / median_unknown:.2f}")


if __name__ == "__main__":
    main()
