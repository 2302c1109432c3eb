"""HTTP benchmark of the public pages under gunicorn (2 workers, production config). Not a test.

Starts gunicorn on a free 127.0.0.1 port with bench/bench_wsgi.py (the real app plus a bare Flask reference route
`/__bare` that returns a constant page of the same size as /lowongan), sends --requests GETs per page from
--concurrency threads (http.client, one connection per request as gunicorn's sync workers close them anyway), and
prints requests/s, median and p99 latency, and the ratio of the median to the bare route's median. gunicorn is
always stopped at the end (its whole process group). Only 127.0.0.1 is contacted.

(Named bench_http.py, not http.py: a bench/http.py would shadow the standard library's `http` package for every
script run from bench/.)

    .venv/bin/python bench/generate.py --vacancies 10000 --seekers 20000 --database-url postgresql+psycopg://...
    .venv/bin/python bench/bench_http.py --database-url <the DATABASE_URL it printed>

Office pages (/disnaker/...) are left out: an officer session needs the TOTP second factor.
"""

import argparse
import http.client
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import quote

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _targets(url: str) -> tuple[str | None, int, int, int]:
    """The deep-page cursor (listing page 40, or the last page if fewer), an open vacancy id, the open count."""
    from bench_search import deep_cursor
    from sqlalchemy import func, select

    from jobfair import create_app
    from jobfair.extensions import db
    from jobfair.models import Vacancy
    from jobfair.services import search

    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        today = date.today()
        opened = search.open_vacancies(today).subquery()
        count = db.session.scalar(select(func.count()).select_from(opened))
        page = max(2, min(40, count // 20))
        cursor = deep_cursor(page)
        vacancy_id = db.session.scalar(search.open_vacancies(today).with_only_columns(Vacancy.id)
                                       .order_by(Vacancy.id).limit(1))
        db.session.remove()
        db.engine.dispose()
    return cursor, vacancy_id, count, page


def _env(url: str, port: int, workers: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "JOBFAIR_CONFIG": "production", "DATABASE_URL": url,
        "JOBFAIR_SECRET_KEY": secrets.token_hex(32), "JOBFAIR_NIK_ENCRYPTION_KEY": secrets.token_hex(32),
        "JOBFAIR_NIK_HMAC_KEY": secrets.token_hex(32), "JOBFAIR_TOTP_ENCRYPTION_KEY": secrets.token_hex(32),
        "JOBFAIR_TRUSTED_HOSTS": "127.0.0.1", "JOBFAIR_PUBLIC_BASE_URL": "https://bench.jobfair.example",
        "JOBFAIR_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379", "JOBFAIR_RATELIMIT_ENABLED": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
    })
    return env


def _get(port: int, path: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "id"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return time.perf_counter() - start, response.status, len(body)


def _wait_ready(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            if _get(port, "/__bare?bytes=10")[1] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def measure(port: int, path: str, requests: int, concurrency: int, max_seconds: float) -> dict:
    with ThreadPoolExecutor(concurrency) as pool:          # warm-up: every worker renders the page once or more
        list(pool.map(lambda _: _get(port, path), range(2 * concurrency)))
    deadline = time.monotonic() + max_seconds

    def one(_):
        if time.monotonic() > deadline:
            return None
        return _get(port, path)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = [r for r in pool.map(one, range(requests)) if r is not None]
    wall = time.perf_counter() - start
    times = sorted(r[0] for r in results)
    statuses = sorted({r[1] for r in results})
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return dict(n=len(results), rps=len(results) / wall, median=statistics.median(times), p99=p99,
                status="/".join(map(str, statuses)), size=results[-1][2])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a database filled by bench/generate.py")
    parser.add_argument("--requests", type=int, default=200, help="per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=60, help="per page; fewer requests if it runs out")
    args = parser.parse_args(argv)
    requests = max(1, min(args.requests, 5000))
    concurrency = max(1, min(args.concurrency, 32))
    cursor, vacancy_id, open_count, deep = _targets(args.database_url)
    pages = [
        ("/lowongan", "/lowongan"),
        ("/lowongan?q=operator", "/lowongan?q=operator"),
        ("/lowongan?q=admin+gudang", "/lowongan?q=admin+gudang"),
        (f"/lowongan page {deep} (cursor)", f"/lowongan?setelah={quote(cursor or '')}"),
        ("/lowongan/<id> (detail)", f"/lowongan/{vacancy_id}"),
        ("/bursa-kerja", "/bursa-kerja"),
        ("/open-data", "/open-data"),
    ]
    port = _free_port()
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; open vacancies {open_count:,}")
    print(f"gunicorn {args.workers} sync workers, production config, 127.0.0.1:{port}; "
          f"{requests} requests per page, concurrency {concurrency}\n")
    log = open(os.path.join(ROOT, "instance", "bench_http_gunicorn.log"), "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [os.path.join(ROOT, ".venv", "bin", "gunicorn"), "-c", "gunicorn.conf.py", "--pythonpath", "bench",
         "bench_wsgi:app"], cwd=ROOT, env=_env(args.database_url, port, args.workers),
        stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    try:
        _wait_ready(port, proc)
        size = _get(port, "/lowongan")[2]
        rows = [("/__bare (reference)", measure(port, f"/__bare?bytes={size}", requests, concurrency,
                                                args.max_seconds))]
        for label, path in pages:
            rows.append((label, measure(port, path, requests, concurrency, args.max_seconds)))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    bare = rows[0][1]["median"]
    print(f"| {'page':<32} | status | {'bytes':>7} | {'req/s':>6} | {'median':>9} | {'p99':>9} | × bare |")
    print(f"|{'-' * 34}|--------|{'-' * 8}:|{'-' * 7}:|{'-' * 10}:|{'-' * 10}:|-------:|")
    for label, r in rows:
        print(f"| {label:<32} | {r['status']:>6} | {r['size']:>7,} | {r['rps']:>6.1f} | {r['median'] * 1000:>6.1f} ms"
              f" | {r['p99'] * 1000:>6.1f} ms | {r['median'] / bare:>6.1f} |")


if __name__ == "__main__":
    main()
