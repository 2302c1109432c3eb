"""The companies Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("companies", __name__, url_prefix="/perusahaan")
