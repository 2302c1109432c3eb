"""seekers blueprint: fairs pages (routes registered on the blueprint in views.py)."""

from jobfair.seekers.views import bp  # noqa: F401
