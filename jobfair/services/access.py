"""Who may do what: the role checks every service uses (the route gate is the first line, these the second).

Every office-facing service function takes the acting user and calls one of these; a wrong role raises
PermissionDenied (403). Ownership (another's object) is checked by the services themselves and answers NotFound."""

from flask_babel import lazy_gettext as _l

from jobfair.extensions import db
from jobfair.models import Role
from jobfair.services.errors import PermissionDenied, require_found

OFFICE_ROLES = frozenset({Role.OFFICER.value, Role.ADMIN.value})
STAFF_ROLES = OFFICE_ROLES | {Role.COMPANY.value, Role.SCHOOL.value}  # roles that act for an organisation

ONLY_OFFICE = _l("Hanya petugas Disnaker yang dapat melakukan ini.")
ONLY_ADMIN = _l("Hanya admin Disnaker yang dapat melakukan ini.")
NOT_FOR_YOUR_ROLE = _l("Tindakan ini tidak tersedia untuk peran Anda.")


def has_role(actor, *roles: str) -> bool:
    return actor is not None and getattr(actor, "role", None) in roles


def is_office(actor) -> bool:
    return actor is not None and is_office_role(getattr(actor, "role", None))


def is_office_role(role: str | None) -> bool:
    """An office role (officer, admin): second factor, shorter idle timeout, staff accounts."""
    return role in OFFICE_ROLES


def office_roles() -> tuple[str, ...]:
    return tuple(sorted(OFFICE_ROLES))


def require_role(actor, *roles: str, message=NOT_FOR_YOUR_ROLE) -> None:
    if not has_role(actor, *roles):
        raise PermissionDenied(message)


def require_office(actor, message=ONLY_OFFICE) -> None:
    """An officer or an admin of the labour office."""
    if not is_office(actor):
        raise PermissionDenied(message)


def require_admin(actor) -> None:
    require_role(actor, Role.ADMIN.value, message=ONLY_ADMIN)


def office_object(actor, model, object_id: int, not_found, *, lock: bool = False):
    """The `model` row an office user opens by id (locked FOR UPDATE when it is about to be decided); NotFound
    with the message `not_found` when there is none."""
    require_office(actor)
    return require_found(db.session.get(model, object_id, with_for_update=lock), not_found)
