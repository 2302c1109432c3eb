"""Helpers shared by every blueprint's forms."""

from jobfair.services.errors import ValidationFailed


def copy_errors(form, exc: ValidationFailed) -> None:
    """Put a service's field errors beside the matching form fields (others go to form.form_errors)."""
    for field_name, message in exc.field_errors.items():
        field = getattr(form, field_name, None)
        if field is not None:
            field.errors = list(field.errors or []) + [message]
        else:
            form.form_errors.append(message)
