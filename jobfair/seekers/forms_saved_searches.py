"""Seekers' saved-search forms: save the current search (from /lowongan), change its frequency, delete it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import Length, Optional

from jobfair import labels
from jobfair.models import AlertFrequency

FREQUENCY_CHOICES = labels.choices(AlertFrequency)
FILTER_NAMES = ("q", "job_fair_id", "sector", "education", "kecamatan", "employment_type", "disability_friendly",
                "wage_min")
PREFIX = "simpan"   # the search form on the same page has fields of the same names


class SaveSearchForm(FlaskForm):
    """The small form under the search: the search's words and filters ride along as hidden fields."""

    error_fields = {"q": "summary"}   # the words are hidden: their error goes above the form

    name = StringField(_l("Nama pencarian (boleh kosong)"), validators=[Optional(), Length(max=80)],
                       description=_l("Misalnya “Operator di Balikpapan Utara”."))
    frequency = SelectField(_l("Kirim e-mail lowongan baru"), choices=FREQUENCY_CHOICES, default="weekly")
    q = HiddenField()
    job_fair_id = HiddenField()
    sector = HiddenField()
    education = HiddenField()
    kecamatan = HiddenField()
    employment_type = HiddenField()
    disability_friendly = HiddenField()
    wage_min = HiddenField()

    def search_filters(self) -> dict:
        """The hidden fields as services/saved_searches.save's filters (None for a value that is not a number)."""
        def number(value):
            return int(value) if (value or "").strip().isdigit() else None
        data = {name: (getattr(self, name).data or "").strip() for name in FILTER_NAMES}
        return {**data, "job_fair_id": number(data["job_fair_id"]), "wage_min": number(data["wage_min"]),
                "disability_friendly": data["disability_friendly"].lower() in ("y", "1", "true", "on")}


def save_form_for(filters: dict) -> SaveSearchForm:
    """The form for the search page, carrying the search's (validated) filters."""
    values = {name: "" if filters.get(name) in (None, False) else str(filters[name]) for name in FILTER_NAMES}
    if filters.get("disability_friendly"):
        values["disability_friendly"] = "y"
    return SaveSearchForm(prefix=PREFIX, formdata=None, **values)


class FrequencyForm(FlaskForm):
    frequency = SelectField(_l("Frekuensi"), choices=FREQUENCY_CHOICES)


class DeleteForm(FlaskForm):
    """The confirmation page's button (CSRF only)."""
