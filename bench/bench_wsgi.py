"""WSGI entry point of the HTTP benchmark (bench/bench_http.py): the real app, plus a bare Flask reference route.

`/__bare?bytes=N` returns the first N bytes of a constant HTML page from a Flask app with nothing else in it, in
the same gunicorn workers as the real app, so the two are measured under identical conditions. Every other path
goes to jobfair (configured from the environment like wsgi.py). Never deployed: gunicorn.conf.py serves wsgi:app.
"""

from flask import Flask, request

from jobfair import create_app

_ROW = ('<li class="vacancy"><a href="/lowongan/{n}">Operator Forklift {n}</a> <span>PT Maju Jaya</span> '
        "<span>Balikpapan Utara</span> <span>Rp3.701.508 - Rp5.000.000</span></li>\n")
PAGE = ("<!doctype html><html lang=\"id\"><head><title>Lowongan</title></head><body><ul>\n"
        + "".join(_ROW.format(n=n) for n in range(2000)) + "</ul></body></html>\n")

real_app = create_app()
bare_app = Flask("bare")


@bare_app.route("/__bare")
def bare():
    return PAGE[:request.args.get("bytes", 30_000, type=int)]


def app(environ, start_response):
    if environ.get("PATH_INFO") == "/__bare":
        return bare_app(environ, start_response)
    return real_app(environ, start_response)
