"""The auth Blueprint object, alone: every route module of jobfair/auth/ imports it from here and adds its
views; jobfair/auth/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/akun")
