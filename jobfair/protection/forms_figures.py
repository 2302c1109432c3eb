"""Forms of the protection figures: the filter (GET, no CSRF: it changes nothing) and the BPJS export confirmation."""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional


def month_choices() -> list[tuple[str, str]]:
    """("1", "Januari") ... ("12", "Desember"): Babel's month names in the reader's language."""
    return [(str(month), format_date(date(2000, month, 1), "LLLL")) for month in range(1, 13)]

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
    month_from = SelectField(_l("Dari bulan"), coerce=optional_int, validate_choice=False)
    month_to = SelectField(_l("Sampai bulan"), coerce=optional_int, validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.month_from.choices = [("", _l("— awal tahun —")), *month_choices()]
        self.month_to.choices = [("", _l("— akhir tahun —")), *month_choices()]

    def filters(self) -> dict:
        """The service's keyword arguments, also the query arguments of the chart images and the XLSX link."""
        return {name: getattr(self, name).data for name in FILTER_FIELDS if getattr(self, name).data is not None}


class BpjsExportForm(FlaskForm):
    programme_id = SelectField(_l("Program subsidi iuran"), coerce=optional_int, validate_choice=False,
                               validators=[InputRequired(_l("Pilih program subsidi iuran BPJS Ketenagakerjaan."))])
    year = IntegerField(_l("Tahun"), validators=[InputRequired(_l("Isi tahun kepesertaan, misalnya 2025.")),
                                                 NumberRange(2000, 2100, _l("Tahun harus antara 2000 dan 2100."))],
                        render_kw={"inputmode": "numeric"})
    month = SelectField(_l("Bulan kepesertaan"), coerce=int,
                        validators=[InputRequired(_l("Pilih bulan kepesertaan."))])
    confirm = BooleanField(_l("Saya memerlukan data ini (berisi NIK) untuk pengajuan ke BPJS Ketenagakerjaan, dan "
                              "akan menyimpannya sesuai UU Pelindungan Data Pribadi."),
                           validators=[InputRequired(_l("Centang kotak ini: file berisi NIK peserta."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.month.choices = month_choices()

    def month_date(self) -> date:
        return date(self.year.data, self.month.data, 1)
