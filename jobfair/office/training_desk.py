"""office blueprint: the training desk — courses, sessions, participants, attendance, completion, figures
(routes on the blueprint of blueprint.py)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import EnrolmentStatus, ProviderType
from jobfair.office.blueprint import bp
from jobfair.office.forms_training import (
    AttendanceForm,
    CompleteForm,
    CourseForm,
    DropForm,
    EnrolByNisnForm,
    SessionForm,
)
from jobfair.paging import page_args
from jobfair.services import reference
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import training


def _course_form(course=None) -> CourseForm:
    form = CourseForm(obj=course)
    form.eligible_majors.choices = reference.smk_major_choices()
    if course is not None and not form.is_submitted():
        form.eligible_majors.data = training.majors_of(course)
    return form


@bp.route("/pelatihan")
def training_courses():
    page = training.list_courses(current_user, **page_args())
    return render_template("office/training_courses.html", pagination=page)


@bp.route("/pelatihan/baru", methods=["GET", "POST"])
def training_course_new():
    form = _course_form()
    if form.validate_on_submit():
        try:
            course = training.create_course(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Pelatihan disimpan. Tambahkan jadwal sesinya."), "success")
            return redirect(url_for("office.training_course", course_id=course.id))
    return render_template("office/training_form.html", form=form, course=None), 200 if not form.errors else 422


@bp.route("/pelatihan/<int:course_id>/ubah", methods=["GET", "POST"])
def training_course_edit(course_id: int):
    course = training.get_course(current_user, course_id)
    form = _course_form(course)
    if form.validate_on_submit():
        try:
            training.update_course(current_user, course_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan pelatihan disimpan."), "success")
            return redirect(url_for("office.training_course", course_id=course_id))
    return render_template("office/training_form.html", form=form, course=course), 200 if not form.errors else 422


def _detail(course_id: int, session_form=None, enrol_form=None, status: int = 200):
    detail = training.course_detail(current_user, course_id)
    return render_template("office/training_detail.html", **detail, session_form=session_form or SessionForm(),
                           enrol_form=enrol_form or EnrolByNisnForm(), labels=labels.table(EnrolmentStatus),
                           providers=labels.table(ProviderType)), status


@bp.route("/pelatihan/<int:course_id>")
def training_course(course_id: int):
    return _detail(course_id)


@bp.route("/pelatihan/<int:course_id>/sesi", methods=["POST"])
def training_session_add(course_id: int):
    form = SessionForm()
    if form.validate_on_submit():
        try:
            training.add_session(current_user, course_id, held_on=form.held_on.data, topic=form.topic.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Sesi ditambahkan."), "success")
            return redirect(url_for("office.training_course", course_id=course_id))
    return _detail(course_id, session_form=form, status=422)


@bp.route("/pelatihan/<int:course_id>/peserta", methods=["POST"])
def training_enrol(course_id: int):
    form = EnrolByNisnForm()
    if form.validate_on_submit():
        try:
            training.enrol_by_nisn(current_user, course_id, form.nisn.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Siswa didaftarkan sebagai peserta."), "success")
            return redirect(url_for("office.training_course", course_id=course_id))
    return _detail(course_id, enrol_form=form, status=422)


@bp.route("/pelatihan/sesi/<int:session_id>/presensi", methods=["GET", "POST"])
def training_attendance(session_id: int):
    form = AttendanceForm()
    if form.validate_on_submit():
        present = {int(v) for v in request.form.getlist("present") if v.isdigit()}
        try:
            count = training.record_attendance(current_user, session_id, present)
        except (ValidationFailed, InvalidState) as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Presensi disimpan: %(count)s peserta hadir.", count=count), "success")
            sheet = training.session_sheet(current_user, session_id)
            return redirect(url_for("office.training_course", course_id=sheet["course"].id))
    sheet = training.session_sheet(current_user, session_id)
    return render_template("office/training_attendance.html", form=form, **sheet), 200 if not form.errors else 422


@bp.route("/pelatihan/peserta/<int:enrolment_id>/lulus", methods=["GET", "POST"])
def training_complete(enrolment_id: int):
    enrolment = training.office_enrolment(current_user, enrolment_id)
    form = CompleteForm()
    if form.validate_on_submit():
        try:
            training.complete(current_user, enrolment_id, score=form.score.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Peserta dinyatakan lulus; sertifikat dapat dicetak."), "success")
            return redirect(url_for("office.training_course", course_id=enrolment.course_id))
    return render_template("office/training_complete.html", form=form,
                           enrolment=enrolment), 200 if not form.errors else 422


@bp.route("/pelatihan/peserta/<int:enrolment_id>/keluar", methods=["GET", "POST"])
def training_drop(enrolment_id: int):
    enrolment = training.office_enrolment(current_user, enrolment_id)
    form = DropForm()
    if form.validate_on_submit():
        try:
            training.drop(current_user, enrolment_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Peserta dinyatakan keluar; kursinya kembali tersedia."), "success")
            return redirect(url_for("office.training_course", course_id=enrolment.course_id))
    return render_template("office/training_drop.html", form=form,
                           enrolment=enrolment), 200 if not form.errors else 422


@bp.route("/pelatihan/peserta/<int:enrolment_id>/sertifikat")
def training_certificate(enrolment_id: int):
    enrolment = training.certificate(current_user, enrolment_id)
    return render_template("students/training_certificate.html", enrolment=enrolment,
                           back=url_for("office.training_course", course_id=enrolment.course_id))


@bp.route("/pelatihan/rekap")
def training_figures():
    year = request.args.get("tahun", type=int)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return render_template("office/training_figures.html", figures=training.figures(current_user, year=year))
