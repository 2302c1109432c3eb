"""students blueprint: the student's apprenticeship, printable agreement and certificate, and the weekly logbook."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import ApprenticeshipStatus
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import apprenticeships
from jobfair.students.blueprint import bp
from jobfair.students.forms_logbook import LogbookEditForm, LogbookEntryForm


@bp.route("/magang")
def apprenticeship():
    return render_template("students/apprenticeship_detail.html", labels=labels.table(ApprenticeshipStatus),
                           apprenticeships=apprenticeships.get_for_student(current_user))


@bp.route("/magang/<int:apprenticeship_id>/perjanjian")
def apprenticeship_agreement(apprenticeship_id: int):
    return render_template("students/apprenticeship_print.html", doc="agreement", back=url_for(".apprenticeship"),
                           **apprenticeships.agreement(current_user, apprenticeship_id))


@bp.route("/magang/<int:apprenticeship_id>/sertifikat")
def apprenticeship_certificate(apprenticeship_id: int):
    return render_template("students/apprenticeship_print.html", doc="certificate", back=url_for(".apprenticeship"),
                           **apprenticeships.certificate(current_user, apprenticeship_id))


@bp.route("/magang/logbook/baru", methods=["GET", "POST"])
def logbook_new():
    if request.method == "GET" and apprenticeships.active_of_student(current_user) is None:
        return render_template("students/logbook_form.html", form=None, entry=None)  # nothing to write it for
    form = LogbookEntryForm()
    if not form.is_submitted():
        form.week_start.data = date.today()
    if form.validate_on_submit():
        try:
            apprenticeships.write_entry(current_user, week_start=form.week_start.data,
                                        activities=form.activities.data, hours=form.hours.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Catatan logbook disimpan. Mentor akan memeriksa dan menandatanganinya."), "success")
            return redirect(url_for(".apprenticeship"))
    return render_template("students/logbook_form.html", form=form, entry=None), 200 if not form.errors else 422


@bp.route("/magang/logbook/<int:entry_id>/ubah", methods=["GET", "POST"])
def logbook_edit(entry_id: int):
    entry = apprenticeships.student_entry(current_user, entry_id)
    if request.method == "GET" and not apprenticeships.entry_editable(entry):  # signed, or the apprenticeship ended
        return render_template("students/logbook_form.html", form=None, entry=entry)
    form = LogbookEditForm(obj=entry)
    if form.validate_on_submit():
        try:
            apprenticeships.update_entry(current_user, entry_id, activities=form.activities.data,
                                         hours=form.hours.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Perubahan catatan logbook disimpan."), "success")
            return redirect(url_for(".apprenticeship"))
    return render_template("students/logbook_form.html", form=form, entry=entry), 200 if not form.errors else 422
