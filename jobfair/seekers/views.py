"""Job seekers' pages."""

from flask import render_template
from flask_login import current_user

from jobfair.rules import application_states
from jobfair.seekers.blueprint import bp
from jobfair.services import dashboards


@bp.route("/")
def dashboard():
    return render_template("seekers/dashboard.html", **dashboards.seeker_home(current_user),
                           person=current_user.person, label=application_states.label)
