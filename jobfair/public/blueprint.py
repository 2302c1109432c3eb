"""The public Blueprint object, alone: every route module of jobfair/public/ imports it from here and adds its
views; jobfair/public/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("public", __name__)
