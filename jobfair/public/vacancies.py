"""public blueprint: vacancies pages (routes registered on the blueprint in views.py)."""

from jobfair.public.views import bp  # noqa: F401
