"""Applications, company side: applicants per vacancy with fit scores, CV download, status changes, interview
invitations and hiring. Hires never exceed openings: one conditional UPDATE on the vacancy decides."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationStatus,
    ContractType,
    EducationLevel,
    Interview,
    Placement,
    PlacementStatus,
    SeekerProfile,
    User,
    Vacancy,
    VacancyStatus,
)
from jobfair.models.base import utcnow
from jobfair.privacy_notices import CV_SHARING
from jobfair.rules import application_states as states
from jobfair.rules import money, numbers
from jobfair.rules.fit import FitResult, SeekerFacts
from jobfair.rules.numbers import rupiah
from jobfair.services import audit, keyset, reference
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring import search
from jobfair.services.hiring.applications import (
    DAY,
    NOT_FOUND,
    NOTE_LABEL,
    NOTE_MAX,
    ApplicationView,
    clean_text,
    cv_file,
    move_status,
    record_move,
    seeker_link,
    view_of,
)
from jobfair.services.notifications import notify
from jobfair.services.privacy import consents

PLACE_MAX = 255
WAGE_MAX = 1_000_000_000
FULL = _l("Semua lowongan untuk posisi ini sudah terisi.")
# Plain status changes; interview and hire have their own forms.
PLAIN_TARGETS = (ApplicationStatus.REVIEWED.value, ApplicationStatus.SHORTLISTED.value,
                 ApplicationStatus.REJECTED.value)


@dataclass(frozen=True)
class ApplicantView:
    view: ApplicationView
    fit: FitResult
    cv_available: bool
    # The seeker's CV-sharing consent (UU PDP): without it the company sees the name, the application and its
    # history only — no CV, education, skills, experience, district or contact, and no fit reasons (which quote
    # the profile). The score stays: it is the office's ranking of the application, not profile data.
    profile_shared: bool = True


def profile_shared(application: Application) -> bool:
    return consents.has_consent(application.seeker.person, CV_SHARING)


def _company_id(actor: User) -> int:
    if actor.company_id is None:
        raise NotFound(_l("Perusahaan tidak ditemukan."))
    return actor.company_id


def own_vacancy(actor: User, vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.company_id != _company_id(actor):
        raise NotFound(_l("Lowongan tidak ditemukan."))
    return vacancy


def own_application(actor: User, application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None or application.vacancy.company_id != _company_id(actor):
        raise NotFound(NOT_FOUND)
    return application


def applicants(actor: User, vacancy_id: int, *, status: str | None = None, min_score: int | None = None,
               page: int = 1, per_page: int = 20, after: str | None = None, before: str | None = None,
               page_numbers: bool = False):
    """(vacancy, pagination of applications, {application id: FitResult}) — best fit first."""
    vacancy = own_vacancy(actor, vacancy_id)
    query = select(Application).where(Application.vacancy_id == vacancy.id)
    if status:
        query = query.where(Application.status == status)
    if min_score:
        query = query.where(Application.fit_score >= min_score)
    # The page's seekers and their persons joined in (not two statements per applicant); education ranks once.
    query = query.order_by(Application.fit_score.desc(), Application.created_at, Application.id).options(
        joinedload(Application.seeker).joinedload(SeekerProfile.person))
    pagination = keyset.paginate(query, after=after, before=before, page=max(1, page), per_page=per_page,
                                 page_numbers=page_numbers)
    ranks = dict(db.session.execute(select(EducationLevel.code, EducationLevel.rank)).all())
    wanted = search.vacancy_facts(vacancy, ranks)
    fits = {a.id: search.fit_of(_seeker_facts(a.seeker, ranks), wanted) for a in pagination.items}
    shared = consents.current_states([a.seeker.person_id for a in pagination.items], CV_SHARING)
    for application in pagination.items:   # reasons quote the profile: hidden without the consent
        if not shared.get(application.seeker.person_id, False):
            fits[application.id] = FitResult(score=fits[application.id].score, reasons=())
    return vacancy, pagination, fits


def _seeker_facts(profile, ranks: dict[str, int]) -> SeekerFacts:
    """search.seeker_facts with the education ranks already read."""
    if profile is None:
        return SeekerFacts()
    return SeekerFacts(education_rank=ranks.get(profile.education_level) if profile.education_level else None,
                       major=profile.major or "", skills=profile.skills or "",
                       kecamatan_code=profile.kecamatan_code, has_disability=bool(profile.has_disability))


def applicant(actor: User, application_id: int) -> ApplicantView:
    application = own_application(actor, application_id)
    shared = profile_shared(application)
    fit = search.fit_for(application.seeker, application.vacancy)
    return ApplicantView(view=view_of(application), fit=fit if shared else FitResult(score=fit.score, reasons=()),
                         cv_available=shared and cv_file(application.seeker) is not None, profile_shared=shared)


def open_applicant(actor: User, application_id: int) -> ApplicantView:
    """The applicant's page as the company opens it: a read of the seeker's profile, audited (UU PDP)."""
    detail = applicant(actor, application_id)
    application = own_application(actor, application_id)
    audit.record_read(actor, "application.applicant_viewed", application, person_id=application.seeker.person_id)
    db.session.commit()
    return detail


def cv_for_company(actor: User, application_id: int):
    """(path, download name) of the applicant's CV; the read is audited (personal data)."""
    application = own_application(actor, application_id)
    path = cv_file(application.seeker) if profile_shared(application) else None   # consent withdrawn: as absent
    if path is None:
        raise NotFound(_l("CV pelamar ini tidak tersedia."))
    name = "".join(c if c.isalnum() else "-" for c in application.seeker.person.full_name).strip("-") or "pelamar"
    audit.record_read(actor, "application.cv_downloaded", application, person_id=application.seeker.person_id)
    db.session.commit()
    return path, f"CV-{name[:60]}.pdf"


def _notify_seeker(application: Application, message) -> None:
    notify(application.seeker.user, message, link=seeker_link(application.id))


def change_status(actor: User, application_id: int, to_status: str, note: str = "", *,
                  now: datetime | None = None) -> Application:
    application = own_application(actor, application_id)
    note = clean_text(note, NOTE_MAX, "note", NOTE_LABEL)
    if to_status not in PLAIN_TARGETS:
        raise ValidationFailed({"to_status": _l("Pilih status dari daftar. Untuk wawancara dan penerimaan gunakan "
                                                "formulir undangan atau formulir terima kerja.")})
    current = application.status
    if not states.company_can_move(current, to_status):
        raise InvalidState(_l("Status \"%(current)s\" tidak dapat diubah menjadi \"%(target)s\".",
                              current=_status_label(current), target=_status_label(to_status)))
    move_status(application, current, to_status)
    record_move(application, actor, current, to_status, note, now=now)
    title, status = application.vacancy.title, _status_label(to_status)
    if note:
        message = _l("Lamaran Anda untuk %(title)s: %(status)s. Catatan: %(note)s", title=title, status=status,
                     note=note)
    else:
        message = _l("Lamaran Anda untuk %(title)s: %(status)s.", title=title, status=status)
    _notify_seeker(application, message)
    db.session.commit()
    return application


def invite(actor: User, application_id: int, *, scheduled_at: datetime | None, place: str, note: str = "",
           now: datetime | None = None) -> Interview:
    application = own_application(actor, application_id)
    now = now or utcnow()
    errors: dict[str, str] = {}
    if scheduled_at is None or scheduled_at.tzinfo is None:
        errors["scheduled_at"] = _l("Isi tanggal dan jam wawancara.")
    elif scheduled_at <= now:
        errors["scheduled_at"] = _l("Waktu wawancara sudah lewat: pilih tanggal dan jam yang akan datang.")
    place = (place or "").strip()
    if len(place) < 3:
        errors["place"] = _l("Isi tempat wawancara (alamat, ruang, atau tautan rapat daring).")
    elif len(place) > PLACE_MAX:
        errors["place"] = _l("Tempat wawancara paling banyak %(limit)s karakter.", limit=numbers.number(PLACE_MAX))
    if errors:
        raise ValidationFailed(errors)
    note = clean_text(note, NOTE_MAX, "note", NOTE_LABEL)
    current = application.status
    target = ApplicationStatus.INTERVIEW.value
    if current != target and not states.company_can_move(current, target):
        raise InvalidState(_l("Pelamar berstatus \"%(status)s\" tidak dapat diundang wawancara. Masukkan dulu ke "
                              "daftar pendek.", status=_status_label(current)))
    move_status(application, current, target)
    interview = Interview(application_id=application.id, scheduled_at=scheduled_at, place=place, note=note,
                          created_at=now)
    db.session.add(interview)
    record_move(application, actor, current, target, note, now=now)
    when = format_datetime(scheduled_at, "dd-MM-yyyy HH.mm")  # in WITA, the configured BABEL_DEFAULT_TIMEZONE
    _notify_seeker(application, _l("Undangan wawancara untuk %(title)s: %(when)s WITA di %(place)s.",
                                   title=application.vacancy.title, when=when, place=place))
    db.session.commit()
    return interview


def _hire_errors(start_date: date | None, contract_type: str, wage) -> dict[str, str]:
    errors: dict[str, str] = {}
    if start_date is None:
        errors["start_date"] = _l("Isi tanggal mulai bekerja.")
    if contract_type not in {c.value for c in ContractType}:
        errors["contract_type"] = _l("Pilih jenis kontrak: PKWT, PKWTT, harian, atau magang.")
    if not isinstance(wage, int) or isinstance(wage, bool) or wage < 0 or wage > WAGE_MAX:
        errors["wage"] = _l("Isi upah per bulan dalam Rupiah, angka saja tanpa titik (misalnya 3701508).")
    return errors


def _below_umk_message(wage: int, umk: tuple[int, int]):
    return _l("Upah %(wage)s di bawah UMK Balikpapan %(year)s (%(umk)s). Bila salah ketik, perbaiki upahnya. Bila "
              "memang benar (misalnya kerja paruh waktu, harian, atau uang saku magang), centang kotak ini lalu "
              "kirim lagi; Disnaker memeriksanya saat verifikasi.", wage=rupiah(wage), year=str(umk[0]),
              umk=rupiah(umk[1]))


def hire(actor: User, application_id: int, *, start_date: date | None, contract_type: str, wage,
         below_umk_confirmed: bool = False, now: datetime | None = None) -> Placement:
    """Hire in one transaction: application -> hired, vacancy hired_count + 1 (never past openings), placement.

    A monthly wage below the UMK in force at the start date is not refused outright: part-time workers (paid by the
    hour, PP 36/2021), daily workers, apprentices (an allowance, not a wage) and micro and small businesses (wage by
    agreement) may lawfully earn less. A careful office neither blocks those hires nor lets a typo or an unlawful
    wage pass silently: the company must confirm the wage explicitly (`below_umk_confirmed`), the confirmation is
    written in the application's history, and the office's verification queue flags the placement so the officer
    checks the contract before verifying it. `now` is when the company reports the hire (default: now): the
    hire's date in the monthly report."""
    now = now or utcnow()
    application = own_application(actor, application_id)
    errors = _hire_errors(start_date, contract_type, wage)
    if errors:
        raise ValidationFailed(errors)
    umk = reference.umk_in_force(start_date.year)
    below = money.below_umk(wage, umk)
    current = application.status
    if not states.company_can_move(current, ApplicationStatus.HIRED.value):
        raise InvalidState(_l("Pelamar berstatus \"%(status)s\" tidak dapat langsung diterima. Masukkan dulu ke "
                              "daftar pendek atau undang wawancara.", status=_status_label(current)))
    vacancy_id = application.vacancy_id
    move_status(application, current, ApplicationStatus.HIRED.value)
    taken = db.session.execute(
        update(Vacancy).where(Vacancy.id == vacancy_id, Vacancy.hired_count < Vacancy.openings)
        .values(hired_count=Vacancy.hired_count + 1).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        db.session.rollback()
        raise InvalidState(FULL)
    if below and not below_umk_confirmed:  # after the openings check: "the vacancy is full" is the news that matters
        db.session.rollback()
        raise ValidationFailed({"below_umk_confirmed": _below_umk_message(wage, umk)})
    db.session.execute(
        update(Vacancy).where(Vacancy.id == vacancy_id, Vacancy.hired_count >= Vacancy.openings,
                              Vacancy.status == VacancyStatus.PUBLISHED.value)
        .values(status=VacancyStatus.FILLED.value, closed_at=now).execution_options(synchronize_session=False))
    placement = Placement(application_id=application.id, start_date=start_date, contract_type=contract_type,
                          wage=wage, status=PlacementStatus.REPORTED.value, created_at=now)
    db.session.add(placement)
    # The history note is data (a DB column, in Indonesian): written once, as the office reads it.
    start = format_date(start_date, DAY)
    note = f"Mulai {start}, {contract_type}, upah {rupiah(wage)}"
    if below:
        note += f"; upah di bawah UMK {umk[0]} ({rupiah(umk[1])}) dikonfirmasi perusahaan"
    record_move(application, actor, current, ApplicationStatus.HIRED.value, note, now=now)
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise InvalidState(_l("Pelamar ini sudah tercatat diterima.")) from exc
    _notify_seeker(application, _l("Selamat! Anda diterima bekerja sebagai %(title)s, mulai %(date)s.",
                                   title=application.vacancy.title, date=start))

    db.session.commit()
    return placement


def _status_label(status: str):
    return labels.label(ApplicationStatus, status)
