"""Demo data: the city's worker-protection and social-aid programmes of 2025 as it published them — 7,140 vulnerable
informal workers whose BPJS Ketenagakerjaan JKK+JKM contributions (Rp16.800 a month) the city pays, 13 prosthetic
legs (August 2025, about Rp91 million) and a monthly food package for 80 poor elderly for a full year.

The BPJS register goes the way the offices exchange it: a CSV of the 7,140 workers (six categories, the six kecamatan
and their kelurahan) through the import service (validate, then import the valid rows), the sector offices' verification
and activation with the KPJ through services/protection/enrolment_bulk.py, the December 2024 mayoral decree through
enrolments.decree, then the monthly ledger: ledger.generate and ledger.mark_paid. The 93 aid beneficiaries are typed in
one by one (protection_people.register_worker, enrolments.enrol and the status workflow), the deliveries recorded with
ledger.record_delivery (one-off) and ledger.generate + mark_delivered (monthly). Every printed figure comes from
protection_figures.figures. Deterministic (random.Random(7140)); idempotent: every step looks at what is already
there (a second run adds nothing, a broken-off run is finished).

The seed stands on 31 December 2025 (AS_OF): the end of the programme year, so the register shows what the city
published — contributions paid January–December, 13 prosthetic legs delivered, 80 × 12 = 960 food packages.
"""

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.demo.fair import KECAMATAN, Progress, say
from jobfair.demo.people import FIRST_NAMES, LAST_NAMES
from jobfair.extensions import db
from jobfair.models import Enrolment, Kelurahan, LedgerEntry, Programme, User, Worker
from jobfair.rules import enrolment_states as states
from jobfair.rules import numbers
from jobfair.rules.eligibility import BPJS_SUBSIDY_RULES, EligibilityRules, months_in, rupiah
from jobfair.rules.nik import FEMALE_DAY_OFFSET, parse_nik
from jobfair.rules.worker_rows import COLUMNS
from jobfair.services.office import figure_snapshots
from jobfair.services.protection import (
    enrolment_bulk,
    enrolments,
    ledger,
    programmes,
    protection_figures,
    protection_import,
)
from jobfair.services.protection import protection_people as register

YEAR = 2025
AS_OF = date(2025, 12, 31)               # the day the seed stands on: the end of the programme year
REGISTER_DAY = date(2024, 11, 15)        # registration and verification, September–December 2024
DECREE = ("188.45-1263/2024", date(2024, 12, 20))   # SK Wali Kota: the 2025 members, cover from January
COVERED = 7140
UMK_2025 = 3_701_508
SERIAL_FIRST, SERIAL_SPAN = 6001, 3999   # NIK serials 6001–9999 (demo seekers use 2001–2300, SMK students 5001–5090)
BPJS = dict(name="Subsidi iuran BPJS Ketenagakerjaan JKK+JKM", kind="contribution_subsidy", cover_kind="bpjs_jkk_jkm",
            owning_office="Disnaker", funder="city", payer="city", year=YEAR, amount_per_month=16_800,
            item_name="Iuran JKK + JKM", unit_value=0, quota=COVERED, budget=COVERED * 16_800 * 12,
            eligibility=BPJS_SUBSIDY_RULES.to_dict())
PROSTHETIC = dict(name="Bantuan kaki palsu", kind="one_off_aid", cover_kind="kaki_palsu", owning_office="Dinas Sosial",
                  funder="city", payer="city", year=YEAR, amount_per_month=0, item_name="Kaki palsu",
                  unit_value=7_000_000, quota=13, budget=13 * 7_000_000,
                  eligibility=EligibilityRules(requires_disability=True).to_dict())
FOOD = dict(name="Paket sembako lansia", kind="recurring_aid", cover_kind="sembako_lansia",
            owning_office="Dinas Sosial", funder="city", payer="city", year=YEAR, amount_per_month=0,
            item_name="Paket sembako", unit_value=300_000, quota=80, budget=80 * 12 * 300_000,
            eligibility=EligibilityRules(min_ktp_months=6, min_age=60, requires_elderly=True).to_dict())
# (category, workers, share of women, sector office that verifies, weights over KECAMATAN: Timur, Barat, Utara,
#  Tengah, Selatan, Kota)
CATEGORIES = (
    ("tukang_bangunan", 1850, 0.03, "Dinas Pekerjaan Umum", (16, 14, 26, 14, 20, 10)),
    ("pedagang_kecil", 2100, 0.55, "Dinas Koperasi, UMKM dan Perindustrian", (14, 15, 20, 18, 20, 13)),
    ("nelayan", 1050, 0.05, "Dinas Pangan, Pertanian dan Perikanan", (40, 25, 5, 6, 12, 12)),
    ("petani", 820, 0.30, "Dinas Pangan, Pertanian dan Perikanan", (45, 8, 35, 2, 8, 2)),
    ("pekerja_rumah_tangga", 760, 0.92, "Dinas Tenaga Kerja", (12, 14, 22, 18, 22, 12)),
    ("pembudidaya_ikan", 560, 0.25, "Dinas Pangan, Pertanian dan Perikanan", (45, 25, 15, 3, 8, 4)),
)
STREETS = ("Jl. Mulawarman", "Jl. Sultan Hasanuddin", "Jl. Soekarno-Hatta", "Jl. MT Haryono", "Jl. Jenderal Sudirman",
           "Jl. Letjen Suprapto", "Jl. Marsma R. Iswahyudi", "Jl. Ruhui Rahayu", "Jl. Pupuk Raya", "Gg. Nelayan")
MIDDLE_NAMES = ("", "", "Nur", "Dwi", "Tri", "Eka", "Sri", "Putra", "Ayu", "Adi")
LIMBS = ("Amputasi kaki kanan di bawah lutut", "Amputasi kaki kiri di bawah lutut", "Amputasi kaki kanan di atas lutut",
         "Amputasi kaki kiri di atas lutut")
AID_CATEGORIES = ("lainnya", "pedagang_kecil", "buruh_harian", "pemulung", "marbot", "ojek", "petani", "nelayan")
SOCIAL_OFFICE = "Dinas Sosial"
PROSTHETIC_REGISTERED = date(2025, 7, 1)
PROSTHETIC_DECREE = ("400.9.2/0815/Dinsos/2025", date(2025, 7, 21))
PROSTHETIC_DAY = date(2025, 8, 20)   # one handover at the Dinas Sosial office
FOOD_DECREE = ("400.9.2/1318/Dinsos/2024", date(2024, 12, 16))


@dataclass(frozen=True)
class DemoPerson:
    """One demo person: the row of the import file (COLUMNS keys) and the sector office that verifies them."""

    row: dict
    office: str
    disability_note: str = ""


def _birth(rng: random.Random, oldest: date, youngest: date) -> date:
    return oldest + timedelta(days=rng.randrange((youngest - oldest).days + 1))


def _years_after(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


class _People:
    """Distinct valid Balikpapan NIKs (serials 6001–9999) and plausible rows, from one random.Random."""

    def __init__(self, rng: random.Random, kelurahan: dict[str, list[str]]):
        self.rng, self.kelurahan, self.seen, self.n = rng, kelurahan, set(), 0

    def nik(self, kecamatan: str, sex: str, birth: date) -> str:
        serial = SERIAL_FIRST + self.n % SERIAL_SPAN
        day = birth.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
        while (nik := f"{kecamatan}{day:02d}{birth:%m}{birth.year % 100:02d}{serial:04d}") in self.seen:
            serial = SERIAL_FIRST + (serial - SERIAL_FIRST + 1) % SERIAL_SPAN
        parse_nik(nik, today=REGISTER_DAY)  # the rules check it like a typed NIK (raises on a bad one)
        self.seen.add(nik)
        return nik

    def make(self, *, category: str, office: str, women: float, kecamatan: str, birth: date, income: int,
             cover: tuple[date, date], disability_note: str = "", elderly: bool = False) -> DemoPerson:
        rng = self.rng
        self.n += 1
        sex = "P" if rng.random() < women else "L"
        middle = rng.choice(MIDDLE_NAMES)
        name = " ".join(part for part in (rng.choice(FIRST_NAMES[sex]), middle, rng.choice(LAST_NAMES)) if part)
        ktp_since = _birth(rng, _years_after(birth, 17), date(2024, 4, 30))
        row = dict(nik=self.nik(kecamatan, sex, birth), full_name=name, sex=sex, birth_date=birth.isoformat(),
                   address=f"{rng.choice(STREETS)} RT {rng.randrange(1, 60):03d}", kecamatan=kecamatan,
                   kelurahan=rng.choice(self.kelurahan[kecamatan]), phone=f"0813{5_100_000 + self.n:07d}",
                   category=category, monthly_income=str(income), ktp_since=ktp_since.isoformat(),
                   cover_from=f"{cover[0]:%Y-%m}", cover_to=f"{cover[1]:%Y-%m}", payer="Pemkot Balikpapan", kpj="",
                   has_disability="ya" if disability_note else "tidak", is_elderly="ya" if elderly else "tidak",
                   already_bpjs_member="belum")
        return DemoPerson(row, office, disability_note)


def demo_people(covered: int = COVERED) -> tuple[list[DemoPerson], list[DemoPerson], list[DemoPerson]]:
    """(BPJS workers, prosthetic-leg recipients, elderly), always the same. `covered` < 7,140 keeps the mix."""
    rng = random.Random(7140)
    kelurahan: dict[str, list[str]] = {}
    for code, name in db.session.execute(select(Kelurahan.kecamatan_code, Kelurahan.name).order_by(Kelurahan.code)):
        kelurahan.setdefault(code, []).append(name)
    people = _People(rng, kelurahan)
    year = (date(YEAR, 1, 1), date(YEAR, 12, 1))
    counts = [count * covered // COVERED for _category, count, *_rest in CATEGORIES]
    counts[0] += covered - sum(counts)  # a smaller demo (tests) keeps the mix and the exact total
    workers = []
    for (category, _count, women, office, weights), count in zip(CATEGORIES, counts, strict=True):
        for _ in range(count):
            workers.append(people.make(
                category=category, office=office, women=women, kecamatan=rng.choices(KECAMATAN, weights)[0],
                birth=_birth(rng, date(1961, 1, 1), date(2005, 12, 31)),
                income=rng.randrange(1_200_000, UMK_2025 + 1, 50_000), cover=year))
    legs = [people.make(category=AID_CATEGORIES[n % len(AID_CATEGORIES)], office=SOCIAL_OFFICE, women=0.3,
                        kecamatan=KECAMATAN[n % 6], birth=_birth(rng, date(1966, 1, 1), date(2000, 12, 31)),
                        income=rng.randrange(0, 2_000_001, 100_000), cover=(date(YEAR, 8, 1), date(YEAR, 8, 1)),
                        disability_note=rng.choice(LIMBS)) for n in range(PROSTHETIC["quota"])]
    elderly = [people.make(category=AID_CATEGORIES[n % len(AID_CATEGORIES)], office=SOCIAL_OFFICE, women=0.6,
                           kecamatan=KECAMATAN[n % 6], birth=_birth(rng, date(1940, 1, 1), date(1963, 12, 31)),
                           income=rng.randrange(0, 1_000_001, 50_000), cover=year, elderly=True)
               for n in range(FOOD["quota"])]
    return workers, legs, elderly


def import_csv(people: list[DemoPerson]) -> bytes:
    """The office's spreadsheet saved as CSV: the import template's headers, the rows below."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([protection_import.HEADERS[key][0] for key in COLUMNS])
    writer.writerows([p.row[key] for key in COLUMNS] for p in people)
    return out.getvalue().encode("utf-8")


def _programme(officer: User, fields: dict) -> Programme:
    found = db.session.scalar(select(Programme).where(Programme.name == fields["name"], Programme.year == YEAR))
    return found or programmes.create_programme(officer, **fields)


def enrolment_ids(programme_id: int, status: str) -> list[int]:
    return list(db.session.scalars(select(Enrolment.id).where(Enrolment.programme_id == programme_id,
                                                              Enrolment.status == status).order_by(Enrolment.id)))


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- the BPJS subsidy -------------------------------------------------------------------------------------------

def _import_workers(officer: User, programme: Programme, workers: list[DemoPerson], progress: Progress) -> None:
    def checked(done: int, total: int) -> None:
        if done % 2000 == 0:
            say(progress, f"  impor: {_n(done)}/{_n(total)} baris diperiksa")

    batch = protection_import.validate_upload(officer, programme.id, filename="pekerja-rentan-bpjs-2025.csv",
                                              stream=io.BytesIO(import_csv(workers)), today=REGISTER_DAY,
                                              on_progress=checked)
    if batch.error_rows or batch.errors or batch.valid_rows != len(workers):  # pragma: no cover - valid demo rows
        raise RuntimeError(f"demo import refused: {batch.errors[:3]}")
    batch = protection_import.apply(officer, batch.id, mode="valid_only", today=REGISTER_DAY)
    say(progress, f"Subsidi BPJS: {_n(batch.imported_rows)} pekerja rentan diimpor dari CSV (semua baris valid).")


def _bpjs_workflow(officer: User, programme: Programme, workers: list[DemoPerson]) -> None:
    """Sector verification per office, the December decree, activation with the KPJ BPJS gave."""
    office_of = {p.row["category"]: p.office for p in workers}
    by_office: dict[str, list[int]] = {}
    for enrolment_id, category in db.session.execute(
            select(Enrolment.id, Worker.category_code).join(Worker, Worker.id == Enrolment.worker_id)
            .where(Enrolment.programme_id == programme.id, Enrolment.status == states.REGISTERED)
            .order_by(Enrolment.id)):
        by_office.setdefault(office_of[category], []).append(enrolment_id)
    for office, ids in sorted(by_office.items()):
        enrolment_bulk.verify_sector_bulk(officer, ids, office)
    verified = enrolment_ids(programme.id, states.SECTOR_VERIFIED)
    if verified:
        enrolments.decree(officer, verified, decree_number=DECREE[0], decree_date=DECREE[1])
    decreed = enrolment_ids(programme.id, states.DECREED)
    if decreed:
        enrolment_bulk.activate_bulk(officer, {i: f"25{i:09d}" for i in decreed})


def settle_months(officer, programme: Programme, today: date, day_of_month: int, settle) -> tuple[int, int]:
    """Generate every month of the programme year up to `today` (once) and settle its due rows on day
    `day_of_month` when that day has come: `settle(entry ids, month, day)`. Returns (months generated, settled)."""
    generated = settled = 0
    for month in months_in(date(programme.year, 1, 1), min(today, date(programme.year, 12, 1))):
        if db.session.scalar(select(LedgerEntry.id).where(LedgerEntry.programme_id == programme.id,
                                                          LedgerEntry.month == month).limit(1)) is None:
            ledger.generate(officer, programme.id, month)
        generated += 1
        settled_on = month.replace(day=day_of_month)
        if settled_on > today:
            continue
        due = list(db.session.scalars(select(LedgerEntry.id).where(
            LedgerEntry.programme_id == programme.id, LedgerEntry.month == month,
            LedgerEntry.status == "due").order_by(LedgerEntry.id)))
        for part in _chunks(due, ledger.MAX_BULK):
            settle(part, month, settled_on)
        settled += 1
    return generated, settled


def _seed_bpjs(officer: User, workers: list[DemoPerson], today: date, progress: Progress) -> Programme:
    programme = _programme(officer, BPJS)
    if programme.enrolled_count == 0:
        _import_workers(officer, programme, workers, progress)
    _bpjs_workflow(officer, programme, workers)

    def pay(ids, month, paid_on):
        ledger.mark_paid(officer, ids, reference=f"SP2D 900/{month:%m}/BPJS-TK/{YEAR}", paid_on=paid_on)

    generated, paid = settle_months(officer, programme, today, 10, pay)
    say(progress, f"Subsidi BPJS: diverifikasi dinas sektor, ditetapkan SK Wali Kota {DECREE[0]}, diaktifkan dengan "
                  f"KPJ; iuran {generated} bulan dibuat, {paid} bulan dibayar.")
    return programme


# --- social aid -------------------------------------------------------------------------------------------------

def _enrol_by_hand(officer: User, programme: Programme, people: list[DemoPerson], registered: date,
                   decree: tuple[str, date]) -> None:
    """The office types each beneficiary in and moves them through the workflow (idempotent per person)."""
    for person in people:
        row = person.row
        worker = register.find_worker_by_nik(officer, row["nik"]) or register.register_worker(
            officer, nik=row["nik"], full_name=row["full_name"], sex=row["sex"],
            birth_date=date.fromisoformat(row["birth_date"]), address=row["address"], kecamatan_code=row["kecamatan"],
            kelurahan_code=db.session.scalar(select(Kelurahan.code).where(
                Kelurahan.kecamatan_code == row["kecamatan"], Kelurahan.name == row["kelurahan"])),
            phone=row["phone"], category_code=row["category"], monthly_income=int(row["monthly_income"]),
            ktp_since=date.fromisoformat(row["ktp_since"]), has_disability=bool(person.disability_note),
            disability_note=person.disability_note, is_elderly=row["is_elderly"] == "ya")
        if db.session.scalar(select(Enrolment.id).where(Enrolment.programme_id == programme.id,
                                                        Enrolment.worker_id == worker.id)) is None:
            enrolments.enrol(officer, programme.id, worker.id, cover_from=date.fromisoformat(row["cover_from"] + "-01"),
                             cover_to=date.fromisoformat(row["cover_to"] + "-01"), payer="city",
                             verifying_office=person.office, today=registered)
    for enrolment_id in enrolment_ids(programme.id, states.REGISTERED):
        enrolments.verify_sector(officer, enrolment_id, SOCIAL_OFFICE)
    verified = enrolment_ids(programme.id, states.SECTOR_VERIFIED)
    if verified:
        enrolments.decree(officer, verified, decree_number=decree[0], decree_date=decree[1])
    for enrolment_id in enrolment_ids(programme.id, states.DECREED):
        enrolments.activate(officer, enrolment_id)


def _seed_prosthetics(officer: User, people: list[DemoPerson], today: date, progress: Progress) -> None:
    programme = _programme(officer, PROSTHETIC)
    _enrol_by_hand(officer, programme, people, PROSTHETIC_REGISTERED, PROSTHETIC_DECREE)
    done = set(db.session.scalars(select(LedgerEntry.enrolment_id).where(LedgerEntry.programme_id == programme.id)))
    for n, enrolment_id in enumerate(enrolment_ids(programme.id, states.ACTIVE), start=1):
        if enrolment_id in done or PROSTHETIC_DAY > today:
            continue
        ledger.record_delivery(officer, enrolment_id, delivered_on=PROSTHETIC_DAY, item="Kaki palsu", quantity=1,
                               value=PROSTHETIC["unit_value"], reference=f"BAST/KP/{n:02d}/VIII/{YEAR}",
                               proof=f"Berita acara serah terima BAST/KP/{n:02d}/VIII/{YEAR} dan foto penyerahan")
    say(progress, f"Bantuan kaki palsu: {len(people)} penerima penyandang disabilitas"
                  + (f", diserahkan {PROSTHETIC_DAY:%d-%m-%Y}." if PROSTHETIC_DAY <= today else "."))


def _seed_food(officer: User, people: list[DemoPerson], today: date, progress: Progress) -> None:
    programme = _programme(officer, FOOD)
    _enrol_by_hand(officer, programme, people, REGISTER_DAY, FOOD_DECREE)

    def deliver(ids, month, delivered_on):
        ledger.mark_delivered(officer, ids, reference=f"BAST/SEMBAKO-LANSIA/{month:%m}/{YEAR}",
                              delivered_on=delivered_on, proof="Daftar tanda terima penerima dan foto penyerahan")

    delivered = settle_months(officer, programme, today, 20, deliver)[1]
    say(progress, f"Paket sembako lansia: {len(people)} lansia, {delivered} paket bulanan "
                  "diserahkan kepada tiap lansia.")


# --- the seed and its figures -----------------------------------------------------------------------------------

@figure_snapshots.refreshed_once  # many commits: the city's figures once, at the end
def seed_protection(officer: User, *, today: date | None = None, covered: int = COVERED,
                    progress: Progress = None) -> None:
    """Add the 2025 protection and aid programmes (idempotent: only what is missing is added). `today` is the day
    the seed stands on (default 31 December 2025): months after it are not generated, paid or delivered."""
    today = today or AS_OF
    if _complete(today, covered):
        say(progress, "Program perlindungan pekerja 2025 sudah ada; tidak ditambahkan lagi.")
        return
    workers, legs, elderly = demo_people(covered)
    _seed_bpjs(officer, workers, today, progress)
    _seed_prosthetics(officer, legs, today, progress)
    _seed_food(officer, elderly, today, progress)


def _settled_months(today: date, day_of_month: int) -> tuple[int, int]:
    """(months generated, months settled) by `today` for a ledger settled on `day_of_month`."""
    months = months_in(date(YEAR, 1, 1), min(today, date(YEAR, 12, 1))) if today >= date(YEAR, 1, 1) else []
    return len(months), sum(1 for m in months if m.replace(day=day_of_month) <= today)


def _complete(today: date, covered: int) -> bool:
    """True when a previous run left nothing to do: every programme has all its people active and its ledger rows
    generated and settled up to `today`."""
    bpjs, food = _settled_months(today, 10), _settled_months(today, 20)
    legs = int(PROSTHETIC_DAY <= today)
    wanted = {BPJS["name"]: (covered, covered * bpjs[0], covered * bpjs[1]),
              FOOD["name"]: (FOOD["quota"], FOOD["quota"] * food[0], FOOD["quota"] * food[1]),
              PROSTHETIC["name"]: (PROSTHETIC["quota"], PROSTHETIC["quota"] * legs, PROSTHETIC["quota"] * legs)}
    active = dict(db.session.execute(
        select(Programme.name, func.count(Enrolment.id)).join(Enrolment, Enrolment.programme_id == Programme.id)
        .where(Programme.year == YEAR, Enrolment.status == states.ACTIVE).group_by(Programme.name)).all())
    rows = {name: (total, settled) for name, total, settled in db.session.execute(
        select(Programme.name, func.count(LedgerEntry.id), func.count(LedgerEntry.settled_on))
        .join(LedgerEntry, LedgerEntry.programme_id == Programme.id).where(Programme.year == YEAR)
        .group_by(Programme.name)).all()}
    return all(active.get(name, 0) >= people and rows.get(name, (0, 0)) >= (total, settled)
               for name, (people, total, settled) in wanted.items())


_n = numbers.number


def protection_summary(officer: User, *, today: date | None = None) -> list[str]:
    """What `flask seed-demo` prints: the figures the protection figures page computes."""
    today = today or AS_OF
    bpjs = db.session.scalar(select(Programme).where(Programme.name == BPJS["name"], Programme.year == YEAR))
    if bpjs is None:
        return []
    f = protection_figures.figures(officer, programme_id=bpjs.id, year=YEAR, today=today)
    row = next(p for p in f["programmes"] if p["id"] == bpjs.id)
    lines = [f"Perlindungan pekerja {YEAR} (dihitung dari register, per {today:%d-%m-%Y}):",
             f"  {bpjs.name}: {_n(f['covered'])} pekerja ditanggung; iuran dibayar {rupiah(row['paid'])} dari "
             f"anggaran {rupiah(bpjs.budget)} ({row['budget_used']}).",
             "  Per kategori: " + ", ".join(f"{r['label']} {_n(r['count'])}" for r in f["by_category"]) + ".",
             "  Per kecamatan: " + ", ".join(f"{r['label']} {_n(r['count'])}" for r in f["by_kecamatan"]) + "."]
    for p in sorted(protection_figures.figures(officer, year=YEAR, today=today)["aid"], key=lambda p: p["name"]):
        lines.append(f"  {p['name']} ({p['owning_office']}): {_n(p['beneficiaries'])} penerima, "
                     f"{_n(p['deliveries'])} penyerahan senilai {rupiah(p['paid'])}.")
    return lines
