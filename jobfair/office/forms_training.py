"""Forms of the office's training desk. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from jobfair import labels
from jobfair.companies.forms import IndonesianDateField, WholeNumberField
from jobfair.models import ProviderType

REQUIRED = _l("Kolom ini wajib diisi.")
PROVIDER_CHOICES = labels.choices(ProviderType)


class CheckboxListField(SelectMultipleField):
    """Several choices as checkboxes (works without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):  # the service checks the values and explains
        pass


class CourseForm(FlaskForm):
    name = StringField(_l("Nama pelatihan"), validators=[InputRequired(REQUIRED), Length(max=160)])
    field = StringField(_l("Bidang (jenis pelatihan)"), validators=[InputRequired(REQUIRED), Length(max=120)],
                        description=_l("Misalnya Pengelasan, Kelistrikan, Perhotelan. Dipakai untuk rekap per jenis."))
    provider_type = SelectField(_l("Penyelenggara"), choices=PROVIDER_CHOICES)
    provider_name = StringField(_l("Nama penyelenggara"), validators=[InputRequired(REQUIRED), Length(max=160)])
    capacity = WholeNumberField(_l("Kuota peserta"), render_kw={"inputmode": "numeric"})
    starts_on = IndonesianDateField(_l("Tanggal mulai"))
    ends_on = IndonesianDateField(_l("Tanggal selesai"))
    hours = WholeNumberField(_l("Jumlah jam pelatihan"), render_kw={"inputmode": "numeric"})
    eligible_majors = CheckboxListField(_l("Jurusan yang boleh ikut"),
                                        description=_l("Kosongkan semua bila terbuka untuk semua jurusan."))

    FIELDS = ("name", "field", "provider_type", "provider_name", "capacity", "starts_on", "ends_on", "hours",
              "eligible_majors")

    def values(self) -> dict:
        values = {name: getattr(self, name).data for name in self.FIELDS}
        values["eligible_majors"] = list(values["eligible_majors"] or [])
        return values


class SessionForm(FlaskForm):
    held_on = IndonesianDateField(_l("Tanggal sesi"))
    topic = StringField(_l("Materi"), validators=[InputRequired(REQUIRED), Length(max=200)])


class EnrolByNisnForm(FlaskForm):
    nisn = StringField(_l("NISN siswa (10 angka)"), validators=[InputRequired(REQUIRED), Length(max=20)],
                       render_kw={"inputmode": "numeric"})


class AttendanceForm(FlaskForm):
    """The checkboxes are plain inputs named 'present' (one per participant); this carries the CSRF token."""


class CompleteForm(FlaskForm):
    score = WholeNumberField(_l("Nilai akhir (0–100)"), render_kw={"inputmode": "numeric"})


class DropForm(FlaskForm):
    reason = TextAreaField(_l("Alasan keluar"), validators=[InputRequired(REQUIRED), Length(max=2000)])
    confirm = BooleanField(_l("Ya, peserta ini keluar dari pelatihan"),
                           validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])
