"""Office forms for apprenticeship agreements: legalise (confirm), terminate (reason + confirm)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length

CONFIRM_MESSAGE = _l("Centang kotak ini untuk melanjutkan.")


class LegaliseForm(FlaskForm):
    confirm = BooleanField(_l("Saya sudah memeriksa kelima bagian perjanjian dan mengesahkannya"),
                           validators=[InputRequired(CONFIRM_MESSAGE)])


class TerminateForm(FlaskForm):
    reason = TextAreaField(_l("Alasan penghentian"), validators=[Length(max=2000)],
                           description=_l("Dikirim ke siswa dan perusahaan."))
    confirm = BooleanField(_l("Ya, hentikan pemagangan ini"), validators=[InputRequired(CONFIRM_MESSAGE)])
