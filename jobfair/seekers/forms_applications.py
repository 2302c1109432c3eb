"""Seekers' application forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length

CONFIRM = _l("Centang kotak ini untuk memastikan.")


class ApplyForm(FlaskForm):
    cover_letter = TextAreaField(_l("Surat lamaran (boleh kosong)"), validators=[Length(max=4000)],
                                 description=_l("Perkenalkan diri Anda singkat; paling banyak 4.000 karakter."),
                                 render_kw={"rows": 8})


class WithdrawForm(FlaskForm):
    note = TextAreaField(_l("Alasan (boleh kosong)"), validators=[Length(max=2000)], render_kw={"rows": 3})
    confirm = BooleanField(_l("Ya, batalkan lamaran ini. Pembatalan tidak dapat diurungkan."),
                           validators=[InputRequired(CONFIRM)])
