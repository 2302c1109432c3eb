"""auth blueprint: "Lupa kata sandi" — ask for a reset link by e-mail, then set a new password through it."""

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _

from jobfair.auth.blueprint import bp
from jobfair.auth.forms import ForgotPasswordForm, ResetPasswordForm
from jobfair.forms_util import copy_errors
from jobfair.limits import rate_limited
from jobfair.security import public_url
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import password_reset


@bp.route("/lupa-kata-sandi", methods=["GET", "POST"])
@rate_limited("auth", account_field="email")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        password_reset.request_reset(form.email.data,
                                     link_for=lambda token: public_url("auth.reset_password", token=token))
        return redirect(url_for("auth.forgot_password_sent"))  # the same answer, account or not
    return render_template("auth/forgot_password.html", form=form), 200 if not form.errors else 422


@bp.route("/lupa-kata-sandi/terkirim")
def forgot_password_sent():
    return render_template("auth/forgot_password_sent.html")


def _private(response):
    """The page's URL holds the token: never send it on as a Referer, never cache the page."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _invalid():
    return _private(make_response(render_template("auth/reset_invalid.html"), 404))


@bp.route("/atur-ulang-kata-sandi/<token>", methods=["GET", "POST"])
@rate_limited("auth")
def reset_password(token: str):
    try:
        user = password_reset.check_link(token)
    except ValidationFailed:
        return _invalid()
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.password.data)
        except ValidationFailed as exc:
            if "token" in exc.field_errors:
                return _invalid()
            copy_errors(form, exc)
        else:
            flash(_("Kata sandi baru sudah disimpan dan semua sesi akun ini diakhiri. Silakan masuk."), "success")
            return redirect(url_for("auth.login"))
    page = render_template("auth/reset_password.html", form=form, email=user.email)
    return _private(make_response(page, 200 if not form.errors else 422))
