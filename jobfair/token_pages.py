"""The API token pages of a company (/perusahaan/token-api) and of the office (/disnaker/token-api).

Both blueprints register the same three views (list, new, revoke with a confirmation step) through `register`;
the service decides which tokens the user sees and which scopes they may choose. The clear token is shown once,
in the answer to the POST that made it (never flashed: the flash would sit in the session cookie), no-store.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from jobfair.downloads import NO_STORE
from jobfair.forms_util import copy_errors
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import api_tokens


class ScopesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # the service checks the scopes and explains in Indonesian
        pass


class TokenForm(FlaskForm):
    name = StringField(_l("Nama token"), validators=[InputRequired(_l("Beri nama token.")), Length(max=80)],
                       description=_l("Misalnya nama sistem HR yang akan memakainya."))
    scopes = ScopesField(_l("Hak akses"))


class RevokeForm(FlaskForm):
    confirm = BooleanField(_l("Ya, cabut token ini"),
                           validators=[InputRequired(_l("Centang kotak ini untuk mencabut token."))])


def register(bp) -> None:
    name = bp.name

    @bp.route("/token-api", endpoint="api_tokens")
    def tokens_page():
        return render_template("api/tokens.html", tokens=api_tokens.tokens_of(current_user), bp=name,
                               scopes=api_tokens.scopes_for(current_user))

    @bp.route("/token-api/baru", methods=["GET", "POST"], endpoint="api_token_new")
    def token_new():
        form = TokenForm()
        form.scopes.choices = [(code, _(label)) for code, label in api_tokens.scopes_for(current_user).items()]
        if form.validate_on_submit():
            try:
                token, raw = api_tokens.create_token(current_user, name=form.name.data, scopes=form.scopes.data)
            except ValidationFailed as exc:
                copy_errors(form, exc)
            else:
                return render_template("api/token_created.html", token=token, raw=raw, bp=name), 201, {
                    "Cache-Control": NO_STORE}
        return render_template("api/token_new.html", form=form, bp=name), 200 if not form.errors else 422

    @bp.route("/token-api/<int:token_id>/cabut", methods=["GET", "POST"], endpoint="api_token_revoke")
    def token_revoke(token_id: int):
        token = api_tokens.get_token(current_user, token_id)
        form = RevokeForm()
        if form.validate_on_submit():
            api_tokens.revoke_token(current_user, token_id)
            flash(_("Token dicabut; sistem yang memakainya tidak dapat masuk lagi."), "success")
            return redirect(url_for(f"{name}.api_tokens"))
        return render_template("api/token_revoke.html", form=form, token=token, bp=name), \
            200 if not form.errors else 422
