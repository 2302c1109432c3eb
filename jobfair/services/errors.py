"""Domain errors raised by services; jobfair/errors.py maps them to HTTP pages."""


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


class InvalidState(DomainError):
    status_code = 409


class ValidationFailed(DomainError):
    """Input the user can correct; field_errors maps form field names to messages (plain or lazy-translated
    strings: the web layer renders them in the reader's language)."""

    status_code = 422

    def __init__(self, field_errors: dict[str, str], message: str = ""):
        super().__init__(message or "; ".join(str(error) for error in field_errors.values()))
        self.field_errors = field_errors


def require_found(found, message: str = ""):
    """The looked-up object, or NotFound (404) with the given message when the look-up found nothing."""
    if found is None:
        raise NotFound(message)
    return found
