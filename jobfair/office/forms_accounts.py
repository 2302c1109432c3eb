"""Office forms for account administration. Services do the real validation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from jobfair import labels
from jobfair.models.user import Role

REQUIRED = _l("Kolom ini wajib diisi.")
CONFIRM = _l("Centang kotak ini untuk memastikan.")


class OfficerForm(FlaskForm):
    full_name = StringField(_l("Nama lengkap"), validators=[InputRequired(REQUIRED), Length(max=120)])
    email = EmailField(_l("E-mail dinas"), validators=[InputRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Kata sandi awal (minimal 10 karakter)"), validators=[InputRequired(REQUIRED)],
                             render_kw={"autocomplete": "new-password"})
    role = SelectField(_l("Peran"), choices=labels.choices(Role, values=(Role.OFFICER, Role.ADMIN)),
                       validate_choice=False)


class RoleForm(FlaskForm):
    role = SelectField(_l("Peran baru"), validate_choice=False)
    confirm = BooleanField(_l("Ya, ubah peran akun ini. Sesi akun ini akan berakhir."),
                           validators=[InputRequired(CONFIRM)])


class DeactivateForm(FlaskForm):
    reason = TextAreaField(_l("Alasan penonaktifan (dicatat di jejak audit)"),
                           validators=[InputRequired(_l("Tulis alasan penonaktifan.")), Length(max=1000)],
                           render_kw={"rows": 3})
    confirm = BooleanField(_l("Ya, nonaktifkan akun ini. Semua sesinya berakhir saat ini juga."),
                           validators=[InputRequired(CONFIRM)])


class SecondFactorResetForm(FlaskForm):
    reason = TextAreaField(_l("Alasan (dicatat di jejak audit)"),
                           validators=[InputRequired(_l("Tulis alasannya, misalnya: ponsel petugas hilang.")),
                                       Length(max=1000)], render_kw={"rows": 3})
    confirm = BooleanField(_l("Ya, hapus verifikasi dua langkah akun ini. Semua sesinya berakhir dan pemiliknya "
                              "mendaftarkan aplikasi autentikator lagi saat masuk berikutnya."),
                           validators=[InputRequired(CONFIRM)])


class ActionForm(FlaskForm):
    """Empty form: carries the CSRF token."""


class OwningOfficeForm(FlaskForm):
    owning_office = StringField(_l("Dinas pemilik program"), validators=[InputRequired(REQUIRED), Length(max=80)],
                                description=_l("Misalnya Disnaker atau Dinas Sosial."))
