"""The worker-protection and social-aid registers (/perlindungan, officers only).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.protection import figures, imports, ledger, register  # noqa: F401  (each adds its views)
    from jobfair.protection.blueprint import bp

    app.register_blueprint(bp)
