"""The public vacancy search form (GET, no CSRF: it changes nothing)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SearchField, SelectField
from wtforms.validators import Optional

from jobfair.forms_util import RupiahField


class VacancySearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search, changes nothing; a FlaskForm for the Indonesian built-in messages

    q = SearchField(_l("Kata kunci"), validators=[Optional()],
                    description=_l("Jabatan, nama perusahaan, atau isi uraian pekerjaan."))
    job_fair_id = SelectField(_l("Bursa kerja"), validators=[Optional()])
    sector = SelectField(_l("Sektor (KBLI)"), validators=[Optional()])
    education = SelectField(_l("Pendidikan saya"), validators=[Optional()])
    kecamatan = SelectField(_l("Lokasi kerja (kecamatan)"), validators=[Optional()])
    employment_type = SelectField(_l("Hubungan kerja"), validators=[Optional()])
    disability_friendly = BooleanField(_l("Terbuka bagi penyandang disabilitas"))
    wage_min = RupiahField(_l("Upah minimal (Rp per bulan)"), validators=[Optional()])
