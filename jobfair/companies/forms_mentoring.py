"""Mentor forms: sign a logbook entry, give the final assessment."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length

from jobfair.companies.forms import WholeNumberField


class SignEntryForm(FlaskForm):
    note = TextAreaField(_l("Catatan mentor (boleh kosong)"), validators=[Length(max=2000)])


class AssessForm(FlaskForm):
    score = WholeNumberField(_l("Nilai akhir (0–100)"), render_kw={"inputmode": "numeric"})
    note = TextAreaField(_l("Catatan penilaian"), validators=[Length(max=2000)],
                         description=_l("Kekuatan peserta dan hal yang perlu ditingkatkan."))
    confirm = BooleanField(_l("Saya yakin: penilaian ini final dan sertifikat akan diterbitkan"),
                           validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])
