"""Company forms for apprenticeship places and the ranking of candidates. Services do the real validation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from jobfair.companies.forms import REQUIRED, IndonesianDateField, WholeNumberField
from jobfair.forms_util import RupiahField


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # the service checks the codes and explains in Indonesian
        pass


class PlaceForm(FlaskForm):
    title = StringField(_l("Nama program magang"), validators=[InputRequired(REQUIRED), Length(max=160)])
    eligible_majors = MultiCheckboxField(_l("Jurusan SMK yang boleh mendaftar"))
    places = WholeNumberField(_l("Jumlah tempat (orang)"), render_kw={"inputmode": "numeric"})
    starts_on = IndonesianDateField(_l("Mulai"))
    ends_on = IndonesianDateField(_l("Selesai"), description=_l("Paling lama 12 bulan (Permenaker 6/2020)."))
    mentor_name = StringField(_l("Nama mentor (pembimbing)"), validators=[InputRequired(REQUIRED), Length(max=120)])
    allowance_transport = RupiahField(_l("Uang saku transport per bulan (Rp)"))
    allowance_meals = RupiahField(_l("Uang makan per bulan (Rp)"))
    allowance_incentive = RupiahField(_l("Insentif per bulan (Rp)"))
    location = StringField(_l("Lokasi magang"), validators=[InputRequired(REQUIRED), Length(max=255)])

    FIELDS = ("title", "eligible_majors", "places", "starts_on", "ends_on", "mentor_name", "allowance_transport",
              "allowance_meals", "allowance_incentive", "location")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class RankingForm(FlaskForm):
    """Carries the CSRF token; the rank numbers come as rank_<student id> fields (one per candidate)."""
