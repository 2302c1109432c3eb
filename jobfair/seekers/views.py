"""Job seekers' pages."""

from flask import render_template
from flask_login import current_user

from jobfair import labels
from jobfair.models import ApplicationStatus
from jobfair.seekers.blueprint import bp
from jobfair.services import dashboards


@bp.route("/")
def dashboard():
    return render_template("seekers/dashboard.html", **dashboards.seeker_home(current_user),
                           person=current_user.person, label=labels.labeller(ApplicationStatus))
