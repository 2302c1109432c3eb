"""auth blueprint: the second factor of officers and admins — enrolment (QR code, secret as text, recovery codes
shown once) and the code asked after the password. The route gate (security.py) sends staff here until done."""

from flask import Response, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import login_session, security
from jobfair.auth.blueprint import bp
from jobfair.auth.forms import SecondFactorForm
from jobfair.forms_util import copy_errors
from jobfair.limits import rate_limited
from jobfair.security import safe_next
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import second_factor


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


def _welcome() -> None:
    flash(_("Selamat datang, %(name)s.", name=current_user.full_name), "success")


@bp.route("/verifikasi-dua-langkah", methods=["GET", "POST"])
@rate_limited("auth", per_user=True)
def two_factor():
    next_url = request.args.get("next")
    if not login_session.second_factor_pending():
        return redirect(safe_next(next_url))
    if not second_factor.is_enrolled(current_user):
        return redirect(security.second_factor_url(current_user, next_url))
    form = SecondFactorForm()
    if form.validate_on_submit():
        try:
            token, remaining = second_factor.verify_login(current_user, form.code.data,
                                                          session_token=login_session.session_token())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            login_session.replace_session_token(token)
            _welcome()
            if remaining is not None:
                flash(_("Anda masuk dengan kode pemulihan; sisa %(count)s kode. Bila kode habis, minta admin "
                        "mengatur ulang verifikasi dua langkah.", count=remaining), "warning")
            return redirect(safe_next(next_url))
    return render_template("auth/two_factor.html", form=form), 200 if not form.errors else 422


@bp.route("/verifikasi-dua-langkah/daftar", methods=["GET", "POST"])
@rate_limited("auth", per_user=True)
def two_factor_enrol():
    next_url = request.args.get("next")
    if not login_session.second_factor_pending() or second_factor.is_enrolled(current_user):
        return redirect(url_for("auth.two_factor", next=next_url))
    secret = second_factor.pending_secret(current_user)
    form = SecondFactorForm()
    if form.validate_on_submit():
        try:
            token, codes = second_factor.confirm_enrolment(current_user, form.code.data,
                                                           session_token=login_session.session_token())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            login_session.replace_session_token(token)
            _welcome()
            page = render_template("auth/recovery_codes.html", codes=codes, next_url=safe_next(next_url))
            return _no_store(make_response(page))  # shown once: only their hashes are kept
    page = render_template("auth/two_factor_enrol.html", form=form, secret=secret,
                           secret_groups=[secret[i:i + 4] for i in range(0, len(secret), 4)])
    return _no_store(make_response(page, 200 if not form.errors else 422))


@bp.route("/verifikasi-dua-langkah/qr.svg")
def two_factor_qr():
    """The secret being enrolled as a QR image, from its own URL (never inlined, never cached)."""
    response = Response(second_factor.enrolment_qr_svg(current_user), mimetype="image/svg+xml")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)
