"""Profile, CV and AK/1 forms of the job seeker. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, IntegerField, RadioField, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from jobfair.forms_util import YearField
from jobfair.services.hiring.seeker_profiles import MARITAL_STATUSES, RELIGIONS

REQUIRED = _l("Kolom ini wajib diisi.")


class ProfileForm(FlaskForm):
    birth_place = StringField(_l("Tempat lahir"), validators=[Length(max=80)])
    marital_status = SelectField(_l("Status perkawinan"),
                                 choices=[("", _l("— pilih —"))] + list(MARITAL_STATUSES.items()))
    religion = SelectField(_l("Agama/kepercayaan"), choices=[("", _l("— pilih —"))] + list(RELIGIONS.items()))
    address = TextAreaField(_l("Alamat (sesuai KTP atau surat domisili)"), validators=[Length(max=255)])
    kecamatan_code = SelectField(_l("Kecamatan"))
    kelurahan_code = SelectField(_l("Kelurahan"))
    phone = TelField(_l("Nomor HP"), validators=[InputRequired(REQUIRED), Length(max=20)])
    education_level = SelectField(_l("Pendidikan terakhir"))
    school_name = StringField(_l("Nama sekolah/kampus"), validators=[Length(max=160)])
    major = StringField(_l("Jurusan"), validators=[Length(max=160)])
    graduation_year = YearField(_l("Tahun lulus"), validators=[Optional()])  # the service checks 1950..next year
    skills = StringField(_l("Keahlian"), validators=[Length(max=500)],
                         description=_l("Pisahkan dengan koma, misalnya: las listrik, Microsoft Excel, SIM B1."))
    experience = TextAreaField(_l("Pengalaman kerja"), validators=[Length(max=4000)])
    experience_years = IntegerField(_l("Lama pengalaman (tahun)"), default=0,
                                    validators=[Optional(), NumberRange(0, 60, "Isi 0–60 tahun.")],
                                    render_kw={"inputmode": "numeric"})
    has_disability = BooleanField(_l("Saya penyandang disabilitas (data ini hanya dipakai untuk mencocokkan "
                                     "lowongan yang terbuka bagi penyandang disabilitas)"))


class CvForm(FlaskForm):
    cv = FileField(_l("Berkas CV (PDF, paling besar 2 MB)"), render_kw={"accept": "application/pdf,.pdf"})


class Ak1RequestForm(FlaskForm):
    """Empty: carries the CSRF token."""


class Ak1ReportForm(FlaskForm):
    still_seeking = RadioField(_l("Status Anda saat ini"), choices=[
        ("ya", _l("Masih mencari kerja")), ("tidak", _l("Sudah bekerja / tidak mencari kerja lagi"))],
        validators=[InputRequired(_l("Pilih salah satu status."))])
    note = TextAreaField(_l("Catatan (tidak wajib)"), validators=[Length(max=1000)])
