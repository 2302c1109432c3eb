"""companies blueprint: the company profile and its vacancies (routes on the blueprint of blueprint.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.companies.blueprint import bp
from jobfair.companies.forms import ActionForm, CompanyProfileForm, ConfirmForm, VacancyForm
from jobfair.forms_util import copy_errors
from jobfair.paging import page_args
from jobfair.services import reference
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.hiring import companies, vacancies


@bp.route("/profil", methods=["GET", "POST"])
def profile_edit():
    form = CompanyProfileForm(obj=current_user.company)
    form.kecamatan_code.choices = [("", _("— pilih kecamatan —"))] + reference.kecamatan_choices()
    if form.validate_on_submit():
        try:
            companies.update_profile(current_user, **{name: getattr(form, name).data for name in form.FIELDS})
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Profil perusahaan disimpan."), "success")
            return redirect(url_for("companies.dashboard"))
    return render_template("companies/profile.html", form=form,
                           company=current_user.company), 200 if not form.errors else 422


@bp.route("/lowongan")
def vacancies_list():
    page = vacancies.company_vacancies(current_user, **page_args())
    return render_template("companies/vacancies.html", page=page, company=current_user.company)


def _vacancy_form(vacancy=None) -> VacancyForm:
    form = VacancyForm(obj=vacancy)
    form.set_choices(kecamatan=reference.kecamatan_choices(), education=reference.education_choices(),
                     fairs=vacancies.job_fair_choices(current_user))
    return form


@bp.route("/lowongan/baru", methods=["GET", "POST"])
def vacancy_new():
    form = _vacancy_form()
    if form.validate_on_submit():
        try:
            vacancy = vacancies.create_draft(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Draf lowongan disimpan. Periksa lalu ajukan untuk ditayangkan."), "success")
            return redirect(url_for("companies.vacancy_detail", vacancy_id=vacancy.id))
    return render_template("companies/vacancy_form.html", form=form, vacancy=None), 200 if not form.errors else 422


@bp.route("/lowongan/<int:vacancy_id>")
def vacancy_detail(vacancy_id: int):
    vacancy = vacancies.company_vacancy(current_user, vacancy_id)
    return render_template("companies/vacancy_detail.html", vacancy=vacancy, action_form=ActionForm())


@bp.route("/lowongan/<int:vacancy_id>/ubah", methods=["GET", "POST"])
def vacancy_edit(vacancy_id: int):
    vacancy = vacancies.company_vacancy(current_user, vacancy_id)
    form = _vacancy_form(vacancy)
    if form.validate_on_submit():
        try:
            vacancies.update(current_user, vacancy_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan lowongan disimpan."), "success")
            return redirect(url_for("companies.vacancy_detail", vacancy_id=vacancy_id))
    return render_template("companies/vacancy_form.html", form=form,
                           vacancy=vacancy), 200 if not form.errors else 422


@bp.route("/lowongan/<int:vacancy_id>/ajukan", methods=["POST"])
def vacancy_submit(vacancy_id: int):
    if ActionForm().validate_on_submit():
        try:
            vacancies.submit(current_user, vacancy_id)
        except InvalidState as exc:  # e.g. the company is not verified yet: explain, keep the draft
            flash(str(exc.message), "error")
        except ValidationFailed as exc:  # Perpres 57/2023 fields missing: the edit form shows them beside the fields
            vacancy = vacancies.company_vacancy(current_user, vacancy_id)
            form = _vacancy_form(vacancy)
            copy_errors(form, exc)
            form.form_errors.append(_("Lengkapi kolom yang ditandai lalu simpan; setelah itu ajukan lagi."))
            return render_template("companies/vacancy_form.html", form=form, vacancy=vacancy), 422
        else:
            flash(_("Lowongan diajukan. Disnaker akan memeriksanya sebelum ditayangkan."), "success")
    return redirect(url_for("companies.vacancy_detail", vacancy_id=vacancy_id))


@bp.route("/lowongan/<int:vacancy_id>/tutup", methods=["GET", "POST"])
def vacancy_close(vacancy_id: int):
    vacancy = vacancies.company_vacancy(current_user, vacancy_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        vacancies.close(current_user, vacancy_id)
        flash(_("Lowongan ditutup; pelamar baru tidak dapat melamar lagi."), "success")
        return redirect(url_for("companies.vacancy_detail", vacancy_id=vacancy_id))
    return render_template("companies/vacancy_close.html", form=form,
                           vacancy=vacancy), 200 if not form.errors else 422
