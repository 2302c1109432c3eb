"""Seekers' fair forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired


class PreRegisterForm(FlaskForm):
    confirm = BooleanField(_l("Saya akan datang ke bursa kerja ini. Pendaftaran gratis."),
                           validators=[InputRequired(_l("Centang konfirmasi untuk mendaftar."))])
