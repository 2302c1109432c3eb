"""Helpers shared by every blueprint's forms."""

from wtforms import Field

from jobfair.services.errors import ValidationFailed


def copy_errors(form, exc: ValidationFailed) -> None:
    """Put a service's field errors beside the matching form fields (others go to form.form_errors).

    A form whose fields are named differently from the service's arguments maps them in a class attribute
    `error_fields` (service name -> form field name), e.g. the interview's `scheduled_at` -> its `date` field.
    Only real fields are matched: a form method of the same name (InviteForm.scheduled_at) is not a field."""
    aliases = getattr(form, "error_fields", None) or {}
    for field_name, message in exc.field_errors.items():
        field = getattr(form, aliases.get(field_name, field_name), None)
        if isinstance(field, Field):
            field.errors = list(field.errors or []) + [message]
        else:
            form.form_errors.append(message)
