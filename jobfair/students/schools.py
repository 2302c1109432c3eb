"""students blueprint: school (BKK) staff pages — students, enrolment, import, consent, invitations, placement list;
and the public activation page of a student's invitation."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.forms_util import StudentSearchForm, copy_errors
from jobfair.limits import rate_limited
from jobfair.paging import page_args
from jobfair.services import exports, reference
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import school_overview, student_import, students
from jobfair.students.blueprint import bp
from jobfair.students.forms_schools import ActionForm, ActivationForm, ConsentForm, ImportForm, StudentForm


@bp.route("/sekolah/siswa", methods=["GET", "POST"])
def school_students():
    form = StudentSearchForm()
    if form.validate_on_submit():  # a NIK is looked up from the POST body and never put into an address
        if not students.looks_like_nik(form.q.data):
            return redirect(url_for("students.school_students", q=(form.q.data or "").strip() or None), 303)
        page = students.list_students(current_user, nik=form.q.data)
        return render_template("students/school_students.html", page=page, q="", form=form, by_nik=True)
    q = request.args.get("q", "")
    page = students.list_students(current_user, q=q, **page_args())
    return render_template("students/school_students.html", page=page, form=form, by_nik=False,
                           q="" if students.looks_like_nik(q) else q)


@bp.route("/sekolah/siswa/baru", methods=["GET", "POST"])
def school_student_new():
    form = StudentForm()
    form.major.choices = [("", _("— pilih jurusan —"))] + reference.smk_major_choices()
    if form.validate_on_submit():
        try:
            student = students.enrol_student(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Siswa didaftarkan."), "success")
            for warning in student.nik_warnings:
                flash(str(warning), "warning")
            return redirect(url_for("students.school_student", student_id=student.id))
    return render_template("students/school_student_form.html", form=form), 200 if not form.errors else 422


@bp.route("/sekolah/siswa/<int:student_id>")
def school_student(student_id: int):
    student = students.open_student(current_user, student_id)
    return render_template("students/school_student_detail.html", student=student, today=date.today(),
                           needs_consent=students.needs_consent(student), placeable=students.can_be_placed(student),
                           consent_form=ConsentForm(), action_form=ActionForm())


@bp.route("/sekolah/siswa/<int:student_id>/persetujuan-wali", methods=["POST"])
def school_student_consent(student_id: int):
    form = ConsentForm()
    if not form.validate_on_submit():
        flash(_("Centang kotak konfirmasi untuk mencatat persetujuan orang tua/wali."), "error")
    else:
        try:
            students.record_guardian_consent(current_user, student_id)
        except (InvalidState, ValidationFailed) as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("Persetujuan orang tua/wali dicatat."), "success")
    return redirect(url_for("students.school_student", student_id=student_id))


@bp.route("/sekolah/siswa/<int:student_id>/undangan", methods=["POST"])
def school_student_invite(student_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        token = students.invite_student(current_user, student_id)
    except InvalidState as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("students.school_student", student_id=student_id))
    student = students.get_student(current_user, student_id)
    return render_template("students/school_student_invite.html", student=student,
                           link=url_for("students.activate", token=token, _external=True))


@bp.route("/sekolah/impor", methods=["GET", "POST"])
def school_import():
    form, result = ImportForm(), None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = student_import.import_students(current_user, filename=getattr(upload, "filename", "") or "",
                                                    stream=upload if upload else _Empty())
        except ValidationFailed as exc:
            copy_errors(form, exc)
    status = 422 if form.errors or (result and result.errors) else 200
    return render_template("students/school_import.html", form=form, result=result,
                           max_rows=student_import.MAX_ROWS), status


class _Empty:
    def read(self, _size=-1) -> bytes:
        return b""


@bp.route("/sekolah/impor/templat-data-siswa.xlsx")
def school_import_template():
    return send_download(student_import.template_xlsx(), "templat-data-siswa.xlsx", exports.XLSX_MIMETYPE,
                         personal=False)


@bp.route("/sekolah/penempatan-lulusan")
def school_placements():
    school, rows = school_overview.placement_list(current_user)
    return render_template("students/school_placements.html", school=school, rows=rows, today=date.today())


@bp.route("/aktivasi/<token>", methods=["GET", "POST"])
@rate_limited("auth", account_field="email", methods=("GET", "POST"))  # GET looks the token up
def activate(token: str):
    try:
        student = students.invitation(token)
    except ValidationFailed as exc:
        return render_template("students/activate.html", invalid=exc.message, form=None), 404
    form = ActivationForm()
    if form.validate_on_submit():
        try:
            students.activate_invitation(token, email=form.email.data, password=form.password.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Akun siswa aktif. Silakan masuk dengan e-mail dan kata sandi Anda."), "success")
            return redirect(url_for("auth.login"))
    return render_template("students/activate.html", form=form, student=student,
                           invalid=None), 200 if not form.errors else 422
