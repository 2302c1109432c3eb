"""office blueprint: accounts — officer accounts and roles (admins), deactivation (officers), owning offices."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobfair import labels
from jobfair.forms_util import copy_errors
from jobfair.models.user import Role
from jobfair.office.blueprint import bp
from jobfair.office.forms_accounts import (
    ActionForm,
    DeactivateForm,
    OfficerForm,
    OwningOfficeForm,
    RoleForm,
    SecondFactorResetForm,
)
from jobfair.paging import page_args
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.office import account_admin
from jobfair.services.users import second_factor

_ACTIVE = {"ya": True, "tidak": False}


def _status(form) -> int:
    return 422 if form.errors or form.form_errors else 200


@bp.route("/akun")
def accounts_list():
    args = request.args
    page = account_admin.list_accounts(current_user, role=args.get("peran") or None, q=args.get("q"),
                                       active=_ACTIVE.get(args.get("aktif", "")), **page_args())
    return render_template("office/accounts_list.html", page=page,
                           action_form=ActionForm(), can_manage=account_admin.can_manage,
                           two_factor_ids=second_factor.enrolled_among(page.items))


@bp.route("/akun/baru", methods=["GET", "POST"])
def account_new():
    form = OfficerForm()
    if form.validate_on_submit():
        try:
            user = account_admin.create_officer(current_user, full_name=form.full_name.data, email=form.email.data,
                                                password=form.password.data, role=form.role.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Akun %(email)s dibuat. Sampaikan kata sandi awal secara langsung.", email=user.email), "success")
            return redirect(url_for("office.accounts_list"))
    return render_template("office/accounts_new.html", form=form), _status(form)


@bp.route("/akun/<int:user_id>/peran", methods=["GET", "POST"])
def account_role(user_id: int):
    user = account_admin.get_account(current_user, user_id)
    form = RoleForm(role=user.role)
    form.role.choices = labels.choices(Role)
    if form.validate_on_submit():
        try:
            account_admin.set_role(current_user, user_id, form.role.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Peran %(email)s diubah.", email=user.email), "success")
            return redirect(url_for("office.accounts_list"))
    return render_template("office/accounts_role.html", form=form, user=user), _status(form)


@bp.route("/akun/<int:user_id>/nonaktifkan", methods=["GET", "POST"])
def account_deactivate(user_id: int):
    user = account_admin.get_account(current_user, user_id)
    form = DeactivateForm()
    if form.validate_on_submit():
        try:
            account_admin.deactivate(current_user, user_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Akun %(email)s dinonaktifkan; sesinya sudah berakhir.", email=user.email), "success")
            return redirect(url_for("office.accounts_list"))
    return render_template("office/accounts_deactivate.html", form=form, user=user,
                           allowed=account_admin.can_manage(current_user, user)), _status(form)


@bp.route("/akun/<int:user_id>/aktifkan", methods=["POST"])
def account_reactivate(user_id: int):
    if ActionForm().validate_on_submit():
        try:
            user = account_admin.reactivate(current_user, user_id)
        except InvalidState as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("Akun %(email)s aktif kembali.", email=user.email), "success")
    return redirect(url_for("office.accounts_list"))


@bp.route("/akun/<int:user_id>/dua-langkah", methods=["GET", "POST"])
def account_second_factor_reset(user_id: int):
    """An admin removes the lost second factor of another officer or admin (audited; their sessions end)."""
    user = account_admin.get_account(current_user, user_id)
    form = SecondFactorResetForm()
    if form.validate_on_submit():
        try:
            second_factor.reset(current_user, user_id, form.reason.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        except InvalidState as exc:
            form.form_errors.append(exc.message)
        else:
            flash(_("Verifikasi dua langkah %(email)s diatur ulang; pemiliknya mendaftarkannya lagi saat masuk.",
                    email=user.email), "success")
            return redirect(url_for("office.accounts_list"))
    return render_template("office/accounts_second_factor.html", form=form, user=user,
                           enrolled=bool(second_factor.enrolled_among([user]))), _status(form)


@bp.route("/akun/program")
def account_programmes():
    return render_template("office/accounts_programmes.html",
                           programmes=account_admin.programmes_with_offices(current_user))


@bp.route("/akun/program/<int:programme_id>", methods=["GET", "POST"])
def account_programme_office(programme_id: int):
    programme = account_admin.programme(current_user, programme_id)
    form = OwningOfficeForm(owning_office=programme.owning_office)
    if form.validate_on_submit():
        try:
            programme = account_admin.set_owning_office(current_user, programme_id, form.owning_office.data)
        except ValidationFailed as exc:
            copy_errors(form, exc)
        else:
            flash(_("Dinas pemilik %(name)s diubah menjadi %(office)s.", name=programme.name,
                    office=programme.owning_office), "success")
            return redirect(url_for("office.account_programmes"))
    return render_template("office/accounts_programme_office.html", form=form, programme=programme), _status(form)
