"""office blueprint: schools (SMK with their BKK), school staff accounts, and every school's students."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import StudentSearchForm, copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_schools import SchoolForm, SchoolStaffForm
from jobfair.paging import page_args
from jobfair.services import reference
from jobfair.services.errors import ValidationFailed
from jobfair.services.smk import schools, students


def _school_form(school=None) -> SchoolForm:
    form = SchoolForm(obj=school)
    form.kecamatan_code.choices = [("", _("— pilih kecamatan —"))] + reference.kecamatan_choices()
    return form


@bp.route("/sekolah")
def schools_list():
    page = schools.list_schools(current_user, **page_args())
    return render_template("office/schools_list.html", page=page, staff=schools.staff_counts(current_user))


@bp.route("/sekolah/baru", methods=["GET", "POST"])
def school_new():
    form = _school_form()
    if form.validate_on_submit():
        try:
            school = schools.create_school(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Sekolah %(name)s disimpan.", name=school.name), "success")
            return redirect(url_for("office.school_detail", school_id=school.id))
    return render_template("office/schools_form.html", form=form, school=None), 200 if not form.errors else 422


@bp.route("/sekolah/<int:school_id>")
def school_detail(school_id: int):
    school = schools.get_school(current_user, school_id)
    return render_template("office/schools_detail.html", school=school, staff=schools.staff_of(current_user, school_id),
                           form=SchoolStaffForm())


@bp.route("/sekolah/<int:school_id>/ubah", methods=["GET", "POST"])
def school_edit(school_id: int):
    school = schools.get_school(current_user, school_id)
    form = _school_form(school)
    if form.validate_on_submit():
        try:
            schools.update_school(current_user, school_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan data sekolah disimpan."), "success")
            return redirect(url_for("office.school_detail", school_id=school_id))
    return render_template("office/schools_form.html", form=form, school=school), 200 if not form.errors else 422


@bp.route("/sekolah/<int:school_id>/staf", methods=["GET", "POST"])
def school_staff_new(school_id: int):
    school = schools.get_school(current_user, school_id)
    form = SchoolStaffForm()
    if form.validate_on_submit():
        try:
            user = schools.create_school_staff(current_user, school_id, full_name=form.full_name.data,
                                               email=form.email.data, password=form.password.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Akun BKK %(email)s dibuat. Sampaikan kata sandi awal secara langsung.", email=user.email),
                  "success")
            return redirect(url_for("office.school_detail", school_id=school_id))
    return render_template("office/schools_detail.html", school=school, staff=schools.staff_of(current_user, school_id),
                           form=form), 200 if not form.errors else 422


@bp.route("/sekolah/siswa", methods=["GET", "POST"])
def schools_students():
    form, choices = StudentSearchForm(), schools.school_choices(current_user)
    if form.validate_on_submit():  # a NIK is looked up from the POST body and never put into an address
        q, school_id = (form.q.data or "").strip(), form.school_id.data
        if not students.looks_like_nik(q):
            return redirect(url_for("office.schools_students", q=q or None, school_id=school_id), 303)
        page = students.list_students(current_user, nik=q, school_id=school_id)
        return render_template("office/schools_students.html", page=page, q="", school_id=school_id, form=form,
                               school_choices=choices, by_nik=True)
    q, school_id = request.args.get("q", ""), request.args.get("school_id", type=int)
    page = students.list_students(current_user, q=q, school_id=school_id, **page_args())
    return render_template("office/schools_students.html", page=page, q="" if students.looks_like_nik(q) else q,
                           school_id=school_id, form=form, school_choices=choices, by_nik=False)
