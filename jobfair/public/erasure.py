"""public blueprint: a resident (seeker or student) asks for the erasure of their personal data (UU PDP)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models import RequestStatus
from jobfair.public.blueprint import bp
from jobfair.public.forms_erasure import ErasureRequestForm
from jobfair.services.errors import ValidationFailed
from jobfair.services.privacy import data_requests


@bp.route("/data-saya/penghapusan", methods=["GET", "POST"])
def erasure_request():
    form = ErasureRequestForm()
    if form.validate_on_submit():
        try:
            request = data_requests.request_erasure(current_user, note=form.note.data or "",
                                                    confirm=bool(form.confirm.data))
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Permintaan penghapusan Anda diterima. Petugas memutuskannya paling lambat %(hours)s jam lagi.",
                    hours=data_requests.deadline_hours()), "success")
            return redirect(url_for("public.erasure_request_status", request_id=request.id))
    return render_template("public/erasure_request.html", form=form, **data_requests.erasure_page(current_user),
                           labels=labels.table(RequestStatus)), 422 if form.errors else 200


@bp.route("/data-saya/penghapusan/<int:request_id>")
def erasure_request_status(request_id: int):
    return render_template("public/erasure_status.html", item=data_requests.my_request(current_user, request_id),
                           labels=labels.table(RequestStatus))
