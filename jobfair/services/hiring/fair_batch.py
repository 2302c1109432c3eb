"""Vacancies the office collected on paper at a fair's booths, recorded in one batch, already published."""

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Company, EducationLevel, FairBooth, JobFair, Kecamatan, User, Vacancy, VacancyStatus
from jobfair.rules import numbers, vacancy_rules
from jobfair.services import audit
from jobfair.services.access import require_office
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring.fairs import get_fair
from jobfair.services.hiring.vacancies import clean_fields, field_problems
from jobfair.services.notifications import notify

BATCH_MAX_ROWS = 5000
BATCH_PROBLEMS_SHOWN = 10


def _checked_rows(fair: JobFair, rows: list[dict], today: date) -> list[dict]:
    """The rows' vacancy values, each with its company_id; ValidationFailed naming the first problem rows."""
    education = set(db.session.scalars(select(EducationLevel.code)))
    kecamatan = set(db.session.scalars(select(Kecamatan.code)))
    booth_companies = {company_id: status for company_id, status in db.session.execute(
        select(Company.id, Company.status).join(FairBooth, FairBooth.company_id == Company.id)
        .where(FairBooth.fair_id == fair.id))}
    problems: dict[str, str] = {}
    problem_count = 0
    values_list = []
    for number, row in enumerate(rows, start=1):
        fields = dict(row)
        company_id = fields.pop("company_id", None)
        fields.pop("job_fair_id", None)
        values = clean_fields(fields)
        values["job_fair_id"] = fair.id
        row_problems = {**vacancy_rules.submission_problems(values),
                        **field_problems(values, today, education_known=education.__contains__,
                                         kecamatan_known=kecamatan.__contains__)}
        if company_id not in booth_companies:
            row_problems["company_id"] = _l("Perusahaan ini tidak memiliki stan di bursa kerja ini.")
        elif booth_companies[company_id] != "verified":
            row_problems["company_id"] = _l("Perusahaan ini belum diverifikasi Disnaker; verifikasi lebih dulu.")
        if row_problems:
            problem_count += 1
            if problem_count <= BATCH_PROBLEMS_SHOWN:
                for name, message in row_problems.items():
                    problems[f"rows[{number}].{name}"] = _l("Baris %(row)s: %(problem)s", row=number,
                                                            problem=str(message))
            continue
        values_list.append(dict(values, company_id=company_id))
    if problems:
        if problem_count > BATCH_PROBLEMS_SHOWN:
            problems["rows"] = _l("%(count)s baris bermasalah; %(shown)s yang pertama ditampilkan. Perbaiki lalu kirim "
                                  "lagi; belum ada yang dicatat.", count=numbers.number(problem_count),
                                  shown=BATCH_PROBLEMS_SHOWN)
        raise ValidationFailed(problems)
    return values_list


def publish_fair_batch(actor, fair_id: int, rows: list[dict], *, today: date | None = None,
                       now: datetime | None = None) -> int:
    """Record the vacancies the office collected on paper at a fair's booths, already published.

    Each row is a company_id plus the vacancy fields of `vacancies.create_draft` (job_fair_id is the fair). Every
    row is checked like a vacancy the company typed in (rules.vacancy_rules), and its company must be verified and
    hold a booth at this fair. All rows or none: on any problem nothing is written and ValidationFailed names the
    first rows ("Baris 12: ..."). The rows go in with one INSERT, with one audit row for the batch and one
    notification per company. Returns the number of vacancies recorded.
    """
    require_office(actor)
    fair = get_fair(fair_id)
    if not rows:
        raise ValidationFailed({"rows": _l("Tidak ada lowongan untuk dicatat; isi minimal satu baris.")})
    if len(rows) > BATCH_MAX_ROWS:
        raise ValidationFailed({"rows": _l("Paling banyak %(limit)s lowongan sekali catat; bagi menjadi beberapa "
                                           "kiriman.", limit=numbers.number(BATCH_MAX_ROWS))})
    values_list = _checked_rows(fair, rows, today or date.today())
    now = now or datetime.now(UTC)
    for values in values_list:
        values.update(status=VacancyStatus.PUBLISHED.value, hired_count=0, created_at=now, submitted_at=now,
                      published_at=now)
    db.session.execute(insert(Vacancy), values_list)
    openings = sum(values["openings"] for values in values_list)
    per_company: dict[int, int] = {}
    for values in values_list:
        per_company[values["company_id"]] = per_company.get(values["company_id"], 0) + 1
    audit.record(actor, "vacancy.batch_published", fair, detail={
        "vacancies": len(values_list), "openings": openings, "companies": len(per_company)})
    staff = db.session.scalars(select(User).where(User.company_id.in_(per_company))).all()
    for user in staff:
        notify(user, _l("%(count)s lowongan perusahaan Anda dari %(fair)s sudah dicatat dan ditayangkan Disnaker.",
                        count=numbers.number(per_company[user.company_id]), fair=fair.name),
               link=Link("companies.vacancies_list"))
    db.session.commit()
    return len(values_list)
