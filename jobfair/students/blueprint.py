"""The students Blueprint, alone: its route modules import it (jobfair/areas.py registers it)."""

from flask import Blueprint

bp = Blueprint("students", __name__, url_prefix="/smk")
