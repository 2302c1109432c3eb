"""SMK students' and schools' pages."""

from flask import render_template
from flask_login import current_user

from jobfair.services import dashboards
from jobfair.services.errors import NotFound
from jobfair.services.smk import school_overview, students
from jobfair.students.blueprint import bp


@bp.route("/siswa")
def dashboard():
    student = students.student_or_none(current_user)
    placeable = students.can_be_placed(student) if student else (False, "")
    return render_template("students/student_dashboard.html", student=student, placeable=placeable,
                           **dashboards.student_home(current_user))


@bp.route("/sekolah")
def school_dashboard():
    try:
        overview = school_overview.overview(current_user)
    except NotFound as exc:
        return render_template("students/school_dashboard.html", overview=None, problem=exc.message, steps=[])
    return render_template("students/school_dashboard.html", overview=overview, problem=None,
                           steps=dashboards.school_steps(current_user))
