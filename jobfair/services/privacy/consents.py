"""Consent per purpose (UU PDP No. 27/2022): record, read, give and withdraw.

A consent is an append-only ConsentRecord; the state of a person's consent to a purpose is their latest record for
it. The notices and their versions are jobfair/privacy_notices.py. Other services ask `has_consent` (given) or
`withdrawn` (explicitly refused or withdrawn: used where processing ran before consents were recorded, so an
old record with no answer yet is not cut off — the login review asks those people).

`record` adds to the caller's unit of work (registration, enrolment, guardian consent commit it with their own
change); `give`, `withdraw` and `review` are the person's own calls and commit.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, select

from jobfair.extensions import db
from jobfair.models import ConsentRecord, Person, Student, User
from jobfair.models.base import utcnow
from jobfair.privacy_notices import CHANNELS, PURPOSES, WEB, Purpose, purposes_for
from jobfair.services import audit
from jobfair.services.errors import NotFound, ValidationFailed

NOT_FOUND = _l("Tujuan pengolahan data ini tidak dikenal.")
REQUIRED_MESSAGE = _l("Persetujuan ini wajib untuk memakai akun pencari kerja. Centang kotaknya setelah membaca "
                      "pemberitahuannya; bila Anda tidak setuju, jangan mendaftar, atau minta data Anda dihapus "
                      "di halaman \"Data saya\".")


def _person_id(person_or_user) -> int | None:
    if isinstance(person_or_user, Person):
        return person_or_user.id
    if isinstance(person_or_user, User):
        if person_or_user.person_id is None and person_or_user.role == "student":
            # a student whose person already had a seeker account: the student row holds the person
            return db.session.scalar(select(Student.person_id).where(Student.user_id == person_or_user.id))
        return person_or_user.person_id
    return getattr(person_or_user, "person_id", None)   # a Student, a Worker, a SeekerProfile


def _user_id(person_or_user) -> int | None:
    if isinstance(person_or_user, User):
        return person_or_user.id
    return getattr(person_or_user, "user_id", None)


def _purpose(code: str) -> Purpose:
    purpose = PURPOSES.get(code)
    if purpose is None:
        raise NotFound(NOT_FOUND)
    return purpose


def latest(person_or_user, purpose: str) -> ConsentRecord | None:
    person_id = _person_id(person_or_user)
    if person_id is None:
        return None
    return db.session.scalar(select(ConsentRecord).where(ConsentRecord.person_id == person_id,
                                                         ConsentRecord.purpose == purpose)
                             .order_by(ConsentRecord.id.desc()).limit(1))


def has_consent(person_or_user, purpose: str) -> bool:
    """True when the latest record of this person for `purpose` gives consent."""
    record = latest(person_or_user, purpose)
    return record is not None and record.given


def withdrawn(person_or_user, purpose: str) -> bool:
    """True when the latest record refuses or withdraws consent (no record at all: False)."""
    record = latest(person_or_user, purpose)
    return record is not None and not record.given


def current_states(person_ids, purpose: str) -> dict[int, bool]:
    """{person id: given?} from the latest record of each person (persons without a record are left out)."""
    ids = list(set(person_ids))
    if not ids:
        return {}
    newest = (select(func.max(ConsentRecord.id)).where(ConsentRecord.person_id.in_(ids),
                                                       ConsentRecord.purpose == purpose)
              .group_by(ConsentRecord.person_id))
    rows = db.session.execute(select(ConsentRecord.person_id, ConsentRecord.given)
                              .where(ConsentRecord.id.in_(newest)))
    return {person_id: given for person_id, given in rows}


def record(person_or_user, purpose: str, *, given: bool, channel: str, actor=None, by_guardian: bool = False,
           notice_version: int | None = None, at: datetime | None = None) -> ConsentRecord:
    """Add a consent record (and its audit row) to the current unit of work; the caller commits.
    `actor` is who recorded it (the person on the web, the officer or school at the office, the importer)."""
    notice = _purpose(purpose)
    if channel not in CHANNELS:
        raise ValueError(f"unknown consent channel {channel!r}")
    person_id = _person_id(person_or_user)
    if person_id is None:
        raise ValueError("a consent belongs to a person (NIK)")
    version = notice_version or notice.current.version
    if notice.version(version) is None:
        raise ValueError(f"{purpose} has no notice version {version}")
    previous = latest(person_or_user, purpose)
    action = ("consent.given" if given else
              "consent.withdrawn" if previous is not None and previous.given else "consent.refused")
    row = ConsentRecord(person_id=person_id, user_id=_user_id(person_or_user), purpose=purpose,
                        notice_version=version, given=given, at=at or utcnow(), channel=channel,
                        recorded_by_id=getattr(actor, "id", None), by_guardian=by_guardian)
    db.session.add(row)
    db.session.flush()
    audit.record(actor, action, row,
                 detail={"purpose": purpose, "version": version, "channel": channel, "by_guardian": by_guardian})
    return row


def record_bulk(person_ids, purpose: str, *, channel: str, actor=None) -> int:
    """One given consent per person (an import of many people): bulk rows and one audit row for the batch."""
    version = _purpose(purpose).current.version
    now = utcnow()
    rows = [{"person_id": pid, "user_id": None, "purpose": purpose, "notice_version": version, "given": True,
             "at": now, "channel": channel, "recorded_by_id": getattr(actor, "id", None), "by_guardian": False}
            for pid in sorted(set(person_ids))]
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(ConsentRecord), rows[start:start + 1000])
    audit.record(actor, "consent.given_bulk", object_type="consent_record", object_id=None,
                 detail={"purpose": purpose, "version": version, "channel": channel, "count": len(rows)})
    return len(rows)


def record_answers(user: User, given_codes, *, channel: str = WEB, actor=None, at: datetime | None = None) -> None:
    """A person's answers for every self-service purpose of their role: the listed ones given, the others refused."""
    given_codes = set(given_codes)
    for purpose in purposes_for(user.role):
        if purpose.self_service:
            record(user, purpose.code, given=purpose.code in given_codes, channel=channel, actor=actor or user,
                   at=at)


def missing_required(role: str, given_codes) -> dict[str, str]:
    """Field errors (consent_<purpose>) for the required purposes not given."""
    return {f"consent_{p.code}": REQUIRED_MESSAGE for p in purposes_for(role)
            if role in p.required_for and p.code not in set(given_codes)}


# --- the person's own page ---------------------------------------------------------------------------------

def _row(purpose: Purpose, last: ConsentRecord | None) -> dict:
    outdated = last is not None and last.given and last.notice_version < purpose.current.version
    return {"purpose": purpose, "record": last, "given": bool(last and last.given), "outdated": outdated,
            "required": bool(set(purpose.required_for)), "answered": last is not None}


def my_consents(actor: User) -> list[dict]:
    """One row per purpose the person can see: their role's purposes, and any other with a record (e.g. the
    protection register recorded at the office)."""
    if _person_id(actor) is None:
        return []
    lasts = {p: latest(actor, p) for p in PURPOSES}
    return [_row(purpose, lasts[code]) for code, purpose in PURPOSES.items()
            if (actor.role in purpose.roles and purpose.self_service) or lasts[code] is not None]


def own_purpose(actor: User, code: str) -> dict:
    """The row of one purpose on "Persetujuan saya" (a purpose the person cannot see: 404)."""
    for row in my_consents(actor):
        if row["purpose"].code == code:
            return row
    raise NotFound(NOT_FOUND)


def give(actor: User, code: str) -> ConsentRecord:
    own_purpose(actor, code)
    row = record(actor, code, given=True, channel=WEB, actor=actor)
    db.session.commit()
    return row


def withdraw(actor: User, code: str) -> ConsentRecord:
    """Effective at once: every service asks the latest record (no cache)."""
    if not own_purpose(actor, code)["given"]:
        raise ValidationFailed({"purpose": _l("Persetujuan ini memang belum diberikan atau sudah ditarik.")})
    row = record(actor, code, given=False, channel=WEB, actor=actor)
    db.session.commit()
    return row


def pending_review(user: User) -> list[dict]:
    """What the login review asks: a consent given to an older notice version, a required purpose not given, and
    — only when one of those interrupts the person anyway — the self-service purposes they never answered
    (accounts made before consents were recorded). An optional purpose never answered alone does not interrupt:
    it stays "not given" and the person can give it on "Persetujuan saya"."""
    rows = my_consents(user)
    due = [row for row in rows if row["outdated"] or (user.role in row["purpose"].required_for and not row["given"])]
    if not due:
        return []
    return [row for row in rows if row in due or (row["purpose"].self_service and not row["answered"])]


def review(actor: User, answers: dict[str, bool]) -> list[dict]:
    """Record the answers of the login review; returns what is still pending (a required purpose refused)."""
    rows = pending_review(actor)
    errors: dict[str, str] = {}
    for row in rows:
        code = row["purpose"].code
        if code not in answers:
            errors[f"consent_{code}"] = "Pilih Setuju atau Tidak setuju."
        elif not answers[code] and actor.role in row["purpose"].required_for:
            errors[f"consent_{code}"] = REQUIRED_MESSAGE
    if errors:
        raise ValidationFailed(errors)
    for row in rows:
        record(actor, row["purpose"].code, given=answers[row["purpose"].code], channel=WEB, actor=actor)
    db.session.commit()
    return pending_review(actor)


def summary_for(user: User) -> list[dict]:
    """Every consent record of the person, oldest first, for "Data saya": plain values, except `purpose_title`, a
    lazy string the web layer renders in the reader's language (str() in a request). `current` marks the record
    holding the present state of its purpose."""
    person_id = _person_id(user)
    if person_id is None:
        return []
    rows = list(db.session.scalars(select(ConsentRecord).where(ConsentRecord.person_id == person_id)
                                   .order_by(ConsentRecord.id)))
    newest = {row.purpose: row.id for row in rows}
    return [{"purpose": row.purpose, "purpose_title": PURPOSES[row.purpose].title,
             "notice_version": row.notice_version, "given": row.given, "at": row.at.isoformat(),
             "channel": row.channel, "by_guardian": row.by_guardian,
             "recorded_by_role": row.recorded_by.role if row.recorded_by else None,
             "current": newest[row.purpose] == row.id} for row in rows]
