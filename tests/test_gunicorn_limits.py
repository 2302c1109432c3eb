"""The login limit holds across gunicorn workers: two workers, one Redis, one address, 100 attempts.

A real `gunicorn -w 2` (the project's gunicorn.conf.py) serves wsgi:app on a free loopback port with the Redis
storage URI and a key prefix of its own; the database is a temporary SQLite file migrated first. CSRF is off for
this server only, so that every POST reaches the limiter without a token round trip. The access log records the
worker's pid per request, which shows that both workers served the attempts. The server is stopped (its whole
process group) before the test ends, and the test checks that no worker is left.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

from jobfair import create_app
from tests.conftest import TEST_OVERRIDES

PROJECT = Path(__file__).resolve().parent.parent
REDIS_URI = "redis://127.0.0.1:6379"
PER_IP = 5
ATTEMPTS = 100


def _redis():
    redis = pytest.importorskip("redis", reason="redis package not installed")
    client = redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(f"Redis not reachable at {REDIS_URI}: {exc}")
    return client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, method: str, path: str, body: str | None = None) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def _wait_until_serving(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited early with {server.returncode}")
        try:
            if _request(port, "GET", "/akun/masuk")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer within a minute")


def _wait_until_both_workers_serve(port: int, access_log, seconds: float = 60) -> None:
    """The master answers as soon as one worker is up; on a busy machine the second may still be loading the app,
    and the attempts would all go to the first. Concurrent GETs until the access log shows two worker pids."""
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=4) as pool:
        while time.monotonic() < deadline:
            list(pool.map(lambda _: _request(port, "GET", "/akun/masuk"), range(4)))
            lines = access_log.read_text().splitlines() if access_log.exists() else []
            if len({line.split()[0] for line in lines if line.endswith(" GET")}) == 2:
                return
            time.sleep(0.2)
    pytest.fail("the second gunicorn worker did not serve within a minute")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the group this test started: master and its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@contextmanager
def gunicorn_server(tmp_path, redis):
    """Yields (port, access log); on leaving, the server's process group is stopped and its keys deleted."""
    prefix = f"jobfair-test-{uuid.uuid4().hex[:12]}"
    database = f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}"
    migrated = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": database, **TEST_OVERRIDES})
    with migrated.app_context():
        from flask_migrate import upgrade

        from jobfair.extensions import db

        upgrade(directory=migrated.extensions["migrate"].directory, revision="heads")
        db.engine.dispose()
    port, access_log = _free_port(), tmp_path / "access.log"
    env = {**os.environ, "JOBFAIR_CONFIG": "testing", "JOBFAIR_SQLALCHEMY_DATABASE_URI": database,
           "JOBFAIR_RATELIMIT_ENABLED": "true", "JOBFAIR_RATELIMIT_STORAGE_URI": REDIS_URI,
           "JOBFAIR_RATELIMIT_KEY_PREFIX": prefix, "JOBFAIR_RATELIMIT_AUTH_PER_IP": f"{PER_IP} per hour",
           "JOBFAIR_RATELIMIT_AUTH_PER_ACCOUNT": "1000 per hour", "JOBFAIR_WTF_CSRF_ENABLED": "false",
           "JOBFAIR_ARGON2_TIME_COST": "1", "JOBFAIR_ARGON2_MEMORY_COST": "1024", "JOBFAIR_ARGON2_PARALLELISM": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(PROJECT / "gunicorn.conf.py"), "-w", "2",
         "-b", f"127.0.0.1:{port}", "--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(m)s",
         "wsgi:app"],
        cwd=PROJECT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_serving(port, server)
        _wait_until_both_workers_serve(port, access_log)
        yield port, access_log
    finally:
        _stop(server)
        for key in redis.scan_iter(match=f"*{prefix}*"):
            redis.delete(key)


def test_the_login_limit_holds_across_two_workers(tmp_path):
    redis = _redis()

    def attempt(n: int) -> int:
        body = urlencode({"email": f"tebak{n}@example.id", "password": "tebakan-salah-123"})
        return _request(port, "POST", "/akun/masuk", body)[0]

    with gunicorn_server(tmp_path, redis) as (port, access_log):
        with ThreadPoolExecutor(max_workers=4) as pool:  # concurrent, so that both workers take attempts
            statuses = list(pool.map(attempt, range(ATTEMPTS)))
        status, headers = _request(port, "GET", "/akun/masuk")
    redis.close()
    passed = [status for status in statuses if status != 429]
    assert len(passed) == PER_IP, statuses            # Redis counts for both workers: exactly the limit got in
    assert set(passed) == {422}                       # a wrong password, answered by the login page
    workers = {line.split()[0].strip("<>") for line in access_log.read_text().splitlines() if line.endswith(" POST")}
    assert len(workers) == 2, f"only {workers} served: the attempts did not spread over both workers"
    assert status == 200 and headers.get("server") == "gunicorn"  # no version in the Server header
    assert [pid for pid in workers if _alive(int(pid))] == []      # nothing left running
