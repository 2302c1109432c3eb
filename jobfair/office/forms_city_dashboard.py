"""The city dashboard's filter (GET, no CSRF: it changes nothing)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MonthField, SelectField
from wtforms.validators import Optional

from jobfair import labels
from jobfair.services.errors import ValidationFailed

# service argument -> form field (the GET argument)
FIELDS = {"period_from": "dari", "period_to": "sampai", "fair_id": "bursa", "kecamatan": "kecamatan",
          "sector": "sektor"}


def optional_int(value):
    if value in (None, ""):
        return None
    return int(value)


class CityFiguresFilterForm(FlaskForm):
    class Meta:
        csrf = False

    dari = MonthField(_l("Dari bulan"), validators=[Optional()], description=_l("Format TTTT-BB, mis. 2025-07."))
    sampai = MonthField(_l("Sampai bulan"), validators=[Optional()], description=_l("Termasuk bulan ini."))
    bursa = SelectField(_l("Bursa kerja"), coerce=optional_int, validate_choice=False)
    kecamatan = SelectField(_l("Kecamatan"), validate_choice=False)
    sektor = SelectField(_l("Sektor (KBLI)"), validate_choice=False,
                         choices=labels.choices(labels.Sector, blank=_l("Semua sektor")))

    def set_choices(self, fairs, kecamatan) -> None:
        self.bursa.choices = [("", _l("Semua bursa kerja"))] + list(fairs)
        self.kecamatan.choices = [("", _l("Semua kecamatan"))] + list(kecamatan)

    def filters(self) -> dict:
        """The service's keyword arguments (only those given)."""
        values = {name: getattr(self, field).data for name, field in FIELDS.items()}
        return {k: v for k, v in values.items() if v not in (None, "")}

    def copy_service_errors(self, exc: ValidationFailed) -> None:
        for name, message in exc.field_errors.items():
            field = getattr(self, FIELDS.get(name, ""), None)
            if field is not None:
                field.errors = list(field.errors or []) + [message]
            else:
                self.form_errors.append(message)
