"""office blueprint: the AK/1 desk — queue, card check and issue/return, reports due, check by QR token."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import svg_image
from jobfair.forms_util import copy_errors
from jobfair.limits import rate_limited
from jobfair.office.blueprint import bp
from jobfair.office.forms_ak1 import CheckForm, IssueForm, ReturnForm
from jobfair.paging import page_args
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.hiring import ak1


@bp.route("/ak1")
def ak1_queue():
    cards = ak1.queue(current_user, **page_args())
    return render_template("office/ak1_queue.html", cards=cards)


@bp.route("/ak1/laporan-jatuh-tempo")
def ak1_reports_due():
    cards = ak1.reports_due(current_user, **page_args())
    return render_template("office/ak1_reports_due.html", cards=cards)


@bp.route("/ak1/<int:card_id>")
def ak1_card(card_id):
    return _card_page(card_id, IssueForm(formdata=None), ReturnForm(formdata=None))


def _card_page(card_id, issue_form, return_form, status=200):
    printable = ak1.office_card(current_user, card_id)
    return render_template("office/ak1_card.html", p=printable, issue_form=issue_form,
                           return_form=return_form), status


@bp.route("/ak1/<int:card_id>/terbitkan", methods=["POST"])
def ak1_issue(card_id):
    form = IssueForm()
    if not form.validate_on_submit():
        return _card_page(card_id, form, ReturnForm(formdata=None), 422)
    card = ak1.issue(current_user, card_id)
    flash(_("Kartu %(number)s diterbitkan.", number=card.number), "success")
    return redirect(url_for("office.ak1_card", card_id=card_id))


@bp.route("/ak1/<int:card_id>/kembalikan", methods=["POST"])
def ak1_return(card_id):
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            ak1.return_card(current_user, card_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Permohonan dikembalikan kepada pemohon."), "success")
            return redirect(url_for("office.ak1_queue"))
    return _card_page(card_id, IssueForm(formdata=None), form, 422)


@bp.route("/ak1/cek")
@rate_limited("check", per_user=True, methods=("GET",))
def ak1_check():
    form = CheckForm(request.args)
    result, error = None, None
    if form.token.data:
        try:
            result = ak1.verify_by_token(current_user, form.token.data)
        except NotFound as exc:
            error = str(exc.message)
    return render_template("office/ak1_check.html", form=form, result=result, error=error), 404 if error else 200


@bp.route("/ak1/<int:card_id>/cetak")
def ak1_print(card_id):
    printable = ak1.office_card(current_user, card_id)
    return render_template("seekers/ak1_print.html", p=printable, qr_url=url_for("office.ak1_qr", card_id=card_id))


@bp.route("/ak1/<int:card_id>/qr.svg")
def ak1_qr(card_id):
    svg = ak1.card_qr(current_user, card_id, lambda token: url_for("office.ak1_check", token=token, _external=True))
    return svg_image(svg)
