"""Forms of the monthly ledger, aid deliveries and claims. Services do the real validation; these parse input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from jobfair.companies.forms import IndonesianDateField, WholeNumberField
from jobfair.forms_util import RupiahField

REQUIRED = _l("Kolom ini wajib diisi.")
CONFIRM = _l("Centang kotak ini untuk menegaskan.")


class IdListField(Field):
    """Every checked row id (checkboxes named alike); ignores anything that is not a whole number."""

    def process_formdata(self, valuelist):
        self.data = [int(v) for v in valuelist if str(v).isascii() and str(v).isdigit() and len(str(v)) < 12]

    def _value(self):
        return ""


class GenerateForm(FlaskForm):
    month = HiddenField()
    confirm = BooleanField(_l("Ya, buat baris bulan ini untuk semua peserta aktif"),
                           validators=[InputRequired(CONFIRM)])


class SettleForm(FlaskForm):
    month = HiddenField()
    entry_ids = IdListField()
    reference = StringField(_l("Nomor bukti (SP2D/transfer atau berita acara)"),
                            validators=[InputRequired(REQUIRED), Length(max=120)])
    settled_on = IndonesianDateField(_l("Tanggal dibayar/diserahkan"), validators=[InputRequired(REQUIRED)])
    proof = StringField(_l("Bukti penyerahan (nomor tanda terima atau nama berkas foto)"),
                        validators=[Length(max=255)])


class DeliveryForm(FlaskForm):
    delivered_on = IndonesianDateField(_l("Tanggal penyerahan"), validators=[InputRequired(REQUIRED)])
    item = StringField(_l("Barang yang diserahkan"), validators=[Length(max=120)])
    quantity = WholeNumberField(_l("Jumlah"))
    value = RupiahField(_l("Nilai (Rupiah)"), description=_l("Kosongkan untuk memakai nilai satuan program."))
    proof = StringField(_l("Bukti penyerahan (nomor berita acara/tanda terima atau nama berkas foto)"),
                        validators=[InputRequired(REQUIRED), Length(max=255)])
    reference = StringField(_l("Nomor referensi (boleh kosong)"), validators=[Length(max=120)])


class ClaimForm(FlaskForm):
    kind = RadioField(_l("Jenis klaim"), choices=[("accident", _l("Kecelakaan kerja (JKK)")),
                                                  ("death", _l("Kematian (JKM)"))],
                      validators=[InputRequired(_l("Pilih jenis klaim."))])
    incident_date = IndonesianDateField(_l("Tanggal kejadian"), validators=[InputRequired(REQUIRED)])
    amount = RupiahField(_l("Nilai klaim (Rupiah)"), validators=[InputRequired(REQUIRED)])
    note = TextAreaField(_l("Catatan"), validators=[Length(max=2000)])


class DecideForm(FlaskForm):
    status = SelectField(_l("Keputusan"), choices=[("approved", _l("Disetujui")), ("rejected", _l("Ditolak")),
                                                   ("paid", _l("Dibayar"))],
                         validators=[InputRequired(_l("Pilih keputusan."))])
    note = TextAreaField(_l("Catatan (wajib bila ditolak)"), validators=[Length(max=2000)])
    confirm = BooleanField(_l("Saya yakin dengan keputusan ini"), validators=[InputRequired(CONFIRM)])
