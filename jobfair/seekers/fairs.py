"""seekers blueprint: free pre-registration for a fair (with a confirmation), the ticket and its QR code."""

import io

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair.downloads import svg_image
from jobfair.seekers.blueprint import bp
from jobfair.seekers.forms_fairs import PreRegisterForm
from jobfair.services.hiring import fairs


@bp.route("/bursa-kerja/<int:fair_id>/daftar", methods=["GET", "POST"])
def fair_register(fair_id: int):
    fair = fairs.get_fair(fair_id)
    if fairs.seeker_status(current_user, fair.id) is not None:
        return redirect(url_for("seekers.fair_ticket", fair_id=fair.id))
    form = PreRegisterForm()
    if request.method == "GET" and fairs.is_over(fair):  # no form that can only fail: say so instead
        return render_template("seekers/fairs_register.html", fair=fair, form=None, over=True)
    if form.validate_on_submit():
        fairs.pre_register(current_user, fair.id)
        flash(_("Anda terdaftar. Tunjukkan tiket ini di pintu masuk."), "success")
        return redirect(url_for("seekers.fair_ticket", fair_id=fair.id))
    return render_template("seekers/fairs_register.html", fair=fair, form=form,
                           over=False), 200 if not form.errors else 422


@bp.route("/bursa-kerja/<int:fair_id>/tiket")
def fair_ticket(fair_id: int):
    ticket = fairs.my_ticket(current_user, fair_id)
    return render_template("seekers/fairs_ticket.html", ticket=ticket, fair=ticket.fair)


@bp.route("/bursa-kerja/<int:fair_id>/tiket/qr.svg")
def fair_ticket_qr(fair_id: int):
    """The ticket code as a QR image, served from its own URL (never inlined into the page)."""
    import qrcode
    from qrcode.image.svg import SvgPathImage

    ticket = fairs.my_ticket(current_user, fair_id)
    buffer = io.BytesIO()
    qrcode.make(ticket.ticket_code, image_factory=SvgPathImage, box_size=12, border=2).save(buffer)
    return svg_image(buffer.getvalue())
