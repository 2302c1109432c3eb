"""The labour office's desk."""

from flask import Blueprint, render_template
from flask_login import current_user

from jobfair.services import office_desk

bp = Blueprint("office", __name__, url_prefix="/disnaker")


@bp.route("/")
def dashboard():
    return render_template("office/dashboard.html", queues=office_desk.queue_summary(current_user))


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair.office import (  # noqa: E402, F401  # noqa: E402, F401
    ak1_desk,
    apprenticeships_desk,
    companies_desk,
    fairs_desk,
    placements_desk,
    places_desk,
    reports,
    schools_desk,
    training_desk,
)
