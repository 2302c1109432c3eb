"""Forms of the consent pages: give (a button), withdraw (a confirmation), and the login review."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField
from wtforms.validators import InputRequired, Optional

YES, NO = "ya", "tidak"


class GiveConsentForm(FlaskForm):
    """Empty: carries the CSRF token of the "give consent" button."""


class WithdrawConsentForm(FlaskForm):
    confirm = BooleanField(_l("Saya mengerti akibatnya dan ingin menarik persetujuan ini."),
                           validators=[InputRequired(_l("Centang kotak ini untuk menarik persetujuan."))])


def review_form(rows):
    """One Setuju / Tidak setuju choice per purpose the login review asks about (consent_<purpose>)."""

    class ReviewForm(FlaskForm):
        def answers(self) -> dict[str, bool]:
            return {row["purpose"].code: self[f"consent_{row['purpose'].code}"].data == YES for row in rows
                    if self[f"consent_{row['purpose'].code}"].data in (YES, NO)}

    for row in rows:
        setattr(ReviewForm, f"consent_{row['purpose'].code}",
                RadioField(row["purpose"].title, choices=[(YES, _l("Setuju")), (NO, _l("Tidak setuju"))],
                           validators=[Optional()], validate_choice=False))
    return ReviewForm()
