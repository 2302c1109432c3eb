"""The office Blueprint object, alone: every route module of jobfair/office/ imports it from here and adds its
views; jobfair/office/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("office", __name__, url_prefix="/disnaker")
