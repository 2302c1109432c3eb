"""Office placement desk forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length


class VerifyPlacementForm(FlaskForm):
    """Empty form: carries the CSRF token."""


class RejectPlacementForm(FlaskForm):
    reason = TextAreaField(_l("Alasan penolakan"), validators=[InputRequired("Tulis alasan penolakan."),
                                                               Length(max=1000)],
                           description=_l("Perusahaan dan pelamar membaca alasan ini."), render_kw={"rows": 4})
    confirm = BooleanField(_l("Ya, tolak laporan penempatan ini."),
                           validators=[InputRequired("Centang kotak ini untuk memastikan.")])
