"""The companies Blueprint object, alone: every route module of jobfair/companies/ imports it from here and adds its
views; jobfair/companies/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("companies", __name__, url_prefix="/perusahaan")
