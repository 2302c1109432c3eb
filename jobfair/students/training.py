"""students blueprint: training pages — the school enrols its students, the student sees their trainings and
prints a certificate (routes on the blueprint of blueprint.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import EnrolmentStatus
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import training
from jobfair.students.blueprint import bp
from jobfair.students.forms_training import EnrolStudentForm


@bp.route("/sekolah/pelatihan")
def school_training_courses():
    page = training.school_courses(current_user, **page_args())
    return render_template("students/training_courses.html", pagination=page)


@bp.route("/sekolah/pelatihan/<int:course_id>", methods=["GET", "POST"])
def school_training_course(course_id: int):
    view = training.school_course(current_user, course_id)
    form = EnrolStudentForm()
    form.set_students(view["candidates"])
    if form.validate_on_submit():
        try:
            training.enrol(current_user, course_id, form.student_id.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Siswa didaftarkan pada pelatihan ini."), "success")
            return redirect(url_for("students.school_training_course", course_id=course_id))
    return render_template("students/training_course.html", form=form, labels=labels.table(EnrolmentStatus),
                           **view), 200 if not form.errors else 422


@bp.route("/sekolah/pelatihan/sertifikat/<int:enrolment_id>")
def school_training_certificate(enrolment_id: int):
    enrolment = training.certificate(current_user, enrolment_id)
    return render_template("students/training_certificate.html", enrolment=enrolment,
                           back=url_for("students.school_training_course", course_id=enrolment.course_id))


@bp.route("/siswa/pelatihan")
def my_trainings():
    return render_template("students/training_mine.html", enrolments=training.my_enrolments(current_user),
                           labels=labels.table(EnrolmentStatus))


@bp.route("/siswa/pelatihan/<int:enrolment_id>/sertifikat")
def training_certificate(enrolment_id: int):
    enrolment = training.certificate(current_user, enrolment_id)
    return render_template("students/training_certificate.html", enrolment=enrolment,
                           back=url_for("students.my_trainings"))
