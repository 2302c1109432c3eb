"""Forms of the protection figures: the filter (GET, no CSRF: it changes nothing) and the BPJS export confirmation."""

from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional

from jobfair.rules import dates

MONTH_CHOICES = [(str(i), LazyString(lambda i=i: dates.month_name(i, str(get_locale() or "id")))) for i in range(1, 13)]
FILTER_FIELDS = ("programme_id", "year", "month_from", "month_to")


def optional_int(value):
    if value in (None, ""):
        return None
    return int(value)


class FiguresFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, changes nothing

    programme_id = SelectField(_l("Program"), coerce=optional_int, validate_choice=False)
    year = IntegerField(_l("Tahun"), validators=[Optional(), NumberRange(2000, 2100)],
                        render_kw={"inputmode": "numeric", "placeholder": "2025"})
    month_from = SelectField(_l("Dari bulan"), coerce=optional_int, validate_choice=False,
                             choices=[("", _l("— awal tahun —"))] + MONTH_CHOICES)
    month_to = SelectField(_l("Sampai bulan"), coerce=optional_int, validate_choice=False,
                           choices=[("", _l("— akhir tahun —"))] + MONTH_CHOICES)

    def filters(self) -> dict:
        """The service's keyword arguments, also the query arguments of the chart images and the XLSX link."""
        return {name: getattr(self, name).data for name in FILTER_FIELDS if getattr(self, name).data is not None}


class BpjsExportForm(FlaskForm):
    programme_id = SelectField(_l("Program subsidi iuran"), coerce=optional_int, validate_choice=False,
                               validators=[InputRequired("Pilih program subsidi iuran BPJS Ketenagakerjaan.")])
    year = IntegerField(_l("Tahun"), validators=[InputRequired("Isi tahun kepesertaan, misalnya 2025."),
                                                 NumberRange(2000, 2100, "Tahun harus antara 2000 dan 2100.")],
                        render_kw={"inputmode": "numeric"})
    month = SelectField(_l("Bulan kepesertaan"), choices=MONTH_CHOICES, coerce=int,
                        validators=[InputRequired("Pilih bulan kepesertaan.")])
    confirm = BooleanField(_l("Saya memerlukan data ini (berisi NIK) untuk pengajuan ke BPJS Ketenagakerjaan, dan "
                              "akan menyimpannya sesuai UU Pelindungan Data Pribadi."),
                           validators=[InputRequired("Centang kotak ini: file berisi NIK peserta.")])

    def month_date(self) -> date:
        return date(self.year.data, self.month.data, 1)
