"""Public pages (/): home, language, the dashboard dispatcher, notifications, vacancies and fairs, privacy notices
and consents, open data, and UU PDP's "Data saya" and erasure requests.

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.public import (  # noqa: F401  (importing a route module adds its views to the blueprint)
        erasure,
        fairs,
        my_data,
        open_data,
        privacy,
        unsubscribe,
        vacancies,
        views,
    )
    from jobfair.public.blueprint import bp

    app.register_blueprint(bp)
