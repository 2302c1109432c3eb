"""Companies' pages."""

from flask import render_template
from flask_login import current_user

from jobfair import labels
from jobfair.companies.blueprint import bp
from jobfair.models.vacancy import ApplicationStatus
from jobfair.services import dashboards


@bp.route("/")
def dashboard():
    return render_template("companies/dashboard.html", **dashboards.company_home(current_user),
                           company=current_user.company, label=labels.labeller(ApplicationStatus))
