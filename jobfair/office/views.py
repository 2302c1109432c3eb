"""The labour office's desk."""

from flask import render_template
from flask_login import current_user

from jobfair.office.blueprint import bp
from jobfair.services.office import office_desk


@bp.route("/")
def dashboard():
    return render_template("office/dashboard.html", **office_desk.dashboard(current_user))
