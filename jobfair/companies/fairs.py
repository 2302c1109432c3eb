"""companies blueprint: job fairs — take a booth (verified companies), attach and detach own vacancies."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.companies.blueprint import bp
from jobfair.companies.forms_fairs import TakeBoothForm, VacancyButtonForm
from jobfair.services.hiring import fairs


@bp.route("/bursa-kerja")
def fairs_list():
    pagination = fairs.list_fairs(request.args.get("page", 1, type=int))
    return render_template("companies/fairs_list.html", pagination=pagination)


@bp.route("/bursa-kerja/<int:fair_id>")
def fair(fair_id: int):
    view = fairs.company_fair_view(current_user, fair_id)
    return render_template("companies/fairs_detail.html", **view, booth_form=TakeBoothForm(),
                           button_form=VacancyButtonForm())


@bp.route("/bursa-kerja/<int:fair_id>/stan", methods=["POST"])
def fair_take_booth(fair_id: int):
    form = TakeBoothForm()
    if not form.validate_on_submit():
        view = fairs.company_fair_view(current_user, fair_id)
        return render_template("companies/fairs_detail.html", **view, booth_form=form,
                               button_form=VacancyButtonForm()), 422
    booth = fairs.take_booth(current_user, fair_id)
    flash(_("Stan nomor %(number)s sudah menjadi milik perusahaan Anda.", number=booth.booth_number), "success")
    return redirect(url_for("companies.fair", fair_id=fair_id))


@bp.route("/bursa-kerja/<int:fair_id>/lowongan/<int:vacancy_id>/pasang", methods=["POST"])
def fair_attach_vacancy(fair_id: int, vacancy_id: int):
    if VacancyButtonForm().validate_on_submit():
        fairs.attach_vacancy(current_user, fair_id, vacancy_id)
        flash(_("Lowongan dipasang di bursa kerja."), "success")
    return redirect(url_for("companies.fair", fair_id=fair_id))


@bp.route("/bursa-kerja/<int:fair_id>/lowongan/<int:vacancy_id>/lepas", methods=["POST"])
def fair_detach_vacancy(fair_id: int, vacancy_id: int):
    if VacancyButtonForm().validate_on_submit():
        fairs.detach_vacancy(current_user, fair_id, vacancy_id)
        flash(_("Lowongan dilepas dari bursa kerja."), "info")
    return redirect(url_for("companies.fair", fair_id=fair_id))
