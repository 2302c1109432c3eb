"""Login, logout, registration, password change and reset, the office staff's second factor (/akun).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.auth import password_reset, two_factor, views  # noqa: F401  (importing a route module adds its views)
    from jobfair.auth.blueprint import bp

    app.register_blueprint(bp)
