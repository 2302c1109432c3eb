"""The web areas: one package a blueprint (jobfair/<area>/).

In each: blueprint.py holds the Blueprint object alone; every other module that defines views adds them to it when
imported (forms modules define none); policy.py says who may call each endpoint (route_policy.py assembles the
areas' tables). `register_areas` imports every module of each area and registers its blueprint, so a new route
module needs no wiring beyond its file.
"""

import importlib
import pkgutil

from flask import Flask

AREAS = ("public", "auth", "seekers", "companies", "students", "office", "protection")


def register_areas(app: Flask) -> None:
    for area in AREAS:
        package = importlib.import_module(f"jobfair.{area}")
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
        app.register_blueprint(importlib.import_module(f"{package.__name__}.blueprint").bp)
