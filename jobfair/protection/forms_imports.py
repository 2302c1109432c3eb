"""Protection import forms: the upload, and the officer's decision (only the valid rows, or nothing)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, RadioField, SelectField
from wtforms.validators import InputRequired

from jobfair.rules.numbers import number
from jobfair.services.protection.protection_import_read import MAX_BYTES, MAX_ROWS


class ImportUploadForm(FlaskForm):
    programme_id = SelectField(_l("Program"), coerce=int, validate_choice=False)
    file = FileField(_l("Berkas data pekerja (XLSX atau CSV, paling besar %(size)s MB, paling banyak %(rows)s baris)",
                        size=number(MAX_BYTES // (1024 * 1024)), rows=number(MAX_ROWS)),
                     render_kw={"accept": ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument"
                                          ".spreadsheetml.sheet"})


class ImportDecisionForm(FlaskForm):
    mode = RadioField(_l("Keputusan"), choices=[("valid_only", _l("Impor baris yang valid saja")),
                                                ("nothing", _l("Jangan impor apa pun (batalkan)"))],
                      validators=[InputRequired(_l("Pilih salah satu keputusan."))])
    confirm = BooleanField(_l("Ya, saya yakin dengan keputusan ini"),
                           validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])
