"""The auth Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/akun")
