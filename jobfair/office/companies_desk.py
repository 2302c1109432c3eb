"""office blueprint: the company-verification and vacancy-moderation queues, and the Perpres 57/2023 report."""

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import send_download
from jobfair.forms_util import copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_companies import DecisionForm, ReasonForm
from jobfair.paging import page_args
from jobfair.services import exports
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import companies, vacancies


@bp.route("/perusahaan")
def companies_queue():
    page = companies.verification_queue(current_user, **page_args())
    return render_template("office/companies_queue.html", page=page)


def _company_page(company_id: int, reason_form=None, status: int = 200):
    company = companies.get_company(current_user, company_id)
    return render_template("office/companies_review.html", company=company, decision_form=DecisionForm(),
                           reason_form=reason_form or ReasonForm()), status


@bp.route("/perusahaan/<int:company_id>")
def company_review(company_id: int):
    return _company_page(company_id)


@bp.route("/perusahaan/<int:company_id>/verifikasi", methods=["POST"])
def company_verify(company_id: int):
    if DecisionForm().validate_on_submit():
        company = companies.verify(current_user, company_id)
        flash(_("%(name)s sudah diverifikasi.", name=company.name), "success")
    return redirect(url_for("office.companies_queue"))


@bp.route("/perusahaan/<int:company_id>/tolak", methods=["POST"])
def company_reject(company_id: int):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            company = companies.reject(current_user, company_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Verifikasi %(name)s ditolak; perusahaan diberi tahu alasannya.", name=company.name), "success")
            return redirect(url_for("office.companies_queue"))
    return _company_page(company_id, form, 422)


@bp.route("/lowongan")
def vacancies_queue():
    page = vacancies.moderation_queue(current_user, **page_args())
    return render_template("office/vacancies_queue.html", page=page)


def _vacancy_page(vacancy_id: int, reason_form=None, status: int = 200):
    vacancy = vacancies.office_vacancy(current_user, vacancy_id)
    return render_template("office/vacancies_review.html", vacancy=vacancy, decision_form=DecisionForm(),
                           reason_form=reason_form or ReasonForm()), status


@bp.route("/lowongan/<int:vacancy_id>")
def vacancy_review(vacancy_id: int):
    return _vacancy_page(vacancy_id)


@bp.route("/lowongan/<int:vacancy_id>/tayangkan", methods=["POST"])
def vacancy_publish(vacancy_id: int):
    if DecisionForm().validate_on_submit():
        vacancy = vacancies.publish(current_user, vacancy_id)
        flash(_("Lowongan '%(title)s' ditayangkan.", title=vacancy.title), "success")
    return redirect(url_for("office.vacancies_queue"))


@bp.route("/lowongan/<int:vacancy_id>/kembalikan", methods=["POST"])
def vacancy_return(vacancy_id: int):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            vacancy = vacancies.return_vacancy(current_user, vacancy_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Lowongan '%(title)s' dikembalikan ke perusahaan.", title=vacancy.title), "success")
            return redirect(url_for("office.vacancies_queue"))
    return _vacancy_page(vacancy_id, form, 422)


@bp.route("/lowongan/laporan-perpres-57-2023.xlsx")
def vacancies_perpres_xlsx():
    headers, rows = vacancies.perpres_report(current_user)
    body = exports.to_xlsx({"Lowongan Perpres 57-2023": (headers, rows)})
    filename = f"laporan-lowongan-perpres-57-2023-{date.today():%Y%m%d}.xlsx"
    return send_download(body, filename, exports.XLSX_MIMETYPE)
