"""Office forms for the places desk and the match rounds."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import InputRequired


class MatchActionForm(FlaskForm):
    """Run a round: carries the CSRF token."""


class MatchConfirmForm(FlaskForm):
    """Publish or discard a round: a final action, confirmed with a ticked box (no JavaScript needed)."""

    confirm = BooleanField(_l("Ya, saya yakin"), validators=[InputRequired(_l("Centang kotak ini untuk melanjutkan."))])
