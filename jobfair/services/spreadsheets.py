"""Reading an uploaded spreadsheet (CSV or XLSX) safely into (row number, {column key: raw value}).

Shared by the student import (student_import.py) and the protection-register import (protection_import_read.py).
Size caps, a zip-bomb guard, formulas kept visible (data_only=False) so the row rules can refuse them, blank rows
skipped, headers matched by their accepted spellings.

With ``SheetSpec.fast_xlsx`` an XLSX is read by python-calamine (Rust, ~10x faster than openpyxl). Calamine shows
only the cached value of a formula or an error cell, so the worksheet XML is first scanned (streamed, in C) for
``<f>`` elements and ``t="e"`` cells: a sheet holding any, or more cells than the data could need (calamine loads
the whole sheet in memory), is read by openpyxl as before. Values are normalised to what openpyxl returns
(None for an empty cell, whole numbers as int, dates as datetime), so the row rules see the same cells.

Every problem with the file as a whole is raised as ValidationFailed({"file": Indonesian message}); the messages
that differ between the imports come from the SheetSpec.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook, SheetTypeEnum

from jobfair.services.errors import ValidationFailed

ACCEPTED = (".csv", ".xlsx")


@dataclass(frozen=True)
class SheetMessages:
    """The file-level messages each import words its own way."""

    empty: str                          # no bytes at all
    too_big: str                        # more than max_bytes
    unsupported: str                    # neither .csv nor .xlsx
    xlsx_too_big: str                   # the zip-bomb guard
    missing_columns: str                # "... {missing} ..." (the missing labels, comma separated)
    too_many_rows: Callable[[int], str]  # given the row cap


@dataclass(frozen=True)
class SheetSpec:
    """What to read and the limits to read it under. Build it at call time so patched limits apply."""

    headers: Mapping[str, tuple[str, tuple[str, ...]]]   # column key -> (template label, accepted spellings)
    required: tuple[str, ...]
    noun: str                            # what a data row is, in the messages: "siswa", "pekerja"
    messages: SheetMessages
    max_bytes: int
    max_unzipped_bytes: int
    max_rows: int
    max_columns: int
    max_zip_entries: int | None = None
    csv_field_size_limit: int | None = None   # raise the csv module's per-field cap to this
    reset_dimensions: bool = False            # ignore the row count the XLSX file claims
    damaged_sheet: str | None = None          # message for an error while reading the sheet (None: raised as is)
    read_ahead: int | None = None             # read at most this many raw rows before looking at the header
    header_search_rows: int | None = None     # give up looking for the header after this many blank rows
    max_empty_run: int | None = None          # consecutive blank rows after which the data is taken to have ended
    fast_xlsx: bool = False                   # read with calamine when the sheet allows (module docstring)

    @property
    def labels(self) -> dict[str, str]:
        return {key: label for key, (label, _aliases) in self.headers.items()}


def file_error(message: str) -> ValidationFailed:
    return ValidationFailed({"file": message})


def normal_header(value) -> str:
    text = "".join(ch if ch.isalnum() else " " for ch in str(value or "").casefold())
    return " ".join(text.split())


def blank(row) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def check_size(data: bytes, spec: SheetSpec) -> None:
    if not data:
        raise file_error(spec.messages.empty)
    if len(data) > spec.max_bytes:
        raise file_error(spec.messages.too_big)


def check_name(filename: str, spec: SheetSpec) -> str:
    """The file's extension (".csv" or ".xlsx")."""
    name = (filename or "").lower()
    for extension in ACCEPTED:
        if name.endswith(extension):
            return extension
    raise file_error(spec.messages.unsupported)


def csv_rows(data: bytes, spec: SheetSpec) -> Generator[list, None, None]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_error(_l("Berkas CSV tidak terbaca: simpan ulang sebagai \"CSV UTF-8\" lalu unggah lagi.")) from None
    if "\x00" in text:
        raise file_error(_l("Berkas CSV berisi karakter yang tidak valid; simpan ulang dari Excel sebagai CSV UTF-8."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if spec.csv_field_size_limit is not None:
        csv.field_size_limit(spec.csv_field_size_limit)
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield row[:spec.max_columns]
    except csv.Error:
        raise file_error(_l("Berkas CSV rusak (tanda kutip tidak seimbang); periksa lalu unggah lagi.")) from None


def _open_zip(data: bytes, spec: SheetSpec) -> zipfile.ZipFile:
    """The XLSX as a zip, refused before anything unpacks it when it claims too many entries or bytes."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    entries = archive.infolist()
    if (spec.max_zip_entries is not None and len(entries) > spec.max_zip_entries) \
            or sum(info.file_size for info in entries) > spec.max_unzipped_bytes:
        archive.close()
        raise file_error(spec.messages.xlsx_too_big)
    return archive


# What calamine cannot show as openpyxl does: a formula (<f>, <f .../>) or an error cell (t="e"). Plain substring
# searches (memchr speed); a worksheet written with a namespace prefix (<x:c>) is left to openpyxl.
_NEEDS_OPENPYXL = (b"<f>", b"<f ", b"<f/", b' t="e"', b" t='e'")
_SCAN_CHUNK = 1 << 20
_MAX_EXACT_FLOAT = 2 ** 53


def calamine_readable(archive: zipfile.ZipFile, spec: SheetSpec) -> bool:
    """True when calamine reads this workbook exactly as openpyxl would: an ordinary XLSX whose worksheets hold
    no formula and no error cell, with no more cells than (max_rows + 1,000) rows of max_columns.
    Every worksheet is scanned (not only the first): conservative, and a formula elsewhere only costs speed."""
    names = archive.namelist()
    sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if "xl/workbook.xml" not in names or not sheets:
        return False  # not the layout openpyxl expects: let openpyxl refuse or read it as before
    cell_cap, cells = (spec.max_rows + 1000) * spec.max_columns, 0
    for name in sheets:
        with archive.open(name) as part:
            tail = b""
            chunk = part.read(_SCAN_CHUNK)
            if b"<worksheet" not in chunk:
                return False  # a prefixed namespace, or not a worksheet at all
            while chunk:
                window = tail + chunk
                if any(marker in window for marker in _NEEDS_OPENPYXL):
                    return False
                cells += chunk.count(b"<c ") + chunk.count(b"<c>")  # a tag cut by the chunk edge is missed
                if cells > cell_cap:
                    return False
                tail, chunk = chunk[-16:], part.read(_SCAN_CHUNK)
    return True


def _as_openpyxl(value):
    """A calamine value as openpyxl returns it: None for an empty cell, a whole number as int, a date as datetime."""
    if value == "":
        return None
    kind = type(value)
    if kind is float:
        return int(value) if value.is_integer() and abs(value) < _MAX_EXACT_FLOAT else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


def _calamine_rows(data: bytes, spec: SheetSpec) -> Generator[tuple, None, None]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [i for i, sheet in enumerate(workbook.sheets_metadata) if sheet.typ == SheetTypeEnum.WorkSheet]
        grid = workbook.get_sheet_by_index(sheets[0]).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own kinds of errors on a damaged file
        if spec.damaged_sheet is None:
            raise
        raise file_error(spec.damaged_sheet) from None
    width, special = spec.max_columns, (float, date)
    for row in grid:
        yield [None if value == "" else _as_openpyxl(value) if type(value) in special else value
               for value in row[:width]]


def xlsx_rows(data: bytes, spec: SheetSpec) -> Generator[tuple, None, None]:
    try:
        with _open_zip(data, spec) as archive:
            fast = spec.fast_xlsx and calamine_readable(archive, spec)
        if fast:
            yield from _calamine_rows(data, spec)
            return
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except ValidationFailed:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise file_error(_l(
            "Berkas XLSX tidak dapat dibuka; simpan ulang dari Excel (format .xlsx) lalu unggah lagi.")) \
            from None
    try:
        sheet = workbook.worksheets[0]
        if spec.reset_dimensions:
            sheet.reset_dimensions()  # never trust the row count the file claims
        yield from sheet.iter_rows(max_col=spec.max_columns, values_only=True)
    except ValidationFailed:
        raise
    except Exception:
        if spec.damaged_sheet is None:
            raise
        raise file_error(spec.damaged_sheet) from None
    finally:
        workbook.close()


def header_map(header, spec: SheetSpec) -> dict[str, int]:
    """Column key -> index in the row, from the header row; refuses duplicated and missing required columns."""
    aliases = {alias: key for key, (_label, spellings) in spec.headers.items() for alias in spellings}
    labels = spec.labels
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        key = aliases.get(normal_header(value))
        if key is None:
            continue
        if key in columns:
            raise file_error(_l("Kolom \"%(column)s\" muncul dua kali di baris judul; hapus salah satunya.",
                                column=labels[key]))
        columns[key] = index
    missing = [labels[key] for key in spec.required if key not in columns]
    if missing:
        raise file_error(spec.messages.missing_columns.format(missing=", ".join(missing)))
    return columns


def _keyed_rows(rows: Iterable, spec: SheetSpec) -> list[tuple[int, dict]]:
    columns = None
    result: list[tuple[int, dict]] = []
    empty_run = 0
    for number, row in enumerate(rows, start=1):
        if blank(row):
            empty_run += 1
            if columns is None and spec.header_search_rows is not None and number >= spec.header_search_rows:
                break
            if columns is not None and spec.max_empty_run is not None and empty_run >= spec.max_empty_run:
                break
            continue
        empty_run = 0
        if columns is None:
            columns = header_map(row, spec)
            continue
        if len(result) >= spec.max_rows:
            raise file_error(spec.messages.too_many_rows(spec.max_rows))
        result.append((number, {key: (row[index] if index < len(row) else None) for key, index in columns.items()}))
    if columns is None:
        raise file_error(_l("Berkas tidak berisi data. Isi baris judul dan data %(noun)s di bawahnya.", noun=spec.noun))
    if not result:
        raise file_error(_l("Berkas hanya berisi baris judul; tambahkan data %(noun)s di bawahnya.", noun=spec.noun))
    return result


def read_rows(filename: str, data: bytes, spec: SheetSpec) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-empty data row.

    Rows are numbered as in the spreadsheet (the header is the first non-blank row), so the user finds the row
    they see in Excel."""
    check_size(data, spec)
    reader = csv_rows(data, spec) if check_name(filename, spec) == ".csv" else xlsx_rows(data, spec)
    try:
        rows = reader if spec.read_ahead is None else list(islice(reader, spec.read_ahead))
        return _keyed_rows(rows, spec)
    finally:
        reader.close()  # closes the workbook even when the reading stopped early
