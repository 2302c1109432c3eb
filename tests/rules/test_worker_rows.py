"""One row of a protection-register import: parsing, reference look-ups, hostile cells and eligibility."""

from datetime import date, datetime

import pytest

from jobfair.rules.eligibility import BPJS_SUBSIDY_RULES
from jobfair.rules.worker_rows import (
    MAX_CELL_CHARS,
    RowContext,
    check_worker_row,
    clean_cell,
    parse_flag,
    parse_month,
    parse_rupiah,
)

TODAY = date(2025, 11, 1)
UMK = 3_701_508


def ctx(**overrides):
    fields = dict(kecamatan={"647101": "Balikpapan Timur", "647103": "Balikpapan Utara"},
                  kelurahan={"6471011001": ("647101", "Manggar"), "6471031001": ("647103", "Batu Ampar")},
                  categories={"nelayan": "Nelayan", "pedagang_kecil": "Pedagang kecil"},
                  rules=BPJS_SUBSIDY_RULES, umk=UMK, cover_window=(date(2026, 1, 1), date(2026, 12, 1)),
                  default_payer="city", today=TODAY,
                  payers={"city": "Pemerintah Kota Balikpapan", "province": "Pemerintah Provinsi", "self": "Mandiri"})
    fields.update(overrides)
    return RowContext(**fields)


def row(**overrides):
    fields = {"nik": "6471014703950001", "full_name": "Siti Aminah", "sex": "P", "birth_date": "1995-03-07",
              "address": "Jl. Mulawarman RT 12", "kecamatan": "Balikpapan Timur", "kelurahan": "Manggar",
              "phone": "081234567890", "category": "Nelayan", "monthly_income": "Rp2.500.000",
              "ktp_since": "15/01/2020", "cover_from": "2026-01", "cover_to": "2026-12", "payer": "",
              "kpj": "", "has_disability": "tidak", "is_elderly": "", "already_bpjs_member": "belum"}
    fields.update(overrides)
    return fields


def test_a_good_row_is_cleaned():
    values, errors = check_worker_row(row(), ctx())
    assert errors == {}
    assert values["nik"].value == "6471014703950001"
    assert values["kecamatan_code"] == "647101" and values["kelurahan_code"] == "6471011001"
    assert values["category_code"] == "nelayan" and values["monthly_income"] == 2_500_000
    assert values["ktp_since"] == date(2020, 1, 15)
    assert (values["cover_from"], values["cover_to"]) == (date(2026, 1, 1), date(2026, 12, 1))
    assert values["payer"] == "city" and values["kpj"] is None and values["has_disability"] is False
    assert values["warnings"] == []


def test_codes_excel_cells_and_defaults_are_accepted():
    values, errors = check_worker_row(row(kecamatan="647101", kelurahan="6471011001", category="pedagang_kecil",
                                          birth_date=datetime(1995, 3, 7), monthly_income=2500000.0,
                                          ktp_since=datetime(2020, 1, 15), cover_from=None, cover_to=None,
                                          sex="", payer="Provinsi", kpj="12345678901", is_elderly="ya",
                                          already_bpjs_member="tidak"), ctx(default_payer="province"))
    assert errors == {}
    assert values["sex"] == "P"  # from the NIK when the cell is empty
    assert values["payer"] == "province" and values["kpj"] == "12345678901" and values["is_elderly"] is True
    assert values["already_bpjs_member"] is False
    assert values["cover_from"] == date(2026, 1, 1)


def test_sex_that_disagrees_with_the_nik_is_a_warning_not_an_error():
    values, errors = check_worker_row(row(sex="L"), ctx())
    assert errors == {}
    assert values["sex"] == "L" and "tidak sesuai" in values["warnings"][0]


@pytest.mark.parametrize(("overrides", "column", "fragment"), [
    ({"nik": "647101470395000"}, "nik", "16 angka"),
    ({"nik": 6471014703950001}, "nik", "Teks"),
    ({"full_name": ""}, "full_name", "wajib"),
    ({"sex": "X"}, "sex", "L (laki-laki)"),
    ({"birth_date": "31-02-1995"}, "birth_date", "tidak terbaca"),
    ({"kecamatan": "Samarinda Ulu"}, "kecamatan", "tidak dikenal"),
    ({"kelurahan": "Batu Ampar"}, "kelurahan", "tidak berada di Kecamatan Balikpapan Timur"),
    ({"kelurahan": "Antah Berantah"}, "kelurahan", "tidak dikenal"),
    ({"phone": "12345"}, "phone", "08"),
    ({"category": "astronot"}, "category", "Kategori"),
    ({"monthly_income": "dua juta"}, "monthly_income", "Rupiah"),
    ({"monthly_income": "-5"}, "monthly_income", "Rupiah"),
    ({"cover_from": "2025-06"}, "cover_from", "masa program"),
    ({"cover_from": "2026-06", "cover_to": "2026-03"}, "cover_to", "sebelum"),
    ({"kpj": "12ab"}, "kpj", "8–13"),
    ({"payer": "bank dunia"}, "payer", "tidak dikenal"),
    ({"has_disability": "mungkin"}, "has_disability", "ya atau tidak"),
    ({"ktp_since": "2030-01-01"}, "ktp_since", "tidak wajar"),
])
def test_bad_cells_are_reported_with_their_column(overrides, column, fragment):
    _values, errors = check_worker_row(row(**overrides), ctx())
    assert column in errors and fragment in errors[column], errors


@pytest.mark.parametrize(("overrides", "column", "fragment"), [
    ({"nik": "6471010703600001", "birth_date": "1960-03-07", "sex": "L"}, "birth_date", "Usia 65"),
    ({"monthly_income": "5.000.000"}, "monthly_income", "di atas UMK"),
    ({"ktp_since": "2025-08-01"}, "ktp_since", "baru 3 bulan"),
    ({"ktp_since": ""}, "ktp_since", "Isi sejak"),
])
def test_ineligible_people_are_reported(overrides, column, fragment):
    _values, errors = check_worker_row(row(**overrides), ctx())
    assert fragment in errors.get(column, ""), errors


def test_no_umk_for_the_year_is_a_clear_error():
    _values, errors = check_worker_row(row(), ctx(umk=None))
    assert "UMK" in errors["monthly_income"]


def test_a_formula_and_an_oversized_cell_are_errors_and_never_echoed():
    huge = "A" * 1_000_000
    _values, errors = check_worker_row(row(full_name="=HYPERLINK(\"http://x\")", address=huge), ctx())
    assert "rumus" in errors["full_name"]
    assert "terlalu panjang" in errors["address"] and len(errors["address"]) < 200
    _values, errors = check_worker_row(row(address="B" * MAX_CELL_CHARS), ctx())
    assert "address" not in errors or "terlalu panjang" not in errors["address"]


def test_control_characters_are_stripped():
    assert clean_cell("Siti\x00 Ami\x07nah\tX") == "Siti Aminah X"
    values, errors = check_worker_row(row(full_name="Siti\x1b Aminah"), ctx())
    assert errors == {} and values["full_name"] == "Siti Aminah"


@pytest.mark.parametrize(("raw", "expected"), [
    (2500000, 2_500_000), (2500000.0, 2_500_000), ("2.500.000", 2_500_000), ("Rp2.500.000", 2_500_000),
    ("Rp 2.500.000,00", 2_500_000), ("2500000", 2_500_000), ("", None), ("abc", None), (True, None), (-1, None),
])
def test_parse_rupiah(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-03", date(2026, 3, 1)), ("03-2026", date(2026, 3, 1)), ("03/2026", date(2026, 3, 1)),
    ("2026-03-15", date(2026, 3, 1)), (datetime(2026, 3, 15), date(2026, 3, 1)), ("2026-13", None), ("x", None),
])
def test_parse_month(raw, expected):
    assert parse_month(raw) == expected


def test_parse_flag():
    assert parse_flag("Ya") is True and parse_flag("tidak") is False and parse_flag(None) is False
    assert parse_flag("mungkin") is None


def test_the_payer_is_the_programmes_and_membership_is_asked():
    """Issue 15, point 2: a row paid by someone else belongs in that payer's programme; "already a BPJS member"
    is a column (sudah/belum, ya/tidak), required where the programme's rules ask it."""
    _values, errors = check_worker_row(row(payer="provinsi"), ctx())
    assert "Program ini dibayar Pemerintah Kota Balikpapan" in errors["payer"]
    values, errors = check_worker_row(row(payer="Pemkot"), ctx())
    assert errors == {} and values["payer"] == "city" and values["already_bpjs_member"] is False
    _values, errors = check_worker_row(row(already_bpjs_member="sudah"), ctx())
    assert "sudah menjadi peserta" in errors["already_bpjs_member"]
    _values, errors = check_worker_row(row(already_bpjs_member=""), ctx())
    assert "Tanyakan" in errors["already_bpjs_member"]
    _values, errors = check_worker_row(row(already_bpjs_member="mungkin"), ctx())
    assert "sudah/belum" in errors["already_bpjs_member"]
    values, errors = check_worker_row(row(already_bpjs_member=""), ctx(rules=BPJS_SUBSIDY_RULES.__class__()))
    assert errors == {} and values["already_bpjs_member"] is None  # a programme that does not ask
