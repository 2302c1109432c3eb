"""Data-subject requests (UU PDP No. 27/2022): a resident asks for erasure, an officer decides before the deadline.

The deadline: art. 43 obliges the controller to erase on request but names no period; an erasure request is also a
request to end processing (art. 42(1)(c)), and the law's period for ending and restricting processing is 3 x 24
hours (art. 40(2) after consent is withdrawn, art. 41(1) for restriction). A careful office takes that period for
the decision: DATA_REQUEST_DEADLINE_HOURS, 72 by default.

A resident sees only their own requests (another's: NotFound). Refusals carry the reason the resident reads.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobfair import messages
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import DataSubjectRequest, OutboxEmail, RequestKind, RequestStatus, Role
from jobfair.rules import numbers
from jobfair.services import access, audit, keyset, notifications
from jobfair.services.access import require_office
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed, require_found
from jobfair.services.privacy import erasure

RESIDENT_ROLES = (Role.SEEKER.value, Role.STUDENT.value)
PENDING = RequestStatus.PENDING.value
NOTE_MAX, REASON_MAX = 1000, 1000
# The outbox holds Indonesian (messages.indonesian): the account is gone, no reader's language is known.
NOTICE_SUBJECT = _l("Data pribadi Anda telah dihapus")
NOTICE_BODY = _l("Permintaan penghapusan data Anda disetujui dan data pribadi Anda sudah dihapus. Catatan yang "
                 "wajib disimpan menurut undang-undang disimpan tanpa nama dan NIK. Akun Anda ditutup.")
SIGNATURE = "\n\n— Disnaker Kota Balikpapan"
ALREADY_ASKED = _l("Permintaan penghapusan Anda sudah diterima dan sedang diperiksa petugas.")
REQUEST_NOT_FOUND = _l("Permintaan tidak ditemukan.")


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def deadline_hours() -> int:
    return int(current_app.config["DATA_REQUEST_DEADLINE_HOURS"])


def _person_id(actor) -> int:
    """The person the acting resident is (seekers and students only; officers ask for no one)."""
    if not access.has_role(actor, *RESIDENT_ROLES):
        raise PermissionDenied(_l("Hanya pencari kerja dan siswa yang dapat meminta penghapusan data dirinya."))
    person_id = actor.person_id
    if person_id is None and actor.role == Role.STUDENT.value:
        from jobfair.models import Student

        person_id = db.session.scalar(select(Student.person_id).where(Student.user_id == actor.id))
    if person_id is None:
        raise NotFound(_l("Data diri Anda tidak ditemukan."))
    return person_id


def pending_of(person_id: int) -> DataSubjectRequest | None:
    return db.session.scalar(select(DataSubjectRequest).where(DataSubjectRequest.person_id == person_id,
                                                              DataSubjectRequest.status == PENDING))


def erasure_page(actor) -> dict:
    """What the resident's erasure page explains: what is kept and why, what blocks it now, any open request."""
    person_id = _person_id(actor)
    history = db.session.scalars(select(DataSubjectRequest).where(DataSubjectRequest.person_id == person_id)
                                 .order_by(DataSubjectRequest.id.desc()).limit(10)).all()
    return {"pending": pending_of(person_id), "history": history, "retained": erasure.retained_records(person_id),
            "blockers": erasure.blockers(person_id), "deadline_hours": deadline_hours()}


def request_erasure(actor, *, note: str = "", confirm: bool = False, now: datetime | None = None) -> DataSubjectRequest:
    person_id = _person_id(actor)
    note = (note or "").strip()
    errors = {}
    if not confirm:
        errors["confirm"] = _l("Centang kotak ini untuk memastikan Anda ingin data Anda dihapus.")
    if len(note) > NOTE_MAX:
        errors["note"] = _l("Catatan paling panjang %(max)s karakter; persingkat catatan Anda.",
                            max=numbers.number(NOTE_MAX))
    if errors:
        raise ValidationFailed(errors)
    if pending_of(person_id) is not None:
        raise InvalidState(ALREADY_ASKED)
    moment = _now(now)
    request = DataSubjectRequest(person_id=person_id, requested_by_id=actor.id, kind=RequestKind.ERASURE.value,
                                 status=PENDING, note=note, requested_at=moment,
                                 due_at=moment + timedelta(hours=deadline_hours()))
    db.session.add(request)
    try:
        db.session.flush()
    except IntegrityError:  # a second tab or double click: the partial unique index refused it
        db.session.rollback()
        raise InvalidState(ALREADY_ASKED) from None
    audit.record(actor, "data_request.created", request, detail={"kind": request.kind})
    db.session.commit()
    return request


def my_request(actor, request_id: int) -> DataSubjectRequest:
    request = db.session.get(DataSubjectRequest, request_id)
    if request is None or request.person_id != _person_id(actor):
        raise NotFound(REQUEST_NOT_FOUND)
    return request


def queue(actor, page: int = 1, per_page: int = 20, *, after: str | None = None, before: str | None = None):
    """Open requests, the nearest deadline first."""
    require_office(actor)
    query = (select(DataSubjectRequest).where(DataSubjectRequest.status == PENDING)
             .order_by(DataSubjectRequest.due_at, DataSubjectRequest.id))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def _request(actor, request_id: int) -> DataSubjectRequest:
    require_office(actor)
    return require_found(db.session.get(DataSubjectRequest, request_id), REQUEST_NOT_FOUND)


def review(actor, request_id: int) -> dict:
    """The review page: the request, what the office must keep and why, and what blocks the erasure today."""
    request = _request(actor, request_id)
    audit.record(actor, "data_request.viewed", request)
    db.session.commit()
    return {"request": request, "retained": erasure.retained_records(request.person_id),
            "blockers": erasure.blockers(request.person_id) if request.status == PENDING else []}


def _decided(actor, request: DataSubjectRequest, status: str, reason: str, now: datetime) -> None:
    request.status, request.decision_reason = status, reason
    request.decided_at, request.decided_by_id = now, actor.id


def _clean_reason(reason: str | None, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationFailed({"reason": _l("Tulis alasan yang akan dibaca warga.")})
    if len(reason) > REASON_MAX:
        raise ValidationFailed({"reason": _l("Alasan paling panjang %(max)s karakter.",
                                             max=numbers.number(REASON_MAX))})
    return reason


def _open(actor, request_id: int) -> DataSubjectRequest:
    request = _request(actor, request_id)
    if request.status != PENDING:
        raise InvalidState(_l("Permintaan ini sudah diputuskan."))
    return request


def approve(actor, request_id: int, *, reason: str = "", now: datetime | None = None) -> DataSubjectRequest:
    """Carry the erasure out. Refused (InvalidState, with the reasons) while an apprenticeship or an enrolment runs."""
    request = _open(actor, request_id)
    reason = _clean_reason(reason, required=False)
    moment = _now(now)
    blockers = erasure.blockers(request.person_id)
    if blockers:
        raise InvalidState(blockers[0])
    email = request.requested_by.email
    _decided(actor, request, RequestStatus.APPROVED.value, reason, moment)
    audit.record(actor, "data_request.approved", request)
    # The decision is committed with the anonymisation, in one unit of work.
    if not erasure.anonymise_person(request.person_id, actor=actor, reason="erasure_request", now=moment):
        raise InvalidState(_l("Data orang ini sudah dihapus."))
    # Art. 45: the subject is told. The address was erased from the account; this one mail still goes to it
    # (its body holds nothing personal and is blanked once sent).
    db.session.add(OutboxEmail(recipient=email,
                               subject=notifications.EMAIL_SUBJECT_PREFIX + messages.indonesian(NOTICE_SUBJECT),
                               body=messages.indonesian(NOTICE_BODY) + SIGNATURE, sensitive=True))
    db.session.commit()
    return request


def refuse(actor, request_id: int, *, reason: str, now: datetime | None = None) -> DataSubjectRequest:
    request = _open(actor, request_id)
    reason = _clean_reason(reason, required=True)
    _decided(actor, request, RequestStatus.REFUSED.value, reason, _now(now))
    audit.record(actor, "data_request.refused", request)
    notifications.notify(request.requested_by, _l("Permintaan penghapusan data Anda ditolak: %(reason)s",
                                                  reason=reason),
                         link=Link("public.erasure_request_status", {"request_id": request.id}))
    db.session.commit()
    return request
