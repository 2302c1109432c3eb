"""Forms of the protection register: people, programmes, enrolments, decree, UMK. Services do the real validation."""

import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import InputRequired, Length

from jobfair import labels
from jobfair.companies.forms import IndonesianDateField, WholeNumberField
from jobfair.forms_util import RupiahField
from jobfair.labels import Sex
from jobfair.models import Payer, ProgrammeKind

REQUIRED = _l("Kolom ini wajib diisi.")
SEX_CHOICES = labels.choices(Sex)
KIND_CHOICES = labels.choices(ProgrammeKind)
FUNDER_CHOICES = labels.choices(Payer, values=(Payer.CITY, Payer.PROVINCE))
PAYER_CHOICES = labels.choices(Payer)


class MonthField(StringField):
    """A month typed as 2025-01 (input type=month) or a date; the data is the first day of that month."""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "") or ""
        raw = raw.strip()
        self.raw_data = [raw]
        if not raw:
            self.data = None
            return
        try:
            self.data = datetime.date.fromisoformat(raw if len(raw) > 7 else raw + "-01").replace(day=1)
        except ValueError as exc:
            self.data = None
            raise ValueError(_l("Bulan tidak valid: tulis seperti 2025-01 (tahun-bulan).")) from exc

    def _value(self):
        return self.data.strftime("%Y-%m") if isinstance(self.data, datetime.date) else (self.data or "")


class WorkerForm(FlaskForm):
    nik = StringField(_l("NIK (16 angka)"), validators=[InputRequired(REQUIRED), Length(max=40)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    full_name = StringField(_l("Nama lengkap sesuai KTP"), validators=[InputRequired(REQUIRED), Length(max=120)])
    sex = SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES)
    birth_date = IndonesianDateField(_l("Tanggal lahir"), validators=[InputRequired(REQUIRED)])
    address = StringField(_l("Alamat (jalan, RT)"), validators=[Length(max=255)])
    kecamatan_code = SelectField(_l("Kecamatan"))
    kelurahan_code = SelectField(_l("Kelurahan"))
    phone = TelField(_l("Nomor HP (boleh kosong)"), validators=[Length(max=20)])
    category_code = SelectField(_l("Pekerjaan"))
    monthly_income = RupiahField(_l("Penghasilan sebulan (Rp)"))
    ktp_since = IndonesianDateField(_l("Memegang KTP Balikpapan sejak"),
                                    description=_l("Dari KTP atau surat keterangan domisili."))
    has_disability = BooleanField(_l("Penyandang disabilitas"))
    disability_note = StringField(_l("Keterangan disabilitas (data spesifik, hanya petugas)"),
                                  validators=[Length(max=255)])
    is_elderly = BooleanField(_l("Lanjut usia"))

    PERSON_FIELDS = ("full_name", "sex", "birth_date")
    WORKER_FIELDS = ("address", "kecamatan_code", "kelurahan_code", "phone", "category_code", "monthly_income",
                     "ktp_since", "has_disability", "disability_note", "is_elderly")

    def set_choices(self, *, kecamatan, kelurahan, categories) -> None:
        self.kecamatan_code.choices = [("", _l("— pilih kecamatan —"))] + kecamatan
        self.kelurahan_code.choices = [("", _l("— pilih kelurahan —"))] + kelurahan
        self.category_code.choices = [("", _l("— pilih pekerjaan —"))] + categories

    def values(self, *, with_nik: bool = True) -> dict:
        names = (("nik",) if with_nik else ()) + self.PERSON_FIELDS + self.WORKER_FIELDS
        return {name: getattr(self, name).data for name in names}


class FindNikForm(FlaskForm):
    nik = StringField(_l("NIK (16 angka)"), validators=[InputRequired(REQUIRED), Length(max=40)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})


class ProgrammeForm(FlaskForm):
    name = StringField(_l("Nama program"), validators=[InputRequired(REQUIRED), Length(max=160)])
    kind = SelectField(_l("Jenis program"), choices=KIND_CHOICES)
    cover_kind = StringField(_l("Jenis cakupan"), validators=[Length(max=40)],
                             description=_l("Subsidi iuran BPJS selalu bpjs_jkk_jkm (boleh dikosongkan); untuk "
                                            "bantuan misalnya sembako_lansia. Satu NIK tidak boleh tercakup dua kali "
                                            "pada bulan yang sama untuk jenis cakupan yang sama."))
    owning_office = StringField(_l("Dinas pemilik program"), validators=[InputRequired(REQUIRED), Length(max=80)],
                                description=_l("Disnaker, atau Dinas Sosial mulai 2026."))
    funder = SelectField(_l("Sumber dana"), choices=FUNDER_CHOICES)
    payer = SelectField(_l("Pembayar"), choices=PAYER_CHOICES)
    year = WholeNumberField(_l("Tahun"), render_kw={"inputmode": "numeric"})
    amount_per_month = RupiahField(_l("Iuran/bantuan per orang per bulan (Rp)"))
    item_name = StringField(_l("Nama barang bantuan (untuk bantuan)"), validators=[Length(max=120)])
    unit_value = RupiahField(_l("Nilai per unit (Rp)"))
    quota = WholeNumberField(_l("Kuota peserta"), render_kw={"inputmode": "numeric"})
    budget = RupiahField(_l("Anggaran setahun (Rp)"))
    min_ktp_months = WholeNumberField(_l("Syarat: KTP Balikpapan minimal (bulan)"), render_kw={"inputmode": "numeric"})
    min_age = WholeNumberField(_l("Syarat: usia minimal"), render_kw={"inputmode": "numeric"})
    max_age = WholeNumberField(_l("Syarat: usia maksimal"), render_kw={"inputmode": "numeric"})
    income_at_most_umk = BooleanField(_l("Syarat: penghasilan paling tinggi UMK"))
    requires_disability = BooleanField(_l("Syarat: penyandang disabilitas"))
    requires_elderly = BooleanField(_l("Syarat: lanjut usia"))
    not_bpjs_member = BooleanField(_l("Syarat: belum menjadi peserta BPJS Ketenagakerjaan"))

    FIELDS = ("name", "kind", "cover_kind", "owning_office", "funder", "payer", "year", "amount_per_month",
              "item_name", "unit_value", "quota", "budget")
    RULES = ("min_ktp_months", "min_age", "max_age", "income_at_most_umk", "requires_disability", "requires_elderly",
             "not_bpjs_member")

    def load(self, programme) -> None:
        for name in self.RULES:
            getattr(self, name).data = (programme.eligibility or {}).get(name)

    def values(self) -> dict:
        values = {name: getattr(self, name).data for name in self.FIELDS}
        values["eligibility"] = {name: getattr(self, name).data for name in self.RULES}
        return values


class EnrolForm(FlaskForm):
    programme_id = SelectField(_l("Program"), coerce=int,
                               description=_l("Pembayar iuran/bantuan adalah pembayar program yang dipilih."))
    cover_from = MonthField(_l("Cakupan mulai (bulan)"), render_kw={"type": "month", "placeholder": "2025-01"})
    cover_to = MonthField(_l("Cakupan sampai (bulan)"), render_kw={"type": "month", "placeholder": "2025-12"})
    already_bpjs_member = RadioField(
        _l("Sudah menjadi peserta BPJS Ketenagakerjaan (lewat pemberi kerja atau mandiri)?"),
        choices=[("tidak", _l("Belum")), ("ya", _l("Sudah"))], validate_choice=False,
        description=_l("Tanyakan kepada orangnya; wajib dijawab untuk subsidi iuran BPJS (Perwali 3/2025)."))
    verifying_office = StringField(_l("Dinas sektor yang memverifikasi"), validators=[Length(max=80)],
                                   description=_l("Misalnya Dinas Pertanian untuk petani, Dinas Perikanan untuk "
                                                  "nelayan."))

    def member_answer(self) -> bool | None:
        return {"ya": True, "tidak": False}.get(self.already_bpjs_member.data)


class VerifyForm(FlaskForm):
    office = StringField(_l("Dinas sektor yang memverifikasi"), validators=[InputRequired(REQUIRED), Length(max=80)])


class KpjForm(FlaskForm):
    kpj_number = StringField(_l("Nomor KPJ BPJS Ketenagakerjaan"), validators=[Length(max=30)],
                             render_kw={"inputmode": "numeric"})


class DecreeForm(FlaskForm):
    decree_number = StringField(_l("Nomor SK Wali Kota"), validators=[InputRequired(REQUIRED), Length(max=80)])
    decree_date = IndonesianDateField(_l("Tanggal SK"), validators=[InputRequired(REQUIRED)])


class EndForm(FlaskForm):
    last_month = MonthField(_l("Bulan terakhir yang ditanggung"), render_kw={"type": "month"})
    reason = TextAreaField(_l("Alasan"), validators=[InputRequired(REQUIRED), Length(max=2000)])
    confirm = BooleanField(_l("Ya, saya yakin"), validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Alasan penolakan"), validators=[InputRequired(REQUIRED), Length(max=2000)])
    confirm = BooleanField(_l("Ya, saya yakin"), validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])


class ReregisterForm(FlaskForm):
    programme_id_from = SelectField(_l("Program tahun berjalan (peserta aktif)"), coerce=int)
    programme_id_to = SelectField(_l("Program tahun berikutnya"), coerce=int)


class UmkForm(FlaskForm):
    year = WholeNumberField(_l("Tahun"), render_kw={"inputmode": "numeric"})
    amount = RupiahField(_l("UMK sebulan (Rp)"))
