"""The monthly report for the mayor's office: one section per programme with this month's figures, last month's and
the change, plus chart series. Officers only.

Every figure is computed for the six months ending with the chosen month in the same aggregate query (one
conditional sum per month), so the page shows the last two and the charts the six; the number of queries is constant
(about 16, plus four per job fair held that month) whatever the number of records. Datetime columns are cut at
midnight WITA (Asia/Makassar).

Each figure counts a record in the month of its business date: a fair by its days, a vacancy by when it was
published, an application by when it was submitted, a hire by when the company reported it, a placement by when
the office verified it. So a fair's figures and the report of the month it was held agree
(tests/services/test_monthly_report_dates.py).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Ak1Status,
    Application,
    Apprenticeship,
    ApprenticeshipPlace,
    Claim,
    CoverMonth,
    Enrolment,
    JobFair,
    LedgerEntry,
    Placement,
    PlacementStatus,
    Programme,
    TrainingCourse,
    TrainingEnrolment,
    Vacancy,
    Worker,
    WorkerCategory,
)
from jobfair.rules import monthly_report as rules
from jobfair.rules import numbers
from jobfair.rules.dates import WITA
from jobfair.rules.eligibility import add_months
from jobfair.services.access import require_office
from jobfair.services.errors import ValidationFailed
from jobfair.services.hiring.fairs import fair_figures, placement_rate
from jobfair.services.protection.protection_figures import CITY, COVERED, SETTLED, SUBSIDY

BAD_MONTH = _l("Bulan tidak dikenal. Pilih bulan dengan format TTTT-BB, misalnya 2025-11, dari tahun 2000 sampai "
               "bulan ini.")
NO_CATEGORY = _l("Tanpa kategori")


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | float | None
    previous: int | float | None
    unit: str = ""  # "", "Rp" or "%"

    @property
    def change(self) -> rules.Change:
        return rules.change(self.value, self.previous, rate=self.unit == "%")

    def shown(self, value) -> str:
        if self.unit == "%":
            return numbers.percent(value)
        return numbers.rupiah(value) if self.unit == "Rp" else numbers.number(value)


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    kind: str  # "line" or "bar"
    unit: str  # for rules.charts: "orang", "Rp", ...
    label_header: str
    value_header: str
    items: list[tuple[str, int]]


@dataclass
class Section:
    key: str
    title: str
    note: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    lists: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, lines) e.g. the fairs held

    def chart(self, slug: str) -> Chart | None:
        return next((c for c in self.charts if c.slug == slug), None)


@dataclass
class Report:
    month: date
    previous: date
    months: list[date]
    generated_at: datetime
    sections: list[Section]

    @property
    def title(self) -> str:
        return _l("Laporan bulanan Disnaker Kota Balikpapan — %(month)s", month=rules.month_name(self.month))

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def parse_month(text: str | None, today: date | None = None) -> date:
    """The month a request names ('2025-11'); none given means last month. A bad one is a field error."""
    today = today or datetime.now(WITA).date()
    if text is None or text == "":
        return rules.default_month(today)
    month = rules.parse_month(text, today)
    if month is None:
        raise ValidationFailed({"bulan": BAD_MONTH})
    return month


# --- query helpers ----------------------------------------------------------------------------------------------

def _utc_start(month: date) -> datetime:
    return datetime(month.year, month.month, 1, tzinfo=WITA).astimezone(UTC)


def _in_month(column, month: date, *, moment: bool = False):
    following = add_months(month, 1)
    if moment:
        return and_(column >= _utc_start(month), column < _utc_start(following))
    return and_(column >= month, column < following)


def _sums(months, condition_of, value=1) -> list:
    """One conditional sum per month: sum(value when condition_of(month))."""
    return [func.coalesce(func.sum(case((condition_of(m), value), else_=0)), 0) for m in months]


def _distinct(months, condition_of, column) -> list:
    return [func.count(case((condition_of(m), column)).distinct()) for m in months]


def _series(row, index: int, count: int) -> list[int]:
    return [int(v or 0) for v in row[index * count:(index + 1) * count]]


def _figure(label: str, series: list, unit: str = "") -> Figure:
    return Figure(label, series[-1], series[-2], unit)


def _monthly_line(slug: str, title, unit: str, value_header, months: list[date], series: list[int]) -> Chart:
    """A line chart of one figure over the report's months."""
    return Chart(slug, title, "line", unit, _l("Bulan"), value_header, _month_items(months, series))


def _month_items(months: list[date], series: list[int]) -> list[tuple[str, int]]:
    return [(rules.short_name(m), v) for m, v in zip(months, series, strict=True)]


# --- sections ---------------------------------------------------------------------------------------------------

def _fairs_section(months: list[date]) -> Section:
    n, month = len(months), months[-1]
    held = _distinct(months, lambda m: and_(JobFair.starts_on < add_months(m, 1), JobFair.ends_on >= m), JobFair.id)
    fairs = _series(db.session.execute(select(*held)).one(), 0, n)
    published = lambda m: _in_month(Vacancy.published_at, m, moment=True)  # noqa: E731
    row = db.session.execute(select(*_sums(months, published), *_sums(months, published, Vacancy.openings))).one()
    vacancies, openings = _series(row, 0, n), _series(row, 1, n)
    applications = _series(db.session.execute(select(*_sums(
        months, lambda m: _in_month(Application.created_at, m, moment=True)))).one(), 0, n)
    verified_in = lambda m: and_(Placement.status == PlacementStatus.VERIFIED.value,  # noqa: E731
                                 _in_month(Placement.verified_at, m, moment=True))
    row = db.session.execute(select(*_sums(months, lambda m: _in_month(Placement.created_at, m, moment=True)),
                                    *_sums(months, verified_in))).one()
    hires, verified = _series(row, 0, n), _series(row, 1, n)
    rates = [placement_rate(v, o) for v, o in zip(verified, openings, strict=True)]
    held_now = db.session.execute(select(JobFair.id, JobFair.name, JobFair.starts_on, JobFair.ends_on, JobFair.venue)
                                  .where(JobFair.starts_on < add_months(month, 1), JobFair.ends_on >= month)
                                  .order_by(JobFair.starts_on)).all()
    return Section(
        "bursa-kerja", _l("Bursa kerja dan penempatan"),
        _l("Lowongan bursa kerja dan lowongan sepanjang tahun. Lowongan dan formasi dihitung pada bulan "
           "diterbitkan; lamaran pada bulan dikirim, diterima kerja pada bulan dilaporkan perusahaan, penempatan pada "
           "bulan diverifikasi; tingkat penempatan = penempatan terverifikasi bulan ini ÷ formasi yang diterbitkan "
           "bulan ini. Angka tiap bursa kerja di bawah adalah angka seluruh bursa itu sampai hari ini, sama dengan "
           "halaman bursa kerja."),
        [_figure(_l("Bursa kerja diselenggarakan"), fairs), _figure(_l("Lowongan diterbitkan"), vacancies),
         _figure(_l("Formasi (potensi serapan)"), openings), _figure(_l("Lamaran masuk"), applications),
         _figure(_l("Diterima kerja (dilaporkan perusahaan)"), hires),
         _figure(_l("Penempatan terverifikasi"), verified),
         Figure(_l("Tingkat penempatan"), rates[-1], rates[-2], "%")],
        [_monthly_line("penempatan", _l("Penempatan terverifikasi per bulan"), "orang", _l("Penempatan"),
                       months, verified),
         _monthly_line("formasi", _l("Formasi diterbitkan per bulan"), "formasi", _l("Formasi"), months, openings)],
        [(_l("Bursa kerja bulan ini"), [_fair_line(*fair) for fair in held_now])])


def _fair_line(fair_id: int, name: str, start: date, end: date, venue: str) -> str:
    """One fair held in the month with its figures as its fair page computes them (services.fairs.fair_figures)."""
    f = fair_figures(fair_id)
    n = numbers.number
    return _l("%(name)s — %(venue)s, %(start)s s.d. %(end)s: %(companies)s perusahaan, %(vacancies)s lowongan, "
              "%(openings)s formasi, %(applications)s lamaran, %(hires)s diterima kerja, %(verified)s penempatan "
              "terverifikasi (tingkat penempatan %(rate)s).", name=name, venue=venue,
              start=format_date(start, "dd-MM-yyyy"), end=format_date(end, "dd-MM-yyyy"), companies=n(f["companies"]),
              vacancies=n(f["vacancies"]), openings=n(f["openings"]), applications=n(f["applications"]),
              hires=n(f["hires"]), verified=n(f["verified_placements"]), rate=numbers.percent(f["placement_rate"]))


def _ak1_section(months: list[date]) -> Section:
    n = len(months)
    closed = lambda status: lambda m: and_(Ak1Card.status == status,  # noqa: E731
                                           _in_month(Ak1Card.closed_at, m, moment=True))

    def active_at_end(m):
        following = add_months(m, 1)
        return and_(Ak1Card.issued_on < following, or_(Ak1Card.valid_until.is_(None), Ak1Card.valid_until >= m),
                    or_(Ak1Card.closed_at.is_(None), Ak1Card.closed_at >= _utc_start(following)))

    row = db.session.execute(select(
        *_sums(months, lambda m: _in_month(Ak1Card.requested_at, m, moment=True)),
        *_sums(months, lambda m: _in_month(Ak1Card.issued_on, m)),
        *_sums(months, active_at_end), *_sums(months, closed(Ak1Status.LAPSED.value)),
        *_sums(months, closed(Ak1Status.PLACED.value)))).one()
    requested, issued, active, lapsed, placed = (_series(row, i, n) for i in range(5))
    return Section(
        "ak1", _l("Kartu pencari kerja (AK/1)"),
        _l("Kartu aktif = kartu yang sudah terbit dan masih berlaku pada akhir bulan. Gugur = laporan setengah tahunan "
           "tidak diisi; ditempatkan = ditutup karena penempatan terverifikasi."),
        [_figure(_l("Permohonan kartu"), requested), _figure(_l("Kartu diterbitkan"), issued),
         _figure(_l("Kartu aktif (akhir bulan)"), active), _figure(_l("Kartu gugur"), lapsed),
         _figure(_l("Kartu ditutup karena ditempatkan"), placed)],
        [_monthly_line("aktif", _l("Kartu AK/1 aktif per akhir bulan"), "kartu", _l("Kartu aktif"), months, active),
         _monthly_line("terbit", _l("Kartu AK/1 diterbitkan per bulan"), "kartu", _l("Kartu diterbitkan"),
                       months, issued)])


def _smk_section(months: list[date]) -> Section:
    n = len(months)
    running = lambda start, end: lambda m: and_(start < add_months(m, 1), end >= m)  # noqa: E731
    course_running = running(TrainingCourse.starts_on, TrainingCourse.ends_on)
    row = db.session.execute(select(*_distinct(months, course_running, TrainingCourse.id),
                                    *_distinct(months, course_running, TrainingCourse.field))).one()
    courses, kinds = _series(row, 0, n), _series(row, 1, n)
    completed_in = lambda m: and_(TrainingEnrolment.status == "completed",  # noqa: E731
                                  _in_month(TrainingEnrolment.finished_at, m, moment=True))
    row = db.session.execute(select(*_sums(months, course_running), *_sums(months, completed_in))
                             .select_from(TrainingEnrolment).join(TrainingCourse)).one()
    participants, completions = _series(row, 0, n), _series(row, 1, n)
    place_running = running(ApprenticeshipPlace.starts_on, ApprenticeshipPlace.ends_on)
    counted = Apprenticeship.status != "terminated"
    on_place = lambda m: and_(counted, place_running(m))  # noqa: E731
    row = db.session.execute(select(
        *_distinct(months, on_place, ApprenticeshipPlace.company_id), *_sums(months, on_place),
        *_sums(months, lambda m: and_(Apprenticeship.status == "completed",
                                      _in_month(Apprenticeship.completed_at, m, moment=True))))
        .select_from(Apprenticeship).join(ApprenticeshipPlace, ApprenticeshipPlace.id == Apprenticeship.place_id)
    ).one()
    companies, apprentices, finished = (_series(row, i, n) for i in range(3))
    return Section(
        "smk", _l("Pelatihan dan pemagangan SMK"),
        _l("Pelatihan dan magang dihitung bila berlangsung pada bulan itu; peserta pelatihan termasuk yang "
           "mengundurkan diri. Lulus dan selesai dihitung pada bulan diselesaikan."),
        [_figure(_l("Pelatihan berlangsung"), courses), _figure(_l("Jenis pelatihan"), kinds),
         _figure(_l("Peserta pelatihan"), participants), _figure(_l("Peserta lulus pelatihan"), completions),
         _figure(_l("Perusahaan tempat magang"), companies), _figure(_l("Peserta magang"), apprentices),
         _figure(_l("Magang selesai"), finished)],
        [_monthly_line("pelatihan", _l("Peserta pelatihan per bulan"), "orang", _l("Peserta"), months, participants),
         _monthly_line("magang", _l("Peserta magang per bulan"), "orang", _l("Peserta magang"), months, apprentices)])


def _protection_section(months: list[date]) -> Section:
    n, month, previous = len(months), months[-1], months[-2]
    subsidy = and_(Programme.kind == SUBSIDY, Programme.payer == CITY)  # what the city pays, not other payers
    row = db.session.execute(select(*_distinct(months, lambda m: CoverMonth.month == m, CoverMonth.person_id))
                             .select_from(CoverMonth).join(Enrolment, Enrolment.id == CoverMonth.enrolment_id)
                             .join(Programme, Programme.id == Enrolment.programme_id)
                             .where(subsidy, Enrolment.status.in_(COVERED))).one()
    covered = _series(row, 0, n)
    settled = LedgerEntry.status.in_(SETTLED)
    year_to = lambda m: and_(settled, Programme.year == m.year, LedgerEntry.month <= m)  # noqa: E731
    row = db.session.execute(select(
        *_sums(months, lambda m: and_(settled, LedgerEntry.month == m)),
        *_sums(months, lambda m: and_(settled, LedgerEntry.month == m), LedgerEntry.amount),
        *_sums(months, lambda m: and_(LedgerEntry.status == "due", LedgerEntry.month == m), LedgerEntry.amount),
        *_sums([previous, month], year_to, LedgerEntry.amount))
        .select_from(LedgerEntry).join(Programme, Programme.id == LedgerEntry.programme_id).where(subsidy)).one()
    paid_count, paid, due, used = (_series(row, i, n) for i in range(4))
    budgets = [int(v or 0) for v in db.session.execute(select(
        *_sums([previous, month], lambda m: Programme.year == m.year, Programme.budget)).where(subsidy)).one()]
    usage = [round(100.0 * u / b, 1) if b else None for u, b in zip(used[:2], budgets, strict=True)]
    row = db.session.execute(select(
        *_sums(months, lambda m: _in_month(Claim.incident_date, m)),
        *_sums(months, lambda m: _in_month(Claim.incident_date, m), Claim.amount))
        .select_from(Claim).join(Enrolment, Enrolment.id == Claim.enrolment_id)
        .join(Programme, Programme.id == Enrolment.programme_id).where(subsidy)).one()
    claims, claimed = _series(row, 0, n), _series(row, 1, n)
    category = WorkerCategory.name
    by_category = db.session.execute(
        select(category, func.count(CoverMonth.person_id.distinct())).select_from(CoverMonth)
        .join(Enrolment, Enrolment.id == CoverMonth.enrolment_id)
        .join(Programme, Programme.id == Enrolment.programme_id).join(Worker, Worker.id == Enrolment.worker_id)
        .outerjoin(WorkerCategory, WorkerCategory.code == Worker.category_code)
        .where(subsidy, Enrolment.status.in_(COVERED), CoverMonth.month == month)
        .group_by(category).order_by(func.count(CoverMonth.person_id.distinct()).desc(), category)).all()
    return Section(
        "perlindungan", _l("Perlindungan pekerja (subsidi iuran BPJS Ketenagakerjaan)"),
        _l("Pekerja ditanggung = orang yang iurannya ditanggung kota pada bulan itu. Anggaran terpakai = iuran "
           "dibayar sejak Januari sampai bulan itu ÷ anggaran program tahun itu."),
        [_figure(_l("Pekerja ditanggung"), covered), _figure(_l("Iuran dibayar (peserta)"), paid_count),
         _figure(_l("Biaya iuran dibayar"), paid, "Rp"), _figure(_l("Iuran belum dibayar"), due, "Rp"),
         Figure(_l("Anggaran terpakai sampai bulan ini"), usage[1], usage[0], "%"),
         _figure(_l("Klaim JKK/JKM (tanggal kejadian)"), claims), _figure(_l("Nilai klaim"), claimed, "Rp")],
        [_monthly_line("ditanggung", _l("Pekerja ditanggung per bulan"), "orang", _l("Pekerja"), months, covered),
         Chart("kategori", _l("Pekerja ditanggung per kategori, %(month)s", month=rules.short_name(month)), "bar",
               "orang", _l("Kategori"), _l("Pekerja"),
               [(name or str(NO_CATEGORY), int(count)) for name, count in by_category])])


def _aid_section(months: list[date]) -> Section:
    n, month = len(months), months[-1]
    aid = Programme.kind != SUBSIDY
    covers = {row[0]: _series(row[1:], 0, n) for row in db.session.execute(
        select(Enrolment.programme_id, *_distinct(months, lambda m: CoverMonth.month == m, CoverMonth.person_id))
        .select_from(CoverMonth).join(Enrolment, Enrolment.id == CoverMonth.enrolment_id)
        .where(Enrolment.status.in_(COVERED), CoverMonth.month >= months[0], CoverMonth.month <= month)
        .group_by(Enrolment.programme_id))}
    delivered = lambda m: and_(LedgerEntry.status == "delivered", LedgerEntry.month == m)  # noqa: E731
    deliveries = {row[0]: (_series(row[1:], 0, n), _series(row[1:], 1, n)) for row in db.session.execute(
        select(LedgerEntry.programme_id, *_sums(months, delivered, LedgerEntry.quantity),
               *_sums(months, delivered, LedgerEntry.amount))
        .where(LedgerEntry.month >= months[0], LedgerEntry.month <= month).group_by(LedgerEntry.programme_id))}
    programmes = db.session.execute(
        select(Programme.id, Programme.name, Programme.item_name)
        .where(aid, or_(Programme.year == month.year, Programme.id.in_(set(covers) | set(deliveries))))
        .order_by(Programme.name)).all()
    figures, beneficiaries_now, total_items = [], [], [0] * n
    zeros = [0] * n
    for pid, name, item in programmes:
        people = covers.get(pid, zeros)
        items, value = deliveries.get(pid, (zeros, zeros))
        figures += [_figure(_l("%(programme)s: penerima", programme=name), people),
                    _figure(_l("%(programme)s: %(item)s diserahkan", programme=name, item=item or _l("barang")), items),
                    _figure(_l("%(programme)s: nilai diserahkan", programme=name), value, "Rp")]
        beneficiaries_now.append((name, people[-1]))
        total_items = [a + b for a, b in zip(total_items, items, strict=True)]
    return Section(
        "bantuan", _l("Bantuan sosial"),
        _l("Per program bantuan (pemilik program tercatat pada data program). Penerima = orang yang tercatat menerima "
           "bantuan pada bulan itu; diserahkan = penyerahan yang sudah dicatat dengan bukti."),
        figures,
        [Chart("penerima", _l("Penerima bantuan per program, %(month)s", month=rules.short_name(month)), "bar",
               "orang", _l("Program"), _l("Penerima"), beneficiaries_now),
         _monthly_line("diserahkan", _l("Barang bantuan diserahkan per bulan"), "barang", _l("Diserahkan"),
                       months, total_items)])


SECTIONS = (_fairs_section, _ak1_section, _smk_section, _protection_section, _aid_section)
SECTION_KEYS = ("bursa-kerja", "ak1", "smk", "perlindungan", "bantuan")


def monthly_report(actor, month: date, *, only: str | None = None) -> Report:
    """The report for `month` (any day of it); `only` computes one section (for a chart)."""
    require_office(actor)
    month = month.replace(day=1)
    months = rules.series_months(month)
    builders = SECTIONS if only is None else [b for k, b in zip(SECTION_KEYS, SECTIONS, strict=True) if k == only]
    return Report(month, months[-2], months, datetime.now(UTC), [build(months) for build in builders])
