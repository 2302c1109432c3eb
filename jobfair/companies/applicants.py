"""companies blueprint: applicants per vacancy, applicant detail and CV, status change, interview, hire."""

from datetime import date
from pathlib import Path

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.companies.blueprint import bp
from jobfair.companies.forms_applicants import ApplicantFilterForm, HireForm, InviteForm, StatusForm
from jobfair.downloads import send_download
from jobfair.forms_util import copy_errors
from jobfair.models.vacancy import ApplicationStatus
from jobfair.paging import page_args
from jobfair.rules import application_states as states
from jobfair.services import reference
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import applicants as service


@bp.route("/lowongan/<int:vacancy_id>/pelamar")
def applicants(vacancy_id: int):
    form = ApplicantFilterForm(request.args)
    form.status.choices = labels.choices(ApplicationStatus, blank=_("— semua —"))
    data = form.data if form.validate() else {}
    vacancy, pagination, fits = service.applicants(
        current_user, vacancy_id, status=data.get("status") or None, min_score=data.get("min_score"),
        **page_args())
    return render_template("companies/applicants_list.html", form=form, vacancy=vacancy, pagination=pagination,
                           fits=fits, label=labels.labeller(ApplicationStatus))


def _status_form(status: str) -> StatusForm:
    form = StatusForm()
    form.to_status.choices = labels.choices(ApplicationStatus, values=[s for s in states.next_for_company(status)
                                                                   if s in service.PLAIN_TARGETS])
    return form


@bp.route("/pelamar/<int:application_id>")
def applicant(application_id: int):
    detail = service.open_applicant(current_user, application_id)
    return render_template("companies/applicants_detail.html", detail=detail, label=labels.labeller(ApplicationStatus),
                           status_form=_status_form(detail.view.application.status),
                           can_move=lambda target: states.company_can_move(detail.view.application.status, target))


@bp.route("/pelamar/<int:application_id>/cv")
def applicant_cv(application_id: int):
    path, download_name = service.cv_for_company(current_user, application_id)
    return send_download(Path(path), download_name, "application/pdf")


@bp.route("/pelamar/<int:application_id>/status", methods=["POST"])
def applicant_status(application_id: int):
    detail = service.applicant(current_user, application_id)
    form = _status_form(detail.view.application.status)
    if form.validate_on_submit():
        try:
            service.change_status(current_user, application_id, form.to_status.data, form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Status lamaran diubah dan pelamar sudah diberi tahu."), "success")
            return redirect(url_for("companies.applicant", application_id=application_id))
    return render_template("companies/applicants_detail.html", detail=detail, label=labels.labeller(ApplicationStatus),
                           status_form=form, can_move=lambda t: states.company_can_move(
                               detail.view.application.status, t)), 422


@bp.route("/pelamar/<int:application_id>/undang", methods=["GET", "POST"])
def applicant_invite(application_id: int):
    detail = service.applicant(current_user, application_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            service.invite(current_user, application_id, scheduled_at=form.scheduled_at(), place=form.place.data,
                           note=form.note.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Undangan wawancara terkirim ke pelamar."), "success")
            return redirect(url_for("companies.applicant", application_id=application_id))
    return render_template("companies/applicants_invite.html", form=form, detail=detail), \
        200 if not form.errors else 422


@bp.route("/pelamar/<int:application_id>/terima", methods=["GET", "POST"])
def applicant_hire(application_id: int):
    detail = service.applicant(current_user, application_id)
    form = HireForm()
    if form.validate_on_submit():
        try:
            service.hire(current_user, application_id, start_date=form.start_date.data,
                         contract_type=form.contract_type.data, wage=form.wage.data,
                         below_umk_confirmed=form.below_umk_confirmed.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Pelamar diterima. Penempatan dilaporkan ke Disnaker untuk diverifikasi."), "success")
            return redirect(url_for("companies.applicant", application_id=application_id))
    umk = reference.umk_in_force((form.start_date.data or date.today()).year)
    return render_template("companies/applicants_hire.html", form=form, detail=detail, umk=umk), \
        200 if not form.errors else 422
