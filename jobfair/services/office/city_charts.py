"""The dashboard's breakdowns (per month, per category, per kecamatan) and their SVG charts.

One grouped aggregate query per chart, whatever the data size; the filters are those of services.city_figures.
Without a filter the page and the charts read the snapshot (services.figure_snapshots): one statement.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, func, select

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Application,
    Company,
    Enrolment,
    JobFair,
    Kecamatan,
    Placement,
    PlacementStatus,
    Programme,
    SeekerProfile,
    Vacancy,
    Worker,
)
from jobfair.rules.charts import bar_chart, line_chart
from jobfair.rules.eligibility import months_in
from jobfair.services.access import require_office
from jobfair.services.errors import NotFound
from jobfair.services.office import city_figures as cf
from jobfair.services.office import figure_snapshots
from jobfair.services.protection.protection_figures import month_label

NO_KECAMATAN = _l("Tanpa kecamatan")
NO_CATEGORY = _l("Tanpa kategori")
MAX_MONTHS = 120  # a month axis longer than ten years is cut to its last ten years

CHARTS = {  # URL slug -> (title, kind, unit, column heading of the table)
    "penempatan-per-bulan": (_l("Penempatan terverifikasi per bulan mulai kerja"), "line", "orang", _l("Bulan")),
    "ak1-per-bulan": (_l("Kartu AK/1 diterbitkan per bulan"), "line", "kartu", _l("Bulan")),
    "pekerja-per-kategori": (_l("Pekerja rentan ditanggung per kategori"), "bar", "orang", _l("Kategori")),
    "formasi-per-kecamatan": (_l("Formasi bursa kerja per kecamatan"), "bar", "orang", _l("Kecamatan")),
    "pekerja-per-kecamatan": (_l("Pekerja rentan ditanggung per kecamatan"), "bar", "orang", _l("Kecamatan")),
}
# Row names are stored in the figure snapshot (JSON): the texts, not lazy strings.


def _per_month(rows, f: cf.Filters) -> list[tuple[str, int]]:
    counts = {date(int(y), int(m), 1): int(n) for y, m, n in rows if y is not None}
    if f.period_from and f.period_to:
        months = months_in(f.period_from, f.period_to)
    elif counts:
        months = months_in(f.period_from or min(counts), f.period_to or max(counts))
    else:
        months = []
    return [(month_label(m), counts.get(m, 0)) for m in months[-MAX_MONTHS:]]


def _placements_per_month(f: cf.Filters) -> list[tuple[str, int]]:
    year, month = extract("year", Placement.start_date), extract("month", Placement.start_date)
    rows = db.session.execute(
        select(year, month, func.count(Placement.id))
        .join(Application, Application.id == Placement.application_id)
        .join(Vacancy, Vacancy.id == Application.vacancy_id).join(Company, Company.id == Vacancy.company_id)
        .where(Placement.status == PlacementStatus.VERIFIED.value, *cf.in_period(Placement.start_date, f),
               *([Vacancy.job_fair_id == f.fair_id] if f.fair_id is not None else []),
               *([Vacancy.kecamatan_code == f.kecamatan] if f.kecamatan else []), *cf.sector_of(Company.kbli_code, f))
        .group_by(year, month)).all()
    return _per_month(rows, f)


def _ak1_per_month(f: cf.Filters) -> list[tuple[str, int]]:
    year, month = extract("year", Ak1Card.issued_on), extract("month", Ak1Card.issued_on)
    query = (select(year, month, func.count(Ak1Card.id))
             .where(Ak1Card.issued_on.is_not(None), *cf.in_period(Ak1Card.issued_on, f)).group_by(year, month))
    if f.kecamatan:
        query = query.join(SeekerProfile, SeekerProfile.id == Ak1Card.seeker_id).where(
            SeekerProfile.kecamatan_code == f.kecamatan)
    return _per_month(db.session.execute(query).all(), f)


def _workers_per_category(f: cf.Filters) -> list[tuple[str, int]]:
    rows = cf.covered_rows(f)
    return sorted(((name or str(NO_CATEGORY), int(n)) for _code, name, n, _cost in rows), key=lambda r: (-r[1], r[0]))


def _openings_per_kecamatan(f: cf.Filters) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(Kecamatan.name, func.coalesce(func.sum(Vacancy.openings), 0))
        .select_from(Vacancy).join(Company, Company.id == Vacancy.company_id)
        .outerjoin(Kecamatan, Kecamatan.code == Vacancy.kecamatan_code)
        .where(*cf.fair_scope(Vacancy.job_fair_id, f), cf.was_published(),
               *([Vacancy.kecamatan_code == f.kecamatan] if f.kecamatan else []), *cf.sector_of(Company.kbli_code, f))
        .group_by(Kecamatan.name)).all()
    return sorted(((name or str(NO_KECAMATAN), int(n)) for name, n in rows), key=lambda r: (-r[1], r[0]))


def _workers_per_kecamatan(f: cf.Filters) -> list[tuple[str, int]]:
    rows = db.session.execute(
        select(Kecamatan.name, func.count(Enrolment.worker_id.distinct()))
        .select_from(Enrolment).join(Programme, Programme.id == Enrolment.programme_id)
        .join(Worker, Worker.id == Enrolment.worker_id).outerjoin(Kecamatan, Kecamatan.code == Worker.kecamatan_code)
        .where(*cf.covered_in_period(f), Programme.payer == cf.CITY)
        .group_by(Kecamatan.name)).all()
    return sorted(((name or str(NO_KECAMATAN), int(n)) for name, n in rows), key=lambda r: (-r[1], r[0]))


ROWS = {
    "penempatan-per-bulan": _placements_per_month,
    "ak1-per-bulan": _ak1_per_month,
    "pekerja-per-kategori": _workers_per_category,
    "formasi-per-kecamatan": _openings_per_kecamatan,
    "pekerja-per-kecamatan": _workers_per_kecamatan,
}


def _period_label(f: cf.Filters) -> str:
    if not f.period_from and not f.period_to:
        return str(_l("Semua periode"))
    first = month_label(f.period_from) if f.period_from else str(_l("awal"))
    last = month_label(f.period_to) if f.period_to else str(_l("kini"))
    return first if first == last else str(_l("%(first)s – %(last)s", first=first, last=last))


def dashboard(actor, **filters) -> dict:
    """The city dashboard page: headline figures per section and every chart's table. Officers only.
    Unfiltered: the snapshot (one statement). Filtered: 10 + 5 aggregate queries (plus one look-up per given fair
    or kecamatan filter) over the filtered records, whatever the data size; the choices from the snapshot."""
    require_office(actor)
    f = cf.clean_filters(**filters)
    snapshot = figure_snapshots.city()
    if f == cf.Filters():
        figures, rows, computed_at = snapshot.figures, snapshot.charts, snapshot.computed_at
    else:
        figures = cf.headline_for(f)
        rows, computed_at = {slug: compute(f) for slug, compute in ROWS.items()}, figures[0].computed_at
    charts = [{"slug": slug, "title": title, "unit": unit, "heading": heading, "rows": rows[slug]}
              for slug, (title, _kind, unit, heading) in CHARTS.items()]
    return {"sections": cf.grouped(figures), "charts": charts, "filters": f, "args": f.query_args(),
            "period_label": _period_label(f), "fair_choices": snapshot.fair_choices,
            "kecamatan_choices": snapshot.kecamatan_choices, "computed_at": computed_at}


def chart_svg(actor, chart: str, **filters) -> str:
    """One chart for the filters as SVG text (numbers and escaped labels only)."""
    require_office(actor)
    if chart not in CHARTS:
        raise NotFound(_l("Grafik tidak ditemukan."))
    f = cf.clean_filters(**filters)
    title, kind, unit, _heading = CHARTS[chart]
    items = figure_snapshots.city().charts[chart] if f == cf.Filters() else ROWS[chart](f)
    return (line_chart if kind == "line" else bar_chart)(items, title=f"{title} · {_period_label(f)}", unit=unit)


def fair_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(JobFair.id, JobFair.name, JobFair.starts_on).order_by(JobFair.starts_on.desc()))
    return [(fid, f"{name} ({format_date(starts, 'dd-MM-yyyy')})") for fid, name, starts in rows]


def kecamatan_choices() -> list[tuple[str, str]]:
    return [tuple(r) for r in db.session.execute(select(Kecamatan.code, Kecamatan.name).order_by(Kecamatan.name))]
