"""Forms of the office's fair desk. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TelField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

REQUIRED = "Kolom ini wajib diisi."
NUMBER = "Isi dengan angka bulat, misalnya 120."


class FairForm(FlaskForm):
    name = StringField(_l("Nama bursa kerja"), validators=[InputRequired(REQUIRED), Length(max=160)])
    starts_on = DateField(_l("Tanggal mulai"), validators=[InputRequired(REQUIRED)])
    ends_on = DateField(_l("Tanggal selesai"), validators=[InputRequired(REQUIRED)])
    venue = StringField(_l("Tempat"), validators=[InputRequired(REQUIRED), Length(max=255)])
    description = TextAreaField(_l("Keterangan"), validators=[Optional(), Length(max=5000)])
    booth_count = IntegerField(_l("Jumlah stan"), validators=[InputRequired(NUMBER)])
    capacity = IntegerField(_l("Kapasitas pendaftaran online"), validators=[InputRequired(NUMBER)],
                            description=_l("Pengunjung langsung (walk-in) tidak dibatasi kapasitas ini."))

    FIELDS = ("name", "starts_on", "ends_on", "venue", "description", "booth_count", "capacity")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class CheckInForm(FlaskForm):
    code = StringField(_l("Kode tiket"), validators=[InputRequired("Ketik atau pindai kode tiket."),
                                                      Length(max=40)],
                       description=_l("8 huruf/angka pada tiket. Pemindai QR mengetik kode ini otomatis."),
                       render_kw={"autofocus": True, "autocomplete": "off", "autocapitalize": "characters"})


class WalkInForm(FlaskForm):
    name = StringField(_l("Nama pengunjung"), validators=[InputRequired(REQUIRED), Length(max=120)])
    phone = TelField(_l("Nomor HP"), validators=[InputRequired(REQUIRED), Length(max=20)])
