"""office blueprint: apprenticeship agreements to legalise, termination, detail, printable documents, figures."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import ApprenticeshipStatus
from jobfair.office.blueprint import bp
from jobfair.office.forms_apprenticeships import LegaliseForm, TerminateForm
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import apprenticeships


@bp.route("/pemagangan")
def apprenticeships_queue():
    page = apprenticeships.legalisation_queue(current_user, **page_args())
    return render_template("office/apprenticeships_queue.html", page=page, labels=labels.table(ApprenticeshipStatus),
                           figures=apprenticeships.figures(current_user))


@bp.route("/pemagangan/<int:apprenticeship_id>")
def apprenticeship_detail(apprenticeship_id: int):
    data = apprenticeships.office_agreement(current_user, apprenticeship_id)
    return render_template("office/apprenticeships_detail.html", labels=labels.table(ApprenticeshipStatus), **data)


@bp.route("/pemagangan/<int:apprenticeship_id>/sahkan", methods=["GET", "POST"])
def apprenticeship_legalise(apprenticeship_id: int):
    data = apprenticeships.agreement(current_user, apprenticeship_id)
    form = LegaliseForm()
    if form.validate_on_submit():
        try:
            apprenticeships.legalise(current_user, apprenticeship_id)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Perjanjian pemagangan disahkan; siswa dan perusahaan sudah diberi tahu."), "success")
            return redirect(url_for(".apprenticeships_queue"))
    return render_template("office/apprenticeships_legalise.html", form=form,
                           **data), 200 if not form.errors else 422


@bp.route("/pemagangan/<int:apprenticeship_id>/hentikan", methods=["GET", "POST"])
def apprenticeship_terminate(apprenticeship_id: int):
    appr = apprenticeships.get(current_user, apprenticeship_id)
    form = TerminateForm()
    if form.validate_on_submit():
        try:
            apprenticeships.terminate(current_user, apprenticeship_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Pemagangan dihentikan; siswa dan perusahaan sudah diberi tahu."), "success")
            return redirect(url_for(".apprenticeship_detail", apprenticeship_id=apprenticeship_id))
    return render_template("office/apprenticeships_terminate.html", form=form,
                           appr=appr), 200 if not form.errors else 422


@bp.route("/pemagangan/<int:apprenticeship_id>/perjanjian")
def apprenticeship_agreement(apprenticeship_id: int):
    return render_template("students/apprenticeship_print.html", doc="agreement",
                           back=url_for(".apprenticeship_detail", apprenticeship_id=apprenticeship_id),
                           **apprenticeships.office_agreement(current_user, apprenticeship_id))


@bp.route("/pemagangan/<int:apprenticeship_id>/sertifikat")
def apprenticeship_certificate(apprenticeship_id: int):
    return render_template("students/apprenticeship_print.html", doc="certificate",
                           back=url_for(".apprenticeship_detail", apprenticeship_id=apprenticeship_id),
                           **apprenticeships.certificate(current_user, apprenticeship_id))


@bp.route("/pemagangan/angka")
def apprenticeships_figures():
    return render_template("office/apprenticeships_figures.html", figures=apprenticeships.figures(current_user))
