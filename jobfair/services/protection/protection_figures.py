"""Figures of the protection and aid programmes, computed from the register with a constant number of aggregate
queries whatever the data size: covered workers by category, kecamatan, sex and age group; cover per month; monthly
cost and budget used; claims; aid beneficiaries and deliveries. Officers only (the numbers come from personal data).
"""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, exists, func, literal, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.labels import Sex
from jobfair.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    CoverMonth,
    Enrolment,
    Kecamatan,
    LedgerEntry,
    Payer,
    Person,
    Programme,
    ProgrammeKind,
    ProtectionStatus,
    Worker,
    WorkerCategory,
)
from jobfair.rules import dates, numbers
from jobfair.rules.charts import bar_chart, line_chart
from jobfair.rules.eligibility import add_months, months_in
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.protection.protection_people import require_protection_officer

AGE_BANDS = (("< 25", 25), ("25–34", 35), ("35–44", 45), ("45–54", 55), ("55–64", 65))  # (label, upper bound)
OLDEST_BAND = "65+"
NO_CATEGORY, NO_KECAMATAN = _l("Tanpa kategori"), _l("Tanpa kecamatan")
ACTIVE = ProtectionStatus.ACTIVE.value
COVERED = (ProtectionStatus.ACTIVE.value, ProtectionStatus.ENDED.value)
SUBSIDY = ProgrammeKind.CONTRIBUTION_SUBSIDY.value  # the contribution subsidy; the other kinds are aid
CITY = Payer.CITY.value
SETTLED = ("paid", "delivered")
YEAR_MIN, YEAR_MAX = 2000, 2100
NOT_FOUND = _l("Program tidak ditemukan.")


def month_label(month: date) -> str:
    return dates.month(month, short=True)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _as_month(value, year: int | None, field: str, errors: dict) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.replace(day=1)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        if year is None:
            errors["year"] = _l("Pilih tahun untuk rentang bulan.")
            return None
        return date(year, value, 1)
    errors[field] = _l("Pilih bulan Januari–Desember.")
    return None


def period(year=None, month_from=None, month_to=None) -> tuple[date | None, date | None]:
    """(first month, last month) of the filter; None for an open end. Month numbers need a year; dates don't."""
    errors: dict[str, str] = {}
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX):
        errors["year"] = _l("Tahun harus antara %(low)s dan %(high)s.", low=YEAR_MIN, high=YEAR_MAX)
        year = None
    first = _as_month(month_from, year, "month_from", errors)
    last = _as_month(month_to, year, "month_to", errors)
    if errors:
        raise ValidationFailed(errors)
    if year is not None:
        first = first or date(year, 1, 1)
        last = last or date(year, 12, 1)
    if first and last and first > last:
        raise ValidationFailed({"month_to": _l("Bulan akhir tidak boleh sebelum bulan awal.")})
    return first, last


def _programme(programme_id) -> Programme | None:
    if programme_id is None:
        return None
    programme = db.session.get(Programme, programme_id) if isinstance(programme_id, int) else None
    if programme is None:
        raise NotFound(NOT_FOUND)
    return programme


def _between(column, first: date | None, last: date | None) -> list:
    conditions = []
    if first:
        conditions.append(column >= first)
    if last:
        conditions.append(column < add_months(last, 1))
    return conditions


def _covered_in(programme_id, first, last) -> list:
    """Enrolments that covered someone in the period: a cover month in it, of an active enrolment or an ended one
    (which keeps its months up to the end). Without a period: every enrolment that ever covered someone."""
    months = exists().where(CoverMonth.enrolment_id == Enrolment.id, *_between(CoverMonth.month, first, last))
    conditions = [Enrolment.status.in_(COVERED), months]
    if programme_id is not None:
        conditions.append(Enrolment.programme_id == programme_id)
    return conditions


def _by_payer(programme_id, first, last) -> list[dict]:
    """One query: per payer, the people covered in the period and the ledger's paid and due amounts in it."""
    paid, due = _paid_due()
    scope = [Programme.id == programme_id] if programme_id is not None else []
    people = (select(Programme.payer.label("payer"), func.count(Enrolment.worker_id.distinct()).label("n"))
              .select_from(Enrolment).join(Programme, Programme.id == Enrolment.programme_id)
              .where(*_covered_in(programme_id, first, last)).group_by(Programme.payer).subquery())
    money = (select(Programme.payer.label("payer"), paid.label("paid"), due.label("due"))
             .select_from(LedgerEntry).join(Programme, Programme.id == LedgerEntry.programme_id)
             .where(*_between(LedgerEntry.month, first, last), *scope).group_by(Programme.payer).subquery())
    payers = select(Programme.payer.label("payer")).where(*scope).distinct().subquery()
    rows = db.session.execute(
        select(payers.c.payer, people.c.n, money.c.paid, money.c.due)
        .outerjoin(people, people.c.payer == payers.c.payer).outerjoin(money, money.c.payer == payers.c.payer)
        .order_by(payers.c.payer)).all()
    order = [payer.value for payer in Payer]
    return sorted(({"payer": payer, "label": str(labels.label(Payer, payer)), "covered": int(n or 0),
                    "paid": int(p or 0), "due": int(d or 0)} for payer, n, p, d in rows),
                  key=lambda r: order.index(r["payer"]) if r["payer"] in order else len(order))


def _demographics(programme_id, first, last, on: date) -> dict:
    """One query: distinct active workers by category x kecamatan x sex x age band; each breakdown is a sum of it."""
    band = case(*[(Person.birth_date > _years_before(on, upper), label) for label, upper in AGE_BANDS],
                else_=literal(OLDEST_BAND))
    conditions = _covered_in(programme_id, first, last)
    workers = (select(Worker.id.label("worker_id"), WorkerCategory.name.label("category"),
                      Kecamatan.name.label("kecamatan"), Person.sex.label("sex"), band.label("band"))
               .select_from(Enrolment).join(Worker, Worker.id == Enrolment.worker_id)
               .join(Person, Person.id == Worker.person_id)
               .outerjoin(WorkerCategory, WorkerCategory.code == Worker.category_code)
               .outerjoin(Kecamatan, Kecamatan.code == Worker.kecamatan_code)
               .where(*conditions).distinct().subquery())
    rows = db.session.execute(
        select(workers.c.category, workers.c.kecamatan, workers.c.sex, workers.c.band, func.count())
        .group_by(workers.c.category, workers.c.kecamatan, workers.c.sex, workers.c.band)).all()
    sums: dict[str, dict[str, int]] = {"category": {}, "kecamatan": {}, "sex": {}, "age": {}}
    no_category, no_kecamatan = str(NO_CATEGORY), str(NO_KECAMATAN)
    for category, kecamatan, sex, age, count in rows:
        for key, label in (("category", category or no_category), ("kecamatan", kecamatan or no_kecamatan),
                           ("sex", str(labels.label(Sex, sex))), ("age", age)):
            sums[key][label] = sums[key].get(label, 0) + int(count)

    def ranked(values: dict[str, int]) -> list[dict]:
        return [{"label": k, "count": v} for k, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))]

    ages = [label for label, _upper in AGE_BANDS] + [OLDEST_BAND]
    return {"covered": sum(sums["sex"].values()), "by_category": ranked(sums["category"]),
            "by_kecamatan": ranked(sums["kecamatan"]),
            "by_sex": [{"label": label, "count": sums["sex"].get(label, 0)}
                       for label in map(str, labels.table(Sex).values())],
            "by_age": [{"label": label, "count": sums["age"].get(label, 0)} for label in ages]}


def _month_range(found: list[date], first: date | None, last: date | None) -> list[date]:
    if first and last:
        return months_in(first, last)
    if not found:
        return []
    return months_in(first or min(found), last or max(found))


def _cover_by_month(programme_id, first, last) -> list[dict]:
    conditions = [Enrolment.status.in_(COVERED), *_between(CoverMonth.month, first, last)]
    if programme_id is not None:
        conditions.append(Enrolment.programme_id == programme_id)
    rows = dict(db.session.execute(
        select(CoverMonth.month, func.count(CoverMonth.person_id.distinct()))
        .join(Enrolment, Enrolment.id == CoverMonth.enrolment_id).where(*conditions)
        .group_by(CoverMonth.month)).all())
    return [{"month": m, "label": month_label(m), "count": int(rows.get(m, 0))}
            for m in _month_range(list(rows), first, last)]


def _paid_due():
    paid = func.coalesce(func.sum(case((LedgerEntry.status.in_(SETTLED), LedgerEntry.amount), else_=0)), 0)
    due = func.coalesce(func.sum(case((LedgerEntry.status == "due", LedgerEntry.amount), else_=0)), 0)
    return paid, due


def _cost_by_month(programme_id, first, last) -> list[dict]:
    conditions = _between(LedgerEntry.month, first, last)
    if programme_id is not None:
        conditions.append(LedgerEntry.programme_id == programme_id)
    paid, due = _paid_due()
    rows = {m: (int(p), int(d)) for m, p, d in db.session.execute(
        select(LedgerEntry.month, paid, due).where(*conditions).group_by(LedgerEntry.month)).all()}
    result = []
    for m in _month_range(list(rows), first, last):
        p, d = rows.get(m, (0, 0))
        result.append({"month": m, "label": month_label(m), "paid": p, "due": d, "total": p + d})
    return result


def _programmes(programme_id, year, first, last) -> list[dict]:
    """One query: every programme with its money in the period, its covered workers and its deliveries."""
    paid, due = _paid_due()
    delivered = LedgerEntry.status == "delivered"
    money = (select(LedgerEntry.programme_id.label("pid"), paid.label("paid"), due.label("due"),
                    func.coalesce(func.sum(case((delivered, 1), else_=0)), 0).label("deliveries"),
                    func.coalesce(func.sum(case((delivered, LedgerEntry.quantity), else_=0)), 0).label("item_count"))
             .where(*_between(LedgerEntry.month, first, last)).group_by(LedgerEntry.programme_id).subquery())
    people = (select(Enrolment.programme_id.label("pid"),
                     func.count(case((Enrolment.status == ACTIVE, Enrolment.worker_id)).distinct()).label("active"),
                     func.count(case((Enrolment.status.in_(COVERED), Enrolment.worker_id)).distinct()).label("ever"))
              .group_by(Enrolment.programme_id).subquery())
    conditions = []
    if programme_id is not None:
        conditions.append(Programme.id == programme_id)
    if year is not None:
        conditions.append(Programme.year == year)
    rows = db.session.execute(
        select(Programme, money.c.paid, money.c.due, money.c.deliveries, money.c.item_count, people.c.active,
               people.c.ever)
        .outerjoin(money, money.c.pid == Programme.id).outerjoin(people, people.c.pid == Programme.id)
        .where(*conditions).order_by(Programme.year.desc(), Programme.name)).all()
    result = []
    for programme, p, d, deliveries, item_count, active, ever in rows:
        p, d = int(p or 0), int(d or 0)
        result.append({"id": programme.id, "name": programme.name, "year": programme.year, "kind": programme.kind,
                       "kind_label": str(labels.label(ProgrammeKind, programme.kind)),
                       "owning_office": programme.owning_office, "quota": programme.quota,
                       "budget": programme.budget, "paid": p, "due": d,
                       "budget_used": numbers.share(p, programme.budget),
                       "active": int(active or 0), "beneficiaries": int(ever or 0),
                       "deliveries": int(deliveries or 0), "item_count": int(item_count or 0),
                       "is_aid": programme.kind != SUBSIDY})
    return result


def _claims(programme_id, first, last) -> list[dict]:
    conditions = _between(Claim.incident_date, first, last)
    if programme_id is not None:
        conditions.append(Enrolment.programme_id == programme_id)
    rows = db.session.execute(
        select(Claim.kind, Claim.status, func.count(Claim.id), func.coalesce(func.sum(Claim.amount), 0))
        .join(Enrolment, Enrolment.id == Claim.enrolment_id).where(*conditions)
        .group_by(Claim.kind, Claim.status).order_by(Claim.kind, Claim.status)).all()
    return [{"kind": kind, "kind_label": str(labels.label(ClaimKind, kind)), "status": status,
             "status_label": str(labels.label(ClaimStatus, status)), "count": int(count), "amount": int(amount)}
            for kind, status, count, amount in rows]


def _programme_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Programme.id, Programme.name, Programme.year)
                              .order_by(Programme.year.desc(), Programme.name)).all()
    return [(pid, f"{name} ({year})") for pid, name, year in rows]


def figures(actor, *, programme_id=None, year=None, month_from=None, month_to=None, today: date | None = None) -> dict:
    """Every figure of the protection and aid programmes for the filter (programme, year, month range).

    Covered workers = distinct workers with a cover month in the period (of an active enrolment, or an ended one
    up to its end; no period: ever); age is counted on the last day covered by the period, or today. Cover per
    month counts the people with a cover month. Cost: ledger amounts per month, paid/delivered vs due; by payer:
    the people covered and the paid/due amounts of each payer's programmes; budget used = paid in the period /
    programme budget. Eight queries at most, whatever the data size."""
    require_protection_officer(actor)
    first, last = period(year, month_from, month_to)
    programme = _programme(programme_id)
    today = today or date.today()
    on = min(today, add_months(last, 1) - timedelta(days=1)) if last else today
    pid = programme.id if programme else None
    cost = _cost_by_month(pid, first, last)
    claims = _claims(pid, first, last)
    programmes = _programmes(pid, year, first, last)
    return {
        "programme": programme, "year": year, "first": first, "last": last, "age_on": on,
        "period_label": _period_label(first, last),
        **_demographics(pid, first, last, on),
        "cover_by_month": _cover_by_month(pid, first, last),
        "cost_by_month": cost, "paid_total": sum(r["paid"] for r in cost), "due_total": sum(r["due"] for r in cost),
        "by_payer": _by_payer(pid, first, last),
        "programmes": programmes, "aid": [p for p in programmes if p["is_aid"]],
        "claims": claims, "claims_count": sum(c["count"] for c in claims),
        "claims_amount": sum(c["amount"] for c in claims),
        "programme_choices": _programme_choices(),
    }


def _period_label(first: date | None, last: date | None) -> str:
    """The period in words, as text (it goes into XLSX cells and chart titles)."""
    if not first and not last:
        return str(_l("Semua periode"))
    if first and last:
        return month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"
    if first:
        return str(_l("Sejak %(month)s", month=month_label(first)))
    return str(_l("Sampai %(month)s", month=month_label(last)))


PEOPLE, CLAIMS = _l("orang"), _l("klaim")  # the unit after a count ("7.140 orang")
CHARTS = {  # URL slug -> (title, kind, figures key, value key, unit)
    "kategori": (_l("Pekerja ditanggung per kategori pekerjaan"), "bar", "by_category", "count", PEOPLE),
    "kecamatan": (_l("Pekerja ditanggung per kecamatan"), "bar", "by_kecamatan", "count", PEOPLE),
    "jenis-kelamin": (_l("Pekerja ditanggung per jenis kelamin"), "bar", "by_sex", "count", PEOPLE),
    "usia": (_l("Pekerja ditanggung per kelompok usia"), "bar", "by_age", "count", PEOPLE),
    "cakupan": (_l("Orang ditanggung per bulan"), "line", "cover_by_month", "count", PEOPLE),
    "biaya": (_l("Biaya dibayar/diserahkan per bulan"), "line", "cost_by_month", "paid", "Rp"),
    "klaim": (_l("Klaim per jenis dan status"), "bar", "claims", "count", CLAIMS),
    "bantuan": (_l("Penerima bantuan per program"), "bar", "aid", "beneficiaries", PEOPLE),
}


def chart_svg(actor, chart: str, **filters) -> str:
    """One chart of the figures for the filter, as SVG text (rules.charts: numbers and escaped labels only)."""
    require_protection_officer(actor)
    if chart not in CHARTS:
        raise NotFound(_l("Grafik tidak ditemukan."))
    title, kind, key, value, unit = CHARTS[chart]
    data = figures(actor, **filters)
    rows = data[key]
    if chart == "klaim":
        items = [(f"{r['kind_label']} – {r['status_label']}", r[value]) for r in rows]
    elif chart == "bantuan":
        items = [(r["name"], r[value]) for r in rows]
    else:
        items = [(r["label"], r[value]) for r in rows]
    title = f"{title} · {data['period_label']}"
    return (line_chart if kind == "line" else bar_chart)(items, title=title, unit=str(unit))
