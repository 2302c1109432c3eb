"""The city's headline figures, computed from the records (never typed in): job fairs, pre-graduation training,
SMK apprenticeships, worker protection (BPJS subsidy), social aid and AK/1 cards.

A CONSTANT number of aggregate queries whatever the data size (no per-row loop): one or two per section, plus one
look-up per given fair/kecamatan filter. Aggregates only, never a person: the same figures feed the officers'
dashboard and the public open data (Satu Data).

Which filter applies where (FILTERS_BY_SECTION, shown on the page):
- period (months, inclusive): fairs by their start date; training courses and apprenticeship places by start date;
  protection by the cover months in the period (a worker is covered in a period when a month of it is covered:
  active, or ended after that month), the headline counting city-paid cover only and each other payer apart; aid
  by cover overlapping the period (aid deliveries by delivery month); AK/1 by issue date.
- job fair: the job-fair figures only.
- kecamatan: fair vacancies/applications by the vacancy's kecamatan, fair companies and apprenticeships by the
  company's, fair registrants by the seeker's (walk-ins have none), workers and aid by the worker's, AK/1 by the
  seeker's. Training has no kecamatan.
- sector (KBLI section A–U of the company): the job-fair figures and apprenticeships.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, exists, func, or_, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Ak1Status,
    Application,
    ApplicationStatus,
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    Company,
    CoverMonth,
    Enrolment,
    FairBooth,
    FairRegistration,
    JobFair,
    Kecamatan,
    LedgerEntry,
    Payer,
    Placement,
    PlacementStatus,
    Programme,
    SeekerProfile,
    TrainingCourse,
    TrainingEnrolment,
    Vacancy,
    Worker,
    WorkerCategory,
)
from jobfair.models.base import utcnow
from jobfair.rules import kbli_sections, numbers
from jobfair.rules.eligibility import add_months
from jobfair.services.access import require_office
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring.fairs import placement_rate, was_published
from jobfair.services.protection.protection_figures import CITY, COVERED, SUBSIDY

SECTIONS = {  # key -> (title, filters that apply)
    "fairs": (_l("Bursa kerja"), ("periode", "bursa kerja", "kecamatan", "sektor")),
    "training": (_l("Pelatihan pra-kelulusan SMK"), ("periode",)),
    "apprenticeships": (_l("Pemagangan SMK"), ("periode", "kecamatan", "sektor")),
    "protection": (_l("Perlindungan pekerja rentan (BPJS Ketenagakerjaan)"), ("periode", "kecamatan")),
    "aid": (_l("Bantuan sosial"), ("periode", "kecamatan")),
    "ak1": (_l("Kartu pencari kerja (AK/1)"), ("periode", "kecamatan")),
}


@dataclass(frozen=True)
class Figure:
    key: str              # stable, e.g. "fairs.openings" (open data depends on it)
    label: str            # a lazy message: the reader's language (open data: messages.indonesian)
    value: int | float | None
    unit: str             # "orang", "Rp", "%", ...
    endpoint: str         # the records behind the figure (office pages)
    computed_at: datetime
    args: dict = field(default_factory=dict)

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def display(self) -> str:
        return numbers.with_unit(self.value, self.unit)


@dataclass(frozen=True)
class Filters:
    period_from: date | None = None   # first month (first-of-month date)
    period_to: date | None = None     # last month, inclusive
    fair_id: int | None = None
    kecamatan: str | None = None
    sector: str | None = None         # KBLI section letter

    def query_args(self) -> dict:
        """The filter as the dashboard's GET arguments (for chart images and links)."""
        args = {"dari": self.period_from.strftime("%Y-%m") if self.period_from else None,
                "sampai": self.period_to.strftime("%Y-%m") if self.period_to else None,
                "bursa": self.fair_id, "kecamatan": self.kecamatan, "sektor": self.sector}
        return {k: v for k, v in args.items() if v not in (None, "")}


def clean_filters(*, period_from=None, period_to=None, fair_id=None, kecamatan=None, sector=None) -> Filters:
    """Validate the filters (ValidationFailed with Indonesian messages); at most two look-ups."""
    errors: dict[str, str] = {}
    first = period_from.replace(day=1) if isinstance(period_from, date) else None
    last = period_to.replace(day=1) if isinstance(period_to, date) else None
    if first and last and first > last:
        errors["period_to"] = _l("Bulan akhir tidak boleh sebelum bulan awal; tukar atau ubah salah satunya.")
    if fair_id is not None and (isinstance(fair_id, bool) or not isinstance(fair_id, int)
                                or db.session.get(JobFair, fair_id) is None):
        errors["fair_id"] = _l("Bursa kerja tidak ditemukan; pilih dari daftar.")
    kecamatan = (kecamatan or "").strip() or None
    if kecamatan is not None and (not re.fullmatch(r"\d{6}", kecamatan)
                                  or db.session.get(Kecamatan, kecamatan) is None):
        errors["kecamatan"] = _l("Kecamatan tidak dikenal; pilih dari daftar.")
    sector = (sector or "").strip().upper() or None
    if sector is not None and sector not in kbli_sections.SECTIONS:
        errors["sector"] = _l("Sektor harus salah satu kategori KBLI A–U; pilih dari daftar.")
    if errors:
        raise ValidationFailed(errors)
    return Filters(first, last, fair_id, kecamatan, sector)


def in_period(column, f: Filters) -> list:
    conditions = []
    if f.period_from:
        conditions.append(column >= f.period_from)
    if f.period_to:
        conditions.append(column < add_months(f.period_to, 1))
    return conditions


def overlaps_period(start, end, f: Filters) -> list:
    """Cover [start, end] (nullable first-of-month dates) overlapping the filter's months."""
    conditions = []
    if f.period_to:
        conditions.append(or_(start.is_(None), start <= f.period_to))
    if f.period_from:
        conditions.append(or_(end.is_(None), end >= f.period_from))
    return conditions


def sector_of(company_kbli, f: Filters) -> list:
    if not f.sector:
        return []
    return [func.substr(func.coalesce(company_kbli, ""), 1, 2).in_(kbli_sections.divisions(f.sector))]


def fair_scope(fair_column, f: Filters) -> list:
    """The fairs counted: the chosen one, or every fair starting in the period."""
    conditions = [fair_column == f.fair_id] if f.fair_id is not None else [fair_column.is_not(None)]
    if f.period_from or f.period_to:
        conditions.append(fair_column.in_(select(JobFair.id).where(*in_period(JobFair.starts_on, f))))
    return conditions


def _sum_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _fairs(f: Filters, now: datetime) -> list[Figure]:
    """Four aggregate queries (booths, vacancies, registrations, applications)."""
    kec_company = [Company.kecamatan_code == f.kecamatan] if f.kecamatan else []
    companies = db.session.scalar(
        select(func.count(FairBooth.company_id.distinct())).join(Company, Company.id == FairBooth.company_id)
        .where(*fair_scope(FairBooth.fair_id, f), *kec_company, *sector_of(Company.kbli_code, f))) or 0
    vacancy_where = [*fair_scope(Vacancy.job_fair_id, f), was_published(),
                     *([Vacancy.kecamatan_code == f.kecamatan] if f.kecamatan else []),
                     *sector_of(Company.kbli_code, f)]
    vacancies, openings = db.session.execute(
        select(func.count(Vacancy.id), func.coalesce(func.sum(Vacancy.openings), 0))
        .join(Company, Company.id == Vacancy.company_id).where(*vacancy_where)).one()
    registrations = select(func.coalesce(func.sum(case((FairRegistration.walk_in.is_(False), 1), else_=0)), 0),
                           func.count(FairRegistration.checked_in_at)).where(*fair_scope(FairRegistration.fair_id, f))
    if f.kecamatan:
        registrations = registrations.join(SeekerProfile, SeekerProfile.id == FairRegistration.seeker_id).where(
            SeekerProfile.kecamatan_code == f.kecamatan)
    registrants, attendees = db.session.execute(registrations).one()
    applications, hires, verified = db.session.execute(
        select(func.count(Application.id), _sum_if(Application.status == ApplicationStatus.HIRED.value),
               func.count(Placement.id).filter(Placement.status == PlacementStatus.VERIFIED.value))
        .select_from(Application).join(Vacancy, Vacancy.id == Application.vacancy_id)
        .join(Company, Company.id == Vacancy.company_id)
        .outerjoin(Placement, Placement.application_id == Application.id).where(*vacancy_where)).one()
    openings, verified = int(openings), int(verified)
    fair_page = ("public.fair", {"fair_id": f.fair_id}) if f.fair_id else ("office.fairs_list", {})
    desk = ("office.fair_desk", {"fair_id": f.fair_id}) if f.fair_id else ("office.fairs_list", {})
    report = ("office.report_placements", {"bursa": f.fair_id} if f.fair_id else {})
    rows = [("companies", _l("Perusahaan peserta bursa kerja"), companies, "perusahaan", fair_page),
            ("vacancies", _l("Lowongan di bursa kerja"), vacancies, "lowongan", fair_page),
            ("openings", _l("Formasi (potensi penyerapan tenaga kerja)"), openings, "orang", report),
            ("registrants", _l("Pendaftar daring"), registrants, "orang", desk),
            ("attendees", _l("Pengunjung hadir (check-in)"), attendees, "orang", desk),
            ("applications", _l("Lamaran"), applications, "lamaran", report),
            ("hires", _l("Diterima bekerja"), hires, "orang", report),
            ("verified_placements", _l("Penempatan terverifikasi"), verified, "orang", report),
            ("placement_rate", _l("Tingkat penempatan (penempatan terverifikasi / formasi)"),
             placement_rate(verified, openings), "%", report)]
    return [Figure(f"fairs.{key}", label, int(value) if unit != "%" and value is not None else value, unit,
                   link[0], now, link[1]) for key, label, value, unit, link in rows]


def _training(f: Filters, now: datetime) -> list[Figure]:
    """One query. A participant is an enrolment (one student in one course), drop-outs included."""
    kinds, participants, completions = db.session.execute(
        select(func.count(TrainingCourse.field.distinct()), func.count(TrainingEnrolment.id),
               _sum_if(TrainingEnrolment.status == "completed"))
        .select_from(TrainingCourse).outerjoin(TrainingEnrolment, TrainingEnrolment.course_id == TrainingCourse.id)
        .where(*in_period(TrainingCourse.starts_on, f))).one()
    return [Figure("training.kinds", _l("Jenis pelatihan"), int(kinds), "jenis", "office.training_courses", now),
            Figure("training.participants", _l("Peserta pelatihan"), int(participants), "orang",
                   "office.training_figures", now),
            Figure("training.completions", _l("Peserta lulus pelatihan"), int(completions), "orang",
                   "office.training_figures", now)]


def _apprenticeships(f: Filters, now: datetime) -> list[Figure]:
    """One query; terminated apprenticeships are not counted (as services.apprenticeships.figures)."""
    companies, participants, completed = db.session.execute(
        select(func.count(ApprenticeshipPlace.company_id.distinct()), func.count(Apprenticeship.id),
               _sum_if(Apprenticeship.status == ApprenticeshipStatus.COMPLETED.value))
        .select_from(Apprenticeship).join(ApprenticeshipPlace, ApprenticeshipPlace.id == Apprenticeship.place_id)
        .join(Company, Company.id == ApprenticeshipPlace.company_id)
        .where(Apprenticeship.status != ApprenticeshipStatus.TERMINATED.value,
               *in_period(ApprenticeshipPlace.starts_on, f), *sector_of(Company.kbli_code, f),
               *([Company.kecamatan_code == f.kecamatan] if f.kecamatan else []))).one()
    link = "office.apprenticeships_figures"
    return [Figure("apprenticeships.companies", _l("Perusahaan tempat magang"),
                   int(companies), "perusahaan", link, now),
            Figure("apprenticeships.participants", _l("Peserta magang"), int(participants), "orang", link, now),
            Figure("apprenticeships.completed", _l("Magang selesai (bersertifikat)"),
                   int(completed), "orang", link, now)]


def covered_in_period(f: Filters) -> list:
    """Conditions of an enrolment in a BPJS contribution subsidy that covered someone in the period: a cover month
    in it, of an active enrolment or an ended one (an ended enrolment keeps the months up to its end). Without a
    period: every enrolment that ever covered someone. Not "every enrolment never ended": last year's members are
    not covered this year unless they have this year's months."""
    months = exists().where(CoverMonth.enrolment_id == Enrolment.id, *in_period(CoverMonth.month, f))
    return [Programme.kind == SUBSIDY, Enrolment.status.in_(COVERED), months,
            *([Worker.kecamatan_code == f.kecamatan] if f.kecamatan else [])]


def _covered(f: Filters) -> list[tuple]:
    """(payer, category code, category name, covered workers, monthly cost) of the BPJS subsidies: one grouped
    query. Monthly cost = the programmes' amount per month over the enrolments covering someone in the period."""
    return db.session.execute(
        select(Programme.payer, Worker.category_code, WorkerCategory.name, func.count(Enrolment.worker_id.distinct()),
               func.coalesce(func.sum(Programme.amount_per_month), 0))
        .select_from(Enrolment).join(Programme, Programme.id == Enrolment.programme_id)
        .join(Worker, Worker.id == Enrolment.worker_id)
        .outerjoin(WorkerCategory, WorkerCategory.code == Worker.category_code)
        .where(*covered_in_period(f)).group_by(Programme.payer, Worker.category_code, WorkerCategory.name)
        .order_by(WorkerCategory.name)).all()


def covered_rows(f: Filters, payer: str = CITY) -> list[tuple]:
    """(category code, category name, covered workers, monthly cost) of the BPJS subsidy paid by `payer` (the city
    by default: the city's figures count only city-paid cover) in the period; one grouped query."""
    return [tuple(row[1:]) for row in _covered(f) if row[0] == payer]


def _protection(f: Filters, now: datetime) -> list[Figure]:
    """One query. The headline is the city's: workers whose contributions the city pays in the period; workers
    paid by another payer (the province, themselves) have their own figures, never added to the city's."""
    everyone = _covered(f)
    rows = [tuple(row[1:]) for row in everyone if row[0] == CITY]
    total, cost = sum(int(r[2]) for r in rows), sum(int(r[3]) for r in rows)
    figures = [Figure("protection.covered_workers", _l("Pekerja rentan ditanggung iuran BPJS Ketenagakerjaan"), total,
                      "orang", "protection.figures_page", now),
               Figure("protection.monthly_cost", _l("Biaya iuran per bulan"), cost, "Rp", "protection.figures_page",
                      now)]
    for code, name, count, _cost in rows:
        args = {"kategori": code} if code else {}
        if f.kecamatan:
            args["kecamatan"] = f.kecamatan
        figures.append(Figure(f"protection.covered_workers.{code or 'tanpa_kategori'}",
                              _l("Pekerja ditanggung: %(category)s", category=name or _l("tanpa kategori")), int(count),
                              "orang",
                              "protection.workers", now, args))
    for payer in sorted({row[0] for row in everyone} - {CITY}):
        count, amount = (sum(int(row[i]) for row in everyone if row[0] == payer) for i in (3, 4))
        label = labels.label(Payer, payer)
        figures += [Figure(f"protection.payer.{payer}.covered_workers",
                           _l("Pekerja ditanggung, dibayar %(payer)s", payer=label),
                           count, "orang", "protection.figures_page", now),
                    Figure(f"protection.payer.{payer}.monthly_cost",
                           _l("Biaya iuran per bulan, dibayar %(payer)s", payer=label),
                           amount, "Rp", "protection.figures_page", now)]
    return figures


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "program"


def _aid(f: Filters, now: datetime) -> list[Figure]:
    """One query: per aid programme, beneficiaries (distinct people enrolled, active or ended, in the period) and
    deliveries (ledger entries delivered in the period, and the items handed over)."""
    kec = [Worker.kecamatan_code == f.kecamatan] if f.kecamatan else []
    people = (select(Enrolment.programme_id.label("pid"), func.count(Enrolment.worker_id.distinct()).label("n"))
              .join(Worker, Worker.id == Enrolment.worker_id)
              .where(Enrolment.status.in_(COVERED), *overlaps_period(Enrolment.cover_from, Enrolment.cover_to, f),
                     *kec).group_by(Enrolment.programme_id).subquery())
    given = (select(LedgerEntry.programme_id.label("pid"), func.count(LedgerEntry.id).label("n"),
                    func.coalesce(func.sum(LedgerEntry.quantity), 0).label("item_count"))
             .join(Enrolment, Enrolment.id == LedgerEntry.enrolment_id).join(Worker, Worker.id == Enrolment.worker_id)
             .where(LedgerEntry.status == "delivered", *in_period(LedgerEntry.month, f), *kec)
             .group_by(LedgerEntry.programme_id).subquery())
    rows = db.session.execute(
        select(Programme.id, Programme.name, Programme.year, Programme.item_name, people.c.n, given.c.n,
               given.c.item_count)
        .outerjoin(people, people.c.pid == Programme.id).outerjoin(given, given.c.pid == Programme.id)
        .where(Programme.kind != SUBSIDY).order_by(Programme.year.desc(), Programme.name)).all()
    figures = []
    for pid, name, year, item, beneficiaries, deliveries, items in rows:
        key = f"aid.{slug(name)}_{year}"
        link = ("protection.programme_detail", {"programme_id": pid})
        names = {"programme": name, "year": str(year)}  # a year: not a number to group
        figures.append(Figure(f"{key}.beneficiaries", _l("Penerima %(programme)s (%(year)s)", **names),
                              int(beneficiaries or 0), "orang", link[0], now, link[1]))
        figures.append(Figure(f"{key}.deliveries", _l("Penyerahan %(item)s: %(programme)s (%(year)s)",
                                                      item=item or _l("bantuan"), **names),
                              int(deliveries or 0), "kali", "protection.ledger_month", now, link[1]))
        figures.append(Figure(f"{key}.items", _l("Barang diserahkan: %(programme)s (%(year)s)", **names),
                              int(items or 0), "unit", "protection.ledger_month", now, link[1]))
    return figures


def _ak1(f: Filters, now: datetime) -> list[Figure]:
    """One query over cards issued (in the period): issued, still active, lapsed, closed as placed."""
    query = (select(func.count(Ak1Card.id), _sum_if(Ak1Card.status == Ak1Status.ISSUED.value),
                    _sum_if(Ak1Card.status == Ak1Status.LAPSED.value),
                    _sum_if(Ak1Card.status == Ak1Status.PLACED.value))
             .where(Ak1Card.issued_on.is_not(None), *in_period(Ak1Card.issued_on, f)))
    if f.kecamatan:
        query = query.join(SeekerProfile, SeekerProfile.id == Ak1Card.seeker_id).where(
            SeekerProfile.kecamatan_code == f.kecamatan)
    issued, active, lapsed, placed = db.session.execute(query).one()
    link = "office.ak1_reports_due"
    return [Figure("ak1.issued", _l("Kartu AK/1 diterbitkan"), int(issued), "kartu", link, now),
            Figure("ak1.active", _l("Kartu AK/1 aktif"), int(active), "kartu", link, now),
            Figure("ak1.lapsed", _l("Kartu AK/1 gugur (tidak melapor)"), int(lapsed), "kartu", link, now),
            Figure("ak1.placed", _l("Kartu AK/1 ditutup karena sudah bekerja"), int(placed), "kartu", link, now)]


def headline(*, period_from=None, period_to=None, fair_id=None, kecamatan=None, sector=None) -> list[Figure]:
    """Every headline figure for the filters, in section order. Ten aggregate queries (plus one look-up per given
    fair or kecamatan filter), whatever the number of records."""
    return headline_for(clean_filters(period_from=period_from, period_to=period_to, fair_id=fair_id,
                                      kecamatan=kecamatan, sector=sector))


def headline_for(f: Filters, now: datetime | None = None) -> list[Figure]:
    """The headline for filters already cleaned by clean_filters, computed from the records now."""
    now = now or utcnow()
    return [*_fairs(f, now), *_training(f, now), *_apprenticeships(f, now), *_protection(f, now), *_aid(f, now),
            *_ak1(f, now)]


def grouped(figures: list[Figure]) -> list[dict]:
    """The figures per section, with the section's title and the filters that apply to it."""
    result = []
    for key, (title, applies) in SECTIONS.items():
        result.append({"key": key, "title": title, "filters": applies,
                       "figures": [fig for fig in figures if fig.section == key]})
    return result


def office_headline(actor, **filters) -> list[dict]:
    """The dashboard's headline (officers only); unfiltered from the snapshot (services.figure_snapshots)."""
    from jobfair.services.office import figure_snapshots

    require_office(actor)
    return grouped(headline(**filters) if filters else figure_snapshots.city().figures)
