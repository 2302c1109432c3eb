"""companies blueprint: places pages (routes registered on the blueprint in views.py)."""

from jobfair.companies.views import bp  # noqa: F401
