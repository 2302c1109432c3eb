"""The students Blueprint object, alone: every route module of jobfair/students/ imports it from here and adds its
views; jobfair/students/__init__.py (init_app) imports those modules and registers it on the app."""

from flask import Blueprint

bp = Blueprint("students", __name__, url_prefix="/smk")
