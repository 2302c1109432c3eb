"""Companies' fair forms: the buttons carry only the CSRF token; take a booth asks for a confirmation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired


class TakeBoothForm(FlaskForm):
    confirm = BooleanField(_l("Perusahaan kami akan mengisi stan ini selama bursa kerja berlangsung."),
                           validators=[InputRequired(_l("Centang konfirmasi untuk mengambil stan."))])


class VacancyButtonForm(FlaskForm):
    """Attach or detach a vacancy: only the CSRF token."""
