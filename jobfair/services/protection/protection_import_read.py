"""Reading a protection-register spreadsheet (CSV or XLSX) safely: size caps, a zip-bomb guard, formulas kept
visible (data_only=False) so the row rules can refuse them, trailing empty rows ignored, a row cap.
The reading itself is services/spreadsheets.py; this module holds the register's columns, limits and messages."""

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from jobfair.rules import numbers
from jobfair.services import exports, spreadsheets

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024   # an XLSX is a zip: refuse a "zip bomb" before opening it
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_EMPTY_RUN = 200                      # consecutive empty rows after which the data is taken to have ended
HEADER_SEARCH_ROWS = 20
UPLOAD_SUBFOLDER = "imports"

# Column key -> (template header, accepted spellings after normalisation).
HEADERS = {
    "nik": ("NIK", ("nik", "no nik", "nomor nik")),
    "full_name": ("Nama", ("nama", "nama lengkap", "nama pekerja")),
    "sex": ("Jenis Kelamin", ("jenis kelamin", "jk", "l p", "kelamin")),
    "birth_date": ("Tanggal Lahir", ("tanggal lahir", "tgl lahir")),
    "address": ("Alamat", ("alamat", "alamat lengkap")),
    "kecamatan": ("Kecamatan", ("kecamatan", "kec")),
    "kelurahan": ("Kelurahan", ("kelurahan", "kel", "desa kelurahan", "kelurahan desa")),
    "phone": ("No HP", ("no hp", "nomor hp", "hp", "no telepon", "telepon", "no telp")),
    "category": ("Kategori", ("kategori", "kategori pekerjaan", "pekerjaan", "jenis pekerjaan")),
    "monthly_income": ("Penghasilan", ("penghasilan", "penghasilan per bulan", "penghasilan bulanan", "pendapatan")),
    "ktp_since": ("KTP Sejak", ("ktp sejak", "ktp balikpapan sejak", "tanggal ktp")),
    "cover_from": ("Mulai", ("mulai", "bulan mulai", "mulai kepesertaan")),
    "cover_to": ("Sampai", ("sampai", "bulan sampai", "akhir kepesertaan")),
    "payer": ("Pembayar", ("pembayar", "dibayar oleh")),
    "kpj": ("KPJ", ("kpj", "no kpj", "nomor kpj")),
    "has_disability": ("Disabilitas", ("disabilitas", "penyandang disabilitas")),
    "is_elderly": ("Lansia", ("lansia", "lanjut usia")),
    "already_bpjs_member": ("Sudah Peserta BPJS TK", ("sudah peserta bpjs tk", "sudah peserta bpjs", "peserta bpjs tk",
                                                      "peserta bpjs", "sudah bpjs", "peserta bpjs ketenagakerjaan")),
}
REQUIRED = ("nik", "full_name", "kecamatan", "kelurahan", "category", "monthly_income")
LABELS = {key: label for key, (label, _aliases) in HEADERS.items()}
ACCEPTED = spreadsheets.ACCEPTED
_MESSAGES = spreadsheets.SheetMessages(
    empty=_l("Berkas kosong. Pilih berkas XLSX atau CSV yang berisi data pekerja."),
    too_big=_l("Berkas lebih dari 10 MB. Bagi data menjadi beberapa berkas lalu unggah satu per satu."),
    unsupported=_l("Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv."),
    xlsx_too_big=_l("Isi berkas XLSX terlalu besar untuk dibuka; kirim lembar data pekerja saja."),
    # spreadsheets.py fills {missing} with str.format (in the current language)
    missing_columns=_l("Susunan kolom tidak sesuai templat. Kolom yang belum ada: {missing}. Baris pertama harus "
                       "berisi judul kolom; unduh templat untuk melihat susunannya."),
    too_many_rows=lambda max_rows: _l("Berkas berisi lebih dari %(max)s baris data. Bagi menjadi beberapa berkas.",
                                      max=numbers.number(max_rows)),
)


def _spec(max_rows: int = MAX_ROWS) -> spreadsheets.SheetSpec:
    """Built at call time, so the module limits can be changed (tests, the benchmark)."""
    return spreadsheets.SheetSpec(
        headers=HEADERS, required=REQUIRED, noun="pekerja", messages=_MESSAGES, max_bytes=MAX_BYTES,
        max_unzipped_bytes=MAX_UNZIPPED_BYTES, max_rows=max_rows, max_columns=MAX_COLUMNS,
        max_zip_entries=MAX_ZIP_ENTRIES, csv_field_size_limit=MAX_BYTES, reset_dimensions=True,
        damaged_sheet=_l("Lembar pertama berkas XLSX rusak; simpan ulang dari Excel lalu unggah lagi."),
        header_search_rows=HEADER_SEARCH_ROWS, max_empty_run=MAX_EMPTY_RUN, fast_xlsx=True,
    )


def check_name(filename: str) -> str:
    return spreadsheets.check_name(filename, _spec())


def store_upload(filename: str, stream) -> Path:
    """Save the upload under UPLOAD_FOLDER/imports/<random name> (deleted after validation)."""
    extension = check_name(filename)
    data = stream.read(MAX_BYTES + 1)
    spreadsheets.check_size(data, _spec())
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / UPLOAD_SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(16)}{extension}"
    path.write_bytes(data)
    return path


def read_rows(filename: str, data: bytes, *, max_rows: int = MAX_ROWS) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-empty data row."""
    return spreadsheets.read_rows(filename, data, _spec(max_rows))


def template_xlsx() -> bytes:
    """The import template: an empty data sheet with the header row, and the example on a separate sheet
    (an example row in the data sheet could be imported by mistake as a real person)."""
    headers = [label for label, _aliases in HEADERS.values()]
    example = ["16 angka NIK", "Nama sesuai KTP", "L atau P", "1995-03-07", "Jl. Mulawarman No. 5 RT 12",
               "Balikpapan Timur", "Manggar", "081234567890", "Nelayan", "2500000", "2020-01-15", "2026-01", "2026-12",
               "(kosongkan: pembayar program)", "(kosongkan bila belum ada)", "ya / tidak", "ya / tidak",
               "belum / sudah (wajib untuk subsidi BPJS)"]
    return exports.to_xlsx({"Data Pekerja": (headers, []), "Contoh pengisian": (headers, [example])})
