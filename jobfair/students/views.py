"""SMK students' and schools' pages."""

from flask import Blueprint, render_template
from flask_login import current_user

from jobfair.services import dashboards

bp = Blueprint("students", __name__, url_prefix="/smk")


@bp.route("/siswa")
def dashboard():
    return render_template("role_dashboard.html", title_key="student", steps=dashboards.student_steps(current_user))


@bp.route("/sekolah")
def school_dashboard():
    return render_template("role_dashboard.html", title_key="school", steps=dashboards.school_steps(current_user))
from jobfair.students import choices, logbook, schools, training  # noqa: E402, F401
