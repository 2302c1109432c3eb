"""Security headers on every response (pages, redirects, error pages, static files, downloads): one after_request.

A response that set its own Content-Security-Policy keeps it (downloads: ``sandbox``, SVG images:
``default-src 'none'``); every other response gets the page policy. The policy has no 'unsafe-inline': templates
carry no ``style=""`` attributes, inline ``<script>`` or ``on…=`` handlers (a test reads every template).
"""

from flask import Flask

PAGE_CSP = "; ".join([
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
# strict-origin-when-cross-origin, not no-referrer: Flask-WTF checks the Referer of every form POST over HTTPS
# (WTF_CSRF_SSL_STRICT) and refuses a request without one. Cross-origin requests only ever see the origin, so no
# token in a URL (activation, AK/1 check) leaves the site.
REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def init_app(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", PAGE_CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers.setdefault("Referrer-Policy", REFERRER_POLICY)  # a page may ask for stricter (no-referrer)
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        hsts = app.config.get("HSTS")
        if hsts:
            headers["Strict-Transport-Security"] = hsts
        return response
