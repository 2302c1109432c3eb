"""The seekers Blueprint object, alone: every route module of jobfair/seekers/ imports it from here and adds its
views; jobfair/seekers/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("seekers", __name__, url_prefix="/pencari-kerja")
