"""Forms of the data-incident register. The service checks the values and explains; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, TimeField
from wtforms.validators import Length, Optional

from jobfair.companies.forms import IndonesianDateField, WholeNumberField
from jobfair.office.forms_training import CheckboxListField

TIME_ERROR = _l("Tulis jam seperti 14:30 (WITA), atau kosongkan.")


class WitaTimeField(TimeField):
    """An optional wall-clock time in WITA ("14:30"); a wrong one is explained in Indonesian."""

    def process_formdata(self, valuelist):
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        try:
            super().process_formdata([valuelist[0].strip()[:5]])
        except ValueError as exc:
            self.data = None
            raise ValueError(TIME_ERROR) from exc


class IncidentForm(FlaskForm):
    title = StringField(_l("Apa yang terjadi (satu kalimat)"), validators=[Length(max=160)])
    description = TextAreaField(_l("Uraian kejadian"), validators=[Length(max=10_000)])
    occurred_on = IndonesianDateField(_l("Tanggal kejadian (bila diketahui)"), validators=[Optional()])
    occurred_time = WitaTimeField(_l("Jam kejadian, WITA (bila diketahui)"), validators=[Optional()])
    discovered_on = IndonesianDateField(_l("Tanggal insiden diketahui"),
                                        description=_l("Batas pemberitahuan 3 × 24 jam dihitung dari saat ini."))
    discovered_time = WitaTimeField(_l("Jam insiden diketahui (WITA)"), validators=[Optional()])
    affected_description = TextAreaField(_l("Siapa yang terdampak"), validators=[Length(max=10_000)])
    affected_count = WholeNumberField(_l("Perkiraan jumlah orang terdampak"), render_kw={"inputmode": "numeric"},
                                      description=_l("Kosongkan bila belum diketahui."))
    data_categories = CheckboxListField(_l("Jenis data yang terdampak"))
    actions_taken = TextAreaField(_l("Langkah yang sudah diambil"), validators=[Length(max=10_000)])

    FIELDS = ("title", "description", "occurred_on", "occurred_time", "discovered_on", "discovered_time",
              "affected_description", "affected_count", "data_categories", "actions_taken")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class NotificationForm(FlaskForm):
    notified_on = IndonesianDateField(_l("Tanggal pemberitahuan dikirim"))
    notified_time = WitaTimeField(_l("Jam pemberitahuan (WITA)"), validators=[Optional()])
    note = TextAreaField(_l("Kepada siapa dan lewat apa"), validators=[Length(max=10_000)],
                         description=_l("Misalnya: surat ke Kementerian Komdigi no. …; e-mail ke 120 pelamar."))
