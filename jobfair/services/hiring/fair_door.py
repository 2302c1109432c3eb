"""Job fairs at the door: officers check visitors in by their ticket code and register walk-ins on the spot;
the visitor list of a fair. Each check-in is a conditional UPDATE, so a ticket is checked in once."""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobfair.extensions import db
from jobfair.models import FairRegistration, SeekerProfile
from jobfair.services import audit, keyset
from jobfair.services.access import require_office
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.hiring.fairs import BUSY, get_fair, new_ticket_code, normalize_code, wita_time
from jobfair.services.users.accounts import check_phone


def check_in(actor, fair_id: int, code: str, *, now: datetime | None = None) -> FairRegistration:
    """Check a visitor in by the ticket code (typed, or sent by a scanner as keystrokes)."""
    require_office(actor)
    fair = get_fair(fair_id)
    code = normalize_code(code)
    registration = db.session.scalar(select(FairRegistration).where(FairRegistration.fair_id == fair.id,
                                                                    FairRegistration.ticket_code == code))
    if registration is None:
        raise ValidationFailed({"code": _l("Kode tiket tidak dikenal untuk bursa kerja ini. Periksa 8 huruf/angka "
                                           "pada tiket, atau daftarkan sebagai pengunjung langsung.")})
    now = now or datetime.now(UTC)
    done = db.session.execute(
        update(FairRegistration).where(FairRegistration.id == registration.id,
                                       FairRegistration.checked_in_at.is_(None))
        .values(checked_in_at=now, checked_in_by_id=actor.id).execution_options(synchronize_session=False)).rowcount
    if not done:
        db.session.rollback()
        db.session.refresh(registration)
        raise InvalidState(_l("Tiket %(code)s sudah check-in pada %(when)s.", code=code,
                              when=wita_time(registration.checked_in_at)))
    audit.record(actor, "fair.checked_in", registration, detail={"fair_id": fair.id})
    db.session.commit()
    db.session.refresh(registration)
    return registration


def register_walk_in(actor, fair_id: int, *, name: str, phone: str, now: datetime | None = None) -> FairRegistration:
    """A visitor without pre-registration: not limited by the online capacity, checked in at once."""
    require_office(actor)
    fair = get_fair(fair_id)
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not 2 <= len(name) <= 120:
        errors["name"] = _l("Nama pengunjung wajib diisi (2 sampai 120 karakter).")
    phone = check_phone(phone, errors)
    if errors:
        raise ValidationFailed(errors)
    now = now or datetime.now(UTC)
    for _attempt in range(3):
        registration = FairRegistration(fair_id=fair.id, seeker_id=None, walk_in=True, walk_in_name=name,
                                        walk_in_phone=phone, ticket_code=new_ticket_code(), registered_at=now,
                                        checked_in_at=now, checked_in_by_id=actor.id)
        db.session.add(registration)
        try:
            db.session.flush()
        except IntegrityError:  # ticket code collision
            db.session.rollback()
            continue
        audit.record(actor, "fair.walk_in", registration, detail={"fair_id": fair.id})
        db.session.commit()
        return registration
    raise InvalidState(BUSY)



def list_registrations(actor, fair_id: int, *, page: int = 1, per_page: int = 50,
                       after: str | None = None, before: str | None = None):
    """Visitors of a fair, newest first, with the seeker's person loaded for the name."""
    require_office(actor)
    fair = get_fair(fair_id)
    query = (select(FairRegistration)
             .options(joinedload(FairRegistration.seeker).joinedload(SeekerProfile.person))
             .where(FairRegistration.fair_id == fair.id)
             .order_by(FairRegistration.id.desc()))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)
