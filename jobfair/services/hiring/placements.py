"""Placements reported by companies, verified (or rejected with a reason) by the office."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from jobfair.extensions import db
from jobfair.models import Placement, PlacementStatus, Role, User
from jobfair.models.base import utcnow
from jobfair.rules import money, numbers
from jobfair.services import audit, reference, review_desk
from jobfair.services.access import require_role
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.hiring.applications import company_link, company_users, seeker_link
from jobfair.services.notifications import notify

REASON_MIN = review_desk.REASON_MIN
REASON_MAX = 1000
ONLY_OFFICE = _l("Hanya petugas Disnaker yang dapat memverifikasi penempatan.")


def _require_office(actor: User) -> None:
    require_role(actor, Role.OFFICER.value, Role.ADMIN.value, message=ONLY_OFFICE)


@dataclass(frozen=True)
class PlacementQueue:
    pagination: Any  # flask_sqlalchemy Pagination of Placement
    below_umk: dict[int, tuple[int, int]]  # placement id -> (year, amount) of the UMK its wage is below

    @property
    def items(self) -> list[Placement]:
        return self.pagination.items


_reported_queue = review_desk.queue(Placement, PlacementStatus.REPORTED.value, Placement.created_at,
                                    not_allowed=ONLY_OFFICE)


def queue(actor: User, page: int = 1, per_page: int = 20, *,
          after: str | None = None, before: str | None = None) -> PlacementQueue:
    """Reported placements, oldest first, with those whose wage is below the UMK in force at the start date flagged
    (the company confirmed the wage; the officer checks the contract: part-time or unlawful?)."""
    pagination = _reported_queue(actor, max(1, page), per_page, after=after, before=before)
    table = reference.umk_table()
    below = {}
    for placement in pagination.items:
        umk = money.umk_in_force(table, placement.start_date.year)
        if money.below_umk(placement.wage, umk):
            below[placement.id] = umk
    return PlacementQueue(pagination, below)


def _reported(placement_id: int) -> Placement:
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(_l("Laporan penempatan tidak ditemukan."))
    return review_desk.still_in(placement, PlacementStatus.REPORTED.value,
                                _l("Penempatan ini sudah diputuskan sebelumnya."))


def reported(actor: User, placement_id: int) -> Placement:
    """A placement still waiting for the office's decision."""
    _require_office(actor)
    return _reported(placement_id)


def _tell_both_sides(placement: Placement, message) -> None:
    application = placement.application
    vacancy = application.vacancy
    for user in company_users(vacancy.company_id):
        notify(user, message, link=company_link(application.id))
    notify(application.seeker.user, message, link=seeker_link(application.id))


def _close_ak1(placement: Placement) -> bool:
    """Close the seeker's AK/1 card as placed, when the AK/1 service offers it."""
    try:
        from jobfair.services.hiring import ak1
    except ImportError:
        return False
    close = getattr(ak1, "close_as_placed", None)
    if close is None:
        return False
    return close(placement.application.seeker) is not None


def verify(actor: User, placement_id: int, *, now: datetime | None = None) -> Placement:
    """Verify a reported placement; `now` is the moment of the decision (default: now), its date in the figures."""
    _require_office(actor)
    placement = _reported(placement_id)
    placement.status = PlacementStatus.VERIFIED.value
    placement.verified_by_id = actor.id
    placement.verified_at = now or utcnow()
    placement.reason = None
    ak1_closed = _close_ak1(placement)
    audit.record(actor, "placement.verified", placement, detail={"ak1_closed": ak1_closed})
    title = placement.application.vacancy.title
    _tell_both_sides(placement, _l("Penempatan %(name)s sebagai %(title)s sudah diverifikasi Disnaker.",
                                   name=placement.application.seeker.person.full_name, title=title))
    db.session.commit()
    return placement


def reject(actor: User, placement_id: int, reason: str) -> Placement:
    _require_office(actor)
    placement = _reported(placement_id)
    reason = review_desk.written_reason(reason, _l("Tulis alasan penolakan (minimal %(minimum)s karakter) agar "
                                                   "perusahaan dapat memperbaiki laporannya.", minimum=REASON_MIN))
    if len(reason) > REASON_MAX:
        raise ValidationFailed({"reason": _l("Alasan paling banyak %(limit)s karakter.",
                                             limit=numbers.number(REASON_MAX))})
    placement.status = PlacementStatus.REJECTED.value
    placement.reason = reason
    placement.verified_by_id = actor.id
    placement.verified_at = utcnow()
    audit.record(actor, "placement.rejected", placement, detail={"reason": reason})
    title = placement.application.vacancy.title
    _tell_both_sides(placement, _l("Laporan penempatan %(name)s sebagai %(title)s ditolak Disnaker. Alasan: "
                                   "%(reason)s", name=placement.application.seeker.person.full_name, title=title,
                                   reason=reason))
    db.session.commit()
    return placement


def verify_many(actor: User, placement_ids) -> tuple[list[int], dict[int, str]]:
    """Verify several reported placements, each through verify() (same checks, audit and notifications, one
    commit each). Returns (verified ids, {id: why it was not verified}); a failing item does not stop the rest."""
    _require_office(actor)
    return review_desk.decide_each(
        placement_ids, lambda placement_id: verify(actor, placement_id),
        none_ticked=_l("Centang minimal satu penempatan yang akan diverifikasi."),
        too_many=_l("Paling banyak %(limit)s penempatan sekali verifikasi.",
                    limit=numbers.number(review_desk.BULK_MAX)))
