"""Enrolments in protection and aid programmes: eligibility, quota and non-overlapping cover (both enforced by the
database), the status workflow registered -> sector_verified -> decreed -> active -> ended, every decision audited.
The yearly cycle (decree list, re-registration) is in services/protection/enrolment_cycle.py and re-exported here."""

from datetime import UTC, date, datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import CoverMonth, Enrolment, Person, Programme, ProtectionStatus, Worker
from jobfair.privacy_notices import OFFICE, PROTECTION
from jobfair.rules import enrolment_states as states
from jobfair.rules import numbers
from jobfair.rules.eligibility import Applicant, EligibilityRules, eligibility_problems, month_start, months_in
from jobfair.services import audit, clock, keyset
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.privacy import consents
from jobfair.services.protection import protection_people
from jobfair.services.protection.enrolment_cycle import (  # noqa: F401  (the yearly cycle is re-exported here)
    Reregistration,
    decree_list,
    decree_problem,
    registration_problem,
    reregister_for_year,
)
from jobfair.services.protection.programmes import PAYERS, umk_for
from jobfair.services.protection.protection_people import require_protection_officer

PER_PAGE = 50
NOT_FOUND = _l("Kepesertaan tidak ditemukan.")
STATUS_LABELS = labels.table(ProtectionStatus)  # alias of jobfair.labels for the messages below
REASON_MAX = 2000


def cover_months_for(enrolment: Enrolment) -> list[date]:
    """Every covered month of an enrolment (first-of-month dates)."""
    if enrolment.cover_from is None or enrolment.cover_to is None:
        return []
    return months_in(enrolment.cover_from, enrolment.cover_to)


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 1)


def _overlap(person_id: int, cover_kind: str, first: date, last: date, exclude_enrolment: int | None = None):
    """(programme, payer) of an enrolment already covering this person in the period, or None."""
    query = (select(Programme, Enrolment.payer).join(Enrolment, Enrolment.programme_id == Programme.id)
             .join(CoverMonth, CoverMonth.enrolment_id == Enrolment.id)
             .where(CoverMonth.person_id == person_id, CoverMonth.cover_kind == cover_kind,
                    CoverMonth.month >= first, CoverMonth.month <= last).limit(1))
    if exclude_enrolment is not None:
        query = query.where(Enrolment.id != exclude_enrolment)
    return db.session.execute(query).first()


def _covered_message(programme: Programme, payer: str) -> str:
    return _l("Orang ini sudah tercakup program %(name)s (%(year)s, dibayar %(payer)s) pada periode yang sama; "
              "satu NIK tidak boleh didaftarkan dua kali untuk cakupan yang sama. Pilih bulan lain atau akhiri "
              "kepesertaan yang lama.", name=programme.name, year=programme.year, payer=PAYERS.get(payer, payer))


def check_eligibility(programme: Programme, worker: Worker, *, on: date, cover_from: date | None = None,
                      cover_to: date | None = None, already_bpjs_member: bool | None = None) -> dict[str, str]:
    """{field: Indonesian reason} for every unmet rule on `on` (empty when eligible), including cover already
    given by another enrolment of the same kind of cover in the period (the programme year by default) — every BPJS
    subsidy has the same JKK+JKM cover kind, so another payer's programme counts."""
    rules = EligibilityRules.from_dict(programme.eligibility)
    person = worker.person
    applicant = Applicant(birth_date=person.birth_date, ktp_since=worker.ktp_since,
                          monthly_income=worker.monthly_income, has_disability=worker.has_disability,
                          is_elderly=worker.is_elderly, already_bpjs_member=already_bpjs_member)
    problems = eligibility_problems(rules, applicant, on=on, umk=umk_for(programme.year))
    first, last = year_period(programme.year)
    first, last = month_start(cover_from or first), month_start(cover_to or last)
    found = _overlap(person.id, programme.cover_kind, first, last)
    if found is not None:
        problems["cover_from"] = _covered_message(*found)
    return problems


def _check_period(programme: Programme, cover_from, cover_to, errors: dict) -> tuple[date | None, date | None]:
    if not isinstance(cover_from, date):
        errors["cover_from"] = _l("Isi bulan mulai cakupan.")
    if not isinstance(cover_to, date):
        errors["cover_to"] = _l("Isi bulan akhir cakupan.")
    if errors:
        return None, None
    first, last = month_start(cover_from), month_start(cover_to)
    if last < first:
        errors["cover_to"] = _l("Bulan akhir cakupan tidak boleh sebelum bulan mulai.")
    elif first.year != programme.year or last.year != programme.year:
        errors["cover_from"] = _l("Periode cakupan harus di dalam tahun program (%(year)s), Januari–Desember.",
                                  year=programme.year)
    return first, last


def _take_seat(programme_id: int, count: int = 1) -> bool:
    """Conditional UPDATE: the database refuses seats beyond the quota, whatever runs at the same time."""
    result = db.session.execute(
        update(Programme).where(Programme.id == programme_id, Programme.enrolled_count + count <= Programme.quota)
        .values(enrolled_count=Programme.enrolled_count + count).execution_options(synchronize_session=False))
    return result.rowcount == 1


def _free_seat(programme_id: int) -> None:
    db.session.execute(update(Programme).where(Programme.id == programme_id, Programme.enrolled_count > 0)
                       .values(enrolled_count=Programme.enrolled_count - 1)
                       .execution_options(synchronize_session=False))


def _quota_full(programme: Programme) -> ValidationFailed:
    return ValidationFailed({"programme_id": _l("Kuota program %(name)s sudah penuh (%(quota)s orang). Akhiri "
                                                "kepesertaan yang tidak aktif atau naikkan kuota.",
                                                name=programme.name, quota=numbers.number(programme.quota))})


def insert_cover(enrolment: Enrolment, person_id: int, cover_kind: str) -> None:
    """Insert the enrolment's cover months (the UNIQUE key refuses overlap: callers catch IntegrityError)."""
    rows = [{"enrolment_id": enrolment.id, "person_id": person_id, "cover_kind": cover_kind, "month": m}
            for m in cover_months_for(enrolment)]
    if rows:
        db.session.execute(insert(CoverMonth), rows)


def payer_problem(programme: Programme, payer: str | None) -> str | None:
    """The payer of an enrolment is its programme's (one programme, one payer: its quota, ledger and cost)."""
    if payer is None or payer == programme.payer:
        return None
    if payer not in PAYERS:
        return _l("Pilih pembayar iuran/bantuan: kota, provinsi, atau mandiri.")
    return _l("Program %(name)s dibayar %(payer)s; orang yang dibayar %(other)s didaftarkan di program milik "
              "pembayar itu.", name=programme.name, payer=PAYERS.get(programme.payer, programme.payer),
              other=PAYERS[payer])


def enrol(actor, programme_id: int, worker_id: int, *, cover_from, cover_to, payer: str | None = None,
          already_bpjs_member: bool | None = None, verifying_office: str = "", today: date | None = None) -> Enrolment:
    """Register a person in a programme. The payer is the programme's (`payer`, if given, must be it). A BPJS
    subsidy registers only in its window (rules/decree_cycle.py) and asks whether the person is already a BPJS
    Ketenagakerjaan member (`already_bpjs_member`: True/False; None = not asked, refused where the rule applies)."""
    require_protection_officer(actor)
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise ValidationFailed({"programme_id": _l("Pilih program dari daftar.")})
    worker = db.session.get(Worker, worker_id, options=[joinedload(Worker.person)])
    if worker is None:
        raise NotFound(protection_people.NOT_FOUND)
    today = today or clock.today()
    errors: dict[str, str] = {}
    first, last = _check_period(programme, cover_from, cover_to, errors)
    if problem := payer_problem(programme, payer):
        errors["payer"] = problem
    if problem := registration_problem(programme, today):
        errors["programme_id"] = problem
    verifying_office = (verifying_office or "").strip()
    if len(verifying_office) > 80:
        errors["verifying_office"] = _l("Nama dinas pemverifikasi paling panjang 80 karakter.")
    if not errors:
        errors.update(check_eligibility(programme, worker, on=today, cover_from=first, cover_to=last,
                                        already_bpjs_member=already_bpjs_member))
    if errors:
        raise ValidationFailed(errors)
    person_id, name, year, payer = worker.person_id, programme.name, programme.year, programme.payer
    enrolment = Enrolment(programme_id=programme.id, worker_id=worker.id, status=states.REGISTERED, payer=payer,
                          cover_from=first, cover_to=last, verifying_office=verifying_office,
                          already_bpjs_member=already_bpjs_member, created_by_id=getattr(actor, "id", None))
    db.session.add(enrolment)
    try:
        db.session.flush()
        insert_cover(enrolment, person_id, programme.cover_kind)
        seat = _take_seat(programme.id)
    except IntegrityError:  # someone enrolled this person for an overlapping period at the same moment
        db.session.rollback()
        raise ValidationFailed({"cover_from": _l("Orang ini sudah tercakup program lain dengan jenis cakupan sama "
                                                 "pada periode yang sama; tidak dapat didaftarkan ke %(name)s "
                                                 "(%(year)s).", name=name, year=year)}) from None
    if not seat:
        db.session.rollback()
        raise _quota_full(db.session.get(Programme, programme_id))
    # Taken on the enrolment form at the office (UU PDP): the data go to BPJS Ketenagakerjaan.
    consents.record(worker, PROTECTION, given=True, channel=OFFICE, actor=actor)
    audit.record(actor, "protection.enrolled", enrolment,
                 detail={"programme_id": programme_id, "payer": payer, "cover_from": first.isoformat(),
                         "cover_to": last.isoformat(), "already_bpjs_member": already_bpjs_member})
    db.session.commit()
    return enrolment


def _enrolment(enrolment_id: int, *, lock: bool = True) -> Enrolment:
    enrolment = db.session.get(Enrolment, enrolment_id, with_for_update=lock)
    if enrolment is None:
        raise NotFound(NOT_FOUND)
    return enrolment


def _move(enrolment: Enrolment, to_status: str) -> str:
    before = enrolment.status
    if not states.can_move(before, to_status):
        raise InvalidState(_l("Kepesertaan berstatus %(before)s tidak dapat diubah menjadi %(after)s.",
                              before=STATUS_LABELS.get(before, before), after=STATUS_LABELS[to_status]))
    enrolment.status = to_status
    return before


def _act_on(enrolment_id: int, errors: dict, to_status: str | None = None) -> Enrolment:
    """The enrolment an officer's action changes, locked and moved to `to_status` (when given); first
    ValidationFailed when the action's input had errors."""
    if errors:
        raise ValidationFailed(errors)
    enrolment = _enrolment(enrolment_id)
    if to_status is not None:
        _move(enrolment, to_status)
    return enrolment


def _release(enrolment: Enrolment, *months) -> None:
    """Give back the enrolment's cover months (only those matching `months`, when given) and its quota seat."""
    db.session.execute(delete(CoverMonth).where(CoverMonth.enrolment_id == enrolment.id, *months))
    _free_seat(enrolment.programme_id)


def _recorded(actor, action: str, enrolment: Enrolment, detail: dict) -> Enrolment:
    audit.record(actor, action, enrolment, detail=detail)
    db.session.commit()
    return enrolment


def _reason(reason: str | None, errors: dict, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not 5 <= len(reason) <= REASON_MAX:
        errors[field] = _l("Tulis alasannya (5–2000 karakter); alasan ini tercatat di jejak audit.")
    return reason


def get_enrolment(actor, enrolment_id: int) -> Enrolment:
    require_protection_officer(actor)
    enrolment = db.session.get(Enrolment, enrolment_id,
                               options=[joinedload(Enrolment.worker).joinedload(Worker.person),
                                        joinedload(Enrolment.programme)])
    if enrolment is None:
        raise NotFound(NOT_FOUND)
    return enrolment


def view_enrolment(actor, enrolment_id: int) -> Enrolment:
    """An enrolment as an officer opens it: a read of a protection record, audited (UU PDP)."""
    enrolment = get_enrolment(actor, enrolment_id)
    audit.record_read(actor, "protection.enrolment_viewed", enrolment, person_id=enrolment.worker.person_id)
    db.session.commit()
    return enrolment


def sector_office(office: str) -> str:
    """The name of the sector office that verified an occupation, trimmed; ValidationFailed when it is no name."""
    office = (office or "").strip()
    if not 2 <= len(office) <= 80:
        raise ValidationFailed({"office": _l("Isi nama dinas sektor yang memverifikasi (misalnya Dinas Perikanan).")})
    return office


def verify_sector(actor, enrolment_id: int, office: str) -> Enrolment:
    """The named sector office (agriculture, fisheries, ...) confirmed the person's occupation."""
    require_protection_officer(actor)
    office = sector_office(office)
    enrolment = _act_on(enrolment_id, {}, states.SECTOR_VERIFIED)
    enrolment.verifying_office = office
    enrolment.verified_by_id = getattr(actor, "id", None)
    enrolment.verified_at = datetime.now(UTC)
    return _recorded(actor, "protection.enrolment_verified", enrolment, {"office": office})


def decree(actor, enrolment_ids, *, decree_number: str, decree_date) -> int:
    """Record the mayoral decree (SK Wali Kota) for sector-verified enrolments: all of them or none."""
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    decree_number = (decree_number or "").strip()
    if not 3 <= len(decree_number) <= 80:
        errors["decree_number"] = _l("Isi nomor SK Wali Kota (3–80 karakter), misalnya 100.3.3.2/123/2025.")
    if not isinstance(decree_date, date):
        errors["decree_date"] = _l("Isi tanggal SK.")
    elif decree_date > clock.today():
        errors["decree_date"] = _l("Tanggal SK tidak boleh di masa depan.")
    ids = sorted({int(i) for i in enrolment_ids or []})
    if not ids:
        errors["enrolment_ids"] = _l("Centang peserta yang ditetapkan dalam SK.")
    if errors:
        raise ValidationFailed(errors)
    rows = list(db.session.scalars(select(Enrolment).where(Enrolment.id.in_(ids)).order_by(Enrolment.id)
                                   .with_for_update()))
    if len(rows) != len(ids):
        raise NotFound(NOT_FOUND)
    wrong = [e.id for e in rows if not states.can_move(e.status, states.DECREED)]
    if wrong:
        raise InvalidState(_l("%(count)s kepesertaan belum terverifikasi dinas sektor atau sudah ditetapkan; hanya "
                              "yang berstatus terverifikasi dapat dimasukkan ke SK. Tidak ada yang diubah.",
                              count=numbers.number(len(wrong))))
    problems = sorted({problem for e in rows if (problem := decree_problem(e.programme, decree_date))})
    if problems:
        raise ValidationFailed({"decree_date": problems[0]})
    for enrolment in rows:
        enrolment.status, enrolment.decree_number, enrolment.decree_date = states.DECREED, decree_number, decree_date
        audit.record(actor, "protection.enrolment_decreed", enrolment, detail={"decree_number": decree_number})
    db.session.commit()
    return len(rows)


def _kpj(kpj_number, errors: dict) -> str:
    problem = states.kpj_problem(kpj_number)
    if problem:
        errors["kpj_number"] = problem
    return states.normalize_kpj(kpj_number)


def activate(actor, enrolment_id: int, *, kpj_number: str | None = None) -> Enrolment:
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    kpj = _kpj(kpj_number, errors) if (kpj_number or "").strip() else None
    enrolment = _act_on(enrolment_id, errors, states.ACTIVE)
    if kpj:
        enrolment.kpj_number = kpj
    return _recorded(actor, "protection.enrolment_activated", enrolment, {"kpj_given": bool(kpj)})


def set_kpj(actor, enrolment_id: int, kpj_number: str) -> Enrolment:
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    kpj = _kpj(kpj_number, errors)
    enrolment = _act_on(enrolment_id, errors)
    if enrolment.status not in (states.DECREED, states.ACTIVE):
        raise InvalidState(_l("Nomor KPJ dicatat setelah peserta ditetapkan SK."))
    before = enrolment.kpj_number
    enrolment.kpj_number = kpj
    return _recorded(actor, "protection.kpj_set", enrolment, {"changed": before is not None and before != kpj})


def end(actor, enrolment_id: int, *, reason: str, last_month) -> Enrolment:
    """End cover after `last_month` (death, moved away, covered elsewhere...): later cover months are released and
    the quota seat is freed."""
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    reason = _reason(reason, errors)
    enrolment = _enrolment(enrolment_id)
    if not isinstance(last_month, date):
        errors["last_month"] = _l("Isi bulan terakhir yang masih ditanggung.")
    else:
        last_month = month_start(last_month)
        if enrolment.cover_from and not enrolment.cover_from <= last_month <= enrolment.cover_to:
            errors["last_month"] = _l("Bulan terakhir harus di dalam periode cakupan (%(first)s–%(last)s).",
                                      first=format_date(enrolment.cover_from, "MM/yyyy"),
                                      last=format_date(enrolment.cover_to, "MM/yyyy"))
    if errors:
        raise ValidationFailed(errors)
    _move(enrolment, states.ENDED)
    enrolment.end_reason, enrolment.ended_at, enrolment.cover_to = reason, datetime.now(UTC), last_month
    _release(enrolment, CoverMonth.month > last_month)
    return _recorded(actor, "protection.enrolment_ended", enrolment,
                     {"reason": reason, "last_month": last_month.isoformat()})


def reject(actor, enrolment_id: int, reason: str) -> Enrolment:
    """Refuse an enrolment before it is active: all its cover months and the quota seat are released."""
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    reason = _reason(reason, errors)
    enrolment = _act_on(enrolment_id, errors, states.REJECTED)
    enrolment.end_reason, enrolment.ended_at = reason, datetime.now(UTC)
    _release(enrolment)
    return _recorded(actor, "protection.enrolment_rejected", enrolment, {"reason": reason})


def list_enrolments(actor, *, programme_id: int | None = None, status: str | None = None, page: int = 1,
                    per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    require_protection_officer(actor)
    query = (select(Enrolment).join(Enrolment.worker).join(Worker.person)
             .options(joinedload(Enrolment.worker).joinedload(Worker.person), joinedload(Enrolment.programme))
             .order_by(Person.full_name, Enrolment.id))
    if programme_id is not None:
        query = query.where(Enrolment.programme_id == programme_id)
    if status:
        query = query.where(Enrolment.status == status)
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def worker_enrolments(actor, worker_id: int) -> list[Enrolment]:
    require_protection_officer(actor)
    query = (select(Enrolment).where(Enrolment.worker_id == worker_id).options(joinedload(Enrolment.programme))
             .order_by(Enrolment.cover_from.desc(), Enrolment.id.desc()))
    return list(db.session.scalars(query))

