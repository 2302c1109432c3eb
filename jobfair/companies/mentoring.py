"""companies blueprint: apprentices of the company, logbook sign-off, final assessment, printable documents.

Every user of the company may read its apprentices; the named mentor of the place (or, when the place names no
mentor account, any user of the company) signs the logbook and gives the final assessment.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.companies.blueprint import bp
from jobfair.companies.forms_mentoring import AssessForm, SignEntryForm
from jobfair.forms_util import copy_errors
from jobfair.models import ApprenticeshipStatus
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed
from jobfair.services.smk import apprenticeships


@bp.route("/peserta-magang")
def apprentices():
    page = apprenticeships.company_apprentices(current_user, **page_args())
    return render_template("companies/mentoring_list.html", page=page, labels=labels.table(ApprenticeshipStatus))


@bp.route("/peserta-magang/<int:apprenticeship_id>")
def apprentice(apprenticeship_id: int):
    appr = apprenticeships.company_apprentice(current_user, apprenticeship_id)
    return render_template("companies/mentoring_detail.html", appr=appr, labels=labels.table(ApprenticeshipStatus),
                           sign_form=SignEntryForm(), assessment=apprenticeships.assessment_readiness(appr))


@bp.route("/peserta-magang/logbook/<int:entry_id>/tandatangan", methods=["POST"])
def logbook_sign(entry_id: int):
    form = SignEntryForm()
    if not form.validate_on_submit():
        flash(_("Formulir kedaluwarsa atau catatan terlalu panjang; coba lagi."), "error")
        return redirect(url_for(".apprentices"))
    try:
        entry = apprenticeships.sign_entry(current_user, entry_id, form.note.data)
    except (ValidationFailed, InvalidState, PermissionDenied) as exc:
        flash(str(exc.message), "error")
        return redirect(url_for(".apprentices"))
    flash(_("Catatan logbook ditandatangani."), "success")
    return redirect(url_for(".apprentice", apprenticeship_id=entry.apprenticeship_id))


@bp.route("/peserta-magang/<int:apprenticeship_id>/penilaian", methods=["GET", "POST"])
def apprentice_assess(apprenticeship_id: int):
    appr = apprenticeships.company_apprentice(current_user, apprenticeship_id)
    form = AssessForm()
    if form.validate_on_submit():
        try:
            apprenticeships.assess(current_user, apprenticeship_id, score=form.score.data, note=form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except (InvalidState, PermissionDenied) as exc:
            form.form_errors.append(str(exc.message))
        else:
            flash(_("Penilaian akhir disimpan; pemagangan selesai dan sertifikat terbit."), "success")
            return redirect(url_for(".apprentice", apprenticeship_id=apprenticeship_id))
    return render_template("companies/mentoring_assess.html", form=form, appr=appr,
                           assessment=apprenticeships.assessment_readiness(appr)), 200 if not form.errors else 422


@bp.route("/peserta-magang/<int:apprenticeship_id>/perjanjian")
def apprentice_agreement(apprenticeship_id: int):
    apprenticeships.company_apprentice(current_user, apprenticeship_id)
    return render_template("students/apprenticeship_print.html", doc="agreement",
                           back=url_for(".apprentice", apprenticeship_id=apprenticeship_id),
                           **apprenticeships.agreement(current_user, apprenticeship_id))


@bp.route("/peserta-magang/<int:apprenticeship_id>/sertifikat")
def apprentice_certificate(apprenticeship_id: int):
    return render_template("students/apprenticeship_print.html", doc="certificate",
                           back=url_for(".apprentice", apprenticeship_id=apprenticeship_id),
                           **apprenticeships.certificate(current_user, apprenticeship_id))
