"""School (BKK) staff forms: enrol a student, import a file, consent, invitation; the student's activation.
Services do the real validation; these only parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, FileField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import InputRequired, Length

from jobfair import labels
from jobfair.labels import Sex

REQUIRED = _l("Kolom ini wajib diisi.")
SEX_CHOICES = labels.choices(Sex, blank=_l("— pilih —"))
DATE = {"type": "date"}


class StudentForm(FlaskForm):
    nisn = StringField(_l("NISN (10 angka)"), validators=[Length(max=20)],
                       render_kw={"inputmode": "numeric", "autocomplete": "off"})
    full_name = StringField(_l("Nama lengkap"), validators=[Length(max=120)])
    nik = StringField(_l("NIK (16 angka, dari Kartu Keluarga)"), validators=[Length(max=30)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    birth_date = StringField(_l("Tanggal lahir"), render_kw=DATE, description=_l("Contoh: 2007-05-31 atau 31-05-2007."))
    sex = SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES, validate_choice=False)
    major = SelectField(_l("Jurusan"), validate_choice=False)
    class_name = StringField(_l("Kelas"), validators=[Length(max=32)], description=_l("Contoh: XII TKJ 1."))
    report_score = StringField(_l("Nilai rata-rata rapor (0–100)"), validators=[Length(max=10)],
                               render_kw={"inputmode": "decimal"}, description=_l("Contoh: 85,5."))
    expected_graduation = StringField(_l("Perkiraan tanggal lulus"), render_kw=DATE)
    phone = TelField(_l("Nomor HP siswa (boleh kosong)"), validators=[Length(max=20)])
    guardian_name = StringField(_l("Nama orang tua/wali"), validators=[Length(max=120)],
                                description=_l("Wajib untuk siswa yang belum berumur 18 tahun."))
    guardian_phone = TelField(_l("Nomor HP orang tua/wali"), validators=[Length(max=20)])

    FIELDS = ("nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
              "expected_graduation", "phone", "guardian_name", "guardian_phone")

    def values(self) -> dict:
        return {name: getattr(self, name).data or "" for name in self.FIELDS}


class ImportForm(FlaskForm):
    file = FileField(_l("Berkas data siswa (CSV atau XLSX, paling besar 2 MB, paling banyak 2.000 baris)"),
                     render_kw={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument"
                                          ".spreadsheetml.sheet"})


class ConsentForm(FlaskForm):
    confirm = BooleanField(_l("Saya sudah menerima surat persetujuan tertulis yang ditandatangani orang tua/wali"),
                           validators=[InputRequired(_l("Centang kotak ini untuk mencatat persetujuan."))])


class ActionForm(FlaskForm):
    """Empty form: carries the CSRF token for a POST-only action."""


class ActivationForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(REQUIRED), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Kata sandi (minimal 10 karakter)"), validators=[InputRequired(REQUIRED)],
                             render_kw={"autocomplete": "new-password"})
