"""The public Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("public", __name__)
