"""Job seekers' pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from jobfair.rules import application_states
from jobfair.services import dashboards

bp = Blueprint("seekers", __name__, url_prefix="/pencari-kerja")


@bp.route("/")
def dashboard():
    return render_template("seekers/dashboard.html", **dashboards.seeker_home(current_user),
                           person=current_user.person, label=application_states.label)


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair.seekers import applications, fairs, profile, saved_searches  # noqa: E402, F401
