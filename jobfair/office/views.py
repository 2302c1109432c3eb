"""The labour office's desk."""

from flask import Blueprint, render_template
from flask_login import current_user

from jobfair.services.office import office_desk

bp = Blueprint("office", __name__, url_prefix="/disnaker")


@bp.route("/")
def dashboard():
    return render_template("office/dashboard.html", **office_desk.dashboard(current_user))


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair import token_pages  # noqa: E402
from jobfair.office import (  # noqa: E402, F401  # noqa: E402, F401  # noqa: E402, F401
    accounts,
    ak1_desk,
    apprenticeships_desk,
    audit_trail,  # noqa: E402, F401
    city_dashboard,  # noqa: E402, F401
    companies_desk,
    data_requests_desk,
    desk_tools,
    fairs_desk,
    incidents,
    jobs_desk,
    monthly_report,  # noqa: E402, F401
    placements_desk,
    places_desk,
    reports,
    schools_desk,
    training_desk,
)

token_pages.register(bp)  # /disnaker/token-api: the office's export tokens
