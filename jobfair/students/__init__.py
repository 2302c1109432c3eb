"""SMK students' and schools' pages (/smk).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.students import choices, logbook, pkl, schools, training, views  # noqa: F401  (each adds views)
    from jobfair.students.blueprint import bp

    app.register_blueprint(bp)
