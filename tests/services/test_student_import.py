import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from jobfair.models import AuditEvent, Person, Student
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.smk import student_import
from tests import factories

HEADER = ["NISN", "Nama", "NIK", "Tanggal Lahir", "Jenis Kelamin", "Jurusan", "Kelas", "Nilai Rata-rata",
          "Tanggal Lulus", "No HP", "Nama Wali", "No HP Wali"]
KEYS = ["nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
        "expected_graduation", "phone", "guardian_name", "guardian_phone"]


def rows(n: int, **overrides) -> list[list]:
    return [[factories.student_row(**overrides)[k] for k in KEYS] for _ in range(n)]


def csv_bytes(data: list[list], *, delimiter=",", header=HEADER, bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(data)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(data: list[list], header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(actor, filename, data):
    return student_import.import_students(actor, filename=filename, stream=io.BytesIO(data))


def count(db, model=Student):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_good_csv_is_imported_in_one_go(db):
    staff = factories.make_school_staff()
    result = run(staff, "siswa.csv", csv_bytes(rows(3), bom=True))
    assert result.errors == [] and result.created == 3 and result.ok
    assert count(db) == 3
    assert all(s.school_id == staff.school_id for s in db.session.scalars(select(Student)))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "students.imported"))
    assert event.detail["rows"] == 3


def test_semicolon_csv_and_english_headers(db):
    header = ["nisn", "Full Name", "nik", "Birth Date", "Sex", "Major", "Class", "Score", "Graduation Date", "Phone",
              "Guardian Name", "Guardian Phone"]
    result = run(factories.make_school_staff(), "siswa.csv", csv_bytes(rows(2), delimiter=";", header=header))
    assert result.created == 2, result.errors


def test_a_good_xlsx_with_date_cells_is_imported(db):
    data = rows(2)
    data[0][3] = datetime.fromisoformat(data[0][3])  # a real Excel date cell
    data[0][7] = 88.25
    result = run(factories.make_school_staff(), "siswa.xlsx", xlsx_bytes(data))
    assert result.created == 2, result.errors
    assert sorted(s.report_score_x100 for s in db.session.scalars(select(Student)))[-1] == 8825


def test_one_bad_row_writes_nothing_and_every_error_is_reported(db):
    staff = factories.make_school_staff()
    data = rows(4)
    data[1][0] = "12345"          # NISN too short (row 3)
    data[3][2] = "1234"           # NIK too short (row 5)
    data[3][5] = "Astronomi"      # unknown major (row 5)
    result = run(staff, "siswa.xlsx", xlsx_bytes(data))
    assert result.created == 0 and not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "NISN"), (5, "Jurusan"), (5, "NIK")]
    assert all(e.reason for e in result.errors)
    assert count(db) == 0 and count(db, Person) == 0


def test_duplicates_inside_the_file(db):
    data = rows(3)
    data[2][0] = data[0][0]
    data[1][2] = data[0][2]
    data[1][3] = data[0][3]
    result = run(factories.make_school_staff(), "siswa.csv", csv_bytes(data))
    problems = {(e.row, e.column) for e in result.errors}
    assert problems == {(4, "NISN"), (3, "NIK")}
    assert "baris 2" in result.errors[0].reason
    assert count(db) == 0


def test_duplicates_against_the_database(db):
    existing = factories.make_student()
    data = rows(2)
    data[1][0] = existing.nisn
    result = run(factories.make_school_staff(), "siswa.csv", csv_bytes(data))
    assert [(e.row, e.column) for e in result.errors] == [(3, "NISN")]
    assert count(db) == 1


def test_a_formula_cell_is_an_error(db):
    data = rows(1)
    data[0][7] = "=AVERAGE(80,90)"
    result = run(factories.make_school_staff(), "siswa.xlsx", xlsx_bytes(data))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Nilai Rata-rata")]
    assert "rumus" in result.errors[0].reason


def test_a_one_megabyte_cell_is_an_error(db):
    data = rows(1)
    data[0][6] = "X" * (1024 * 1024)
    result = run(factories.make_school_staff(), "siswa.xlsx", xlsx_bytes(data))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Kelas")]
    assert count(db) == 0


@pytest.mark.parametrize("filename, data, words", [
    ("siswa.csv", b"", "kosong"),
    ("siswa.csv", b"x" * (2 * 1024 * 1024 + 1), "2 MB"),
    ("siswa.pdf", b"%PDF-1.4", ".csv"),
    ("siswa.xlsx", b"bukan zip", "tidak dapat dibuka"),
    ("siswa.csv", b"\xff\xfe\x00N\x00I", "UTF-8"),
    ("siswa.csv", ",".join(HEADER).encode(), "hanya berisi baris judul"),
    ("siswa.csv", b"Nama,Kelas\nBudi,XII", "NISN"),
])
def test_file_level_problems(db, filename, data, words):
    with pytest.raises(ValidationFailed) as exc:
        run(factories.make_school_staff(), filename, data)
    assert words in exc.value.field_errors["file"]


def test_too_many_rows(db):
    data = [["x"] * len(HEADER)] * (student_import.MAX_ROWS + 1)
    with pytest.raises(ValidationFailed) as exc:
        run(factories.make_school_staff(), "siswa.csv", csv_bytes(data))
    assert "2.000" in exc.value.field_errors["file"]


def test_blank_rows_are_skipped_and_row_numbers_follow_the_sheet(db):
    data = rows(2)
    data.insert(1, [""] * len(HEADER))
    data[2][0] = "1"
    result = run(factories.make_school_staff(), "siswa.csv", csv_bytes(data))
    assert [(e.row, e.column) for e in result.errors] == [(4, "NISN")]


def test_unlinked_school_account_cannot_import(db):
    with pytest.raises(NotFound):
        run(factories.make_user("school"), "siswa.csv", csv_bytes(rows(1)))


def test_template_has_the_header_row(db):
    sheet = load_workbook(io.BytesIO(student_import.template_xlsx())).active
    assert [c.value for c in sheet[1]] == HEADER


def test_minor_without_guardian_in_file(db):
    birth = date(date.today().year - 16, 1, 1)
    data = rows(1, birth_date=birth, guardian_name="", guardian_phone="")
    result = run(factories.make_school_staff(), "siswa.csv", csv_bytes(data))
    assert {e.column for e in result.errors} == {"Nama Wali", "No HP Wali"}


def test_blank_lines_between_students_never_drop_rows(db):
    """Regression: reading stopped after MAX_ROWS + 2 raw lines, so blank lines could silently cut off students."""
    from jobfair.services.smk import student_import as module

    header = ";".join(["NISN", "Nama", "NIK", "Tanggal Lahir", "Jenis Kelamin", "Jurusan", "Kelas",
                       "Nilai Rata-rata", "Tanggal Lulus", "No HP", "Nama Wali", "No HP Wali"])
    students = module.MAX_ROWS - 10
    lines = [header]
    for n in range(students):
        lines += [f"{n};Siswa {n}", ""]  # a blank line after every student: twice MAX_ROWS raw lines
    rows = module.read_rows("siswa.csv", "\n".join(lines).encode())
    assert len(rows) == students and rows[-1][0] == 2 * students


def _template_with(real: list) -> Workbook:
    """The downloaded template, unmodified, with one real student typed on its first sheet."""
    workbook = load_workbook(io.BytesIO(student_import.template_xlsx()))
    workbook.worksheets[0].append(real)
    return workbook


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_unmodified_template_with_one_real_row_imports_only_that_row(db):
    staff = factories.make_school_staff()
    [real] = rows(1, full_name="Siti Rahmawati")
    result = run(staff, "templat.xlsx", _saved(_template_with(real)))
    assert result.errors == [] and result.created == 1
    assert [s.person.full_name for s in db.session.scalars(select(Student))] == ["Siti Rahmawati"]


def test_the_template_example_is_on_its_own_sheet(db):
    workbook = load_workbook(io.BytesIO(student_import.template_xlsx()))
    data, example = workbook.worksheets
    assert data.max_row == 1 and example.title == "Contoh pengisian"
    assert [c.value for c in example[2]][:3] == ["0061234567", "Contoh Nama Siswa", "6471014703070001"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_example_row_of_an_older_template_is_skipped_not_imported(db, kind):
    """Templates downloaded before carried the example as the first data row: it is never a student."""
    staff = factories.make_school_staff()
    example = ["0061234567", "Contoh Nama Siswa", "6471014703070001", "2007-03-07", "P", "TKJ", "XII TKJ 1", "85,5",
               "2026-06-15", "081234567890", "Nama Orang Tua", "081298765432"]
    [real] = rows(1, full_name="Budi Prasetyo")
    data = xlsx_bytes([example, real]) if kind == "xlsx" else csv_bytes([example, real])
    result = run(staff, f"siswa.{kind}", data)
    assert result.errors == [] and result.created == 1 and result.rows == 1
    assert [s.person.full_name for s in db.session.scalars(select(Student))] == ["Budi Prasetyo"]
    assert [(w.row, w.reason) for w in result.warnings] == [(2, "Baris contoh dari templat; dilewati, tidak diimpor.")]
    with pytest.raises(ValidationFailed) as exc:  # only the example: nothing to import, and the school is told why
        run(staff, f"contoh.{kind}", xlsx_bytes([example]) if kind == "xlsx" else csv_bytes([example]))
    assert "hanya berisi baris contoh" in exc.value.field_errors["file"]
