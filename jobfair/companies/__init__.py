"""Companies' pages (/perusahaan).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.companies import (  # noqa: F401  (importing a route module adds its views to the blueprint)
        api_tokens,
        applicants,
        fairs,
        mentoring,
        places,
        vacancies,
        views,
    )
    from jobfair.companies.blueprint import bp

    app.register_blueprint(bp)
