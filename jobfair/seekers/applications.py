"""seekers blueprint: apply, my applications with their history, withdraw, recommended vacancies."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import ApplicationStatus
from jobfair.paging import page_args
from jobfair.privacy_notices import CV_SHARING
from jobfair.rules import application_states
from jobfair.seekers.blueprint import bp
from jobfair.seekers.forms_applications import ApplyForm, WithdrawForm
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import applications, search
from jobfair.services.privacy import consents


@bp.route("/lowongan/<int:vacancy_id>/lamar", methods=["GET", "POST"])
def apply_vacancy(vacancy_id: int):
    today = date.today()
    vacancy = applications.vacancy_for_applying(vacancy_id, today)
    applied = applications.has_applied(current_user, vacancy.id) if request.method == "GET" else None
    form = ApplyForm()
    if applied is None and form.validate_on_submit():
        try:
            application = applications.apply(current_user, vacancy.id, cover_letter=form.cover_letter.data,
                                              today=today)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Lamaran terkirim. Ikuti statusnya di halaman ini."), "success")
            return redirect(url_for("seekers.my_application", application_id=application.id))
    return render_template("seekers/applications_apply.html", form=form, vacancy=vacancy, applied=applied,
                           label=labels.labeller(ApplicationStatus),
                           cv_missing=applications.cv_file(search.profile_of(current_user)) is None,
                           cv_shared=consents.has_consent(current_user, CV_SHARING)), \
        200 if not form.errors else 422


@bp.route("/lamaran")
def my_applications():
    pagination = applications.my_applications(current_user, **page_args())
    return render_template("seekers/applications_list.html", pagination=pagination,
                           label=labels.labeller(ApplicationStatus))


@bp.route("/lamaran/<int:application_id>")
def my_application(application_id: int):
    view = applications.my_application(current_user, application_id)
    return render_template("seekers/applications_detail.html", view=view, label=labels.labeller(ApplicationStatus),
                           can_withdraw=application_states.seeker_can_withdraw(view.application.status))


@bp.route("/lamaran/<int:application_id>/batalkan", methods=["GET", "POST"])
def withdraw_application(application_id: int):
    view = applications.my_application(current_user, application_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        applications.withdraw(current_user, application_id, form.note.data)
        flash(_("Lamaran dibatalkan."), "info")
        return redirect(url_for("seekers.my_application", application_id=application_id))
    return render_template("seekers/applications_withdraw.html", form=form, view=view,
                           label=labels.labeller(ApplicationStatus)), 200 if not form.errors else 422


@bp.route("/rekomendasi")
def recommendations():
    ranked = search.recommendations(current_user, date.today(), limit=20)
    return render_template("seekers/applications_recommendations.html", ranked=ranked)
