"""Officer forms for the AK/1 desk."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

CONFIRM = "Centang kotak konfirmasi untuk melanjutkan."


class IssueForm(FlaskForm):
    confirm = BooleanField(_l("Data sudah saya periksa sesuai KTP; terbitkan kartu."),
                           validators=[InputRequired(CONFIRM)])


class ReturnForm(FlaskForm):
    reason = TextAreaField(_l("Alasan pengembalian (dibaca pemohon)"),
                           validators=[InputRequired("Tulis alasannya."), Length(max=1000)])
    confirm = BooleanField(_l("Kembalikan permohonan ini kepada pemohon."), validators=[InputRequired(CONFIRM)])


class CheckForm(FlaskForm):
    class Meta:
        csrf = False  # a GET look-up, changes nothing

    token = StringField(_l("Kode kartu (dari kode QR)"), validators=[Length(max=64)])
