"""Office forms: deciding a data-subject request."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional


class ApproveRequestForm(FlaskForm):
    reason = TextAreaField(_l("Catatan keputusan (boleh dikosongkan)"), validators=[Optional(), Length(max=1000)],
                           render_kw={"rows": 2})
    confirm = BooleanField(_l("Ya, hapus data pribadi orang ini sekarang. Ini tidak dapat dibatalkan."),
                           validators=[InputRequired(_l("Centang kotak ini untuk memastikan."))])


class RefuseRequestForm(FlaskForm):
    reason = TextAreaField(_l("Alasan penolakan"),
                           validators=[InputRequired(_l("Tulis alasan yang akan dibaca warga.")), Length(max=1000)],
                           description=_l("Warga membaca alasan ini. Sebut dasar hukumnya dan kapan ia dapat "
                                          "meminta lagi."), render_kw={"rows": 4})
