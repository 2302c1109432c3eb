"""Exports of the office desk's review queues (XLSX and CSV): every item waiting, oldest first, with who it is
from, since when (WITA) and the path of the page where it is decided. NIKs appear masked only."""

from datetime import datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from jobfair import messages
from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import (
    Ak1Card,
    Application,
    Apprenticeship,
    ApprenticeshipPlace,
    Company,
    DataSubjectRequest,
    Enrolment,
    Placement,
    SeekerProfile,
    Student,
    Vacancy,
    Worker,
)
from jobfair.rules import numbers
from jobfair.services import audit
from jobfair.services.access import require_office
from jobfair.services.errors import NotFound
from jobfair.services.office.office_desk import QUEUES

HEADERS = (_l("ID"), _l("Perihal"), _l("Dari"), _l("Nama orang"), _l("NIK (tersamar)"), _l("Menunggu sejak (WITA)"),
           _l("Tautan"))


def _wita(moment: datetime | None) -> str:
    """Day and time in WITA (BABEL_DEFAULT_TIMEZONE, Asia/Makassar)."""
    return format_datetime(moment, "dd-MM-yyyy HH:mm") if moment else ""


def _path(endpoint: str, **params) -> str:
    return messages.path(Link(endpoint, params))


def _person(person) -> tuple[str, str]:
    return (person.full_name, person.masked_nik) if person is not None else ("", "")


def _companies(company: Company) -> list:
    return [company.id, _l("%(name)s (NIB %(nib)s)", name=company.name, nib=company.nib), company.contact_name, "", "",
            _wita(company.created_at), _path("office.company_review", company_id=company.id)]


def _vacancies(vacancy: Vacancy) -> list:
    return [vacancy.id, _l("%(title)s (%(count)s orang)", title=vacancy.title, count=numbers.number(vacancy.openings)),
            vacancy.company.name, "", "", _wita(vacancy.submitted_at),
            _path("office.vacancy_review", vacancy_id=vacancy.id)]


def _ak1(card: Ak1Card) -> list:
    return [card.id, _l("Permohonan kartu AK/1"), _l("Pencari kerja"), *_person(card.seeker.person),
            _wita(card.requested_at), _path("office.ak1_card", card_id=card.id)]


def _placements(placement: Placement) -> list:
    application = placement.application
    return [placement.id, _l("Penempatan sebagai %(title)s", title=application.vacancy.title),
            application.vacancy.company.name, *_person(application.seeker.person), _wita(placement.created_at),
            _path("office.placements_queue")]


def _places(place: ApprenticeshipPlace) -> list:
    return [place.id, _l("%(title)s (%(count)s tempat)", title=place.title, count=numbers.number(place.places)),
            place.company.name, "", "", _wita(place.created_at), _path("office.place_review", place_id=place.id)]


def _agreements(appr: Apprenticeship) -> list:
    subject = (_l("Perjanjian magang %(number)s — %(title)s", number=appr.agreement_number, title=appr.place.title)
               if appr.agreement_number else _l("Perjanjian magang — %(title)s", title=appr.place.title))
    return [appr.id, subject, appr.place.company.name, *_person(appr.student.person), _wita(appr.created_at),
            _path("office.apprenticeship_detail", apprenticeship_id=appr.id)]


def _enrolments(enrolment: Enrolment) -> list:
    return [enrolment.id, _l("Kepesertaan %(programme)s", programme=enrolment.programme.name),
            enrolment.verifying_office or "", *_person(enrolment.worker.person), _wita(enrolment.created_at),
            _path("protection.enrolment_detail", enrolment_id=enrolment.id)]


def _data_requests(request: DataSubjectRequest) -> list:
    return [request.id, _l("Penghapusan data, batas waktu %(due)s WITA", due=_wita(request.due_at)), _l("Warga"),
            *_person(request.person), _wita(request.requested_at),
            _path("office.data_request_review", request_id=request.id)]


# key -> (row builder, eager loads)
_ROWS = {
    "companies": (_companies, ()),
    "vacancies": (_vacancies, (joinedload(Vacancy.company),)),
    "ak1": (_ak1, (joinedload(Ak1Card.seeker).joinedload(SeekerProfile.person),)),
    "placements": (_placements, (joinedload(Placement.application).joinedload(Application.vacancy)
                                 .joinedload(Vacancy.company),
                                 joinedload(Placement.application).joinedload(Application.seeker)
                                 .joinedload(SeekerProfile.person))),
    "places": (_places, (joinedload(ApprenticeshipPlace.company),)),
    "agreements": (_agreements, (joinedload(Apprenticeship.place).joinedload(ApprenticeshipPlace.company),
                                 joinedload(Apprenticeship.student).joinedload(Student.person))),
    "enrolments": (_enrolments, (joinedload(Enrolment.programme),
                                 joinedload(Enrolment.worker).joinedload(Worker.person))),
    "data_requests": (_data_requests, (joinedload(DataSubjectRequest.person),)),
}

QUEUE_KEYS = tuple(key for key, *_rest in QUEUES)


def queue_export(actor, key: str) -> tuple[str, tuple[str, ...], list[list]]:
    """(sheet title, headers, rows) of one desk queue, oldest first. Unknown key -> NotFound."""
    require_office(actor)
    spec = next((queue for queue in QUEUES if queue[0] == key), None)
    if spec is None or key not in _ROWS:
        raise NotFound(_l("Antrean tidak ditemukan."))
    _key, label, _endpoint, model, status_column, waiting, since = spec
    build, loads = _ROWS[key]
    query = (select(model).where(status_column == waiting).options(*loads)
             .order_by(since.is_(None), since, model.id))
    rows = [build(item) for item in db.session.scalars(query).unique()]
    title = "".join(" " if c in "[]:*?/\\" else c for c in str(label))[:31].strip()
    # A list of names (and NIK-masked people): the export of personal data is audited, with its size only.
    audit.record(actor, "desk.queue_exported", object_type="queue", object_id=key, detail={"rows": len(rows)})
    db.session.commit()
    return title, HEADERS, rows
