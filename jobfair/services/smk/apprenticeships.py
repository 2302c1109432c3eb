"""Apprenticeships after a published match (Permenaker 6/2020): the agreement, its legalisation by the office,
the weekly logbook, the mentor's sign-off and final assessment, and the certificate.

Who may do what:
- the student (Student.user_id) reads their apprenticeships and writes the logbook while it is active;
- the mentor is a company user of the place's company: the named mentor (place.mentor_user_id) when one is set,
  otherwise any user of that company may act as mentor. Every user of the company may read its apprentices;
- school staff (User.school_id == student.school_id) may read their students' apprenticeships;
- officers legalise, terminate and read everything.
Anything not visible to the actor answers NotFound (404), never "forbidden".
"""

from datetime import UTC, date, datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Apprenticeship, ApprenticeshipPlace, LogbookEntry, Role, Student, User
from jobfair.rules import agreement as rules
from jobfair.rules.apprenticeship_rules import ASSESSMENT_DAYS_BEFORE_END, assessment_opens_on
from jobfair.rules.dates import WITA
from jobfair.services import access, audit, keyset
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring.companies import PER_PAGE, company_of
from jobfair.services.notifications import notify

NOT_FOUND = _l("Data pemagangan tidak ditemukan.")
ENTRY_NOT_FOUND = _l("Catatan logbook tidak ditemukan.")
STUDENT_LINK = Link("students.apprenticeship")
DAY = "d MMMM yyyy"  # 5 Januari 2026


def _day(value: date) -> str:
    return format_date(value, DAY)


def _load(apprenticeship_id: int, *, lock: bool = False) -> Apprenticeship | None:
    return db.session.get(Apprenticeship, apprenticeship_id, with_for_update=lock)


def _can_read(actor, appr: Apprenticeship) -> bool:
    if actor is None:
        return False
    if access.is_office(actor):
        return True
    if actor.role == Role.STUDENT.value:
        return appr.student.user_id == actor.id
    if actor.role == Role.COMPANY.value:
        return actor.company_id is not None and appr.place.company_id == actor.company_id
    if actor.role == Role.SCHOOL.value:
        return actor.school_id is not None and appr.student.school_id == actor.school_id
    return False


def get(actor, apprenticeship_id: int, *, lock: bool = False) -> Apprenticeship:
    appr = _load(apprenticeship_id, lock=lock)
    if appr is None or not _can_read(actor, appr):
        raise NotFound(NOT_FOUND)
    return appr


def _student_of(actor) -> Student | None:
    if actor is None or actor.role != Role.STUDENT.value:
        return None
    return db.session.scalar(select(Student).where(Student.user_id == actor.id))


def get_for_student(actor) -> list[Apprenticeship]:
    """The acting student's apprenticeships, newest first (empty when the student has none)."""
    student = _student_of(actor)
    if student is None:
        return []
    query = (select(Apprenticeship).where(Apprenticeship.student_id == student.id)
             .order_by(Apprenticeship.created_at.desc(), Apprenticeship.id.desc()))
    return list(db.session.scalars(query))


def agreement_values(appr: Apprenticeship) -> rules.AgreementValues:
    place, student = appr.place, appr.student
    return rules.AgreementValues(
        student_name=student.person.full_name, nisn=student.nisn, school=student.school.name,
        company=place.company.name, place_title=place.title, location=place.location,
        mentor=place.mentor.full_name if place.mentor is not None else place.mentor_name,
        starts_on=place.starts_on, ends_on=place.ends_on, allowance_transport=place.allowance_transport,
        allowance_meals=place.allowance_meals, allowance_incentive=place.allowance_incentive,
        agreement_number=appr.agreement_number)


def agreement(actor, apprenticeship_id: int) -> dict:
    """What the printable agreement shows: the five parts and the data around them."""
    appr = get(actor, apprenticeship_id)
    values = agreement_values(appr)
    return {"apprenticeship": appr, "values": values, "sections": rules.agreement_sections(values)}


def office_agreement(actor, apprenticeship_id: int) -> dict:
    """The agreement as an officer opens it (a student's record, often a minor's): the read is audited."""
    data = agreement(actor, apprenticeship_id)
    appr = data["apprenticeship"]
    audit.record_read(actor, "apprenticeship.viewed", appr, person_id=appr.student.person_id)
    db.session.commit()
    return data


def certificate(actor, apprenticeship_id: int) -> dict:
    appr = get(actor, apprenticeship_id)
    if appr.status != rules.COMPLETED:
        raise InvalidState(_l("Sertifikat terbit setelah mentor memberikan penilaian akhir dan pemagangan selesai."))
    return {"apprenticeship": appr, "values": agreement_values(appr)}


def ensure_not_repeated(student_id: int, place_id: int) -> None:
    """Permenaker 6/2020: a student may not repeat the same programme. Call before creating an apprenticeship."""
    exists = db.session.scalar(select(Apprenticeship.id).where(Apprenticeship.student_id == student_id,
                                                               Apprenticeship.place_id == place_id))
    if exists is not None:
        raise InvalidState(_l("Siswa ini sudah pernah terdaftar pada program pemagangan ini; Permenaker 6/2020 "
                              "melarang mengulang program pemagangan yang sama. Pilih program lain."))


def _notify_parties(appr: Apprenticeship, message, *, company_link: Link) -> None:
    if appr.student.user is not None:
        notify(appr.student.user, message, link=STUDENT_LINK)
    for user in db.session.scalars(select(User).where(User.company_id == appr.place.company_id)):
        notify(user, message, link=company_link)


def _company_link(appr: Apprenticeship) -> Link:
    return Link("companies.apprentice", {"apprenticeship_id": appr.id})


# --- the office -------------------------------------------------------------------------------------------------

def legalisation_queue(actor, page: int = 1, per_page: int = PER_PAGE, *,
                       after: str | None = None, before: str | None = None):
    """Agreements waiting for the office's legalisation, oldest first."""
    access.require_office(actor)
    query = (select(Apprenticeship).where(Apprenticeship.status == rules.AGREEMENT)
             .order_by(Apprenticeship.created_at, Apprenticeship.id))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def legalise(actor, apprenticeship_id: int, *, now: datetime | None = None) -> Apprenticeship:
    access.require_office(actor)
    appr = get(actor, apprenticeship_id, lock=True)  # two officers at once: one decides
    if appr.status != rules.AGREEMENT:
        raise InvalidState(_l("Hanya perjanjian yang menunggu pengesahan yang dapat disahkan."))
    now = now or datetime.now(UTC)
    appr.status = rules.ACTIVE
    appr.legalised_by_id, appr.legalised_at = actor.id, now
    if not appr.agreement_number:
        appr.agreement_number = rules.agreement_number(now.year, appr.id)
    audit.record(actor, "apprenticeship.legalised", appr, detail={"agreement_number": appr.agreement_number})
    _notify_parties(appr, _l("Perjanjian pemagangan %(number)s (%(title)s) sudah disahkan Disnaker. Pemagangan "
                             "dimulai; isi logbook setiap minggu.", number=appr.agreement_number,
                             title=appr.place.title), company_link=_company_link(appr))
    db.session.commit()
    return appr


def terminate(actor, apprenticeship_id: int, reason: str) -> Apprenticeship:
    access.require_office(actor)
    appr = get(actor, apprenticeship_id, lock=True)
    reason = (reason or "").strip()
    if not rules.allowed_transition(appr.status, rules.TERMINATED):
        raise InvalidState(_l("Pemagangan yang sudah selesai atau sudah dihentikan tidak dapat dihentikan lagi."))
    if len(reason) < 5:
        raise ValidationFailed({"reason": _l("Tulis alasan penghentian (minimal 5 karakter); alasan ini dikirim ke "
                                             "siswa dan perusahaan.")})
    appr.status = rules.TERMINATED
    audit.record(actor, "apprenticeship.terminated", appr, detail={"reason": reason[:2000]})
    _notify_parties(appr, _l("Pemagangan %(title)s dihentikan Disnaker: %(reason)s", title=appr.place.title,
                             reason=reason[:300]), company_link=_company_link(appr))
    db.session.commit()
    return appr


def figures(actor) -> dict:
    """The office's apprenticeship figures (see _figures)."""
    access.require_office(actor)
    return _figures()


def _figures() -> dict:
    """Companies with apprentices, participants and completions (terminated ones are not counted): one query.
    Without an actor for the demo builders; every page goes through figures(actor)."""
    counted = Apprenticeship.status != rules.TERMINATED
    row = db.session.execute(
        select(func.count(func.distinct(ApprenticeshipPlace.company_id)), func.count(Apprenticeship.id),
               func.coalesce(func.sum(case((Apprenticeship.status == rules.COMPLETED, 1), else_=0)), 0),
               func.coalesce(func.sum(case((Apprenticeship.status == rules.ACTIVE, 1), else_=0)), 0),
               func.coalesce(func.sum(case((Apprenticeship.status == rules.AGREEMENT, 1), else_=0)), 0))
        .select_from(Apprenticeship).join(ApprenticeshipPlace, ApprenticeshipPlace.id == Apprenticeship.place_id)
        .where(counted)).one()
    return {"companies": row[0], "participants": row[1], "completed": int(row[2]), "active": int(row[3]),
            "awaiting_legalisation": int(row[4])}


# --- the student's logbook --------------------------------------------------------------------------------------

def active_of_student(actor) -> Apprenticeship | None:
    """The student's running apprenticeship (the one a logbook entry goes to), or None."""
    student = _student_of(actor)
    return None if student is None else db.session.scalar(
        select(Apprenticeship).where(Apprenticeship.student_id == student.id, Apprenticeship.status == rules.ACTIVE)
        .order_by(Apprenticeship.id).limit(1))


def entry_editable(entry: LogbookEntry) -> bool:
    """A student may change an entry until the mentor signs it, while the apprenticeship runs."""
    return entry.signed_at is None and entry.apprenticeship.status == rules.ACTIVE


def _active_of_student(actor) -> Apprenticeship:
    appr = active_of_student(actor)
    if appr is None:
        raise InvalidState(_l("Logbook baru dapat diisi setelah perjanjian pemagangan Anda disahkan Disnaker dan "
                              "selama pemagangan berjalan."))
    return appr


def _entry_input(activities: str, hours) -> tuple[str, int]:
    errors: dict[str, str] = {}
    activities = (activities or "").strip()
    if not rules.ACTIVITIES_MIN <= len(activities) <= rules.ACTIVITIES_MAX:
        errors["activities"] = _l("Tuliskan kegiatan minggu ini (%(low)s–%(high)s karakter): apa yang dikerjakan "
                                  "dan dipelajari.", low=rules.ACTIVITIES_MIN, high=rules.ACTIVITIES_MAX)
    if isinstance(hours, bool) or not isinstance(hours, int) or not rules.HOURS_MIN <= hours <= rules.HOURS_MAX:
        errors["hours"] = _l("Jumlah jam diisi angka bulat %(low)s–%(high)s.", low=rules.HOURS_MIN,
                             high=rules.HOURS_MAX)
    if errors:
        raise ValidationFailed(errors)
    return activities, hours


def write_entry(actor, *, week_start: date | None, activities: str, hours, today: date | None = None) -> LogbookEntry:
    """A new weekly entry on the student's active apprenticeship; one per week."""
    appr = _active_of_student(actor)
    today = today or date.today()
    if week_start is None:
        raise ValidationFailed({"week_start": _l("Pilih tanggal dalam minggu yang dicatat.")})
    week = rules.week_start(week_start)
    problem = rules.logbook_week_problem(week, appr.place.starts_on, appr.place.ends_on, today)
    activities, hours = _entry_input(activities, hours)
    if problem:
        raise ValidationFailed({"week_start": problem})
    taken = db.session.scalar(select(LogbookEntry.id).where(LogbookEntry.apprenticeship_id == appr.id,
                                                            LogbookEntry.week_start == week))
    if taken is not None:
        raise ValidationFailed({"week_start": _l("Minggu mulai %(week)s sudah punya catatan; ubah catatan itu "
                                                 "dari daftar logbook.", week=_day(week))})
    entry = LogbookEntry(apprenticeship_id=appr.id, week_start=week, activities=activities, hours=hours)
    db.session.add(entry)
    db.session.commit()
    return entry


def _student_entry(actor, entry_id: int) -> LogbookEntry:
    entry = db.session.get(LogbookEntry, entry_id)
    if entry is None or actor.role != Role.STUDENT.value or entry.apprenticeship.student.user_id != actor.id:
        raise NotFound(ENTRY_NOT_FOUND)
    return entry


def student_entry(actor, entry_id: int) -> LogbookEntry:
    return _student_entry(actor, entry_id)


def update_entry(actor, entry_id: int, *, activities: str, hours) -> LogbookEntry:
    entry = _student_entry(actor, entry_id)
    if entry.signed_at is not None:
        raise InvalidState(_l("Catatan ini sudah ditandatangani mentor dan tidak dapat diubah lagi."))
    if entry.apprenticeship.status != rules.ACTIVE:
        raise InvalidState(_l("Logbook hanya dapat diubah selama pemagangan berjalan."))
    entry.activities, entry.hours = _entry_input(activities, hours)
    db.session.commit()
    return entry


# --- the mentor -------------------------------------------------------------------------------------------------

def _require_mentor(actor, appr: Apprenticeship) -> None:
    place = appr.place
    if place.mentor_user_id is not None and place.mentor_user_id != actor.id:
        raise PermissionDenied(_l("Hanya mentor yang ditunjuk (%(mentor)s) yang dapat menandatangani logbook dan "
                                  "memberi penilaian akhir.", mentor=place.mentor_name))


def company_apprentice(actor, apprenticeship_id: int, *, lock: bool = False) -> Apprenticeship:
    company = company_of(actor)
    appr = _load(apprenticeship_id, lock=lock)
    if appr is None or appr.place.company_id != company.id:
        raise NotFound(NOT_FOUND)
    return appr


def company_apprentices(actor, page: int = 1, per_page: int = PER_PAGE, *,
                        after: str | None = None, before: str | None = None):
    company = company_of(actor)
    query = (select(Apprenticeship).join(ApprenticeshipPlace, ApprenticeshipPlace.id == Apprenticeship.place_id)
             .where(ApprenticeshipPlace.company_id == company.id)
             .options(joinedload(Apprenticeship.place), joinedload(Apprenticeship.student).joinedload(Student.person))
             .order_by(Apprenticeship.created_at.desc(), Apprenticeship.id.desc()))
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def sign_entry(actor, entry_id: int, note: str = "") -> LogbookEntry:
    company = company_of(actor)
    entry = db.session.get(LogbookEntry, entry_id, with_for_update=True)
    if entry is None or entry.apprenticeship.place.company_id != company.id:
        raise NotFound(ENTRY_NOT_FOUND)
    appr = entry.apprenticeship
    _require_mentor(actor, appr)
    if entry.signed_at is not None:
        raise InvalidState(_l("Catatan ini sudah ditandatangani."))
    if appr.status != rules.ACTIVE:
        raise InvalidState(_l("Logbook hanya dapat ditandatangani selama pemagangan berjalan."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationFailed({"note": _l("Catatan mentor paling panjang 2000 karakter; singkatkan.")})
    entry.mentor_note, entry.signed_by_id, entry.signed_at = note or None, actor.id, datetime.now(UTC)
    if appr.student.user is not None:
        notify(appr.student.user, _l("Mentor menandatangani logbook minggu %(week)s.", week=_day(entry.week_start)),
               link=STUDENT_LINK)
    db.session.commit()
    return entry


def _signed_entries(appr: Apprenticeship) -> int:
    return db.session.scalar(select(func.count(LogbookEntry.id)).where(
        LogbookEntry.apprenticeship_id == appr.id, LogbookEntry.signed_at.is_not(None))) or 0


def assessment_readiness(appr: Apprenticeship, *, now: datetime | None = None) -> dict:
    """Whether the mentor may give the final assessment now: {"ready", "signed", "opens_on", "problem", "days"}.

    It needs an active apprenticeship, at least one signed logbook entry, and a day (WITA) no earlier than
    ASSESSMENT_DAYS_BEFORE_END days before the place ends. `problem` says in Indonesian why not (None when ready)."""
    opens_on = assessment_opens_on(appr.place.ends_on)
    today = (now or datetime.now(UTC)).astimezone(WITA).date()
    signed = _signed_entries(appr)
    problem = None
    if appr.status != rules.ACTIVE:
        problem = _l("Penilaian akhir hanya dapat diberikan pada pemagangan yang sedang berjalan (perjanjian sudah "
                     "disahkan dan belum selesai).")
    elif not signed:
        problem = _l("Belum ada catatan logbook yang ditandatangani. Tandatangani minimal satu catatan mingguan "
                     "peserta sebelum memberi penilaian akhir.")
    elif today < opens_on:
        problem = _l("Penilaian akhir baru dapat diberikan mulai %(opens)s, yaitu %(days)s hari sebelum magang "
                     "selesai (%(ends)s).", opens=_day(opens_on), days=ASSESSMENT_DAYS_BEFORE_END,
                     ends=_day(appr.place.ends_on))
    return {"ready": problem is None, "signed": signed, "opens_on": opens_on, "problem": problem,
            "days": ASSESSMENT_DAYS_BEFORE_END}


def assess(actor, apprenticeship_id: int, *, score, note: str, now: datetime | None = None) -> Apprenticeship:
    """The mentor's final assessment: completes the apprenticeship and issues the certificate.

    Possible from ASSESSMENT_DAYS_BEFORE_END days before the place ends (the day is taken in WITA)."""
    appr = company_apprentice(actor, apprenticeship_id, lock=True)
    _require_mentor(actor, appr)
    now = now or datetime.now(UTC)
    problem = assessment_readiness(appr, now=now)["problem"]
    if problem:
        raise InvalidState(problem)
    errors: dict[str, str] = {}
    if isinstance(score, bool) or not isinstance(score, int) or not rules.SCORE_MIN <= score <= rules.SCORE_MAX:
        errors["score"] = _l("Nilai akhir diisi angka bulat 0–100.")
    note = (note or "").strip()
    if not 5 <= len(note) <= 2000:
        errors["note"] = _l("Tulis catatan penilaian (5–2000 karakter): kekuatan dan hal yang perlu ditingkatkan.")
    if errors:
        raise ValidationFailed(errors)
    appr.status = rules.COMPLETED
    appr.final_score, appr.assessment_note, appr.assessed_by_id = score, note, actor.id
    appr.completed_at = now
    appr.certificate_number = rules.certificate_number(now.year, appr.id)
    audit.record(actor, "apprenticeship.assessed", appr, detail={"score": score,
                                                                 "certificate": appr.certificate_number})
    if appr.student.user is not None:
        notify(appr.student.user, _l("Pemagangan %(title)s selesai dengan nilai %(score)s. Sertifikat %(number)s "
                                     "dapat dicetak.", title=appr.place.title, score=score,
                                     number=appr.certificate_number), link=STUDENT_LINK)
    db.session.commit()
    return appr
