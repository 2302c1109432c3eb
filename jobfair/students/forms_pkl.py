"""School (BKK) forms for PKL: a student's placement, the duration per major, the link to an apprenticeship.
The service validates; these only parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TelField
from wtforms.validators import Length

from jobfair.companies.forms import IndonesianDateField, WholeNumberField


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PklForm(FlaskForm):
    workplace = StringField(_l("Tempat PKL (perusahaan atau instansi)"), validators=[Length(max=160)])
    workplace_supervisor = StringField(_l("Pembimbing di tempat PKL (boleh kosong)"), validators=[Length(max=120)])
    school_supervisor_name = StringField(_l("Guru pembimbing dari sekolah"), validators=[Length(max=120)])
    school_supervisor_phone = TelField(_l("Nomor HP guru pembimbing"), validators=[Length(max=20)],
                                       description=_l("Contoh: 081234567890."))
    starts_on = IndonesianDateField(_l("Mulai PKL"))

    FIELDS = ("workplace", "workplace_supervisor", "school_supervisor_name", "school_supervisor_phone", "starts_on")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class PklDurationForm(FlaskForm):
    major_code = SelectField(_l("Jurusan"), validate_choice=False)
    months = WholeNumberField(_l("Lama PKL (bulan)"), render_kw={"inputmode": "numeric"})


class PklLinkForm(FlaskForm):
    apprenticeship_id = SelectField(_l("Pemagangan dari PKL ini"), coerce=_int_or_none, validate_choice=False)
