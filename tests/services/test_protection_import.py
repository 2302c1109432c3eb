"""Import of workers and enrolments into the protection register: validation report, the officer's choice,
all-or-nothing writes, duplicates, hostile spreadsheets, and the NIK never stored in clear."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from jobfair.models import AuditEvent, CoverMonth, Enrolment, ImportBatch, Person, Programme, SeekerProfile, Worker
from jobfair.services.errors import InvalidState, PermissionDenied, ValidationFailed
from jobfair.services.people import reveal_nik
from jobfair.services.protection import protection_import as pi
from tests import factories

TODAY = date(2024, 12, 1)
HEADER = ["NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Alamat", "Kecamatan", "Kelurahan", "No HP", "Kategori",
          "Penghasilan", "KTP Sejak", "Mulai", "Sampai", "Pembayar", "KPJ", "Disabilitas", "Lansia",
          "Sudah Peserta BPJS TK"]


def nik(serial: int, birth=date(1985, 6, 15), female=False) -> str:
    return factories.valid_nik(serial=serial, birth=birth, female=female)


def person_row(serial: int, **overrides) -> list:
    fields = {"NIK": nik(serial), "Nama": f"Pekerja {chr(65 + serial % 26)}", "Jenis Kelamin": "L",
              "Tanggal Lahir": "1985-06-15", "Alamat": "Jl. Mulawarman RT 1", "Kecamatan": "Balikpapan Timur",
              "Kelurahan": "Manggar", "No HP": "081234567890", "Kategori": "Nelayan", "Penghasilan": "2.500.000",
              "KTP Sejak": "2015-01-01", "Mulai": "2025-01", "Sampai": "2025-12", "Pembayar": "kota", "KPJ": "",
              "Disabilitas": "tidak", "Lansia": "tidak", "Sudah Peserta BPJS TK": "belum"}
    fields.update(overrides)
    return [fields[h] for h in HEADER]


def xlsx(rows, header=HEADER) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def officer():
    return factories.make_user("officer")


def programme(**overrides):
    return factories.bpjs_programme(year=2025, **overrides)


def validate(actor, prog, stream, filename="pekerja.xlsx", **kw):
    return pi.validate_upload(actor, prog.id, filename=filename, stream=stream, today=TODAY, **kw)


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_good_file_validates_and_imports(db):
    actor, prog = officer(), programme()
    batch = validate(actor, prog, xlsx([person_row(i) for i in range(1, 6)]))
    assert (batch.status, batch.total_rows, batch.valid_rows, batch.error_rows) == ("validated", 5, 5, 0)
    assert batch.processed_rows == 5 and len(batch.payload) == 5
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    batch = db.session.get(ImportBatch, batch.id)
    assert (batch.status, batch.imported_rows, batch.payload) == ("imported", 5, [])
    assert count(db, Enrolment) == 5 and count(db, Worker) == 5
    assert count(db, CoverMonth) == 60
    assert db.session.get(Programme, prog.id).enrolled_count == 5
    enrolment = db.session.scalars(select(Enrolment)).first()
    assert (enrolment.status, enrolment.payer, enrolment.cover_from) == ("registered", "city", date(2025, 1, 1))
    worker = enrolment.worker
    assert (worker.kecamatan_code, worker.kelurahan_code, worker.category_code) == ("647101", "6471011001", "nelayan")
    assert worker.monthly_income == 2_500_000 and worker.person.masked_nik.startswith("6471")
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "protection.import_applied")) == 1


def test_bad_rows_are_reported_and_valid_only_writes_exactly_the_valid_rows(db):
    actor, prog = officer(), programme()
    rows = [person_row(1), person_row(2, NIK="123"), person_row(3, Kecamatan="Samarinda"),
            person_row(4, Penghasilan="9.000.000"), person_row(5), person_row(6, **{"KTP Sejak": "2024-10-01"})]
    batch = validate(actor, prog, xlsx(rows))
    assert (batch.valid_rows, batch.error_rows) == (2, 4)
    found = {(e["row"], e["column"]) for e in batch.errors}
    assert {(3, "NIK"), (4, "Kecamatan"), (5, "Penghasilan"), (7, "KTP Sejak")} <= found
    assert all(e["reason"] for e in batch.errors)
    report = load_workbook(io.BytesIO(pi.error_report_xlsx(actor, batch.id)))
    cells = [[c.value for c in r] for r in report.active.iter_rows()]
    assert cells[0] == ["Baris", "Kolom", "Masalah", "Jenis"] and len(cells) == 1 + len(batch.errors)
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    hmacs = set(db.session.scalars(select(Person.nik_hmac)))
    from jobfair.services.nik_store import nik_hmac
    assert hmacs == {nik_hmac(nik(1)), nik_hmac(nik(5))}
    assert count(db, Enrolment) == 2


def test_nothing_writes_nothing_and_cannot_be_decided_twice(db):
    actor, prog = officer(), programme()
    batch = validate(actor, prog, xlsx([person_row(1), person_row(2)]))
    pi.apply(actor, batch.id, mode="nothing")
    assert db.session.get(ImportBatch, batch.id).status == "discarded"
    assert count(db, Person) == 0 and count(db, Enrolment) == 0
    with pytest.raises(InvalidState):
        pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    with pytest.raises(ValidationFailed):
        pi.apply(actor, validate(actor, prog, xlsx([person_row(3)])).id, mode="everything")


def test_duplicates_in_the_file_and_against_the_register(db):
    actor, prog = officer(), programme()
    existing = factories.make_enrolment(programme=prog, status="registered", actor=actor)
    taken = reveal_nik(existing.worker.person)
    seeker = factories.make_seeker(nik=nik(7))  # the same person as a job seeker: linked, not duplicated
    rows = [person_row(1), person_row(2, NIK=nik(1)), person_row(3, NIK=taken), person_row(7)]
    batch = validate(actor, prog, xlsx(rows))
    reasons = {e["row"]: e["reason"] for e in batch.errors}
    assert "baris 2" in reasons[3]
    assert "sudah terdaftar di program ini" in reasons[4]
    assert batch.valid_rows == 2
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    persons = count(db, Person)
    assert persons == 3  # existing worker, seeker (linked), row 1
    person_id = db.session.scalar(select(SeekerProfile.person_id).where(SeekerProfile.user_id == seeker.id))
    linked = db.session.scalar(select(Worker).where(Worker.person_id == person_id))
    assert linked is not None and linked.category_code == "nelayan"


def test_overlapping_cover_of_another_programme_is_refused(db):
    actor = officer()
    first = programme()
    other = programme(name="Subsidi BPJS provinsi", payer="province", funder="province")
    rows = [person_row(1), person_row(2)]
    pi.apply(actor, validate(actor, first, xlsx(rows)).id, mode="valid_only", today=TODAY)
    batch = validate(actor, other, xlsx([person_row(1, Mulai="2025-06", Sampai="2025-08", Pembayar="provinsi"),
                                         person_row(3, Pembayar="")]))
    assert batch.valid_rows == 1
    assert [e["column"] for e in batch.errors if e["row"] == 2] == ["Mulai"]
    assert "2025-06 s.d. 2025-08" in batch.errors[0]["reason"]


def test_a_race_after_validation_fails_the_whole_batch(db):
    actor, prog = officer(), programme()
    other = programme(name="Subsidi lain")
    batch = validate(actor, prog, xlsx([person_row(1), person_row(2)]))
    pi.apply(actor, validate(actor, other, xlsx([person_row(2)])).id, mode="valid_only", today=TODAY)
    before = (count(db, Person), count(db, Enrolment), count(db, CoverMonth))
    with pytest.raises(InvalidState):
        pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    assert (count(db, Person), count(db, Enrolment), count(db, CoverMonth)) == before
    batch = db.session.get(ImportBatch, batch.id)
    assert batch.status == "failed" and "tidak ada yang diimpor" in batch.errors[0]["reason"]
    assert db.session.get(Programme, prog.id).enrolled_count == 0


def test_quota_limits_the_valid_rows(db):
    actor, prog = officer(), programme(quota=2)
    batch = validate(actor, prog, xlsx([person_row(i) for i in range(1, 5)]))
    assert batch.valid_rows == 2
    assert sum("Kuota" in e["reason"] for e in batch.errors) == 2


def test_wrong_columns_is_one_clear_error_for_the_file(db):
    actor, prog = officer(), programme()
    with pytest.raises(ValidationFailed) as exc:
        validate(actor, prog, xlsx([["a", "b"]], header=["Nomor", "Nama Lengkap", "Umur"]))
    assert "NIK" in exc.value.field_errors["file"] and "Kecamatan" in exc.value.field_errors["file"]
    batch = db.session.scalars(select(ImportBatch)).one()
    assert batch.status == "failed" and batch.payload == []


@pytest.mark.parametrize(("filename", "data", "fragment"), [
    ("pekerja.xlsx", b"not a zip", "tidak dapat dibuka"),
    ("pekerja.pdf", b"%PDF", "tidak didukung"),
    ("pekerja.csv", b"", "kosong"),
    ("pekerja.csv", b"\xff\xfe\x00N", "tidak terbaca"),
])
def test_broken_files(db, filename, data, fragment):
    with pytest.raises(ValidationFailed) as exc:
        validate(officer(), programme(), io.BytesIO(data), filename=filename)
    assert fragment in exc.value.field_errors["file"]


def test_too_big_and_too_many_rows(db, monkeypatch):
    actor, prog = officer(), programme()
    with pytest.raises(ValidationFailed) as exc:
        validate(actor, prog, xlsx([person_row(i) for i in range(1, 6)]), max_rows=3)
    assert "lebih dari 3 baris" in exc.value.field_errors["file"]
    monkeypatch.setattr("jobfair.services.protection.protection_import_read.MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(ValidationFailed) as exc:
        validate(actor, prog, xlsx([person_row(1)]))
    assert "terlalu besar" in exc.value.field_errors["file"]


def test_formulas_are_refused(db):
    actor, prog = officer(), programme()
    batch = validate(actor, prog, xlsx([person_row(1, Nama="=1+1"), person_row(2, Penghasilan="=B2*2")]))
    assert batch.valid_rows == 0
    assert all("rumus" in e["reason"] for e in batch.errors)


def test_a_one_megabyte_cell_is_refused_and_not_echoed(db):
    actor, prog = officer(), programme()
    rows = "\n".join(";".join(str(v) for v in r) for r in [HEADER, person_row(1, Alamat="x" * 1_000_000),
                                                           person_row(2)])
    batch = validate(actor, prog, io.BytesIO(rows.encode("utf-8-sig")), filename="pekerja.csv")
    assert (batch.valid_rows, batch.error_rows) == (1, 1)
    assert batch.errors[0]["column"] == "Alamat" and len(batch.errors[0]["reason"]) < 200
    assert len(pi.error_report_xlsx(actor, batch.id)) < 20_000


def test_a_sheet_with_100000_empty_rows_ends_at_the_data(db):
    actor, prog = officer(), programme()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    sheet.append(person_row(1))
    sheet.append(person_row(2))
    for _ in range(100_000):
        sheet.append(["", None, ""])
    sheet.append(person_row(3))  # after the empty block: taken as not part of the data
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    batch = validate(actor, prog, buffer)
    assert (batch.total_rows, batch.valid_rows, batch.error_rows) == (2, 2, 0)
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    assert count(db, Enrolment) == 2


def test_csv_with_semicolons_and_codes(db):
    actor, prog = officer(), programme()
    lines = [";".join(HEADER), ";".join(person_row(1, Kecamatan="647101", Kelurahan="6471011001",
                                                   Kategori="pedagang_kecil", Pembayar=""))]
    batch = validate(actor, prog, io.BytesIO(("\ufeff" + "\r\n".join(lines)).encode()), filename="data.CSV")
    assert batch.valid_rows == 1, batch.errors
    assert batch.payload[0]["category_code"] == "pedagang_kecil" and batch.payload[0]["payer"] == "city"


def test_the_nik_is_never_stored_in_clear(db):
    actor, prog = officer(), programme()
    niks = [nik(i) for i in range(1, 4)]
    batch = validate(actor, prog, xlsx([person_row(1), person_row(2), person_row(3, Nama="")]))
    with db.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM import_batch")) for v in row)
    assert batch.valid_rows == 2
    assert not any(n in dump for n in niks)
    assert batch.payload[0]["nik_hmac"] and batch.payload[0]["nik_encrypted"]


def test_only_officers(db):
    seeker = factories.make_seeker()
    with pytest.raises(PermissionDenied):
        validate(seeker, programme(), xlsx([person_row(1)]))
    with pytest.raises(PermissionDenied):
        pi.error_report_xlsx(seeker, 1)


def test_template_has_every_column_and_no_importable_example(db):
    workbook = load_workbook(io.BytesIO(pi.template_xlsx()))
    data = workbook.worksheets[0]
    assert [c.value for c in next(data.iter_rows())] == HEADER
    assert data.max_row == 1  # the example lives on its own sheet, so it can't be imported by mistake
    assert workbook.worksheets[1].max_row == 2


def test_the_cli_imports_the_valid_rows(app, runner, tmp_path, pin_today):
    pin_today(TODAY)  # in the 2025 programme's registration window (September–December 2024)
    with app.app_context():
        factories.make_user("officer")
        prog_id = programme().id
    path = tmp_path / "pekerja.xlsx"
    path.write_bytes(xlsx([person_row(1), person_row(2, NIK="1")]).getvalue())
    result = runner.invoke(args=["import-workers", "--programme", str(prog_id), "--valid-only", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 valid, 1 with errors" in result.output and "imported: 1" in result.output
    result = runner.invoke(args=["import-workers", "--programme", "999", str(path)])
    assert result.exit_code == 1


def test_the_unmodified_template_with_one_real_row_imports_only_that_row(db):
    actor, prog = officer(), programme()
    workbook = load_workbook(io.BytesIO(pi.template_xlsx()))
    workbook.worksheets[0].append(person_row(7, Nama="Rahmat Hidayat"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    batch = validate(actor, prog, buffer)
    assert (batch.total_rows, batch.valid_rows, batch.error_rows) == (1, 1, 0)
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    assert [w.person.full_name for w in db.session.scalars(select(Worker))] == ["Rahmat Hidayat"]


def test_the_member_answer_is_imported_and_a_member_or_another_payer_is_refused(db):
    """Issue 15, point 2: the "Sudah Peserta BPJS TK" column is stored; members and rows paid by someone else
    (the province) are refused in the city's programme."""
    actor, prog = officer(), programme()
    rows = [person_row(1), person_row(2, **{"Sudah Peserta BPJS TK": "sudah"}), person_row(3, Pembayar="provinsi"),
            person_row(4, **{"Sudah Peserta BPJS TK": ""})]
    batch = validate(actor, prog, xlsx(rows))
    assert batch.valid_rows == 1
    reasons = {e["row"]: (e["column"], e["reason"]) for e in batch.errors}
    assert reasons[3][0] == "Sudah Peserta BPJS TK" and "sudah menjadi peserta" in reasons[3][1]
    assert reasons[4][0] == "Pembayar" and "Program ini dibayar Pemerintah Kota" in reasons[4][1]
    assert reasons[5][0] == "Sudah Peserta BPJS TK" and "Tanyakan" in reasons[5][1]
    pi.apply(actor, batch.id, mode="valid_only", today=TODAY)
    enrolment = db.session.scalars(select(Enrolment)).one()
    assert (enrolment.payer, enrolment.already_bpjs_member) == ("city", False)


def test_outside_the_registration_window_the_file_is_refused(db):
    """Issue 15, point 3: registering for the 2025 BPJS subsidy happens 1 September–31 December 2024."""
    actor, prog = officer(), programme()
    with pytest.raises(ValidationFailed) as exc:
        validate_day = date(2025, 1, 2)
        pi.validate_upload(actor, prog.id, filename="pekerja.xlsx", stream=xlsx([person_row(1)]), today=validate_day)
    assert "1 September 2024 sampai 31 Desember 2024" in exc.value.field_errors["file"]
    assert db.session.scalars(select(ImportBatch)).one().status == "failed"
    batch = validate(actor, prog, xlsx([person_row(2)]))  # 1 December 2024: inside the window
    with pytest.raises(InvalidState) as refused:
        pi.apply(actor, batch.id, mode="valid_only", today=date(2025, 1, 2))  # decided too late
    assert "sudah ditutup" in refused.value.message and count(db, Enrolment) == 0
    pi.apply(actor, batch.id, mode="valid_only", today=date(2024, 12, 31))
    assert count(db, Enrolment) == 1


def test_an_import_records_each_persons_protection_consent_with_channel_import(db):
    from jobfair.models import ConsentRecord

    actor, prog = officer(), programme()
    pi.apply(actor, validate(actor, prog, xlsx([person_row(i) for i in range(1, 4)])).id, mode="valid_only",
             today=TODAY)
    rows = db.session.scalars(select(ConsentRecord)).all()
    assert len(rows) == 3 and len({r.person_id for r in rows}) == 3
    assert {(r.purpose, r.channel, r.given, r.recorded_by_id) for r in rows} == {("protection", "import", True,
                                                                                  actor.id)}
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consent.given_bulk")).detail["count"] == 3


def test_report_rows_keep_their_message_key_and_read_in_the_officers_language(db):
    from flask_babel import force_locale, gettext

    actor, prog = officer(), programme()
    batch = validate(actor, prog, xlsx([person_row(1), person_row(2, NIK=nik(1))]))
    duplicate = next(e for e in batch.errors if e["row"] == 3)
    assert duplicate["reason"] == "NIK sama dengan baris 2; satu orang cukup satu baris."  # Indonesian, as stored
    assert duplicate["key"] == "NIK sama dengan baris %(row)s; satu orang cukup satu baris."
    assert duplicate["params"] == {"row": 2}
    assert pi.report_rows(batch.errors) == batch.errors  # the default language: the stored text
    stale = [{**duplicate, "reason": "stored text"}, {"row": 0, "column": pi.FILE_COLUMN, "reason": "Berkas rusak"}]
    with force_locale("en"):
        shown = pi.report_rows(stale)
        assert shown[0]["reason"] == gettext(duplicate["key"], row=2)  # rendered from the key, not the stored text
        assert shown[1]["column"] == gettext("Berkas") and shown[1]["reason"] == "Berkas rusak"  # older rows: as is


def test_a_file_problem_is_stored_with_its_key(db):
    actor, prog = officer(), programme()
    with pytest.raises(ValidationFailed):
        validate(actor, prog, io.BytesIO(b""), filename="kosong.csv")
    batch = db.session.scalar(select(ImportBatch).order_by(ImportBatch.id.desc()))
    assert batch.status == "failed" and batch.errors[0]["column"] == "Berkas"
    assert batch.errors[0]["key"] == batch.errors[0]["reason"] == (
        "Berkas kosong. Pilih berkas XLSX atau CSV yang berisi data pekerja.")
