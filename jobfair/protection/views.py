"""The worker-protection and social-aid registers (officers only)."""

from flask import Blueprint

bp = Blueprint("protection", __name__, url_prefix="/perlindungan")


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair.protection import figures, imports, ledger, register  # noqa: E402, F401
