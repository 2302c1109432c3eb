"""office blueprint: the data-subject requests queue (UU PDP) — review, then approve (anonymise) or refuse."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import RequestStatus
from jobfair.office.blueprint import bp
from jobfair.office.forms_data_requests import ApproveRequestForm, RefuseRequestForm
from jobfair.paging import page_args
from jobfair.services import clock
from jobfair.services.errors import ValidationFailed
from jobfair.services.privacy import data_requests


@bp.route("/permintaan-data")
def data_requests_queue():
    return render_template("office/data_requests_queue.html",
                           pagination=data_requests.queue(current_user, **page_args()),
                           hours=data_requests.deadline_hours(), now=clock.now())


def _review(approve_form, refuse_form, status: int = 200, *, request_id: int):
    return render_template("office/data_request_review.html", approve_form=approve_form, refuse_form=refuse_form,
                           labels=labels.table(RequestStatus),
                           **data_requests.review(current_user, request_id)), status


@bp.route("/permintaan-data/<int:request_id>")
def data_request_review(request_id: int):
    return _review(ApproveRequestForm(), RefuseRequestForm(), request_id=request_id)


@bp.route("/permintaan-data/<int:request_id>/setujui", methods=["POST"])
def data_request_approve(request_id: int):
    form = ApproveRequestForm()
    if form.validate_on_submit():
        data_requests.approve(current_user, request_id, reason=form.reason.data or "")
        flash(_("Permintaan disetujui: data pribadi sudah dihapus dan akunnya ditutup."), "success")
        return redirect(url_for("office.data_requests_queue"))
    return _review(form, RefuseRequestForm(formdata=None), 422, request_id=request_id)


@bp.route("/permintaan-data/<int:request_id>/tolak", methods=["POST"])
def data_request_refuse(request_id: int):
    form = RefuseRequestForm()
    if form.validate_on_submit():
        try:
            data_requests.refuse(current_user, request_id, reason=form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Permintaan ditolak; warga sudah diberi tahu alasannya."), "info")
            return redirect(url_for("office.data_requests_queue"))
    return _review(ApproveRequestForm(formdata=None), form, 422, request_id=request_id)
