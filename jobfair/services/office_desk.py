"""The office's review queues at a glance: how many wait, and since when (oldest first)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, null, select

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Ak1Status,
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    Company,
    CompanyStatus,
    DataSubjectRequest,
    Enrolment,
    Placement,
    PlacementStatus,
    PlaceStatus,
    ProtectionStatus,
    RequestStatus,
    Vacancy,
    VacancyStatus,
)
from jobfair.services.companies import require_officer


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    endpoint: str
    count: int
    oldest: datetime | None
    due: datetime | None = None  # the nearest legal deadline, for queues that have one (data-subject requests)


# (key, label, endpoint, model, status column, waiting status, "since" column)
_QUEUES = [
    ("companies", "Perusahaan menunggu verifikasi", "office.companies_queue", Company, Company.status,
     CompanyStatus.AWAITING_VERIFICATION.value, Company.created_at),
    ("vacancies", "Lowongan menunggu tayang", "office.vacancies_queue", Vacancy, Vacancy.status,
     VacancyStatus.SUBMITTED.value, Vacancy.submitted_at),
    ("ak1", "Kartu AK/1 menunggu diterbitkan", "office.ak1_queue", Ak1Card, Ak1Card.status,
     Ak1Status.REQUESTED.value, Ak1Card.requested_at),
    ("placements", "Penempatan menunggu verifikasi", "office.placements_queue", Placement, Placement.status,
     PlacementStatus.REPORTED.value, Placement.created_at),
    ("places", "Tempat magang menunggu persetujuan", "office.places_queue", ApprenticeshipPlace,
     ApprenticeshipPlace.status, PlaceStatus.PROPOSED.value, ApprenticeshipPlace.created_at),
    ("agreements", "Perjanjian magang menunggu pengesahan", "office.apprenticeships_queue", Apprenticeship,
     Apprenticeship.status, ApprenticeshipStatus.AGREEMENT.value, Apprenticeship.created_at),
    ("enrolments", "Kepesertaan perlindungan menunggu verifikasi sektor", "office.enrolments_queue", Enrolment,
     Enrolment.status, ProtectionStatus.REGISTERED.value, Enrolment.created_at),
    ("data_requests", "Permintaan penghapusan data (UU PDP) menunggu keputusan", "office.data_requests_queue",
     DataSubjectRequest, DataSubjectRequest.status, RequestStatus.PENDING.value, DataSubjectRequest.requested_at),
]
# Queues whose items carry a legal deadline: the dashboard shows the nearest one.
_DEADLINES = {"data_requests": DataSubjectRequest.due_at}


def queue_summary(actor) -> list[Queue]:
    """One aggregate query per queue: count and oldest waiting item."""
    require_officer(actor)
    summary = []
    for key, label, endpoint, model, status_column, waiting, since in _QUEUES:
        deadline = _DEADLINES.get(key)
        count, oldest, due = db.session.execute(
            select(func.count(), func.min(since), func.min(deadline) if deadline is not None else null())
            .select_from(model).where(status_column == waiting)).one()
        summary.append(Queue(key, label, endpoint, count, oldest, due))
    return summary
