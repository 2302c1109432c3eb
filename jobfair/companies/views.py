"""Companies' pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from jobfair import labels
from jobfair.models.vacancy import ApplicationStatus
from jobfair.services import dashboards

bp = Blueprint("companies", __name__, url_prefix="/perusahaan")


@bp.route("/")
def dashboard():
    return render_template("companies/dashboard.html", **dashboards.company_home(current_user),
                           company=current_user.company, label=labels.labeller(ApplicationStatus))


# Route modules register themselves on bp (imported last to avoid a cycle).
from jobfair import token_pages  # noqa: E402
from jobfair.companies import applicants, fairs, mentoring, places, vacancies  # noqa: E402, F401  # noqa: E402, F401

token_pages.register(bp)  # /perusahaan/token-api: the company's API tokens
