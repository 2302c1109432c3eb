"""Every file the site hands out (CVs, exports, templates, reports) leaves through ``send_download``; the SVG images
(charts, QR codes) through ``svg_image``.

A download is an attachment with a safe RFC 6266 name (an ASCII ``filename`` for old clients plus ``filename*``
in UTF-8), ``X-Content-Type-Options: nosniff`` and ``Content-Security-Policy: sandbox`` (a file opened in the
browser by mistake runs nothing and reaches nothing). Personal data (the default) is ``Cache-Control: private,
no-store``: no proxy or browser cache keeps a copy. The security headers of every response (jobfair/headers.py)
keep the policy set here.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from flask import Response, send_file

DOWNLOAD_CSP = "sandbox; default-src 'none'"
SVG_CSP = "default-src 'none'"
NO_STORE = "private, no-store"
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_ANY = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')
FALLBACK_NAME = "unduhan"


def ascii_filename(filename: str) -> str:
    """Letters stripped of accents, anything else but [A-Za-z0-9._-] as '_', no leading dot; the extension kept."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    stem, dot, extension = _UNSAFE_ASCII.sub("_", plain).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem, extension = stem.strip("._") or FALLBACK_NAME, extension.strip("._")
    return f"{stem[:140]}.{extension[:10]}" if extension else stem[:150]


def content_disposition(filename: str, *, disposition: str = "attachment") -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''percent-encoded`` (RFC 6266 / RFC 8187)."""
    readable = _UNSAFE_ANY.sub("_", unicodedata.normalize("NFC", filename)).strip(" ._") or FALLBACK_NAME
    return f"{disposition}; filename=\"{ascii_filename(readable)}\"; filename*=UTF-8''{quote(readable[:150], safe='')}"


def send_download(content: bytes | str | Path, filename: str, mimetype: str, *, personal: bool = True,
                  cache_control: str | None = None, headers: dict[str, str] | None = None) -> Response:
    """A file as an attachment: ``content`` is the body (bytes, or text sent as UTF-8) or a ``Path`` on disk.

    personal=True (the default: say False only for blank templates and open data) forbids every cache;
    otherwise ``cache_control`` (if given) is sent. ``headers`` adds others (e.g. CORS for open data).
    """
    if isinstance(content, Path):
        response = send_file(content, mimetype=mimetype, as_attachment=True, download_name=ascii_filename(filename),
                             conditional=True, max_age=0)
    else:
        response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    if personal:
        response.headers["Cache-Control"] = NO_STORE
    elif cache_control:
        response.headers["Cache-Control"] = cache_control
    response.headers.update(headers or {})
    return response


def svg_image(svg: bytes | str) -> Response:
    """A chart or QR code for an <img> on the page: never cached (it shows personal or filtered data), no scripts,
    no outside resources."""
    return Response(svg, mimetype="image/svg+xml", headers={
        "Cache-Control": NO_STORE, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": SVG_CSP})
