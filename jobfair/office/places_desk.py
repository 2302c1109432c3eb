"""office blueprint: the apprenticeship places queue (approve / return) and the match rounds."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_companies import DecisionForm, ReasonForm
from jobfair.office.forms_places import MatchActionForm, MatchConfirmForm
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.smk import matching_rounds, places


@bp.route("/tempat-magang")
def places_queue():
    page = places.places_queue(current_user, **page_args())
    return render_template("office/places_queue.html", page=page)


def _place_page(place_id: int, reason_form=None, status: int = 200):
    place = places.office_place(current_user, place_id)
    return render_template("office/places_review.html", place=place, decision_form=DecisionForm(),
                           reason_form=reason_form or ReasonForm(), majors=dict(places.major_choices()),
                           concurrent=places.concurrent_apprentices(place),
                           window_warning=places.window_warning(place)), status


@bp.route("/tempat-magang/<int:place_id>")
def place_review(place_id: int):
    return _place_page(place_id)


@bp.route("/tempat-magang/<int:place_id>/setujui", methods=["POST"])
def place_approve(place_id: int):
    if DecisionForm().validate_on_submit():
        try:
            place = places.approve(current_user, place_id)
        except InvalidState as exc:  # over the 20% cap, no headcount, too long: explain, change nothing
            flash(str(exc.message), "error")
            return redirect(url_for("office.place_review", place_id=place_id))
        flash(_("Tempat magang '%(title)s' disetujui.", title=place.title), "success")
    return redirect(url_for("office.places_queue"))


@bp.route("/tempat-magang/<int:place_id>/kembalikan", methods=["POST"])
def place_return(place_id: int):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            places.return_place(current_user, place_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Usulan dikembalikan; perusahaan diberi tahu alasannya."), "success")
            return redirect(url_for("office.places_queue"))
    return _place_page(place_id, form, 422)


@bp.route("/putaran-magang")
def match_rounds():
    page = matching_rounds.rounds(current_user, **page_args())
    return render_template("office/match_rounds.html", page=page, form=MatchActionForm())


@bp.route("/putaran-magang/jalankan", methods=["POST"])
def match_run():
    if MatchActionForm().validate_on_submit():
        try:
            job = matching_rounds.start_round(current_user)
        except InvalidState as exc:
            flash(str(exc.message), "error")
        else:
            if job.status == "done":  # the in-process queue has already run it
                return redirect(url_for("office.match_preview", round_id=job.result["round_id"]))
            if job.status == "failed":
                flash(job.error, "error")
            else:
                return redirect(url_for("office.job_status", job_id=job.id))
    return redirect(url_for("office.match_rounds"))


@bp.route("/putaran-magang/<int:round_id>")
def match_preview(round_id: int, form=None, status: int = 200):
    match_round, page = matching_rounds.preview(current_user, round_id, **page_args())
    return render_template("office/match_preview.html", round=match_round, page=page,
                           form=form or MatchConfirmForm()), status


@bp.route("/putaran-magang/<int:round_id>/terbitkan", methods=["POST"])
def match_publish(round_id: int):
    return _final(round_id, matching_rounds.publish,
                  _("Hasil penempatan diterbitkan; siswa dan perusahaan diberi tahu."))


@bp.route("/putaran-magang/<int:round_id>/batalkan", methods=["POST"])
def match_discard(round_id: int):
    return _final(round_id, matching_rounds.discard, _("Putaran dibatalkan; tidak ada yang berubah."))


def _final(round_id: int, action, message: str):
    form = MatchConfirmForm()
    if not form.validate_on_submit():
        return match_preview(round_id, form, 422)
    try:
        action(current_user, round_id)
    except InvalidState as exc:
        flash(str(exc.message), "error")
    else:
        flash(message, "success")
    return redirect(url_for("office.match_preview", round_id=round_id))
