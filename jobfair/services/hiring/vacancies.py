"""Vacancies: written by a company, moderated by the office, read by seekers (Perpres 57/2023)."""

from datetime import UTC, date, datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair import labels
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Company, EducationLevel, EmploymentType, FairBooth, JobFair, User, Vacancy, VacancyStatus
from jobfair.rules import numbers, vacancy_rules
from jobfair.services import audit, review_desk
from jobfair.services.access import office_object, require_office
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring.companies import company_of, own_list, own_object
from jobfair.services.notifications import notify
from jobfair.services.reference import kecamatan_exists

TEXT_FIELDS = ("title", "kbji_code", "description", "majors", "skills")
FIELDS = (*TEXT_FIELDS, "openings", "valid_from", "valid_until", "education_min", "experience_years", "age_min",
          "age_max", "sex_required", "wage_min", "wage_max", "wage_negotiable", "kecamatan_code", "employment_type",
          "disability_friendly", "job_fair_id")
DESCRIPTION_MAX = 5000
NOT_FOUND = _l("Lowongan tidak ditemukan.")
DAY = "dd-MM-yyyy"  # a date in a choice or a message


def _today(today: date | None) -> date:
    return today or date.today()


def clean_fields(fields: dict) -> dict:
    """The vacancy fields of a form (or a paper batch row) trimmed and defaulted; TypeError on an unknown one."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    values = dict(fields)
    for name in TEXT_FIELDS:
        values[name] = (values.get(name) or "").strip()
    for name in ("education_min", "kecamatan_code", "sex_required"):
        values[name] = values.get(name) or None
    values["kbji_code"] = values["kbji_code"] or None
    values["employment_type"] = values.get("employment_type") or "permanent"
    values["experience_years"] = values.get("experience_years") or 0
    values["disability_friendly"] = bool(values.get("disability_friendly"))
    values["wage_negotiable"] = bool(values.get("wage_negotiable"))
    values["job_fair_id"] = values.get("job_fair_id") or None
    for name in ("openings", "valid_from", "valid_until", "age_min", "age_max", "wage_min", "wage_max"):
        values.setdefault(name, None)
    return values


DESCRIPTION_TOO_LONG = _l("Uraian pekerjaan paling panjang %(limit)s karakter; singkatkan.",
                          limit=numbers.number(DESCRIPTION_MAX))
EDUCATION_FROM_LIST = _l("Pilih pendidikan minimum dari daftar.")
KECAMATAN_FROM_LIST = _l("Pilih kecamatan lokasi kerja dari daftar.")


def field_problems(values: dict, today: date, *, education_known, kecamatan_known) -> dict[str, str]:
    """What is wrong with cleaned vacancy fields (rules.vacancy_rules, the description's length, the education
    level and the kecamatan from their lists); `education_known(code)` / `kecamatan_known(code)` look a code up."""
    problems = vacancy_rules.vacancy_problems(values, today)
    if len(values["description"]) > DESCRIPTION_MAX:
        problems["description"] = DESCRIPTION_TOO_LONG
    if values["education_min"] and not education_known(values["education_min"]):
        problems["education_min"] = EDUCATION_FROM_LIST
    if values["kecamatan_code"] and not kecamatan_known(values["kecamatan_code"]):
        problems["kecamatan_code"] = KECAMATAN_FROM_LIST
    return problems


def _validate(values: dict, today: date, company_id: int) -> None:
    problems = field_problems(values, today, kecamatan_known=kecamatan_exists,
                              education_known=lambda code: db.session.get(EducationLevel, code) is not None)
    if values["job_fair_id"] is not None and values["job_fair_id"] not in _open_fairs_with_booth(company_id, today):
        problems["job_fair_id"] = _l("Pilih bursa kerja yang belum selesai dan tempat perusahaan Anda sudah "
                                     "mengambil stan (menu Bursa kerja), atau kosongkan.")
    if problems:
        raise ValidationFailed(problems)


def _complete(vacancy: Vacancy) -> dict[str, str]:
    """The Perpres 57/2023 fields a vacancy still lacks before moderation (rules.vacancy_rules)."""
    return vacancy_rules.submission_problems({name: getattr(vacancy, name) for name in FIELDS})


def company_vacancy(actor, vacancy_id: int, *, lock: bool = False) -> Vacancy:
    return own_object(actor, Vacancy, vacancy_id, NOT_FOUND, lock=lock)


def _move(vacancy: Vacancy, to_state: str, message) -> None:
    if not vacancy_rules.allowed_transition(vacancy.status, to_state):
        raise InvalidState(message)
    vacancy.status = to_state


def create_draft(actor, *, today: date | None = None, **fields) -> Vacancy:
    company = company_of(actor)
    values = clean_fields(fields)
    _validate(values, _today(today), company.id)
    vacancy = Vacancy(company_id=company.id, status=VacancyStatus.DRAFT.value, hired_count=0, **values)
    db.session.add(vacancy)
    db.session.flush()
    audit.record(actor, "vacancy.created", vacancy)
    db.session.commit()
    return vacancy


def update(actor, vacancy_id: int, *, today: date | None = None, **fields) -> Vacancy:
    vacancy = company_vacancy(actor, vacancy_id, lock=True)
    if not vacancy_rules.is_editable(vacancy.status):
        raise InvalidState(_l("Lowongan hanya dapat diubah selagi berstatus draf atau dikembalikan oleh Disnaker."))
    values = clean_fields(fields)
    _validate(values, _today(today), vacancy.company_id)
    for name, value in values.items():
        setattr(vacancy, name, value)
    audit.record(actor, "vacancy.updated", vacancy)
    db.session.commit()
    return vacancy


def submit(actor, vacancy_id: int, *, today: date | None = None) -> Vacancy:
    vacancy = company_vacancy(actor, vacancy_id, lock=True)
    if not vacancy.company.is_verified:
        raise InvalidState(_l("Perusahaan Anda belum diverifikasi Disnaker, jadi lowongan belum dapat diajukan untuk "
                              "tayang. Lengkapi profil perusahaan dan tunggu verifikasi; draf tetap tersimpan."))
    if vacancy.valid_until < _today(today):
        raise InvalidState(_l("Masa berlaku lowongan sudah lewat. Ubah tanggal akhir berlaku lalu ajukan lagi."))
    if vacancy_rules.is_editable(vacancy.status) and (missing := _complete(vacancy)):
        raise ValidationFailed(missing)  # the draft stays as it is: the page shows what to fill in
    _move(vacancy, VacancyStatus.SUBMITTED.value, _l("Lowongan ini tidak dapat diajukan dari status sekarang."))
    vacancy.submitted_at = datetime.now(UTC)
    vacancy.return_reason = None
    audit.record(actor, "vacancy.submitted", vacancy)
    db.session.commit()
    return vacancy


def close(actor, vacancy_id: int) -> Vacancy:
    vacancy = company_vacancy(actor, vacancy_id, lock=True)
    _move(vacancy, VacancyStatus.CLOSED.value, _l("Lowongan ini sudah ditutup atau terpenuhi."))
    vacancy.closed_at = datetime.now(UTC)
    audit.record(actor, "vacancy.closed", vacancy)
    db.session.commit()
    return vacancy


company_vacancies = own_list(Vacancy)


def _open_fairs_with_booth(company_id: int, today: date) -> dict[int, JobFair]:
    """Fairs a company may put a vacancy in: not yet over, and the company holds a booth there."""
    query = (select(JobFair).join(FairBooth, FairBooth.fair_id == JobFair.id)
             .where(FairBooth.company_id == company_id, JobFair.ends_on >= today).order_by(JobFair.starts_on))
    return {fair.id: fair for fair in db.session.scalars(query)}


def job_fair_choices(actor, today: date | None = None) -> list[tuple[int, str]]:
    fairs = _open_fairs_with_booth(company_of(actor).id, _today(today))
    return [(f.id, f"{f.name} ({format_date(f.starts_on, DAY)})") for f in fairs.values()]


# --- the office -------------------------------------------------------------------------------------------------

moderation_queue = review_desk.queue(Vacancy, VacancyStatus.SUBMITTED.value, Vacancy.submitted_at)


def office_vacancy(actor, vacancy_id: int, *, lock: bool = False) -> Vacancy:
    return office_object(actor, Vacancy, vacancy_id, NOT_FOUND, lock=lock)


def _notify_company(vacancy: Vacancy, message) -> None:
    for user in db.session.scalars(select(User).where(User.company_id == vacancy.company_id)):
        notify(user, message, link=Link("companies.vacancy_detail", {"vacancy_id": vacancy.id}))


def publish(actor, vacancy_id: int, *, today: date | None = None) -> Vacancy:
    vacancy = office_vacancy(actor, vacancy_id, lock=True)  # two officers at once: one decides
    if not vacancy.company.is_verified:
        raise InvalidState(_l("Perusahaan pemilik lowongan ini belum diverifikasi; verifikasi perusahaan lebih "
                              "dulu."))
    if vacancy.status == VacancyStatus.SUBMITTED.value and vacancy.valid_until < _today(today):
        raise InvalidState(_l("Masa berlaku lowongan sudah lewat; kembalikan ke perusahaan agar tanggalnya "
                              "diperbaiki."))
    if vacancy.status == VacancyStatus.SUBMITTED.value and _complete(vacancy):
        raise InvalidState(_l("Lowongan ini belum lengkap menurut Perpres 57/2023 (upah, lokasi kerja dan "
                              "pendidikan minimum); kembalikan ke perusahaan agar dilengkapi."))
    _move(vacancy, VacancyStatus.PUBLISHED.value,
          _l("Hanya lowongan yang sedang menunggu moderasi dapat ditayangkan."))
    vacancy.published_at = datetime.now(UTC)
    audit.record(actor, "vacancy.published", vacancy)
    _notify_company(vacancy, _l("Lowongan '%(title)s' sudah ditayangkan Disnaker.", title=vacancy.title))
    db.session.commit()
    return vacancy


def return_vacancy(actor, vacancy_id: int, reason: str) -> Vacancy:
    vacancy = review_desk.still_in(office_vacancy(actor, vacancy_id, lock=True), VacancyStatus.SUBMITTED.value,
                                   _l("Hanya lowongan yang sedang menunggu moderasi dapat dikembalikan."))
    reason = review_desk.written_reason(reason, _l("Tulis alasan pengembalian (minimal %(minimum)s karakter) agar "
                                                   "perusahaan tahu apa yang harus diperbaiki.", minimum=5))
    _move(vacancy, VacancyStatus.RETURNED.value, _l("Lowongan ini tidak dapat dikembalikan."))
    vacancy.return_reason = reason[:2000]
    audit.record(actor, "vacancy.returned", vacancy, detail={"reason": vacancy.return_reason})
    _notify_company(vacancy, _l("Lowongan '%(title)s' dikembalikan Disnaker: %(reason)s", title=vacancy.title,
                                reason=vacancy.return_reason))
    db.session.commit()
    return vacancy


def close_expired(today: date | None = None) -> int:
    """Close published vacancies whose validity has ended; returns how many."""
    today = _today(today)
    expired = db.session.scalars(select(Vacancy).where(Vacancy.status == VacancyStatus.PUBLISHED.value,
                                                       Vacancy.valid_until < today)).all()
    now = datetime.now(UTC)
    for vacancy in expired:
        vacancy.status = VacancyStatus.CLOSED.value
        vacancy.closed_at = now
        audit.record(None, "vacancy.expired", vacancy)
        _notify_company(vacancy, _l("Lowongan '%(title)s' ditutup otomatis karena masa berlakunya berakhir.",
                                    title=vacancy.title))
    db.session.commit()
    return len(expired)


def mark_filled_if_full(vacancy: Vacancy) -> bool:
    """Call after a hire (in the hire's unit of work): a published vacancy whose hires reach openings is filled."""
    if vacancy.status == VacancyStatus.PUBLISHED.value and vacancy.hired_count >= vacancy.openings:
        vacancy.status = VacancyStatus.FILLED.value
        vacancy.closed_at = datetime.now(UTC)
        return True
    return False


def public_vacancy(vacancy_id: int, today: date | None = None) -> Vacancy:
    """A vacancy anyone may see: published, its company verified, within its validity period."""
    today = _today(today)
    vacancy = db.session.get(Vacancy, vacancy_id)
    if (vacancy is None or vacancy.status != VacancyStatus.PUBLISHED.value or not vacancy.company.is_verified
            or not vacancy.valid_from <= today <= vacancy.valid_until):
        raise NotFound(NOT_FOUND)
    return vacancy


PERPRES_HEADERS = ("ID", "Perusahaan", "NIB", "KBLI", "Sektor KBLI", "Jabatan", "KBJI", "Jumlah kebutuhan",
                   "Terisi", "Sisa", "Berlaku mulai", "Berlaku sampai", "Pendidikan minimum", "Jurusan", "Keahlian",
                   "Pengalaman (tahun)", "Usia minimum", "Usia maksimum", "Jenis kelamin", "Upah minimum (Rp)",
                   "Upah maksimum (Rp)", "Upah dapat dinegosiasikan", "Lokasi kerja (kecamatan)", "Hubungan kerja",
                   "Terbuka disabilitas", "Bursa kerja", "Status", "Tayang pada")


def perpres_report(actor) -> tuple[tuple[str, ...], list[list]]:
    """The Perpres 57/2023 vacancy report: every vacancy past draft with its fields and filled count."""
    require_office(actor)
    query = (select(Vacancy).join(Company).where(Vacancy.status != VacancyStatus.DRAFT.value)
             .order_by(Company.name, Vacancy.id))
    rows = []
    for v in db.session.scalars(query):
        rows.append([
            v.id, v.company.name, v.company.nib, v.company.kbli_code or "",
            labels.sector_of_code(v.company.kbli_code) if v.company.kbli_code else "", v.title,
            v.kbji_code or "", v.openings, v.hired_count, v.openings - v.hired_count, v.valid_from, v.valid_until,
            v.education_min or "",
            v.majors, v.skills, v.experience_years, v.age_min, v.age_max, v.sex_required or "semua", v.wage_min,
            v.wage_max, "ya" if v.wage_negotiable else "tidak", v.kecamatan.name if v.kecamatan else "",
            str(labels.label(EmploymentType, v.employment_type)), "ya" if v.disability_friendly else "tidak",
            v.job_fair.name if v.job_fair else "",
            str(labels.label(VacancyStatus, v.status)),
            v.published_at.astimezone(UTC).replace(tzinfo=None) if v.published_at else None,
        ])
    return PERPRES_HEADERS, rows


# --- bulk approval on the review desk ---------------------------------------------------------------------------

def publish_many(actor, vacancy_ids, *, today: date | None = None) -> tuple[list[int], dict[int, str]]:
    """Publish several submitted vacancies, each through publish() (same checks, audit and notifications, one
    commit each). Returns (published ids, {id: why it was not published}); a failing item does not stop the rest."""
    require_office(actor)
    return review_desk.decide_each(
        vacancy_ids, lambda vacancy_id: publish(actor, vacancy_id, today=today),
        none_ticked=_l("Centang minimal satu lowongan yang akan ditayangkan."),
        too_many=_l("Paling banyak %(limit)s lowongan sekali tayang.", limit=numbers.number(review_desk.BULK_MAX)))
