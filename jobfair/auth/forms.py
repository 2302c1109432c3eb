"""Login, registration and password forms. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, PasswordField, RadioField, SelectField, StringField, TelField
from wtforms.validators import EqualTo, InputRequired, Length

from jobfair import labels
from jobfair.labels import Sex

REQUIRED = _l("Kolom ini wajib diisi.")


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Kata sandi"), validators=[InputRequired(REQUIRED), Length(max=128)])


class PasswordPairMixin:
    password = PasswordField(_l("Kata sandi"), validators=[InputRequired(REQUIRED)],
                             description=_l("Minimal 10 karakter, memuat huruf dan angka."))
    password_confirm = PasswordField(_l("Ulangi kata sandi"), validators=[
        InputRequired(REQUIRED),
        EqualTo("password", _l("Kedua kata sandi tidak sama: ketik ulang kata sandi yang sama."))])


class SeekerRegistrationForm(PasswordPairMixin, FlaskForm):
    nik = StringField(_l("NIK (16 angka sesuai KTP)"), validators=[InputRequired(REQUIRED), Length(max=32)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    full_name = StringField(_l("Nama lengkap"), validators=[InputRequired(REQUIRED), Length(max=120)])
    sex = RadioField(_l("Jenis kelamin"), choices=labels.choices(Sex),
                     validators=[InputRequired(_l("Pilih jenis kelamin."))])
    birth_date = DateField(_l("Tanggal lahir"), validators=[InputRequired(REQUIRED)])
    email = EmailField(_l("E-mail"), validators=[InputRequired(REQUIRED), Length(max=254)])
    phone = TelField(_l("Nomor HP"), validators=[InputRequired(REQUIRED), Length(max=20)])
    # One checkbox per purpose (privacy_notices), unticked by default: consent must be given, not presumed.
    # The service refuses a missing required one beside its box.
    consent_placement = BooleanField(_l("Saya setuju data saya diolah untuk pendaftaran dan layanan penempatan "
                                        "kerja (wajib)."))
    consent_cv_sharing = BooleanField(_l("Saya setuju profil dan CV saya dilihat perusahaan yang saya lamar."))
    consent_ak1 = BooleanField(_l("Saya setuju data saya diolah untuk kartu pencari kerja (AK/1)."))
    # "surel", not "e-mail": the address field above is labelled "E-mail" (labels stay unambiguous)
    consent_email = BooleanField(_l("Saya mau menerima pemberitahuan lewat surel."))

    def consents_given(self) -> list[str]:
        return [name.removeprefix("consent_") for name in ("consent_placement", "consent_cv_sharing",
                                                           "consent_ak1", "consent_email")
                if getattr(self, name).data]


class CompanyRegistrationForm(PasswordPairMixin, FlaskForm):
    company_name = StringField(_l("Nama perusahaan"), validators=[InputRequired(REQUIRED), Length(max=160)])
    nib = StringField(_l("NIB (13 angka)"), validators=[InputRequired(REQUIRED), Length(max=20)],
                      render_kw={"inputmode": "numeric"})
    kecamatan_code = SelectField(_l("Kecamatan"), validators=[InputRequired(_l("Pilih kecamatan."))])
    address = StringField(_l("Alamat"), validators=[InputRequired(REQUIRED), Length(max=255)])
    contact_name = StringField(_l("Nama penanggung jawab (HR)"), validators=[InputRequired(REQUIRED),
                                                                              Length(max=120)])
    phone = TelField(_l("Nomor HP penanggung jawab"), validators=[InputRequired(REQUIRED), Length(max=20)])
    email = EmailField(_l("E-mail"), validators=[InputRequired(REQUIRED), Length(max=254)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Kata sandi lama"), validators=[InputRequired(REQUIRED)])
    new_password = PasswordField(_l("Kata sandi baru"), validators=[InputRequired(REQUIRED)],
                                 description=_l("Minimal 10 karakter, memuat huruf dan angka."))
    new_password_confirm = PasswordField(_l("Ulangi kata sandi baru"), validators=[
        InputRequired(REQUIRED),
        EqualTo("new_password", _l("Kedua kata sandi tidak sama: ketik ulang kata sandi baru."))])


class LogoutForm(FlaskForm):
    """Empty form: carries the CSRF token for the POST-only logout."""


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail akun Anda"), validators=[InputRequired(REQUIRED), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class ResetPasswordForm(PasswordPairMixin, FlaskForm):
    """New password through an e-mailed link (the pair: password, password_confirm)."""


class SecondFactorForm(FlaskForm):
    code = StringField(_l("Kode verifikasi"), validators=[InputRequired(REQUIRED), Length(max=40)],
                       description=_l("6 angka dari aplikasi autentikator, atau salah satu kode pemulihan."),
                       render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"})
