"""Helpers shared by every blueprint's forms: service errors onto fields, and the Rupiah field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, StringField
from wtforms.validators import Length, Optional
from wtforms.widgets import TextInput

from jobfair.rules import numbers
from jobfair.rules.money import parse_rupiah
from jobfair.services.errors import ValidationFailed

RUPIAH_ERROR = _l("Tulis nominal rupiah dengan angka, misalnya 4.000.000.")


class StudentSearchForm(FlaskForm):
    """The student search box of the school and the office. Sent by POST with its CSRF token, so a NIK typed in
    it never goes into an address (browser history, server logs); a name or NISN is then redirected to a GET."""

    q = StringField(_l("Cari nama, NISN, NIK, kelas atau jurusan"), validators=[Length(max=80)])
    school_id = IntegerField(validators=[Optional()])


def copy_errors(form, exc: ValidationFailed) -> None:
    """Put a service's field errors beside the matching form fields (others go to form.form_errors).

    A form whose fields are named differently from the service's arguments maps them in a class attribute
    `error_fields` (service name -> form field name), e.g. the interview's `scheduled_at` -> its `date` field.
    Only real fields are matched: a form method of the same name (InviteForm.scheduled_at) is not a field."""
    aliases = getattr(form, "error_fields", None) or {}
    for field_name, message in exc.field_errors.items():
        field = getattr(form, aliases.get(field_name, field_name), None)
        message = str(message)  # lazy gettext renders unescaped in Jinja (__html__); its parameters may be typed
        if isinstance(field, Field):
            field.errors = list(field.errors or []) + [message]
        else:
            form.form_errors.append(message)


class RupiahField(IntegerField):
    """A whole Rupiah amount typed as Indonesians do: "4.000.000", "Rp 4.000.000", "4000000" (rules.money).

    A text input, not type="number": a browser empties a number input holding "4.000.000" before it is sent.
    Empty is None (add InputRequired when the amount is required); an unreadable amount gets an Indonesian
    message beside the field; an amount read back is shown with dots between thousands."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = valuelist[0] or ""
        if not raw.strip():
            self.data = None
            return
        self.data = parse_rupiah(raw)
        if self.data is None:
            raise ValueError(RUPIAH_ERROR)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return numbers.number(self.data) if isinstance(self.data, int) else ""


YEAR_ERROR = _l("Tulis tahun empat angka, misalnya 2013.")


class YearField(IntegerField):
    """A calendar year, four digits ("2013"); empty is None. Anything else ("20133", "213", letters) gets an
    Indonesian message saying so; the service checks the range that makes sense (e.g. 1950 to next year)."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = (valuelist[0] or "").strip()
        if not raw:
            self.data = None
            return
        if len(raw) != 4 or not (raw.isascii() and raw.isdigit()):
            self.data = None
            raise ValueError(YEAR_ERROR)
        self.data = int(raw)
