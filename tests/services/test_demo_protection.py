"""`flask seed-demo`, part 4: the 2025 worker-protection register as the city published it — 7,140 BPJS-covered
workers with their contributions paid, 13 prosthetic legs, 80 elderly with twelve monthly food packages — built
through the services and checked through protection_figures."""

from datetime import date

from sqlalchemy import func, select

from jobfair.demo import protection as seed
from jobfair.extensions import db as _db
from jobfair.models import AuditEvent, Enrolment, LedgerEntry, Person, Programme, Worker
from jobfair.rules.eligibility import add_months, months_between
from jobfair.rules.nik import is_valid_nik
from jobfair.services.nik_store import decrypt_nik
from jobfair.services.protection import protection_figures
from jobfair.services.reference import REFERENCE_TABLES
from tests import factories

SIX_CATEGORIES = {"Tukang bangunan", "Pedagang kecil", "Nelayan", "Petani", "Pekerja rumah tangga",
                  "Pembudidaya ikan"}
SIX_KECAMATAN = {"Balikpapan Timur", "Balikpapan Barat", "Balikpapan Utara", "Balikpapan Tengah",
                 "Balikpapan Selatan", "Balikpapan Kota"}


def _row_counts() -> dict[str, int]:
    return {table.name: _db.session.scalar(select(func.count()).select_from(table))
            for table in _db.metadata.sorted_tables if table.name not in REFERENCE_TABLES}


def _programme(name: str) -> Programme:
    return _db.session.scalar(select(Programme).where(Programme.name == name, Programme.year == 2025))


def _settled_per_enrolment(programme: Programme, status: str) -> dict[int, int]:
    """{number of settled months: how many enrolments} for the programme."""
    per = (select(func.count(LedgerEntry.id).label("n")).where(LedgerEntry.programme_id == programme.id,
                                                               LedgerEntry.status == status)
           .group_by(LedgerEntry.enrolment_id).subquery())
    return dict(_db.session.execute(select(per.c.n, func.count()).group_by(per.c.n)).all())


def test_seed_builds_the_published_register_and_a_second_run_adds_nothing(db):
    officer = factories.make_officer()
    lines: list[str] = []
    seed.seed_protection(officer, progress=lines.append)

    bpjs = _programme(seed.BPJS["name"])
    f = protection_figures.figures(officer, programme_id=bpjs.id, year=2025, today=seed.AS_OF)
    assert f["covered"] == 7140
    assert {r["label"] for r in f["by_category"]} == SIX_CATEGORIES
    assert {r["label"] for r in f["by_kecamatan"]} == SIX_KECAMATAN
    assert sum(r["count"] for r in f["by_category"]) == sum(r["count"] for r in f["by_kecamatan"]) == 7140
    assert [r["count"] for r in f["cover_by_month"]] == [7140] * 12
    # every active enrolment has January–December paid, at Rp16.800 a month: the whole budget
    assert _settled_per_enrolment(bpjs, "paid") == {12: 7140}
    assert [r["paid"] for r in f["cost_by_month"]] == [7140 * 16_800] * 12 and f["due_total"] == 0
    assert f["paid_total"] == bpjs.budget == 7140 * 16_800 * 12
    assert _db.session.scalar(select(func.count(Enrolment.id)).where(
        Enrolment.programme_id == bpjs.id, Enrolment.status == "active", Enrolment.kpj_number.is_not(None),
        Enrolment.decree_number == seed.DECREE[0], Enrolment.verified_at.is_not(None))) == 7140

    aid = {p["name"]: p for p in protection_figures.figures(officer, year=2025, today=seed.AS_OF)["aid"]}
    legs, food = aid["Bantuan kaki palsu"], aid["Paket sembako lansia"]
    assert (legs["beneficiaries"], legs["deliveries"], legs["paid"]) == (13, 13, 91_000_000)
    assert (food["beneficiaries"], food["deliveries"], food["paid"]) == (80, 960, 960 * 300_000)
    assert _settled_per_enrolment(_programme("Paket sembako lansia"), "delivered") == {12: 80}
    assert legs["owning_office"] == food["owning_office"] == "Dinas Sosial"

    # the people are eligible and their NIKs valid Balikpapan NIKs of their kecamatan, none shared
    workers = _db.session.execute(select(Worker, Person).join(Person, Person.id == Worker.person_id)).all()
    assert len(workers) == 7140 + 13 + 80
    niks = set()
    for worker, person in workers:
        nik = decrypt_nik(person.nik_encrypted)
        assert is_valid_nik(nik) and nik[:6] == worker.kecamatan_code and 6001 <= int(nik[12:]) <= 9999
        niks.add(nik)
    assert len(niks) == len(workers)
    bpjs_workers = [(w, p) for w, p in workers if not w.has_disability and not w.is_elderly]
    assert len(bpjs_workers) == 7140
    for worker, person in bpjs_workers:
        assert worker.monthly_income <= 3_701_508
        assert months_between(person.birth_date, seed.REGISTER_DAY) <= 64 * 12 + 11
        assert months_between(worker.ktp_since, seed.REGISTER_DAY) >= 6
    assert all(w.disability_note for w, _p in workers if w.has_disability)
    assert all(months_between(p.birth_date, seed.REGISTER_DAY) >= 60 * 12 for w, p in workers if w.is_elderly)

    # the thousands moved through the workflow as audited batches: one row per sector office, not per person
    verified = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "protection.enrolments_verified"))
    assert sorted(e.detail["count"] for e in verified) == sorted([1850, 2100, 1050 + 820 + 560, 760])
    assert "Subsidi BPJS: 7.140 pekerja rentan diimpor dari CSV (semua baris valid)." in lines

    summary = seed.protection_summary(officer)
    assert "7.140 pekerja ditanggung" in summary[1] and "(100,0 %)" in summary[1]
    assert "  Paket sembako lansia (Dinas Sosial): 80 penerima, 960 penyerahan senilai Rp288.000.000." in summary
    assert "  Bantuan kaki palsu (Dinas Sosial): 13 penerima, 13 penyerahan senilai Rp91.000.000." in summary

    before = _row_counts()
    again: list[str] = []
    seed.seed_protection(officer, progress=again.append)
    assert _row_counts() == before
    assert again == ["Program perlindungan pekerja 2025 sudah ada; tidak ditambahkan lagi."]


def test_the_seed_stands_on_its_day_and_a_later_run_finishes_the_months(db):
    officer = factories.make_officer()
    seed.seed_protection(officer, today=date(2025, 6, 30), covered=60)
    bpjs, food, legs = (_programme(seed.BPJS["name"]), _programme(seed.FOOD["name"]),
                        _programme(seed.PROSTHETIC["name"]))
    assert _settled_per_enrolment(bpjs, "paid") == {6: 60}
    assert _settled_per_enrolment(food, "delivered") == {6: 80}
    assert _db.session.scalar(select(func.max(LedgerEntry.month)).where(LedgerEntry.programme_id == bpjs.id)) \
        == date(2025, 6, 1)
    assert _db.session.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.programme_id == legs.id)) == 0

    seed.seed_protection(officer, today=date(2025, 11, 30), covered=60)
    f = protection_figures.figures(officer, programme_id=bpjs.id, year=2025, today=date(2025, 11, 30))
    assert f["covered"] == 60 and {r["label"] for r in f["by_category"]} == SIX_CATEGORIES
    assert _settled_per_enrolment(bpjs, "paid") == {11: 60}  # January–November; December not yet generated
    assert [r["month"] for r in f["cost_by_month"] if r["total"]] == [add_months(date(2025, 1, 1), i)
                                                                      for i in range(11)]
    assert _settled_per_enrolment(food, "delivered") == {11: 80}
    assert _settled_per_enrolment(legs, "delivered") == {1: 13}
    generated = _db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "ledger.generated")).all()
    assert len(generated) == 22 and all(d["existing"] == 0 for d in generated)  # each month generated once

    before = _row_counts()
    seed.seed_protection(officer, today=date(2025, 11, 30), covered=60)
    assert _row_counts() == before


def test_demo_people_are_the_same_every_time_and_the_csv_has_the_template_headers(db):
    first, second = seed.demo_people(60), seed.demo_people(60)
    assert [p.row for group in first for p in group] == [p.row for group in second for p in group]
    workers = first[0]
    assert len(workers) == 60 and {p.row["category"] for p in workers} == {c[0] for c in seed.CATEGORIES}
    header = seed.import_csv(workers).decode().splitlines()[0].split(";")
    assert header[:3] == ["NIK", "Nama", "Jenis Kelamin"] and len(header) == 18
    assert header[-1] == "Sudah Peserta BPJS TK" and {p.row["already_bpjs_member"] for p in workers} == {"belum"}
