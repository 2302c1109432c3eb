"""The yearly cycle of the BPJS subsidy: registration and verification September–December, the list for the mayoral
decree (SK) in December, cover from January; active members of year Y are re-registered into the Y+1 programme.
The dates are rules/decree_cycle.py; they hold for contribution subsidies (aid programmes register all year)."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobfair import labels
from jobfair.extensions import db
from jobfair.labels import Sex
from jobfair.models import CoverMonth, Enrolment, Payer, Person, Programme, ProgrammeKind, ProtectionStatus, Worker
from jobfair.rules import decree_cycle
from jobfair.rules import enrolment_states as states
from jobfair.rules.eligibility import Applicant, EligibilityRules, eligibility_problems, months_in
from jobfair.services import audit, clock
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.people import reveal_nik
from jobfair.services.protection.programmes import umk_for
from jobfair.services.protection.protection_people import require_protection_officer

DECREE_HEADERS = ["No", "NIK", "Nama", "Jenis kelamin", "Tanggal lahir", "Kecamatan", "Kelurahan", "Pekerjaan",
                  "Pembayar", "Cakupan mulai", "Cakupan sampai", "Status", "Dinas pemverifikasi", "Nomor SK",
                  "Tanggal SK"]
DECREE_STATUSES = (states.SECTOR_VERIFIED, states.DECREED, states.ACTIVE)


CYCLE_KINDS = (ProgrammeKind.CONTRIBUTION_SUBSIDY.value,)
NOT_FOUND = _l("Program tidak ditemukan.")


def registration_problem(programme: Programme, day: date) -> str | None:
    """Why registering someone in `programme` on `day` is refused (outside its yearly window), or None."""
    if programme.kind not in CYCLE_KINDS:
        return None
    return decree_cycle.registration_problem(programme.year, day, name=programme.name)


def decree_problem(programme: Programme, decree_date: date) -> str | None:
    """Why a decree on `decree_date` cannot list members of `programme` (not December before the cover year)."""
    if programme.kind not in CYCLE_KINDS:
        return None
    return decree_cycle.decree_problem(programme.year, decree_date)


@dataclass
class Reregistration:
    created: int = 0
    skipped: list[dict] = field(default_factory=list)  # {worker_id, name, reasons: [..]}


def _programme(programme_id: int) -> Programme:
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise NotFound(NOT_FOUND)
    return programme


def decree_list(actor, programme_id: int, year: int | None = None) -> tuple[list[str], list[list]]:
    """The list for the December decree: sector-verified (and already decreed or active) enrolments of the programme
    whose cover starts in `year` (the programme year by default). Holds clear NIKs: the export is audited."""
    require_protection_officer(actor)
    programme = _programme(programme_id)
    year = year or programme.year
    query = (select(Enrolment).join(Enrolment.worker).join(Worker.person)
             .options(joinedload(Enrolment.worker).joinedload(Worker.person),
                      joinedload(Enrolment.worker).joinedload(Worker.kecamatan),
                      joinedload(Enrolment.worker).joinedload(Worker.kelurahan),
                      joinedload(Enrolment.worker).joinedload(Worker.category))
             .where(Enrolment.programme_id == programme.id, Enrolment.status.in_(DECREE_STATUSES),
                    Enrolment.cover_from >= date(year, 1, 1), Enrolment.cover_from <= date(year, 12, 31))
             .order_by(Person.full_name, Enrolment.id))
    rows = []
    for number, enrolment in enumerate(db.session.scalars(query), start=1):
        worker, person = enrolment.worker, enrolment.worker.person
        rows.append([number, reveal_nik(person), person.full_name, str(labels.label(Sex, person.sex)),
                     person.birth_date.strftime("%d-%m-%Y"), getattr(worker.kecamatan, "name", ""),
                     getattr(worker.kelurahan, "name", ""), getattr(worker.category, "name", ""),
                     str(labels.label(Payer, enrolment.payer)), enrolment.cover_from.strftime("%m/%Y"),
                     enrolment.cover_to.strftime("%m/%Y"), str(labels.label(ProtectionStatus, enrolment.status)),
                     enrolment.verifying_office, enrolment.decree_number or "",
                     enrolment.decree_date.strftime("%d-%m-%Y") if enrolment.decree_date else ""])
    audit.record(actor, "protection.decree_list_exported", programme, detail={"year": year, "rows": len(rows)})
    db.session.commit()
    return DECREE_HEADERS, rows


def reregister_for_year(actor, programme_id_from: int, programme_id_to: int, *,
                        today: date | None = None) -> Reregistration:
    """Copy the active enrolments of programme Y as registered enrolments of the Y+1 programme, cover January to
    December; people no longer eligible (or already covered, or beyond the quota) are skipped and reported."""
    require_protection_officer(actor)
    source = _programme(programme_id_from)
    target = db.session.get(Programme, programme_id_to, with_for_update=True)
    if target is None:
        raise NotFound(NOT_FOUND)
    if target.year != source.year + 1:
        raise ValidationFailed({"programme_id_to": _l("Program tujuan harus program tahun %(year)s.",
                                                       year=source.year + 1)})
    if target.cover_kind != source.cover_kind:
        raise ValidationFailed({"programme_id_to": _l("Program tujuan harus memberi cakupan yang sama.")})
    today = today or clock.today()
    if problem := registration_problem(target, today):
        raise ValidationFailed({"programme_id_to": problem})
    first, last = date(target.year, 1, 1), date(target.year, 12, 1)
    months = months_in(first, last)
    covered = set(db.session.scalars(select(CoverMonth.person_id).distinct().where(
        CoverMonth.cover_kind == target.cover_kind, CoverMonth.month >= first, CoverMonth.month <= last)))
    rules, umk = EligibilityRules.from_dict(target.eligibility), umk_for(target.year)
    query = (select(Enrolment).where(Enrolment.programme_id == source.id, Enrolment.status == states.ACTIVE)
             .options(joinedload(Enrolment.worker).joinedload(Worker.person)).order_by(Enrolment.id))
    result, chosen = Reregistration(), []
    seats = target.quota - target.enrolled_count
    for old in db.session.scalars(query):
        worker, person = old.worker, old.worker.person
        reasons = list(eligibility_problems(rules, Applicant(
            birth_date=person.birth_date, ktp_since=worker.ktp_since, monthly_income=worker.monthly_income,
            has_disability=worker.has_disability, is_elderly=worker.is_elderly,
            already_bpjs_member=old.already_bpjs_member), on=today, umk=umk).values())
        if person.id in covered:
            reasons.append(_l("Sudah tercakup program lain pada tahun %(year)s.", year=target.year))
        if not reasons and len(chosen) >= seats:
            reasons.append(_l("Kuota program %(name)s sudah penuh.", name=target.name))
        if reasons:
            result.skipped.append({"worker_id": worker.id, "name": person.full_name, "reasons": reasons})
            continue
        covered.add(person.id)
        chosen.append(Enrolment(programme_id=target.id, worker_id=worker.id, status=states.REGISTERED,
                                payer=target.payer, cover_from=first, cover_to=last,
                                already_bpjs_member=old.already_bpjs_member,
                                verifying_office=old.verifying_office, created_by_id=getattr(actor, "id", None)))
    if chosen:
        person_of = {e.worker_id: None for e in chosen}
        person_of.update(dict(db.session.execute(select(Worker.id, Worker.person_id)
                                                 .where(Worker.id.in_(list(person_of)))).all()))
        db.session.add_all(chosen)
        try:
            db.session.flush()
            db.session.execute(insert(CoverMonth), [
                {"enrolment_id": e.id, "person_id": person_of[e.worker_id], "cover_kind": target.cover_kind,
                 "month": m} for e in chosen for m in months])
        except IntegrityError:
            db.session.rollback()
            raise InvalidState(_l("Sebagian orang baru saja didaftarkan pada periode yang sama oleh petugas lain; "
                                  "tidak ada yang diubah. Jalankan pendaftaran ulang sekali lagi.")) from None
        target.enrolled_count = target.enrolled_count + len(chosen)
    result.created = len(chosen)
    audit.record(actor, "protection.reregistered", target,
                 detail={"from_programme_id": source.id, "created": result.created,
                         "skipped": len(result.skipped)})
    db.session.commit()
    return result
