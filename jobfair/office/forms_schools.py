"""Office forms for schools and their BKK staff accounts. Services do the real validation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import InputRequired, Length

REQUIRED = _l("Kolom ini wajib diisi.")


class SchoolForm(FlaskForm):
    name = StringField(_l("Nama sekolah"), validators=[InputRequired(REQUIRED), Length(max=160)])
    npsn = StringField(_l("NPSN (8 angka)"), validators=[InputRequired(REQUIRED), Length(max=20)],
                       render_kw={"inputmode": "numeric"})
    address = StringField(_l("Alamat"), validators=[Length(max=255)])
    kecamatan_code = SelectField(_l("Kecamatan"), validate_choice=False)
    bkk_number = StringField(_l("Nomor registrasi BKK di Disnaker"), validators=[Length(max=64)])

    FIELDS = ("name", "npsn", "address", "kecamatan_code", "bkk_number")

    def values(self) -> dict:
        return {name: getattr(self, name).data or "" for name in self.FIELDS}


class SchoolStaffForm(FlaskForm):
    full_name = StringField(_l("Nama lengkap petugas BKK"), validators=[InputRequired(REQUIRED), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[InputRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Kata sandi awal (minimal 10 karakter)"), validators=[InputRequired(REQUIRED)],
                             render_kw={"autocomplete": "new-password"})
