"""The protection Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("protection", __name__, url_prefix="/perlindungan")
