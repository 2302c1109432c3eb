"""Reading a protection-register spreadsheet (CSV or XLSX) safely: size caps, a zip-bomb guard, formulas kept
visible (data_only=False) so the row rules can refuse them, trailing empty rows ignored, a row cap."""

import csv
import io
import secrets
import zipfile
from pathlib import Path

from flask import current_app
from openpyxl import load_workbook

from jobfair.services import exports
from jobfair.services.errors import ValidationFailed

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
}
REQUIRED = ("nik", "full_name", "kecamatan", "kelurahan", "category", "monthly_income")
LABELS = {key: label for key, (label, _aliases) in HEADERS.items()}
_ALIASES = {alias: key for key, (_label, aliases) in HEADERS.items() for alias in aliases}
ACCEPTED = (".csv", ".xlsx")


def _file_error(message: str) -> ValidationFailed:
    return ValidationFailed({"file": message})


def check_name(filename: str) -> str:
    name = (filename or "").lower()
    for extension in ACCEPTED:
        if name.endswith(extension):
            return extension
    raise _file_error("Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.")


def store_upload(filename: str, stream) -> Path:
    """Save the upload under UPLOAD_FOLDER/imports/<random name> (deleted after validation)."""
    extension = check_name(filename)
    data = stream.read(MAX_BYTES + 1)
    _check_size(data)
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / UPLOAD_SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{secrets.token_hex(16)}{extension}"
    path.write_bytes(data)
    return path


def _check_size(data: bytes) -> None:
    if not data:
        raise _file_error("Berkas kosong. Pilih berkas XLSX atau CSV yang berisi data pekerja.")
    if len(data) > MAX_BYTES:
        raise _file_error("Berkas lebih dari 10 MB. Bagi data menjadi beberapa berkas lalu unggah satu per satu.")


def _normal_header(value) -> str:
    text = "".join(ch if ch.isalnum() else " " for ch in str(value or "").casefold())
    return " ".join(text.split())


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error("Berkas CSV tidak terbaca: simpan ulang sebagai \"CSV UTF-8\" lalu unggah lagi.") from None
    if "\x00" in text:
        raise _file_error("Berkas CSV berisi karakter yang tidak valid; simpan ulang dari Excel sebagai CSV UTF-8.")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    csv.field_size_limit(MAX_BYTES)
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield row[:MAX_COLUMNS]
    except csv.Error:
        raise _file_error("Berkas CSV rusak (tanda kutip tidak seimbang); periksa lalu unggah lagi.") from None


def _xlsx_rows(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(i.file_size for i in entries) > MAX_UNZIPPED_BYTES:
                raise _file_error("Isi berkas XLSX terlalu besar untuk dibuka; kirim lembar data pekerja saja.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except ValidationFailed:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise _file_error("Berkas XLSX tidak dapat dibuka; simpan ulang dari Excel (format .xlsx) lalu unggah lagi.") \
            from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the row count the file claims
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    except ValidationFailed:
        raise
    except Exception:
        raise _file_error("Lembar pertama berkas XLSX rusak; simpan ulang dari Excel lalu unggah lagi.") from None
    finally:
        workbook.close()


def _blank(row) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _header_map(header) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        key = _ALIASES.get(_normal_header(value))
        if key is None:
            continue
        if key in columns:
            raise _file_error(f"Kolom \"{LABELS[key]}\" muncul dua kali di baris judul; hapus salah satunya.")
        columns[key] = index
    missing = [LABELS[key] for key in REQUIRED if key not in columns]
    if missing:
        raise _file_error("Susunan kolom tidak sesuai templat. Kolom yang belum ada: " + ", ".join(missing)
                          + ". Baris pertama harus berisi judul kolom; unduh templat untuk melihat susunannya.")
    return columns


def read_rows(filename: str, data: bytes, *, max_rows: int = MAX_ROWS) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-empty data row."""
    _check_size(data)
    rows = _csv_rows(data) if check_name(filename) == ".csv" else _xlsx_rows(data)
    columns = None
    result: list[tuple[int, dict]] = []
    empty_run = 0
    for number, row in enumerate(rows, start=1):
        if _blank(row):
            empty_run += 1
            if columns is None and number >= HEADER_SEARCH_ROWS:
                break
            if columns is not None and empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        if columns is None:
            columns = _header_map(row)
            continue
        if len(result) >= max_rows:
            raise _file_error(f"Berkas berisi lebih dari {max_rows:,} baris data. Bagi menjadi beberapa berkas."
                              .replace(",", "."))
        result.append((number, {key: (row[index] if index < len(row) else None) for key, index in columns.items()}))
    if columns is None:
        raise _file_error("Berkas tidak berisi data. Isi baris judul dan data pekerja di bawahnya.")
    if not result:
        raise _file_error("Berkas hanya berisi baris judul; tambahkan data pekerja di bawahnya.")
    return result


def template_xlsx() -> bytes:
    """The import template: an empty data sheet with the header row, and the example on a separate sheet
    (an example row in the data sheet could be imported by mistake as a real person)."""
    headers = [label for label, _aliases in HEADERS.values()]
    example = ["16 angka NIK", "Nama sesuai KTP", "L atau P", "1995-03-07", "Jl. Mulawarman No. 5 RT 12",
               "Balikpapan Timur", "Manggar", "081234567890", "Nelayan", "2500000", "2020-01-15", "2026-01", "2026-12",
               "kota / provinsi", "(kosongkan bila belum ada)", "ya / tidak", "ya / tidak"]
    return exports.to_xlsx({"Data Pekerja": (headers, []), "Contoh pengisian": (headers, [example])})
