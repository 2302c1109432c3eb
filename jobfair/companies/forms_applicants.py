"""Companies' applicant review forms: filter, status change, interview invitation, hire."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from jobfair import labels
from jobfair.forms_util import RupiahField
from jobfair.models import ContractType
from jobfair.rules.dates import WITA

REQUIRED = _l("Kolom ini wajib diisi.")


class ApplicantFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter, changes nothing; a FlaskForm for the Indonesian built-in messages

    status = SelectField(_l("Status"), validators=[Optional()])
    min_score = IntegerField(_l("Skor kecocokan minimal"), validators=[Optional(), NumberRange(min=0, max=100)],
                             render_kw={"inputmode": "numeric"})


class StatusForm(FlaskForm):
    to_status = SelectField(_l("Ubah status menjadi"), validators=[InputRequired(_l("Pilih status baru."))])
    note = TextAreaField(_l("Catatan untuk pelamar (boleh kosong)"), validators=[Length(max=2000)],
                         render_kw={"rows": 3})
    confirm = BooleanField(_l("Saya yakin (wajib dicentang bila pelamar tidak dilanjutkan: keputusan ini final)."))

    def validate_confirm(self, field):
        if self.to_status.data == "rejected" and not field.data:
            raise ValidationError(_l("Centang kotak ini untuk memastikan pelamar tidak dilanjutkan."))


class InviteForm(FlaskForm):
    error_fields = {"scheduled_at": "date"}  # the service's scheduled_at error stands beside the date (copy_errors)

    date = DateField(_l("Tanggal wawancara"), validators=[InputRequired(REQUIRED)])
    time = TimeField(_l("Jam (WITA)"), validators=[InputRequired(REQUIRED)])
    place = StringField(_l("Tempat"), validators=[InputRequired(REQUIRED), Length(max=255)],
                        description=_l("Alamat dan ruang, nomor booth di bursa kerja, atau tautan rapat daring."))
    note = TextAreaField(_l("Catatan (boleh kosong)"), validators=[Length(max=2000)], render_kw={"rows": 3},
                         description=_l("Misalnya: bawa KTP dan ijazah asli."))

    def scheduled_at(self) -> datetime | None:
        if self.date.data is None or self.time.data is None:
            return None
        return datetime.combine(self.date.data, self.time.data, tzinfo=WITA)


CONTRACT_CHOICES = labels.choices(ContractType, blank=_l("— pilih —"))


class HireForm(FlaskForm):
    start_date = DateField(_l("Tanggal mulai bekerja"), validators=[InputRequired(REQUIRED)])
    contract_type = SelectField(_l("Jenis kontrak"), choices=CONTRACT_CHOICES,
                                validators=[InputRequired(_l("Pilih jenis kontrak."))])
    wage = RupiahField(_l("Upah per bulan (Rupiah)"), validators=[InputRequired(REQUIRED)],
                       description=_l("Misalnya 3701508 atau 3.701.508."))
    # Shown when the service found the wage below the UMK (its error stands here): see services.applicants.hire.
    below_umk_confirmed = BooleanField(_l("Upah ini memang di bawah UMK dan sudah sesuai perjanjian kerja (misalnya "
                                          "kerja paruh waktu, harian, atau uang saku magang)."))
    confirm = BooleanField(_l("Saya yakin menerima pelamar ini. Penerimaan dilaporkan ke Disnaker dan tidak dapat "
                              "dibatalkan di sini."),
                           validators=[InputRequired(_l("Centang kotak ini untuk memastikan."))])
