"""Company profile and vacancy forms. Services do the real validation; these parse input."""

import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import InputRequired, Length

from jobfair import labels
from jobfair.forms_util import RupiahField
from jobfair.models.vacancy import EmploymentType
from jobfair.rules.cells import parse_whole
from jobfair.rules.vacancy_rules import NO_EDUCATION_MINIMUM

REQUIRED = _l("Kolom ini wajib diisi.")


class WholeNumberField(IntegerField):
    """An optional whole number of things (people, hours, years); accepts '1.200' or '1200'; empty is None; errors in
    Indonesian. Money goes in forms_util.RupiahField."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = (valuelist[0] or "").strip()
        if not raw:
            self.data = None
            return
        self.data = parse_whole(raw)  # "1.200" is 1200, but "7.5" is refused, not read as 75
        if self.data is None:
            raise ValueError(_l("Tulis angka bulat saja, tanpa huruf (contoh 3701508)."))


class IndonesianDateField(DateField):
    def process_formdata(self, valuelist):
        if not valuelist or not (valuelist[0] or "").strip():
            self.data = None
            return
        try:
            self.data = datetime.date.fromisoformat(valuelist[0].strip())
        except ValueError as exc:
            self.data = None
            raise ValueError(_l("Tanggal tidak valid: pilih tanggal dari kalender.")) from exc


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    return int(value)


WLKP_CHOICES = [("reported", _l("Sudah lapor WLKP")), ("not_reported", _l("Belum lapor WLKP")),
                ("unknown", _l("Tidak tahu"))]
SEX_CHOICES = [("", _l("Laki-laki dan perempuan")), ("L", _l("Hanya laki-laki")), ("P", _l("Hanya perempuan"))]


class CompanyProfileForm(FlaskForm):
    name = StringField(_l("Nama perusahaan"), validators=[InputRequired(REQUIRED), Length(max=160)])
    kbli_code = StringField(_l("Kode KBLI 2020 (5 angka)"), validators=[Length(max=10)],
                            render_kw={"inputmode": "numeric"}, description=_l("Lihat NIB Anda di OSS."))
    address = StringField(_l("Alamat"), validators=[InputRequired(REQUIRED), Length(max=255)])
    kecamatan_code = SelectField(_l("Kecamatan"), validators=[InputRequired(_l("Pilih kecamatan."))])
    headcount = WholeNumberField(_l("Jumlah karyawan"), render_kw={"inputmode": "numeric"})
    contact_name = StringField(_l("Nama penanggung jawab (HR)"), validators=[InputRequired(REQUIRED),
                                                                              Length(max=120)])
    contact_phone = TelField(_l("Nomor HP penanggung jawab"), validators=[InputRequired(REQUIRED), Length(max=20)])
    wlkp_status = SelectField(_l("Status WLKP (Wajib Lapor Ketenagakerjaan)"), choices=WLKP_CHOICES)

    FIELDS = ("name", "kbli_code", "address", "kecamatan_code", "headcount", "contact_name", "contact_phone",
              "wlkp_status")


class VacancyForm(FlaskForm):
    title = StringField(_l("Nama jabatan"), validators=[InputRequired(REQUIRED), Length(max=160)])
    kbji_code = StringField(_l("Kode KBJI 2014 (6 angka, boleh kosong)"), validators=[Length(max=10)],
                            render_kw={"inputmode": "numeric"})
    description = TextAreaField(_l("Uraian pekerjaan"), validators=[Length(max=5000)])
    openings = WholeNumberField(_l("Jumlah kebutuhan (orang)"), render_kw={"inputmode": "numeric"})
    valid_from = IndonesianDateField(_l("Berlaku mulai"))
    valid_until = IndonesianDateField(_l("Berlaku sampai"),
                                      description=_l("Setelah tanggal ini lowongan ditutup otomatis."))
    education_min = SelectField(_l("Pendidikan minimum"))
    majors = StringField(_l("Jurusan (pisahkan dengan koma)"), validators=[Length(max=500)])
    skills = StringField(_l("Keahlian (pisahkan dengan koma)"), validators=[Length(max=500)])
    experience_years = WholeNumberField(_l("Pengalaman kerja minimum (tahun)"), render_kw={"inputmode": "numeric"})
    age_min = WholeNumberField(_l("Usia minimum"), render_kw={"inputmode": "numeric"})
    age_max = WholeNumberField(_l("Usia maksimum"), render_kw={"inputmode": "numeric"})
    sex_required = SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES,
                               description=_l("Batasi hanya bila pekerjaan benar-benar mensyaratkannya."))
    wage_min = RupiahField(_l("Upah minimum per bulan (Rp)"))
    wage_max = RupiahField(_l("Upah maksimum per bulan (Rp)"))
    wage_negotiable = BooleanField(_l("Upah dapat dinegosiasikan"),
                                   description=_l("Centang bila upah tidak dicantumkan atau masih dapat dirundingkan."))
    kecamatan_code = SelectField(_l("Lokasi kerja (kecamatan)"))
    employment_type = SelectField(_l("Hubungan kerja"), choices=labels.choices(EmploymentType))
    disability_friendly = BooleanField(_l("Terbuka untuk pelamar penyandang disabilitas"))
    job_fair_id = SelectField(_l("Bursa kerja (boleh kosong)"), coerce=_int_or_none)

    FIELDS = ("title", "kbji_code", "description", "openings", "valid_from", "valid_until", "education_min",
              "majors", "skills", "experience_years", "age_min", "age_max", "sex_required", "wage_min", "wage_max",
              "wage_negotiable", "kecamatan_code", "employment_type", "disability_friendly", "job_fair_id")

    def set_choices(self, *, kecamatan, education, fairs) -> None:
        self.kecamatan_code.choices = [("", _l("— pilih kecamatan —"))] + kecamatan
        # The lowest level ("Tidak/belum sekolah") is the explicit "no requirement" choice; empty = not chosen yet.
        self.education_min.choices = [("", _l("— pilih pendidikan minimum —"))] + [
            (code, _l("Tanpa syarat pendidikan") if code == NO_EDUCATION_MINIMUM else name) for code, name in education]
        self.job_fair_id.choices = [("", _l("— tidak ikut bursa kerja —"))] + fairs

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class ConfirmForm(FlaskForm):
    """A final action: the user ticks the box to confirm (no JavaScript needed)."""

    confirm = BooleanField(_l("Ya, saya yakin"), validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])


class ActionForm(FlaskForm):
    """Empty form: carries the CSRF token for a POST-only action."""
