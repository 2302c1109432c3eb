"""companies blueprint: apprenticeship places, the ranking of candidates and the match result."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.companies.blueprint import bp
from jobfair.companies.forms_places import PlaceForm, RankingForm
from jobfair.forms_util import copy_errors
from jobfair.models import PlaceStatus
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import matching_rounds, places, preferences


def _place_form(place=None) -> PlaceForm:
    form = PlaceForm(obj=place, data={"eligible_majors": places.majors_of(place)} if place else None)
    form.eligible_majors.choices = places.major_choices()
    return form


@bp.route("/tempat-magang")
def places_list():
    page = places.company_places(current_user, **page_args())
    return render_template("companies/places_list.html", page=page, labels=labels.table(PlaceStatus))


@bp.route("/tempat-magang/baru", methods=["GET", "POST"])
def place_new():
    form = _place_form()
    if form.validate_on_submit():
        try:
            place = places.propose_place(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:  # e.g. the company is not verified yet
            form.form_errors.append(str(exc.message))
        else:
            flash(_("Usulan tempat magang dikirim ke Disnaker untuk disetujui."), "success")
            return redirect(url_for("companies.place_detail", place_id=place.id))
    return render_template("companies/places_form.html", form=form, place=None,
                           locked=False), 200 if not form.errors else 422


@bp.route("/tempat-magang/<int:place_id>")
def place_detail(place_id: int):
    place = places.company_place(current_user, place_id)
    return render_template("companies/places_detail.html", place=place, labels=labels.table(PlaceStatus),
                           majors=dict(places.major_choices()), window_warning=places.window_warning(place))


@bp.route("/tempat-magang/<int:place_id>/ubah", methods=["GET", "POST"])
def place_edit(place_id: int):
    place = places.company_place(current_user, place_id)
    if request.method == "GET" and not places.is_editable(place):  # approved or closed: no form that can only fail
        return render_template("companies/places_form.html", form=None, place=place, locked=True,
                               labels=labels.table(PlaceStatus))
    form = _place_form(place)
    if form.validate_on_submit():
        try:
            places.update_place(current_user, place_id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan disimpan dan dikirim lagi ke Disnaker."), "success")
            return redirect(url_for("companies.place_detail", place_id=place_id))
    return render_template("companies/places_form.html", form=form, place=place,
                           locked=False), 200 if not form.errors else 422


@bp.route("/tempat-magang/<int:place_id>/peringkat", methods=["GET", "POST"])
def place_ranking(place_id: int):
    form = RankingForm()
    if form.validate_on_submit():
        numbers = {int(key[5:]): value for key, value in request.form.items()
                   if key.startswith("rank_") and key[5:].isdigit()}
        refused = {int(key[7:]) for key in request.form if key.startswith("refuse_") and key[7:].isdigit()}
        try:
            preferences.set_ranking_numbers(current_user, place_id, numbers, refused)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Peringkat disimpan."), "success")
            return redirect(url_for("companies.place_ranking", place_id=place_id))
    place = places.company_place(current_user, place_id)
    return render_template("companies/places_ranking.html", form=form, place=place,
                           candidates=preferences.candidates(current_user, place_id)), 200 if not form.errors else 422


@bp.route("/tempat-magang/<int:place_id>/hasil")
def place_result(place_id: int):
    return render_template("companies/places_result.html", **matching_rounds.company_result(current_user, place_id))
