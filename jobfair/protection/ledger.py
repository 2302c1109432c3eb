"""protection blueprint: ledger pages (routes registered on the blueprint in views.py)."""

from jobfair.protection.views import bp  # noqa: F401
