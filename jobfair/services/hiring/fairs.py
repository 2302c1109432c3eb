"""Job fairs: the office creates them, verified companies take booths and attach vacancies, seekers pre-register
(free, capacity enforced in the database) and are checked in at the door; walk-ins are registered on the spot.

Both quotas (booths, online registrations) are held in the database: a conditional UPDATE on the counter plus
unique constraints, so two clicks at once can never exceed them (proven on PostgreSQL in the concurrency test).
"""

import secrets
from datetime import date, datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationStatus,
    Company,
    FairBooth,
    FairRegistration,
    JobFair,
    Placement,
    PlacementStatus,
    Role,
    SeekerProfile,
    Vacancy,
    VacancyStatus,
)
from jobfair.rules import numbers
from jobfair.services import audit
from jobfair.services.access import has_role, require_office, require_role
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed

TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out and type
TICKET_LENGTH = 8
# Vacancies the public sees and the figures count; drafts and returned ones are not (yet) real offers.
COUNTED_STATUSES = (VacancyStatus.PUBLISHED.value, VacancyStatus.CLOSED.value, VacancyStatus.FILLED.value)
OPEN_STATUSES = (VacancyStatus.DRAFT.value, VacancyStatus.SUBMITTED.value, VacancyStatus.PUBLISHED.value,
                 VacancyStatus.RETURNED.value)
MAX_BOOTHS = 1000
MAX_CAPACITY = 100_000


def was_published():
    """What the fair page, reports and city figures count: vacancies the office published (closed or filled since
    included); a draft or submitted vacancy closed before publication (no published_at) was never an offer."""
    return and_(Vacancy.status.in_(COUNTED_STATUSES),
                or_(Vacancy.status != VacancyStatus.CLOSED.value, Vacancy.published_at.is_not(None)))


BUSY = _l("Pendaftaran gagal karena sistem sibuk. Coba lagi sebentar lagi.")


def new_ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def normalize_code(raw: str | None) -> str:
    """What a person typed or a scanner sent: upper case, without spaces or dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:32]


def wita_time(moment: datetime) -> str:
    """A moment in WITA (the configured BABEL_DEFAULT_TIMEZONE), e.g. "05-12-2025 09.30 WITA"."""
    return format_datetime(moment, "dd-MM-yyyy HH.mm") + " WITA"


def get_fair(fair_id: int) -> JobFair:
    fair = db.session.get(JobFair, fair_id)
    if fair is None:
        raise NotFound(_l("Bursa kerja tidak ditemukan."))
    return fair


def list_fairs(page: int = 1, per_page: int = 20):
    query = select(JobFair).order_by(JobFair.starts_on.desc(), JobFair.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def is_over(fair: JobFair, today: date | None = None) -> bool:
    """The fair's last day has passed: no more registrations or booths, only its report."""
    return fair.ends_on < (today or date.today())


def next_fair(today: date | None = None) -> JobFair | None:
    """The nearest fair still to come or under way today (its last day is today or later), or None."""
    today = today or date.today()
    return db.session.scalar(select(JobFair).where(JobFair.ends_on >= today)
                             .order_by(JobFair.starts_on, JobFair.id).limit(1))


def _not_over(fair: JobFair, today: date | None, message) -> None:
    if is_over(fair, today):
        raise InvalidState(message)


def _held_at(model, fair_id: int, **holder):
    """The one row of `model` (a booth, a registration) its holder (a company, a seeker) has at a fair, or None."""
    return db.session.scalar(select(model).filter_by(fair_id=fair_id, **holder))


def _take_one(fair: JobFair, taken, limit) -> int | None:
    """One more of a fair's quota (`taken` counts up to `limit`) with one conditional UPDATE, so two clicks at
    once never pass the limit: the new count, or None when the quota is full."""
    return db.session.scalar(update(JobFair).where(JobFair.id == fair.id, taken < limit)
                             .values({taken: taken + 1}).returning(taken)
                             .execution_options(synchronize_session=False))


def _clean_fair_fields(fields: dict, current: JobFair | None = None) -> dict:
    errors: dict[str, str] = {}
    name = (fields.get("name") or "").strip()
    if not 3 <= len(name) <= 160:
        errors["name"] = _l("Nama bursa kerja wajib diisi, 3 sampai 160 karakter.")
    venue = (fields.get("venue") or "").strip()
    if not 3 <= len(venue) <= 255:
        errors["venue"] = _l("Tempat wajib diisi, misalnya 'BSCC Dome, Jl. Ruhui Rahayu'.")
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on is None:
        errors["starts_on"] = _l("Tanggal mulai wajib diisi.")
    if ends_on is None:
        errors["ends_on"] = _l("Tanggal selesai wajib diisi.")
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _l("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    booth_count, capacity = fields.get("booth_count"), fields.get("capacity")
    if booth_count is None or not 1 <= booth_count <= MAX_BOOTHS:
        errors["booth_count"] = _l("Jumlah stan harus angka 1 sampai %(limit)s.", limit=numbers.number(MAX_BOOTHS))
    elif current is not None and booth_count < current.booths_taken:
        errors["booth_count"] = _l("Sudah %(count)s stan terisi; jumlah stan tidak boleh kurang dari itu.",
                                   count=numbers.number(current.booths_taken))
    if capacity is None or not 0 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _l("Kapasitas pendaftaran harus angka 0 sampai %(limit)s.",
                                limit=numbers.number(MAX_CAPACITY))
    elif current is not None and capacity < current.registered_count:
        errors["capacity"] = _l("Sudah %(count)s pencari kerja mendaftar; kapasitas tidak boleh kurang dari itu.",
                                count=numbers.number(current.registered_count))
    if errors:
        raise ValidationFailed(errors)
    return dict(name=name, venue=venue, starts_on=starts_on, ends_on=ends_on, booth_count=booth_count,
                capacity=capacity, description=(fields.get("description") or "").strip())


def create_fair(actor, *, name: str, starts_on: date | None, ends_on: date | None, venue: str,
                description: str = "", booth_count: int | None, capacity: int | None) -> JobFair:
    require_office(actor)
    values = _clean_fair_fields(dict(name=name, starts_on=starts_on, ends_on=ends_on, venue=venue,
                                     description=description, booth_count=booth_count, capacity=capacity))
    fair = JobFair(**values, booths_taken=0, registered_count=0, created_by_id=actor.id)
    db.session.add(fair)
    db.session.flush()
    audit.record(actor, "fair.created", fair, detail={"booth_count": booth_count, "capacity": capacity})
    db.session.commit()
    return fair


def update_fair(actor, fair_id: int, *, name: str, starts_on: date | None, ends_on: date | None, venue: str,
                description: str = "", booth_count: int | None, capacity: int | None) -> JobFair:
    require_office(actor)
    fair = get_fair(fair_id)
    values = _clean_fair_fields(dict(name=name, starts_on=starts_on, ends_on=ends_on, venue=venue,
                                     description=description, booth_count=booth_count, capacity=capacity), fair)
    for key, value in values.items():
        setattr(fair, key, value)
    audit.record(actor, "fair.updated", fair, detail={"booth_count": booth_count, "capacity": capacity})
    try:
        db.session.commit()
    except IntegrityError as exc:  # a booth or registration taken meanwhile below the new limit
        db.session.rollback()
        raise ValidationFailed({"capacity": _l("Jumlah stan atau kapasitas baru saja terisi melebihi angka baru; "
                                               "muat ulang dan coba lagi.")}) from exc
    return fair


def _company_of(actor) -> Company:
    require_role(actor, Role.COMPANY.value)
    if actor.company is None:
        raise NotFound(_l("Perusahaan tidak ditemukan."))
    return actor.company


def booth_of(company_id: int, fair_id: int) -> FairBooth | None:
    return _held_at(FairBooth, fair_id, company_id=company_id)


def take_booth(actor, fair_id: int, *, today: date | None = None) -> FairBooth:
    company = _company_of(actor)
    fair = get_fair(fair_id)
    if not company.is_verified:
        raise InvalidState(_l("Perusahaan Anda belum diverifikasi Disnaker. Stan dapat diambil setelah verifikasi."))
    existing = booth_of(company.id, fair.id)
    if existing is not None:
        raise InvalidState(_l("Perusahaan Anda sudah memiliki stan nomor %(number)s di bursa ini.",
                              number=existing.booth_number))
    _not_over(fair, today, _l("Bursa kerja ini sudah selesai; stan tidak dapat diambil lagi."))
    number = _take_one(fair, JobFair.booths_taken, JobFair.booth_count)
    if number is None:
        db.session.rollback()
        raise InvalidState(_l("Semua stan bursa kerja ini sudah terisi. Hubungi Disnaker bila ingin masuk daftar "
                              "tunggu."))
    booth = FairBooth(fair_id=fair.id, company_id=company.id, booth_number=number)
    db.session.add(booth)
    try:
        db.session.flush()
    except IntegrityError as exc:  # the same company clicked twice at once: the counter rolls back too
        db.session.rollback()
        raise InvalidState(_l("Perusahaan Anda sudah memiliki stan di bursa kerja ini.")) from exc
    audit.record(actor, "fair.booth_taken", booth, detail={"fair_id": fair.id, "booth_number": number})
    db.session.commit()
    db.session.refresh(fair)
    return booth


def _own_vacancy(company: Company, vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.company_id != company.id:
        raise NotFound(_l("Lowongan tidak ditemukan."))
    return vacancy


def attach_vacancy(actor, fair_id: int, vacancy_id: int) -> Vacancy:
    company = _company_of(actor)
    fair = get_fair(fair_id)
    vacancy = _own_vacancy(company, vacancy_id)
    if booth_of(company.id, fair.id) is None:
        raise InvalidState(_l("Ambil stan di bursa kerja ini terlebih dahulu, baru pasang lowongan."))
    if vacancy.status not in OPEN_STATUSES:
        raise InvalidState(_l("Lowongan yang sudah ditutup atau terpenuhi tidak dapat dipasang di bursa kerja."))
    vacancy.job_fair_id = fair.id
    audit.record(actor, "fair.vacancy_attached", vacancy, detail={"fair_id": fair.id})
    db.session.commit()
    return vacancy


def detach_vacancy(actor, fair_id: int, vacancy_id: int) -> Vacancy:
    company = _company_of(actor)
    fair = get_fair(fair_id)
    vacancy = _own_vacancy(company, vacancy_id)
    if vacancy.job_fair_id != fair.id:
        raise NotFound(_l("Lowongan ini tidak terpasang di bursa kerja tersebut."))
    vacancy.job_fair_id = None
    audit.record(actor, "fair.vacancy_detached", vacancy, detail={"fair_id": fair.id})
    db.session.commit()
    return vacancy


def company_fair_view(actor, fair_id: int) -> dict:
    """What the company's fair page shows: the fair, its booth (or None) and its own vacancies."""
    company = _company_of(actor)
    fair = get_fair(fair_id)
    vacancies = db.session.scalars(select(Vacancy).where(Vacancy.company_id == company.id)
                                   .order_by(Vacancy.id.desc())).all()
    return {"fair": fair, "company": company, "booth": booth_of(company.id, fair.id), "vacancies": vacancies,
            "over": is_over(fair)}


def _seeker_of(actor) -> SeekerProfile:
    require_role(actor, Role.SEEKER.value)
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == actor.id))
    if profile is None:
        raise NotFound(_l("Profil pencari kerja tidak ditemukan."))
    return profile


def registration_of(seeker_id: int, fair_id: int) -> FairRegistration | None:
    return _held_at(FairRegistration, fair_id, seeker_id=seeker_id)


def pre_register(actor, fair_id: int, *, today: date | None = None) -> FairRegistration:
    """Free online pre-registration (Permenaker 39/2016 art. 54: no charge); once per seeker, within capacity."""
    seeker = _seeker_of(actor)
    fair = get_fair(fair_id)
    if registration_of(seeker.id, fair.id) is not None:
        raise InvalidState(_l("Anda sudah terdaftar di bursa kerja ini. Buka tiket Anda dari halaman bursa kerja."))
    _not_over(fair, today, _l("Bursa kerja ini sudah selesai; pendaftaran ditutup."))
    for _attempt in range(3):
        if _take_one(fair, JobFair.registered_count, JobFair.capacity) is None:
            db.session.rollback()
            raise InvalidState(_l("Kuota pendaftaran online bursa kerja ini sudah penuh. Anda tetap dapat datang "
                                  "langsung dan didaftarkan di lokasi."))
        registration = FairRegistration(fair_id=fair.id, seeker_id=seeker.id, ticket_code=new_ticket_code(),
                                        walk_in=False)
        db.session.add(registration)
        try:
            db.session.flush()
        except IntegrityError as exc:
            db.session.rollback()
            if registration_of(seeker.id, fair.id) is not None:  # a second click at the same moment
                raise InvalidState(_l("Anda sudah terdaftar di bursa kerja ini.")) from exc
            continue  # a ticket code collision (rare): try again with a new code
        audit.record(actor, "fair.pre_registered", registration, detail={"fair_id": fair.id})
        db.session.commit()
        return registration
    raise InvalidState(BUSY)


def my_ticket(actor, fair_id: int) -> FairRegistration:
    seeker = _seeker_of(actor)
    registration = registration_of(seeker.id, fair_id)
    if registration is None:
        raise NotFound(_l("Anda belum terdaftar di bursa kerja ini."))
    return registration


def seeker_status(actor, fair_id: int) -> FairRegistration | None:
    """The seeker's registration for this fair, or None (for the public fair page)."""
    if not has_role(actor, Role.SEEKER.value):
        return None

    return registration_of(_seeker_of(actor).id, fair_id)


def fair_companies(fair_id: int) -> list[tuple[int, str]]:
    """(booth number, company name) in booth order."""
    rows = db.session.execute(select(FairBooth.booth_number, Company.name).join(Company)
                              .where(FairBooth.fair_id == fair_id).order_by(FairBooth.booth_number))
    return [tuple(row) for row in rows]


def fair_vacancies(fair_id: int, *, page: int = 1, per_page: int = 30):
    query = (select(Vacancy).where(Vacancy.job_fair_id == fair_id, was_published())
             .order_by(Vacancy.title, Vacancy.id))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def fair_figures(fair_id: int) -> dict:
    """The fair's figures so far, in four aggregate queries whatever the size of the fair."""
    fair = get_fair(fair_id)
    companies = db.session.scalar(select(func.count(FairBooth.id)).where(FairBooth.fair_id == fair.id)) or 0
    vacancies, titles, openings = db.session.execute(
        select(func.count(Vacancy.id), func.count(func.distinct(func.lower(Vacancy.title))),
               func.coalesce(func.sum(Vacancy.openings), 0))
        .where(Vacancy.job_fair_id == fair.id, was_published())).one()
    registrants, walk_ins, attendees = db.session.execute(
        select(func.count(FairRegistration.id),
               func.coalesce(func.sum(case((FairRegistration.walk_in.is_(True), 1), else_=0)), 0),
               func.count(FairRegistration.checked_in_at))
        .where(FairRegistration.fair_id == fair.id)).one()
    applications, hires, verified = db.session.execute(
        select(func.count(Application.id),
               func.coalesce(func.sum(case((Application.status == ApplicationStatus.HIRED.value, 1), else_=0)), 0),
               func.count(Placement.id).filter(Placement.status == PlacementStatus.VERIFIED.value))
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .outerjoin(Placement, Placement.application_id == Application.id)
        .where(Vacancy.job_fair_id == fair.id, was_published())).one()
    return {
        "companies": companies, "vacancies": vacancies, "job_titles": titles, "openings": int(openings),
        "registrants": registrants - int(walk_ins), "walk_ins": int(walk_ins), "attendees": attendees,
        "applications": applications, "hires": int(hires), "verified_placements": verified,
        "placement_rate": placement_rate(verified, int(openings)),
    }


def placement_rate(verified: int, openings: int) -> float | None:
    """Verified placements as a percentage of openings (one decimal), None without openings."""
    return round(100.0 * verified / openings, 1) if openings else None
