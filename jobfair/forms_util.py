"""Helpers shared by every blueprint's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import Length, Optional

from jobfair.services.errors import ValidationFailed


class StudentSearchForm(FlaskForm):
    """The student search box of the school and the office. Sent by POST with its CSRF token, so a NIK typed in
    it never goes into an address (browser history, server logs); a name or NISN is then redirected to a GET."""

    q = StringField(_l("Cari nama, NISN, NIK, kelas atau jurusan"), validators=[Length(max=80)])
    school_id = IntegerField(validators=[Optional()])


def copy_errors(form, exc: ValidationFailed) -> None:
    """Put a service's field errors beside the matching form fields (others go to form.form_errors)."""
    for field_name, message in exc.field_errors.items():
        field = getattr(form, field_name, None)
        if field is not None:
            field.errors = list(field.errors or []) + [message]
        else:
            form.form_errors.append(message)
