"""The resident's erasure request form (UU PDP)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length, Optional


class ErasureRequestForm(FlaskForm):
    note = TextAreaField(_l("Catatan untuk petugas (boleh dikosongkan)"), validators=[Optional(), Length(max=1000)],
                         description=_l("Misalnya alasan Anda. Jangan menulis NIK atau nomor telepon di sini."),
                         render_kw={"rows": 3})
    # Checked by the service, so the message stands beside the box in the reader's words.
    confirm = BooleanField(_l("Ya, saya minta data pribadi saya dihapus dan akun saya ditutup."))
