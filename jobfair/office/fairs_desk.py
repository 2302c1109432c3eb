"""office blueprint: job fairs — create and edit, the check-in desk at the door, walk-ins, the visitor list."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.limits import rate_limited
from jobfair.office.blueprint import bp
from jobfair.office.forms_fairs import CheckInForm, FairForm, WalkInForm
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.hiring import fair_door, fairs


@bp.route("/bursa-kerja")
def fairs_list():
    pagination = fairs.list_fairs(request.args.get("page", 1, type=int))
    return render_template("office/fairs_list.html", pagination=pagination)


@bp.route("/bursa-kerja/baru", methods=["GET", "POST"])
def fair_new():
    form = FairForm()
    if form.validate_on_submit():
        try:
            fair = fairs.create_fair(current_user, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Bursa kerja dibuat."), "success")
            return redirect(url_for("office.fair_desk", fair_id=fair.id))
    return render_template("office/fairs_form.html", form=form, fair=None), 200 if not form.errors else 422


@bp.route("/bursa-kerja/<int:fair_id>/ubah", methods=["GET", "POST"])
def fair_edit(fair_id: int):
    fair = fairs.get_fair(fair_id)
    form = FairForm(obj=fair)
    if form.validate_on_submit():
        try:
            fairs.update_fair(current_user, fair.id, **form.values())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Perubahan bursa kerja disimpan."), "success")
            return redirect(url_for("office.fair_desk", fair_id=fair.id))
    return render_template("office/fairs_form.html", form=form, fair=fair), 200 if not form.errors else 422


def _desk(fair_id: int, *, check_in_form=None, walk_in_form=None, result=None, status=200):
    fair = fairs.get_fair(fair_id)
    registrations = fair_door.list_registrations(current_user, fair.id, **page_args())
    return render_template("office/fairs_desk.html", fair=fair, figures=fairs.fair_figures(fair.id),
                           check_in_form=check_in_form or CheckInForm(formdata=None),
                           walk_in_form=walk_in_form or WalkInForm(formdata=None), result=result,
                           registrations=registrations), status


@bp.route("/bursa-kerja/<int:fair_id>/meja", methods=["GET", "POST"])
@rate_limited("check", per_user=True)
def fair_desk(fair_id: int):
    """GET: the desk. POST: check a visitor in by the typed or scanned code; the result shows on the page."""
    form = CheckInForm()
    if request.method == "GET" or not form.validate_on_submit():
        return _desk(fair_id, check_in_form=form if form.errors else None, status=422 if form.errors else 200)
    try:
        registration = fair_door.check_in(current_user, fair_id, form.code.data)
    except ValidationFailed as exc:
        copy_errors(form, exc)
        return _desk(fair_id, check_in_form=form, status=422)
    except InvalidState as exc:
        form.form_errors.append(str(exc.message))
        return _desk(fair_id, check_in_form=form, status=409)
    return _desk(fair_id, result=registration)


@bp.route("/bursa-kerja/<int:fair_id>/walk-in", methods=["POST"])
def fair_walk_in(fair_id: int):
    form = WalkInForm()
    if form.validate_on_submit():
        try:
            registration = fair_door.register_walk_in(current_user, fair_id, name=form.name.data, phone=form.phone.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            return _desk(fair_id, result=registration)
    return _desk(fair_id, walk_in_form=form, status=422)
