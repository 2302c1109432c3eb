"""Bulk steps of the enrolment workflow for the thousands of a yearly cycle: the sector office's verification and the
activation with the KPJ numbers BPJS returned, for a whole list at once.

The same checks as enrolments.verify_sector / enrolments.activate (officer, office name, KPJ, allowed status move),
all or nothing: one bad enrolment and nothing changes. The rows are locked (FOR UPDATE on PostgreSQL), changed with
set-based UPDATEs, and the decision is written as ONE audit row per batch listing the enrolment ids.
"""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import Enrolment, ProtectionStatus
from jobfair.rules import enrolment_states as states
from jobfair.rules import numbers
from jobfair.services import audit
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.protection.enrolments import sector_office
from jobfair.services.protection.protection_people import require_protection_officer

MAX_BULK = 20_000
CHUNK = 2000
NOT_FOUND = _l("Sebagian kepesertaan tidak ditemukan; muat ulang daftar.")


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def selected_ids(raw_ids: Iterable, *, field: str, limit: int, none_chosen, too_many) -> list[int]:
    """The ticked rows of a bulk form, sorted and without repeats; ValidationFailed on `field` when none is ticked
    or more than `limit` (`too_many` is a message with a %(max)s placeholder)."""
    ids = sorted({int(i) for i in raw_ids or []})
    if not ids:
        raise ValidationFailed({field: none_chosen})
    if len(ids) > limit:
        raise ValidationFailed({field: too_many % {"max": numbers.number(limit)}})
    return ids


def _clean_ids(enrolment_ids: Iterable) -> list[int]:
    return selected_ids(enrolment_ids, field="enrolment_ids", limit=MAX_BULK,
                        none_chosen=_l("Centang minimal satu peserta."),
                        too_many=_l("Paling banyak %(max)s peserta sekali proses; bagi daftarnya."))


def _lock(ids: list[int], to_status: str) -> list[int]:
    """Lock the rows; NotFound for a missing id, InvalidState (nothing changed) when any cannot move. Returns the
    programme ids involved."""
    found: list[tuple[int, str, int]] = []
    for part in _chunks(ids):
        found.extend(db.session.execute(select(Enrolment.id, Enrolment.status, Enrolment.programme_id)
                                        .where(Enrolment.id.in_(part)).with_for_update()).all())
    if len(found) != len(ids):
        db.session.rollback()
        raise NotFound(NOT_FOUND)
    wrong = [i for i, status, _p in found if not states.can_move(status, to_status)]
    if wrong:
        db.session.rollback()
        raise InvalidState(_l("%(count)s kepesertaan tidak dapat diubah menjadi %(status)s (statusnya sudah lain); "
                              "tidak ada yang diubah. Muat ulang daftar lalu pilih lagi.",
                              count=numbers.number(len(wrong)), status=labels.label(ProtectionStatus, to_status)))
    return sorted({p for _i, _s, p in found})


def _audit(actor, action: str, programmes: list[int], ids: list[int], detail: dict) -> None:
    audit.record(actor, action, object_type="programme", object_id=programmes[0] if len(programmes) == 1 else None,
                 detail={"count": len(ids), "enrolment_ids": ids, **detail})


def verify_sector_bulk(actor, enrolment_ids: Iterable, office: str) -> int:
    """The named sector office confirmed these people's occupation: registered -> sector_verified, all or none."""
    require_protection_officer(actor)
    office = sector_office(office)
    ids = _clean_ids(enrolment_ids)
    programmes = _lock(ids, states.SECTOR_VERIFIED)
    now = datetime.now(UTC)
    changed = 0
    for part in _chunks(ids):
        changed += db.session.execute(
            update(Enrolment).where(Enrolment.id.in_(part), Enrolment.status == states.REGISTERED)
            .values(status=states.SECTOR_VERIFIED, verifying_office=office, verified_by_id=getattr(actor, "id", None),
                    verified_at=now).execution_options(synchronize_session=False)).rowcount
    if changed != len(ids):  # pragma: no cover - only when the rows changed between the lock and the update
        db.session.rollback()
        raise InvalidState(_l("Sebagian kepesertaan baru saja diubah petugas lain; tidak ada yang diubah."))
    _audit(actor, "protection.enrolments_verified", programmes, ids, {"office": office})
    db.session.commit()
    return changed


def activate_bulk(actor, kpj_by_enrolment: Mapping[int, str | None]) -> int:
    """Decreed -> active for every enrolment in the mapping, each with the KPJ number BPJS gave (None: not yet).
    Every KPJ is checked first; one bad number or one enrolment that is not decreed and nothing changes."""
    require_protection_officer(actor)
    ids = _clean_ids(kpj_by_enrolment)
    values: dict[int, str | None] = {}
    for enrolment_id in ids:
        raw = kpj_by_enrolment.get(enrolment_id)
        if not (raw or "").strip():
            values[enrolment_id] = None
            continue
        problem = states.kpj_problem(raw)
        if problem:
            raise ValidationFailed({"kpj_number": _l("Kepesertaan nomor %(id)s: %(problem)s Tidak ada yang "
                                                     "diaktifkan.", id=enrolment_id, problem=problem)})
        values[enrolment_id] = states.normalize_kpj(raw)
    programmes = _lock(ids, states.ACTIVE)
    with_kpj = [{"id": i, "status": states.ACTIVE, "kpj_number": kpj} for i, kpj in values.items() if kpj]
    without = [i for i, kpj in values.items() if not kpj]
    for part in _chunks(with_kpj):
        db.session.execute(update(Enrolment).execution_options(synchronize_session=False), part)
    for part in _chunks(without):
        db.session.execute(update(Enrolment).where(Enrolment.id.in_(part)).values(status=states.ACTIVE)
                           .execution_options(synchronize_session=False))
    _audit(actor, "protection.enrolments_activated", programmes, ids, {"kpj_given": len(with_kpj)})
    db.session.commit()
    return len(ids)
