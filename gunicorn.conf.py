"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app` (docs/DEPLOY.md).

Environment: GUNICORN_BIND (default 127.0.0.1:8000, behind the reverse proxy), GUNICORN_WORKERS (default
2 x cores + 1). The application's own settings come from JOBFAIR_* variables (config.py).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
graceful_timeout = 30
keepalive = 5
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# X-Forwarded-* headers are read in one place only, the app's ProxyFix (PROXY_FIX_X_* settings): gunicorn itself
# trusts none of them, not even from 127.0.0.1 or a unix socket.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}

# gunicorn's Server header is "gunicorn" without a version; the app adds none (hide it at the proxy if wanted).
# The access log shows the path without the query string (tokens of the AK/1 check never reach the log).
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
