"""Office forms for company verification and vacancy moderation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length


class DecisionForm(FlaskForm):
    """Empty form: carries the CSRF token for verify / publish."""


class ReasonForm(FlaskForm):
    """A negative decision: a reason the other side can read, and a confirmation."""

    reason = TextAreaField(_l("Alasan (dibaca oleh perusahaan)"), validators=[
        InputRequired("Tulis alasannya agar perusahaan tahu apa yang harus diperbaiki."), Length(max=2000)])
    confirm = BooleanField(_l("Ya, saya yakin"), validators=[InputRequired("Centang kotak ini untuk melanjutkan.")])
