"""Account administration by the office: admins manage officer accounts and each programme's owning office;
officers (and admins) deactivate accounts. Deactivation ends the account's server-side sessions at once (and bumps
the session version, which the session check also compares)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from jobfair.extensions import db
from jobfair.models import Programme, Role, User
from jobfair.rules import numbers
from jobfair.services import access, audit, keyset
from jobfair.services.access import require_office
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed, require_found
from jobfair.services.protection import programmes
from jobfair.services.users import accounts, sessions

PER_PAGE = 25
REASON_MIN = 5
REASON_MAX = 1000
NOT_FOUND = _l("Akun tidak ditemukan.")
ONLY_ADMIN = _l("Hanya admin yang dapat melakukan ini.")


def require_admin(actor) -> None:
    access.require_role(actor, Role.ADMIN.value, message=ONLY_ADMIN)


def list_accounts(actor, *, role: str | None = None, q: str | None = None, active: bool | None = None,
                  page: int = 1, per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    """Every account, filtered by role, name/e-mail text and active flag; newest first."""
    require_office(actor)
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    if role in {r.value for r in Role}:
        query = query.where(User.role == role)
    text = (q or "").strip().lower()[:100]
    if text:
        pattern = "%" + text.replace("\\", "").replace("%", "").replace("_", "") + "%"
        query = query.where(or_(User.email.like(pattern), db.func.lower(User.full_name).like(pattern)))
    if active is not None:
        query = query.where(User.active == active)
    return keyset.paginate(query, after=after, before=before, page=max(1, page), per_page=per_page)


def get_account(actor, user_id: int) -> User:
    require_office(actor)
    return require_found(db.session.get(User, user_id), NOT_FOUND)


def create_officer(actor, *, full_name: str, email: str, password: str, role: str = Role.OFFICER.value) -> User:
    """An officer or admin account, made by an admin (services.accounts.create_user checks and audits)."""
    require_admin(actor)
    return accounts.create_user(actor, role=role, email=email, full_name=full_name, password=password)


def set_role(actor, user_id: int, role: str) -> User:
    """Change an account's role (admins only; audited; the account's sessions end)."""
    require_admin(actor)
    get_account(actor, user_id)
    return accounts.change_role(actor, user_id, role)


def can_manage(actor, user: User) -> bool:
    """Officers manage every account but an admin's; admins every account but their own."""
    if not access.is_office(actor) or user.id == actor.id:
        return False
    return access.has_role(actor, Role.ADMIN.value) or user.role != Role.ADMIN.value


def _managed(actor, user_id: int) -> User:
    user = get_account(actor, user_id)
    if user.id == actor.id:
        raise InvalidState(_l("Anda tidak dapat menonaktifkan atau mengaktifkan akun Anda sendiri."))
    if not can_manage(actor, user):
        raise PermissionDenied(_l("Akun admin hanya dapat diubah oleh admin lain."))
    return user


def deactivate(actor, user_id: int, reason: str) -> User:
    """Deactivate an account; its sessions end at once."""
    user = _managed(actor, user_id)
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN:
        raise ValidationFailed({"reason": _l("Tulis alasan penonaktifan (minimal %(min)s karakter) untuk catatan "
                                             "audit.", min=numbers.number(REASON_MIN))})
    if len(reason) > REASON_MAX:
        raise ValidationFailed({"reason": _l("Alasan paling banyak %(max)s karakter; singkatkan.",
                                             max=numbers.number(REASON_MAX))})
    if not user.active:
        raise InvalidState(_l("Akun ini sudah nonaktif."))
    user.active = False
    user.session_version += 1
    sessions.end_all(user, "deactivated")  # every open session of this account ends now
    audit.record(actor, "account.deactivated", user, detail={"reason": reason, "role": user.role})
    db.session.commit()
    return user


def reactivate(actor, user_id: int) -> User:
    user = _managed(actor, user_id)
    if user.active:
        raise InvalidState(_l("Akun ini sudah aktif."))
    user.active = True
    user.failed_login_count = 0
    user.locked_until = None
    audit.record(actor, "account.reactivated", user, detail={"role": user.role})
    db.session.commit()
    return user


def programmes_with_offices(actor) -> list[Programme]:
    require_admin(actor)
    return programmes.newest_first()


def programme(actor, programme_id: int) -> Programme:
    require_admin(actor)
    return require_found(db.session.get(Programme, programme_id), _l("Program tidak ditemukan."))


def set_owning_office(actor, programme_id: int, owning_office: str) -> Programme:
    """Admins move a programme to another office (the service checks, and audits the change)."""
    require_admin(actor)
    return programmes.update_programme(actor, programme_id, owning_office=owning_office)
