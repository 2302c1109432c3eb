"""The protection Blueprint object, alone: every route module of jobfair/protection/ imports it from here and adds its
views; jobfair/protection/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("protection", __name__, url_prefix="/perlindungan")
