"""students blueprint: training pages (routes registered on the blueprint in views.py)."""

from jobfair.students.views import bp  # noqa: F401
