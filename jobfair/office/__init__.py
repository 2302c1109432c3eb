"""The labour office's desk (/disnaker): one route module per desk (ak1_desk, companies_desk, ...).

blueprint.py holds the Blueprint; each route module adds its views to it when imported; policy.py says who may call
each endpoint. `init_app` registers the blueprint on an app (called by create_app).
"""


def init_app(app) -> None:
    from jobfair.office import (  # noqa: F401  (importing a route module adds its views to the blueprint)
        accounts,
        ak1_desk,
        api_tokens,
        apprenticeships_desk,
        audit_trail,
        city_dashboard,
        companies_desk,
        data_requests_desk,
        desk_tools,
        fairs_desk,
        incidents,
        jobs_desk,
        monthly_report,
        placements_desk,
        places_desk,
        reports,
        schools_desk,
        training_desk,
        views,
    )
    from jobfair.office.blueprint import bp

    app.register_blueprint(bp)
