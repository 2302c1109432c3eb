"""The seekers Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("seekers", __name__, url_prefix="/pencari-kerja")
