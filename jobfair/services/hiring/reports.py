"""The placement report, per fair and overall: vacancies, openings, applications, hires, verified placements and
the placement rate (verified placements / openings), by KBLI sector and by kecamatan; CSV and XLSX.

Computed with grouped aggregate queries (a constant number of them, whatever the number of vacancies).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, literal, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationStatus,
    Company,
    Kecamatan,
    Placement,
    PlacementStatus,
    Vacancy,
)
from jobfair.services import exports
from jobfair.services.access import require_office
from jobfair.services.hiring.fairs import get_fair, placement_rate, was_published

UNKNOWN = labels.UNKNOWN_SECTOR  # a sector or kecamatan not known

HEADERS = [_l("Kelompok"), _l("Lowongan"), _l("Formasi"), _l("Lamaran"), _l("Diterima"),
           _l("Penempatan terverifikasi"), _l("Tingkat penempatan (%)")]
_FIELDS = ("vacancies", "openings", "applications", "hires", "verified")


def _grouped(key, fair_id: int | None, *, join_company: bool = False) -> dict:
    """{key value: {vacancies, openings, applications, hires, verified}} in two grouped queries."""
    def scoped(query):
        if join_company:
            query = query.join(Company, Company.id == Vacancy.company_id)
        query = query.where(was_published())
        return query.where(Vacancy.job_fair_id == fair_id) if fair_id is not None else query

    groups: dict = {}
    vacancy_rows = db.session.execute(scoped(
        select(key.label("k"), func.count(Vacancy.id), func.coalesce(func.sum(Vacancy.openings), 0))
        .select_from(Vacancy)).group_by("k"))
    for k, vacancies, openings in vacancy_rows:
        groups[k] = {"vacancies": vacancies, "openings": int(openings), "applications": 0, "hires": 0,
                     "verified": 0}
    application_rows = db.session.execute(scoped(
        select(key.label("k"), func.count(Application.id),
               func.coalesce(func.sum(case((Application.status == ApplicationStatus.HIRED.value, 1), else_=0)), 0),
               func.count(Placement.id).filter(Placement.status == PlacementStatus.VERIFIED.value))
        .select_from(Application).join(Vacancy, Vacancy.id == Application.vacancy_id)
        .outerjoin(Placement, Placement.application_id == Application.id)).group_by("k"))
    for k, applications, hires, verified in application_rows:
        row = groups.setdefault(k, {"vacancies": 0, "openings": 0, "applications": 0, "hires": 0, "verified": 0})
        row.update(applications=applications, hires=int(hires), verified=verified)
    return groups


def _merge(groups: dict, label_of) -> list[dict]:
    merged: dict[str, dict] = {}
    for key, values in groups.items():
        target = merged.setdefault(label_of(key), dict.fromkeys(_FIELDS, 0))
        for field in _FIELDS:
            target[field] += values[field]
    rows = []
    for label, values in merged.items():
        rows.append({"label": label, **values, "rate": placement_rate(values["verified"], values["openings"])})
    rows.sort(key=lambda r: (r["label"] == UNKNOWN, r["label"]))
    return rows


def placement_report(actor, *, fair_id: int | None = None) -> dict:
    """Totals plus breakdowns by sector and by kecamatan, for one fair or for all vacancies (the office only).
    Texts (title, the totals' label) are in the reader's language."""
    require_office(actor)
    return _placement_report(fair_id)


def _placement_report(fair_id: int | None) -> dict:
    fair = get_fair(fair_id) if fair_id is not None else None
    by_sector = _merge(_grouped(func.substr(func.coalesce(Company.kbli_code, ""), 1, 2), fair_id,
                                join_company=True), labels.sector_of_code)
    names = dict(db.session.execute(select(Kecamatan.code, Kecamatan.name)).all())
    by_kecamatan = _merge(_grouped(func.coalesce(Vacancy.kecamatan_code, literal("")), fair_id),
                          lambda k: names.get(k, UNKNOWN))
    totals = dict.fromkeys(_FIELDS, 0)
    for row in by_sector:
        for field in _FIELDS:
            totals[field] += row[field]
    totals["rate"] = placement_rate(totals["verified"], totals["openings"])
    totals["label"] = _("Jumlah")
    title = (_("Laporan penempatan — %(fair)s", fair=fair.name) if fair
             else _("Laporan penempatan — semua lowongan"))
    return {"fair": fair, "title": title, "totals": totals, "by_sector": by_sector, "by_kecamatan": by_kecamatan}


def _table(rows: list[dict]) -> list[list]:
    return [[r["label"], r["vacancies"], r["openings"], r["applications"], r["hires"], r["verified"],
             "" if r["rate"] is None else r["rate"]] for r in rows]


def report_csv(actor, *, fair_id: int | None = None) -> bytes:
    report = placement_report(actor, fair_id=fair_id)
    rows = [[report["totals"]["label"], *_table([report["totals"]])[0][1:]]]
    rows += [[_("Sektor: %(group)s", group=r[0]), *r[1:]] for r in _table(report["by_sector"])]
    rows += [[_("Kecamatan: %(group)s", group=r[0]), *r[1:]] for r in _table(report["by_kecamatan"])]
    return exports.to_csv(_headers(), rows)


def _headers(first=None) -> list[str]:
    """The file's column names in the reader's language (file cells are plain text)."""
    return [str(first or HEADERS[0]), *(str(header) for header in HEADERS[1:])]


def report_xlsx(actor, *, fair_id: int | None = None) -> bytes:
    report = placement_report(actor, fair_id=fair_id)
    return exports.to_xlsx({
        _("Ringkasan"): (_headers(), _table([report["totals"]])),
        _("Per sektor"): (_headers(_l("Sektor KBLI")), _table(report["by_sector"])),
        _("Per kecamatan"): (_headers(_l("Kecamatan")), _table(report["by_kecamatan"])),
    })


def report_filename(fair_id: int | None, extension: str) -> str:
    return f"laporan-penempatan-{'bursa-' + str(fair_id) if fair_id else 'semua'}.{extension}"

