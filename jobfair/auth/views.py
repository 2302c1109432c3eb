"""Login, logout, self-registration and password change. Password reset (password_reset.py) and the office
staff's second factor (two_factor.py) are the other route modules of this blueprint (jobfair/auth/__init__.py)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from jobfair import login_session, security
from jobfair.auth.blueprint import bp
from jobfair.auth.forms import ChangePasswordForm, CompanyRegistrationForm, LoginForm, SeekerRegistrationForm
from jobfair.forms_util import copy_errors
from jobfair.limits import rate_limited
from jobfair.security import safe_next
from jobfair.services import reference
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import accounts, registration, second_factor


@bp.route("/masuk", methods=["GET", "POST"])
@rate_limited("auth", account_field="email")
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data)
        except accounts.LoginFailed as exc:
            form.form_errors.append(exc.message)
        else:
            login_session.begin_session(user)
            if second_factor.required(user):
                return redirect(security.second_factor_url(user, request.args.get("next")))
            flash(_("Selamat datang, %(name)s.", name=user.full_name), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.route("/keluar", methods=["POST"])
def logout():
    login_session.end_session()
    flash(_("Anda telah keluar."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/daftar/pencari-kerja", methods=["GET", "POST"])
@rate_limited("auth", account_field="email")
def register_seeker():
    form = SeekerRegistrationForm()
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in
                  ("nik", "full_name", "sex", "birth_date", "email", "phone", "password")}
        try:
            user = registration.register_seeker(**fields, consents=form.consents_given())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            return _welcome(user, _("Akun pencari kerja Anda sudah dibuat."))
    return render_template("auth/register_seeker.html", form=form), 200 if not form.errors else 422


@bp.route("/daftar/perusahaan", methods=["GET", "POST"])
@rate_limited("auth", account_field="email")
def register_company():
    form = CompanyRegistrationForm()
    form.kecamatan_code.choices = [("", _("— pilih kecamatan —"))] + reference.kecamatan_choices()
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in ("company_name", "nib", "kecamatan_code", "address",
                                                              "contact_name", "phone", "email", "password")}
        try:
            user = registration.register_company(**fields)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            return _welcome(user, _("Perusahaan terdaftar dan menunggu verifikasi Disnaker."))
    return render_template("auth/register_company.html", form=form), 200 if not form.errors else 422


def _welcome(user, message):
    login_session.begin_session(user)
    flash(message, "success")
    return redirect(url_for("public.dashboard"))


@bp.route("/kata-sandi", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, current_password=form.current_password.data,
                                     new_password=form.new_password.data,
                                     keep_session_id=login_session.current_session_id())
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            login_user(current_user)  # re-issue the session with the new session version
            flash(_("Kata sandi sudah diganti. Sesi lain akun ini telah diakhiri."), "success")
            return redirect(url_for("public.dashboard"))
    return render_template("auth/change_password.html", form=form), 200 if not form.errors else 422
