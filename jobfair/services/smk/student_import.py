"""Import of a school's students from CSV or XLSX: every row validated, all-or-nothing.

If any row is bad nothing is written and every problem is reported (row, column, reason); if all rows are
good they are written in one transaction."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import Person, School, Student
from jobfair.rules import numbers
from jobfair.rules.student_rows import EXAMPLE_ROW, check_student_row, is_example_row
from jobfair.services import audit, exports, spreadsheets
from jobfair.services.errors import ValidationFailed
from jobfair.services.nik_store import nik_hmac
from jobfair.services.smk.students import NIK_TAKEN, add_student, majors, scope_of

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024  # an XLSX is a zip: refuse a "zip bomb" before opening it
MAX_COLUMNS = 40
EXAMPLE_SKIPPED = _l("Baris contoh dari templat; dilewati, tidak diimpor.")

# Column key -> the header written in the template (Indonesian), and every accepted spelling.
HEADERS = {
    "nisn": ("NISN", ("nisn",)),
    "full_name": ("Nama", ("nama", "nama lengkap", "nama siswa", "name", "full name", "student name")),
    "nik": ("NIK", ("nik", "no nik", "nomor nik", "national id")),
    "birth_date": ("Tanggal Lahir", ("tanggal lahir", "tgl lahir", "birth date", "date of birth", "birthdate")),
    "sex": ("Jenis Kelamin", ("jenis kelamin", "jk", "l p", "sex", "gender")),
    "major": ("Jurusan", ("jurusan", "kompetensi keahlian", "konsentrasi keahlian", "program keahlian", "major")),
    "class_name": ("Kelas", ("kelas", "rombel", "class")),
    "report_score": ("Nilai Rata-rata", ("nilai rata rata", "rata rata nilai", "nilai rata rata rapor",
                                         "rata rata rapor", "nilai", "average score", "score", "report score")),
    "expected_graduation": ("Tanggal Lulus", ("tanggal lulus", "perkiraan tanggal lulus", "tgl lulus",
                                              "graduation date", "expected graduation")),
    "phone": ("No HP", ("no hp", "nomor hp", "hp", "no telepon", "phone", "phone number", "mobile")),
    "guardian_name": ("Nama Wali", ("nama wali", "nama orang tua wali", "nama orang tua", "guardian name",
                                    "guardian")),
    "guardian_phone": ("No HP Wali", ("no hp wali", "nomor hp wali", "hp wali", "no hp orang tua",
                                      "guardian phone")),
}
REQUIRED = ("nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
            "expected_graduation")
LABELS = {key: label for key, (label, _aliases) in HEADERS.items()}
# {missing} is filled by services/spreadsheets (str.format) with the missing column labels.
MISSING_COLUMNS = _l("Baris pertama harus berisi judul kolom. Kolom yang belum ada: {missing}. Unduh templat untuk "
                     "melihat susunan kolomnya.")
_MESSAGES = spreadsheets.SheetMessages(
    empty=_l("Berkas kosong. Pilih berkas CSV atau XLSX yang berisi data siswa."),
    too_big=_l("Berkas lebih dari 2 MB. Bagi data menjadi beberapa berkas lalu unggah satu per satu."),
    unsupported=_l("Jenis berkas tidak didukung: unggah berkas .csv atau .xlsx."),
    xlsx_too_big=_l("Isi berkas XLSX terlalu besar; kirim data siswa saja (paling banyak 2.000 baris)."),
    missing_columns=MISSING_COLUMNS,
    too_many_rows=lambda max_rows: _l("Berkas berisi lebih dari %(count)s baris siswa. Bagi menjadi beberapa "
                                      "berkas.", count=numbers.number(max_rows)),
)


@dataclass
class RowError:
    row: int
    column: str   # the header label, e.g. "NISN"; "" for a whole-row problem
    reason: str


@dataclass
class ImportResult:
    filename: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.created > 0


def _spec() -> spreadsheets.SheetSpec:
    """Built at call time, so the module limits can be changed (tests, tools)."""
    return spreadsheets.SheetSpec(
        headers=HEADERS, required=REQUIRED, noun="siswa", messages=_MESSAGES, max_bytes=MAX_BYTES,
        max_unzipped_bytes=MAX_UNZIPPED_BYTES, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS,
        # Blank rows between students are skipped, never counted; a long run of blank rows ends the data
        # (an XLSX can claim a million empty rows). A file with more students than MAX_ROWS is refused whole.
        header_search_rows=200, max_empty_run=200,
    )


def read_rows(filename: str, data: bytes) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-empty data row."""
    return spreadsheets.read_rows(filename, data, _spec())


def _database_duplicates(checked: list[tuple[int, dict]], result: ImportResult) -> None:
    by_nisn = {values["nisn"]: number for number, values in checked}
    by_hmac = {nik_hmac(values["nik"].value): number for number, values in checked}
    nisns, hmacs = list(by_nisn), list(by_hmac)
    for start in range(0, max(len(nisns), 1), 500):
        for nisn in db.session.scalars(select(Student.nisn).where(Student.nisn.in_(nisns[start:start + 500]))):
            result.errors.append(RowError(by_nisn[nisn], LABELS["nisn"], _l("NISN ini sudah terdaftar sebagai siswa.")))
        taken = select(Person.nik_hmac).join(Student, Student.person_id == Person.id) \
            .where(Person.nik_hmac.in_(hmacs[start:start + 500]))
        for value in db.session.scalars(taken):
            result.errors.append(RowError(by_hmac[value], LABELS["nik"], NIK_TAKEN))


def import_students(actor, *, filename: str, stream, school_id: int | None = None,
                    today: date | None = None) -> ImportResult:
    """Validate every row; write all of them in one transaction, or none when any row is bad."""
    scope = scope_of(actor)
    school_id = scope if scope is not None else school_id
    if school_id is None or db.session.get(School, school_id) is None:
        raise ValidationFailed({"school_id": _l("Pilih sekolah tujuan impor.")})
    data = stream.read(MAX_BYTES + 1)
    rows = read_rows(filename, data)
    examples = [number for number, row in rows if is_example_row(row)]
    rows = [(number, row) for number, row in rows if number not in examples]
    if not rows:
        raise spreadsheets.file_error(_l("Berkas hanya berisi baris contoh dari templat; tulis data siswa di lembar "
                                         "pertama, di bawah baris judul kolom."))
    result = ImportResult(filename=filename, rows=len(rows))
    result.warnings.extend(RowError(number, "", EXAMPLE_SKIPPED) for number in examples)
    reference, today = majors(), today or date.today()
    checked: list[tuple[int, dict]] = []
    seen_nisn: dict[str, int] = {}
    seen_nik: dict[str, int] = {}
    for number, row in rows:
        values, errors = check_student_row(row, majors=reference, today=today)
        for key, reason in errors.items():
            result.errors.append(RowError(number, LABELS[key], reason))
        for warning in values["warnings"]:
            result.warnings.append(RowError(number, LABELS["nik"], warning))
        nisn, nik = values.get("nisn"), values.get("nik")
        if nisn in seen_nisn:
            result.errors.append(RowError(number, LABELS["nisn"], _l("NISN sama dengan baris %(row)s.",
                                                                     row=seen_nisn[nisn])))
        elif nisn:
            seen_nisn[nisn] = number
        if nik and nik.value in seen_nik:
            result.errors.append(RowError(number, LABELS["nik"], _l("NIK sama dengan baris %(row)s.",
                                                                    row=seen_nik[nik.value])))
        elif nik:
            seen_nik[nik.value] = number
        if not errors:
            checked.append((number, values))
    if checked:
        _database_duplicates(checked, result)
    result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        return result
    try:
        for _number, values in checked:
            add_student(values, school_id)
        db.session.flush()
        audit.record(actor, "students.imported", object_type="school", object_id=school_id,
                     detail={"rows": len(checked), "file": (filename or "")[:100]})
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        result.errors.append(RowError(0, "", _l("Sebagian siswa baru saja didaftarkan oleh pengguna lain; tidak "
                                                "ada yang disimpan. Unggah ulang berkas untuk melihat baris mana.")))
        return result
    result.created = len(checked)
    return result


def template_xlsx() -> bytes:
    """The import template: the data sheet holds the header row only; the example row is on a sheet of its own
    (an example among the data was imported as a real student; the import also skips it, see is_example_row)."""
    headers = [label for label, _aliases in HEADERS.values()]
    example = [EXAMPLE_ROW[key] for key in HEADERS]
    return exports.to_xlsx({str(_l("Data Siswa")): (headers, []), str(_l("Contoh pengisian")): (headers, [example])})
