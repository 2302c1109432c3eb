"""office blueprint: schools desk pages (routes registered on the blueprint in views.py)."""

from jobfair.office.views import bp  # noqa: F401
