"""office blueprint: the placements desk — verify reported hires or reject them with a reason."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.forms_util import copy_errors
from jobfair.office.blueprint import bp
from jobfair.office.forms_placements import RejectPlacementForm, VerifyPlacementForm
from jobfair.paging import page_args
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring import placements


@bp.route("/penempatan")
def placements_queue():
    data = placements.queue(current_user, **page_args())
    return render_template("office/placements_queue.html", pagination=data.pagination, below_umk=data.below_umk,
                           form=VerifyPlacementForm())


@bp.route("/penempatan/<int:placement_id>/verifikasi", methods=["POST"])
def placement_verify(placement_id: int):
    form = VerifyPlacementForm()
    if not form.validate_on_submit():
        flash(_("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."), "error")
        return redirect(url_for("office.placements_queue"))
    placement = placements.verify(current_user, placement_id)
    flash(_("Penempatan %(name)s diverifikasi.", name=placement.application.seeker.person.full_name), "success")
    return redirect(url_for("office.placements_queue"))


@bp.route("/penempatan/<int:placement_id>/tolak", methods=["GET", "POST"])
def placement_reject(placement_id: int):
    placement = placements.reported(current_user, placement_id)
    form = RejectPlacementForm()
    if form.validate_on_submit():
        try:
            placements.reject(current_user, placement_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Laporan penempatan ditolak; perusahaan dan pelamar sudah diberi tahu."), "info")
            return redirect(url_for("office.placements_queue"))
    return render_template("office/placements_reject.html", form=form, placement=placement), \
        200 if not form.errors else 422
