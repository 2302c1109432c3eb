"""Applications, seeker side: apply once per vacancy with the stored CV, withdraw, follow the history.

The company side (review, interview, hire) is in services/hiring/applicants.py; both share the helpers here.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from jobfair import labels
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Interview,
    Placement,
    Role,
    SeekerProfile,
    User,
    Vacancy,
    VacancyStatus,
)
from jobfair.models.base import utcnow
from jobfair.rules import application_states as states
from jobfair.rules import numbers
from jobfair.services import keyset
from jobfair.services.access import has_role
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring import search
from jobfair.services.hiring.seeker_profiles import PROFILE_NOT_FOUND, cv_path
from jobfair.services.notifications import notify

COVER_LETTER_MAX = 4000
NOTE_MAX = 2000
NOT_FOUND = _l("Lamaran tidak ditemukan.")
VACANCY_NOT_FOUND = _l("Lowongan tidak ditemukan atau belum tayang.")
ALREADY_APPLIED = _l("Anda sudah melamar lowongan ini. Ikuti statusnya di halaman Lamaran saya.")
DAY = "dd-MM-yyyy"  # a date in a message
NOTE_LABEL = _l("Catatan")


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    events: list
    interviews: list
    placement: Placement | None


# --- shared helpers -------------------------------------------------------------------------------------------

def seeker_link(application_id: int) -> Link:
    return Link("seekers.my_application", {"application_id": application_id})


def company_link(application_id: int) -> Link:
    return Link("companies.applicant", {"application_id": application_id})


def cv_file(profile: SeekerProfile | None) -> Path | None:
    """The stored CV of a profile, when the file is really there (the file belongs to services/seeker_profiles)."""
    if profile is None or not profile.cv_storage_name:
        return None
    return cv_path(profile)


def clean_text(value: str | None, limit: int, field: str, label) -> str:
    """`label` is the field's (lazy) name, e.g. _l("Catatan")."""
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ValidationFailed({field: _l("%(label)s terlalu panjang: paling banyak %(limit)s karakter (sekarang "
                                          "%(length)s). Persingkat lalu kirim lagi.", label=label,
                                          limit=numbers.number(limit), length=numbers.number(len(text)))})
    return text


def record_move(application: Application, actor: User, from_status: str | None, to_status: str,
                note: str = "", *, now: datetime | None = None) -> ApplicationEvent:
    """The application's history row for a move, dated `now` (the moment of the decision; default: now)."""
    now = now or utcnow()
    application.updated_at = now
    event = ApplicationEvent(application=application, from_status=from_status, to_status=to_status, note=note,
                             actor_id=actor.id, created_at=now)
    db.session.add(event)
    return event


def move_status(application: Application, expected: str, to_status: str) -> None:
    """Change the status only if nobody changed it meanwhile (two staff clicking at once)."""
    result = db.session.execute(
        update(Application).where(Application.id == application.id, Application.status == expected)
        .values(status=to_status).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise InvalidState(_l("Status lamaran baru saja diubah orang lain. Muat ulang halaman lalu coba lagi."))
    application.status = to_status
    db.session.flush()


def company_users(company_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(User.company_id == company_id, User.active.is_(True))))


def view_of(application: Application) -> ApplicationView:
    interviews = list(db.session.scalars(select(Interview).where(Interview.application_id == application.id)
                                         .order_by(Interview.scheduled_at)))
    placement = db.session.scalar(select(Placement).where(Placement.application_id == application.id))
    return ApplicationView(application=application, events=list(application.events), interviews=interviews,
                           placement=placement)


# --- seeker ---------------------------------------------------------------------------------------------------

def _profile(actor: User) -> SeekerProfile:
    profile = search.profile_of(actor)
    if profile is None:
        raise NotFound(PROFILE_NOT_FOUND)
    return profile


def vacancy_for_applying(vacancy_id: int, today: date) -> Vacancy:
    """The vacancy if a seeker may apply to it now; unpublished -> NotFound, closed -> InvalidState."""
    vacancy = search.find_open(vacancy_id, today)
    if vacancy is not None:
        return vacancy
    vacancy = db.session.get(Vacancy, vacancy_id)
    was_public = (VacancyStatus.PUBLISHED.value, VacancyStatus.CLOSED.value, VacancyStatus.FILLED.value)
    visible_before = vacancy is not None and vacancy.company.is_verified and vacancy.status in was_public
    if not visible_before:
        raise NotFound(VACANCY_NOT_FOUND)
    if vacancy.status == VacancyStatus.PUBLISHED.value and vacancy.valid_from > today:
        raise InvalidState(_l("Lowongan ini baru dibuka tanggal %(date)s.", date=format_date(vacancy.valid_from, DAY)))
    raise InvalidState(_l("Lowongan ini sudah ditutup; lamaran tidak dapat dikirim lagi. "
                          "Cari lowongan lain yang masih dibuka."))


def apply(actor: User, vacancy_id: int, *, cover_letter: str = "", today: date,
          now: datetime | None = None) -> Application:
    """Apply to an open vacancy. `now` is the moment of submission (default: now): the application's date in every
    figure (the monthly report counts applications in the month they were submitted)."""
    now = now or utcnow()
    profile = _profile(actor)
    vacancy = vacancy_for_applying(vacancy_id, today)
    cover_letter = clean_text(cover_letter, COVER_LETTER_MAX, "cover_letter", _l("Surat lamaran"))
    if _existing(profile.id, vacancy.id) is not None:
        raise InvalidState(ALREADY_APPLIED)
    if cv_file(profile) is None:
        raise ValidationFailed({"cv": _l("Anda belum mengunggah CV. Unggah CV (PDF, paling besar 2 MB) di halaman "
                                         "profil, lalu lamar lagi.")})
    fit = search.fit_for(profile, vacancy)
    application = Application(vacancy_id=vacancy.id, seeker_id=profile.id, cover_letter=cover_letter,
                              status=ApplicationStatus.SUBMITTED.value, fit_score=fit.score, created_at=now,
                              updated_at=now)
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError as exc:  # a second click or a second tab won the race
        db.session.rollback()
        raise InvalidState(ALREADY_APPLIED) from exc
    record_move(application, actor, None, ApplicationStatus.SUBMITTED.value, now=now)
    for user in company_users(vacancy.company_id):
        notify(user, _l("Lamaran baru untuk %(title)s dari %(name)s.", title=vacancy.title, name=actor.full_name),
               link=company_link(application.id))
    try:
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise InvalidState(ALREADY_APPLIED) from exc
    return application


def _existing(seeker_id: int, vacancy_id: int) -> Application | None:
    return db.session.scalar(select(Application).where(Application.seeker_id == seeker_id,
                                                       Application.vacancy_id == vacancy_id))


def _own(actor: User, application_id: int) -> Application:
    profile = _profile(actor)
    application = db.session.get(Application, application_id)
    if application is None or application.seeker_id != profile.id:
        raise NotFound(NOT_FOUND)
    return application


def withdraw(actor: User, application_id: int, note: str = "", *, now: datetime | None = None) -> Application:
    application = _own(actor, application_id)
    note = clean_text(note, NOTE_MAX, "note", NOTE_LABEL)
    current = application.status
    if not states.seeker_can_withdraw(current):
        raise InvalidState(_l("Lamaran berstatus \"%(status)s\" tidak dapat dibatalkan lagi.",
                              status=_status_label(current)))
    move_status(application, current, ApplicationStatus.WITHDRAWN.value)
    record_move(application, actor, current, ApplicationStatus.WITHDRAWN.value, note, now=now)
    vacancy = application.vacancy
    for user in company_users(vacancy.company_id):
        notify(user, _l("%(name)s membatalkan lamaran untuk %(title)s.", name=actor.full_name, title=vacancy.title),
               link=company_link(application.id))

    db.session.commit()
    return application


def my_applications(actor: User, page: int = 1, per_page: int = 20, *,
                    after: str | None = None, before: str | None = None):
    profile = _profile(actor)
    query = (select(Application).where(Application.seeker_id == profile.id)
             .order_by(Application.created_at.desc(), Application.id.desc()))
    return keyset.paginate(query, after=after, before=before, page=max(1, page), per_page=per_page)


def my_application(actor: User, application_id: int) -> ApplicationView:
    return view_of(_own(actor, application_id))


def has_applied(actor: User, vacancy_id: int) -> Application | None:
    profile = search.profile_of(actor) if has_role(actor, Role.SEEKER.value) else None
    return _existing(profile.id, vacancy_id) if profile is not None else None


def _status_label(status: str):
    return labels.label(ApplicationStatus, status)
