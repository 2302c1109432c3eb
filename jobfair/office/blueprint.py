"""The office Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("office", __name__, url_prefix="/disnaker")
