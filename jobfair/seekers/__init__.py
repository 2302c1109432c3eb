"""Job seekers' pages (/pencari-kerja).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.seekers import applications, fairs, profile, saved_searches, views  # noqa: F401  (each adds its views)
    from jobfair.seekers.blueprint import bp

    app.register_blueprint(bp)
