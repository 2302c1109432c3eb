"""The office's review queues at a glance: how many wait, and since when (oldest first)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import cast, func, literal, null, select, union_all

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
from jobfair.services.access import require_office
from jobfair.services.office import city_figures


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    endpoint: str
    count: int
    oldest: datetime | None
    due: datetime | None = None  # the nearest legal deadline, for queues that have one (data-subject requests)


# (key, label, endpoint, model, status column, waiting status, "since" column)
QUEUES = [
    ("companies", _l("Perusahaan menunggu verifikasi"), "office.companies_queue", Company, Company.status,
     CompanyStatus.AWAITING_VERIFICATION.value, Company.created_at),
    ("vacancies", _l("Lowongan menunggu tayang"), "office.vacancies_queue", Vacancy, Vacancy.status,
     VacancyStatus.SUBMITTED.value, Vacancy.submitted_at),
    ("ak1", _l("Kartu AK/1 menunggu diterbitkan"), "office.ak1_queue", Ak1Card, Ak1Card.status,
     Ak1Status.REQUESTED.value, Ak1Card.requested_at),
    ("placements", _l("Penempatan menunggu verifikasi"), "office.placements_queue", Placement, Placement.status,
     PlacementStatus.REPORTED.value, Placement.created_at),
    ("places", _l("Tempat magang menunggu persetujuan"), "office.places_queue", ApprenticeshipPlace,
     ApprenticeshipPlace.status, PlaceStatus.PROPOSED.value, ApprenticeshipPlace.created_at),
    ("agreements", _l("Perjanjian magang menunggu pengesahan"), "office.apprenticeships_queue", Apprenticeship,
     Apprenticeship.status, ApprenticeshipStatus.AGREEMENT.value, Apprenticeship.created_at),
    ("enrolments", _l("Kepesertaan perlindungan menunggu verifikasi sektor"), "office.enrolments_queue", Enrolment,
     Enrolment.status, ProtectionStatus.REGISTERED.value, Enrolment.created_at),
    ("data_requests", _l("Permintaan penghapusan data (UU PDP) menunggu keputusan"), "office.data_requests_queue",
     DataSubjectRequest, DataSubjectRequest.status, RequestStatus.PENDING.value, DataSubjectRequest.requested_at),
]
# Queues whose items carry a legal deadline: the dashboard shows the nearest one.
_DEADLINES = {"data_requests": DataSubjectRequest.due_at}


def queue_summary(actor) -> list[Queue]:
    """Every queue's count and oldest waiting item in ONE statement (a UNION ALL of one aggregate per queue, each
    reading the status index: cheap however large the tables, since only the waiting rows are counted)."""
    require_office(actor)
    parts = [select(literal(position).label("position"), func.count().label("n"), func.min(since).label("oldest"),
                    (func.min(_DEADLINES[key]) if key in _DEADLINES
                     # a typed NULL: PostgreSQL will not UNION text with a timestamp column
                     else cast(null(), DataSubjectRequest.due_at.type)).label("due"))
             .select_from(model).where(status_column == waiting)
             for position, (key, _label, _endpoint, model, status_column, waiting, since) in enumerate(QUEUES)]
    rows = {position: (n, oldest, due) for position, n, oldest, due in db.session.execute(union_all(*parts))}
    return [Queue(key, label, endpoint, int(rows[position][0]), _aware(rows[position][1]), _aware(rows[position][2]))
            for position, (key, label, endpoint, *_rest) in enumerate(QUEUES)]


def _aware(moment: datetime | None) -> datetime | None:
    """MIN() over a UNION loses the column type on SQLite (a string or naive value comes back): make it UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def dashboard(actor) -> dict:
    """The office desk: the queues, then the city's headline figures from the snapshot and when they were
    computed. Two statements besides the login's, whatever the data size."""
    from jobfair.services.office import figure_snapshots

    queues = queue_summary(actor)
    snapshot = figure_snapshots.city()
    return {"queues": queues, "city_sections": city_figures.grouped(snapshot.figures),
            "computed_at": snapshot.computed_at}
