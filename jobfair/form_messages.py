"""Indonesian messages for WTForms' built-in validators and fields.

WTForms ships no Indonesian catalogue, so without this a bad date would say "Not a valid date value." in English.
Installed on FlaskForm.Meta in create_app, so every form of every blueprint gets it.
"""

from flask_babel import get_locale

INDONESIAN = {
    "Field must be equal to %(other_name)s.": "Isian harus sama dengan %(other_name)s.",
    "Field must be at least %(min)d character long.": "Isi minimal %(min)d karakter.",
    "Field must be at least %(min)d characters long.": "Isi minimal %(min)d karakter.",
    "Field cannot be longer than %(max)d character.": "Isi paling banyak %(max)d karakter.",
    "Field cannot be longer than %(max)d characters.": "Isi paling banyak %(max)d karakter.",
    "Field must be exactly %(max)d character long.": "Isi tepat %(max)d karakter.",
    "Field must be exactly %(max)d characters long.": "Isi tepat %(max)d karakter.",
    "Field must be between %(min)d and %(max)d characters long.": "Isi antara %(min)d dan %(max)d karakter.",
    "Number must be at least %(min)s.": "Angka minimal %(min)s.",
    "Number must be at most %(max)s.": "Angka paling besar %(max)s.",
    "Number must be between %(min)s and %(max)s.": "Angka harus antara %(min)s dan %(max)s.",
    "This field is required.": "Kolom ini wajib diisi.",
    "Invalid input.": "Isian tidak valid: periksa kembali.",
    "Invalid email address.": "Alamat e-mail tidak valid: tulis seperti nama@contoh.co.id.",
    "Invalid URL.": "Alamat web tidak valid: tulis seperti https://contoh.co.id.",
    "Invalid value, must be one of: %(values)s.": "Pilih salah satu: %(values)s.",
    "Invalid CSRF Token.": "Formulir kedaluwarsa: muat ulang halaman lalu kirim lagi.",
    "CSRF token missing.": "Formulir kedaluwarsa: muat ulang halaman lalu kirim lagi.",
    "CSRF failed.": "Formulir kedaluwarsa: muat ulang halaman lalu kirim lagi.",
    "CSRF token expired.": "Formulir kedaluwarsa: muat ulang halaman lalu kirim lagi.",
    "Invalid Choice: could not coerce.": "Pilihan tidak valid: pilih dari daftar.",
    "Not a valid choice.": "Pilihan tidak valid: pilih dari daftar.",
    "Not a valid choice": "Pilihan tidak valid: pilih dari daftar.",
    "Not a valid datetime value.": "Tanggal dan jam tidak valid: isi seperti 2025-07-23 09:00.",
    "Not a valid date value.": "Tanggal tidak valid: isi tanggal seperti 2025-07-23 (tahun-bulan-hari).",
    "Not a valid time value.": "Jam tidak valid: isi seperti 09:30.",
    "Not a valid integer value.": "Isi dengan angka bulat, tanpa titik atau huruf.",
    "Not a valid decimal value.": "Isi dengan angka, misalnya 3500000.",
    "Not a valid float value.": "Isi dengan angka, misalnya 3.5.",
}


class FormTranslations:
    """gettext/ngettext for WTForms: Indonesian unless the user chose English."""

    def _indonesian(self) -> bool:
        try:
            return str(get_locale()) != "en"
        except RuntimeError:  # outside a request: the default language
            return True

    def gettext(self, string: str) -> str:
        return INDONESIAN.get(string, string) if self._indonesian() else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


_TRANSLATIONS = FormTranslations()


def install(form_class) -> None:
    form_class.Meta.get_translations = lambda _meta, _form: _TRANSLATIONS
