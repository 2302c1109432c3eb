"""students blueprint: the school's PKL pages — placements with the supervising teacher, the duration per major,
and the link from a PKL to the apprenticeship it became."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import pkl
from jobfair.students.blueprint import bp
from jobfair.students.forms_pkl import PklDurationForm, PklForm, PklLinkForm


def _pkl_page(duration_form: PklDurationForm | None = None, status: int = 200):
    durations = pkl.durations(current_user)
    duration_form = duration_form or PklDurationForm()
    duration_form.major_code.choices = [(d["code"], d["name"]) for d in durations]
    return render_template("students/school_pkl.html", rows=pkl.school_placements(current_user),
                           durations=durations, duration_form=duration_form, link_form=PklLinkForm(),
                           default_months=pkl.default_months()), status


@bp.route("/sekolah/pkl")
def school_pkl():
    return _pkl_page()


@bp.route("/sekolah/pkl/lama", methods=["POST"])
def school_pkl_duration():
    form = PklDurationForm()
    if form.validate_on_submit():
        try:
            pkl.set_duration(current_user, form.major_code.data, form.months.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Lama PKL jurusan itu disimpan; berlaku untuk PKL yang dicatat sesudah ini."), "success")
            return redirect(url_for("students.school_pkl"))
    return _pkl_page(form, 422)


@bp.route("/sekolah/siswa/<int:student_id>/pkl", methods=["GET", "POST"])
def school_pkl_new(student_id: int):
    view = pkl.pkl_student(current_user, student_id)
    form = PklForm()
    if form.validate_on_submit():
        try:
            pkl.record_placement(current_user, student_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("PKL siswa dicatat."), "success")
            return redirect(url_for("students.school_pkl"))
    return render_template("students/school_pkl_form.html", form=form, **view), 200 if not form.errors else 422


@bp.route("/sekolah/pkl/<int:placement_id>/magang", methods=["POST"])
def school_pkl_link(placement_id: int):
    form = PklLinkForm()
    if not form.validate_on_submit():
        flash(_("Formulir kedaluwarsa; muat ulang halaman dan coba lagi."), "error")
    else:
        try:
            pkl.link_apprenticeship(current_user, placement_id, form.apprenticeship_id.data)
        except (InvalidState, ValidationFailed) as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("PKL dihubungkan dengan pemagangannya."), "success")
    return redirect(url_for("students.school_pkl"))
