"""Demo data standing on the seeding day: the yearly cycles of the protection register after 2025.

For every cover year from 2026 to the current one (and the next one once its registration has opened in
September), the way the office runs a cycle: the active members of the year before are re-registered in
October (enrolment_cycle.reregister_for_year; people who turned 65 are skipped), the sector offices verify them
(enrolment_bulk.verify_sector_bulk), the mayor's decree follows on 20 December, the members are activated with the
KPJ number BPJS gave them the year before (enrolment_bulk.activate_bulk), and the months of the year up to the
current one are generated and paid on the 10th (ledger.generate, ledger.mark_paid). The 80 elderly's food packages
go the same way (re-registered in November, Dinas Sosial's decree on 16 December, delivered on the 20th). From 2026
the BPJS subsidy is owned by Dinas Sosial (the owning office is data). The newest cycle leaves 25 registrations
waiting for the sector office, so the office desk has work. The 2025 programmes (demo/protection.py) are
not touched. Once per cover year; nothing is dated after `today`.
"""

from datetime import date

from sqlalchemy import select

from jobfair.demo.common import ensure_umk, mark_done, part_done
from jobfair.demo.fair import Progress, say
from jobfair.demo.protection import BPJS, CATEGORIES, FOOD, SOCIAL_OFFICE, enrolment_ids, settle_months
from jobfair.demo.protection import YEAR as FIRST_YEAR
from jobfair.extensions import db
from jobfair.models import Enrolment, Programme, Worker
from jobfair.rules import enrolment_states as states
from jobfair.rules import numbers
from jobfair.services.protection import enrolment_bulk, enrolments, ledger, programmes
from jobfair.services.protection.enrolment_cycle import reregister_for_year

PENDING = 25                       # registrations of the newest cycle still waiting for the sector office
OFFICE_OF = {category: office for category, _count, _women, office, _weights in CATEGORIES}


def cycle_years(today: date) -> list[int]:
    """Cover years after 2025 the seed builds: up to this year, and next year once September has come."""
    last = today.year + 1 if today.month >= 9 else today.year
    return list(range(FIRST_YEAR + 1, last + 1))


def _programme(name: str, year: int) -> Programme | None:
    return db.session.scalar(select(Programme).where(Programme.name == name, Programme.year == year))


def _run_cycle(officer, fields: dict, year: int, today: date, *, registered: date, decreed: tuple[str, date],
               offices, kpj_of, pending: int) -> Programme:
    """Re-register last year's active members into this year's programme, verify, decree and activate them."""
    source = _programme(fields["name"], year - 1)
    target = _programme(fields["name"], year) or programmes.create_programme(officer, **dict(fields, year=year))
    if source is not None and target.enrolled_count == 0:
        reregister_for_year(officer, source.id, target.id, today=min(registered, today))
    waiting = db.session.execute(
        select(Enrolment.id, Worker.category_code).join(Worker, Worker.id == Enrolment.worker_id)
        .where(Enrolment.programme_id == target.id, Enrolment.status == states.REGISTERED)
        .order_by(Enrolment.id)).all()
    by_office: dict[str, list[int]] = {}
    for enrolment_id, category in waiting[:len(waiting) - pending]:
        by_office.setdefault(offices(category), []).append(enrolment_id)
    for office, ids in sorted(by_office.items()):
        enrolment_bulk.verify_sector_bulk(officer, ids, office)
    number, day = decreed
    verified = enrolment_ids(target.id, states.SECTOR_VERIFIED)
    if verified and day <= today:
        enrolments.decree(officer, verified, decree_number=number, decree_date=day)
        kpj = kpj_of(source.id) if source is not None else {}
        decreed_rows = db.session.execute(select(Enrolment.id, Enrolment.worker_id).where(
            Enrolment.programme_id == target.id, Enrolment.status == states.DECREED)).all()
        enrolment_bulk.activate_bulk(officer, {i: kpj.get(worker_id) for i, worker_id in decreed_rows})
    return target


def _kpj_numbers(programme_id: int) -> dict[int, str | None]:
    """{worker id: KPJ} of a programme's enrolments: BPJS keeps a member's number from year to year."""
    return dict(db.session.execute(select(Enrolment.worker_id, Enrolment.kpj_number)
                                   .where(Enrolment.programme_id == programme_id)).all())


def seed_cycle(officer, year: int, today: date, *, newest: bool, progress: Progress = None) -> None:
    part = f"protection_{year}"
    if part_done(part):
        say(progress, f"Program perlindungan {year} sudah ada; tidak ditambahkan lagi.")
        return
    ensure_umk(year)
    bpjs_fields = dict(BPJS, owning_office="Dinas Sosial", name=BPJS["name"])
    bpjs = _run_cycle(officer, bpjs_fields, year, today, registered=date(year - 1, 10, 15),
                      decreed=(f"188.45-{1200 + year % 100}/{year - 1}", date(year - 1, 12, 20)),
                      offices=lambda category: OFFICE_OF.get(category, "Dinas Tenaga Kerja"), kpj_of=_kpj_numbers,
                      pending=PENDING if newest else 0)
    food = _run_cycle(officer, dict(FOOD), year, today, registered=date(year - 1, 11, 15),
                      decreed=(f"400.9.2/{1300 + year % 100}/Dinsos/{year - 1}", date(year - 1, 12, 16)),
                      offices=lambda _category: SOCIAL_OFFICE, kpj_of=lambda _pid: {}, pending=0)

    def pay(ids, month, paid_on):
        ledger.mark_paid(officer, ids, reference=f"SP2D 900/{month:%m}/BPJS-TK/{year}", paid_on=paid_on)

    def deliver(ids, month, delivered_on):
        ledger.mark_delivered(officer, ids, reference=f"BAST/SEMBAKO-LANSIA/{month:%m}/{year}",
                              delivered_on=delivered_on, proof="Daftar tanda terima penerima dan foto penyerahan")

    paid = settle_months(officer, bpjs, today, 10, pay)
    delivered = settle_months(officer, food, today, 20, deliver)
    bpjs_counts = {status: len(enrolment_ids(bpjs.id, status))
                   for status in (states.REGISTERED, states.SECTOR_VERIFIED, states.ACTIVE)}
    food_counts = {status: len(enrolment_ids(food.id, status)) for status in (states.SECTOR_VERIFIED, states.ACTIVE)}
    say(progress, f"Subsidi BPJS {year} ({bpjs.owning_office}): {_n(bpjs_counts[states.ACTIVE])} aktif, "
                  f"{_n(bpjs_counts[states.SECTOR_VERIFIED])} terverifikasi menunggu SK, "
                  f"{_n(bpjs_counts[states.REGISTERED])} menunggu verifikasi dinas sektor; iuran {paid[0]} bulan "
                  f"dibuat, {paid[1]} bulan dibayar.")
    say(progress, f"Paket sembako lansia {year}: {food_counts[states.ACTIVE]} lansia aktif, "
                  f"{food_counts[states.SECTOR_VERIFIED]} menunggu SK; {delivered[1]} paket bulanan diserahkan.")
    mark_done(officer, part, today, bpjs_programme_id=bpjs.id, food_programme_id=food.id)


_n = numbers.number  # "7.140"


def seed_cycles(officer, *, today: date, progress: Progress = None) -> list[int]:
    """Every cycle after 2025 up to `today`. Returns the cover years built."""
    years = cycle_years(today)
    for year in years:
        seed_cycle(officer, year, today, newest=year == years[-1], progress=progress)
    return years
