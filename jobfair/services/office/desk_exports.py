"""Exports of the office desk's review queues (XLSX and CSV): every item waiting, oldest first, with who it is
from, since when (WITA) and the path of the page where it is decided. NIKs appear masked only."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from jobfair.extensions import db
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
from jobfair.rules import dates, numbers
from jobfair.services import audit
from jobfair.services.errors import NotFound
from jobfair.services.hiring.companies import require_officer
from jobfair.services.office.office_desk import _QUEUES

HEADERS = ("ID", "Perihal", "Dari", "Nama orang", "NIK (tersamar)", "Menunggu sejak (WITA)", "Tautan")


def _wita(moment: datetime | None) -> str:
    return dates.local(moment).strftime("%d-%m-%Y %H:%M") if moment else ""


def _person(person) -> tuple[str, str]:
    return (person.full_name, person.masked_nik) if person is not None else ("", "")


def _companies(company: Company) -> list:
    return [company.id, f"{company.name} (NIB {company.nib})", company.contact_name, "", "",
            _wita(company.created_at), f"/disnaker/perusahaan/{company.id}"]


def _vacancies(vacancy: Vacancy) -> list:
    return [vacancy.id, f"{vacancy.title} ({numbers.number(vacancy.openings)} orang)", vacancy.company.name, "", "",
            _wita(vacancy.submitted_at), f"/disnaker/lowongan/{vacancy.id}"]


def _ak1(card: Ak1Card) -> list:
    return [card.id, "Permohonan kartu AK/1", "Pencari kerja", *_person(card.seeker.person),
            _wita(card.requested_at), f"/disnaker/ak1/{card.id}"]


def _placements(placement: Placement) -> list:
    application = placement.application
    return [placement.id, f"Penempatan sebagai {application.vacancy.title}", application.vacancy.company.name,
            *_person(application.seeker.person), _wita(placement.created_at), "/disnaker/penempatan"]


def _places(place: ApprenticeshipPlace) -> list:
    return [place.id, f"{place.title} ({numbers.number(place.places)} tempat)", place.company.name, "", "",
            _wita(place.created_at), f"/disnaker/tempat-magang/{place.id}"]


def _agreements(appr: Apprenticeship) -> list:
    return [appr.id, f"Perjanjian magang {appr.agreement_number or ''} — {appr.place.title}".replace("  ", " "),
            appr.place.company.name, *_person(appr.student.person), _wita(appr.created_at),
            f"/disnaker/pemagangan/{appr.id}"]


def _enrolments(enrolment: Enrolment) -> list:
    return [enrolment.id, f"Kepesertaan {enrolment.programme.name}", enrolment.verifying_office or "",
            *_person(enrolment.worker.person), _wita(enrolment.created_at),
            f"/perlindungan/kepesertaan/{enrolment.id}"]


def _data_requests(request: DataSubjectRequest) -> list:
    return [request.id, f"Penghapusan data, batas waktu {_wita(request.due_at)} WITA", "Warga",
            *_person(request.person), _wita(request.requested_at), f"/disnaker/permintaan-data/{request.id}"]


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

QUEUE_KEYS = tuple(key for key, *_rest in _QUEUES)


def queue_export(actor, key: str) -> tuple[str, tuple[str, ...], list[list]]:
    """(sheet title, headers, rows) of one desk queue, oldest first. Unknown key -> NotFound."""
    require_officer(actor)
    spec = next((queue for queue in _QUEUES if queue[0] == key), None)
    if spec is None or key not in _ROWS:
        raise NotFound("Antrean tidak ditemukan.")
    _key, label, _endpoint, model, status_column, waiting, since = spec
    build, loads = _ROWS[key]
    query = (select(model).where(status_column == waiting).options(*loads)
             .order_by(since.is_(None), since, model.id))
    rows = [build(item) for item in db.session.scalars(query).unique()]
    title = "".join(" " if c in "[]:*?/\\" else c for c in label)[:31].strip()
    # A list of names (and NIK-masked people): the export of personal data is audited, with its size only.
    audit.record(actor, "desk.queue_exported", object_type="queue", object_id=key, detail={"rows": len(rows)})
    db.session.commit()
    return title, HEADERS, rows
