from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfair.rules import regions
from jobfair.rules.nik import (
    NikError,
    ParsedNik,
    declared_mismatch_errors,
    declared_mismatches,
    is_valid_nik,
    mask_nik,
    normalize_nik,
    parse_nik,
)

TODAY = date(2025, 6, 1)
MALE = "6471011505900003"  # Balikpapan, 15 May 1990, laki-laki
FEMALE = "6471015505900003"  # same, day + 40 -> perempuan
BULLETS = "\u2022" * 8
NO_DB = settings(database=None, deadline=None)


def parse(raw, **kw):
    kw.setdefault("today", TODAY)
    return parse_nik(raw, **kw)


def error_code(raw, **kw):
    with pytest.raises(NikError) as info:
        parse(raw, **kw)
    assert info.value.message and str(info.value) == info.value.message
    return info.value.code


# --- valid examples -------------------------------------------------------


def test_valid_male_balikpapan():
    assert parse(MALE) == ParsedNik(
        value=MALE,
        province_code="64",
        regency_code="6471",
        district_code="647101",
        birth_date=date(1990, 5, 15),
        sex="L",
        serial=3,
    )


def test_valid_female_has_day_plus_40():
    parsed = parse(FEMALE)
    assert parsed.sex == "P"
    assert parsed.birth_date == date(1990, 5, 15)
    assert parse("6471017105900003").birth_date == date(1990, 5, 31)
    assert parse("6471014105900003").birth_date == date(1990, 5, 1)


def test_leap_day_2024_is_valid_for_both_sexes():
    assert parse("6471012902240003").birth_date == date(2024, 2, 29)
    assert parse("6471016902240003").birth_date == date(2024, 2, 29)


def test_default_today_is_used():
    assert parse_nik(MALE).birth_date == date(1990, 5, 15)
    assert is_valid_nik(MALE)


@pytest.mark.parametrize(
    ("middle", "expected"),
    [
        ("150524", date(2024, 5, 15)),  # 2024 is not after today
        ("010625", date(2025, 6, 1)),  # exactly today
        ("020625", date(1925, 6, 2)),  # 2025-06-02 would be tomorrow
        ("150725", date(1925, 7, 15)),
        ("150526", date(1926, 5, 15)),
        ("150500", date(2000, 5, 15)),
        ("150599", date(1999, 5, 15)),
        ("290200", date(2000, 2, 29)),  # leap day of year 2000
    ],
)
def test_century_resolution_with_fixed_today(middle, expected):
    assert parse(f"647101{middle}0003").birth_date == expected


def test_century_resolution_depends_on_today():
    nik = "6471011505100003"
    assert parse(nik, today=date(2024, 1, 1)).birth_date == date(2010, 5, 15)
    assert parse(nik, today=date(2009, 1, 1)).birth_date == date(1910, 5, 15)


# --- errors ---------------------------------------------------------------


def test_length_message_tells_how_to_fix():
    with pytest.raises(NikError) as info:
        parse("647101150590000")
    assert info.value.code == "length"
    assert str(info.value) == (
        "NIK harus terdiri dari 16 angka; Anda memasukkan 15 angka. Periksa kembali KTP Anda."
    )
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("647101150590000", "length"),  # 15 digits
        ("64710115059000031", "length"),  # 17 digits
        ("", "length"),
        ("  - . ", "length"),
        ("6471O11505900003", "not_digits"),  # letter O instead of zero
        ("ABCDEFGHIJKLMNOP", "not_digits"),
        ("647101150590000x3", "not_digits"),  # characters are checked before length
        ("\u0666\u0664\u0667\u0661\u0660\u0661\u0661\u0665\u0660\u0665\u0669\u0660\u0660\u0660\u0660\u0663",
         "not_digits"),  # Arabic-Indic digits
        ("6471\uff10\uff11\uff11\uff15\uff10\uff15\uff19\uff10\uff10\uff10\uff10\uff13", "not_digits"),
        ("9971011505900003", "province"),
        ("0071011505900003", "province"),
        ("6499011505900003", "regency"),
        ("6471001505900003", "district"),
        ("6471011500900003", "month"),  # month 00
        ("6471011513900003", "month"),  # month 13
        ("6471013205900003", "day"),  # day 32
        ("6471017205900003", "day"),  # day 72 (female 32)
        ("6471010005900003", "day"),
        ("6471014005900003", "day"),  # female 00
        ("6471013102900003", "date"),  # 31 Feb
        ("6471017102900003", "date"),  # female 31 Feb
        ("6471013104900003", "date"),  # 31 Apr
        ("6471012902230003", "date"),  # 29 Feb 2023
        ("6471016902230003", "date"),
        ("6471011505900000", "serial"),
    ],
)
def test_error_codes(raw, code):
    assert error_code(raw) == code
    assert not is_valid_nik(raw, today=TODAY)


def test_checks_run_in_documented_order():
    assert error_code("9900003213000000") == "province"
    assert error_code("6499003213000000") == "regency"
    assert error_code("6471003213000000") == "district"
    assert error_code("6471013213000000") == "month"
    assert error_code("6471013212000000") == "day"
    assert error_code("6471013102000000") == "date"


def test_known_regencies_can_be_injected():
    assert error_code(MALE, known_regencies={"6472"}) == "regency"
    assert parse(MALE, known_regencies=["6471"]).regency_code == "6471"
    assert parse(MALE, known_regencies=["64.71"]).regency_code == "6471"
    # a regency missing from the data is accepted when injected
    assert parse("6499011505900003", known_regencies={"6499"}).regency_code == "6499"
    # the province must still exist
    assert error_code("9901011505900003", known_regencies={"9901"}) == "province"


# --- normalisation and masking ---------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "6471 0115 0590 0003",
        "64.71.01-150590-0003",
        "  6471011505900003\n",
        "6471\t011505900003",
        "6471\u00a0011505900003",
    ],
)
def test_separators_are_stripped(raw):
    assert normalize_nik(raw) == MALE
    assert parse(raw).value == MALE


def test_normalize_does_not_validate():
    assert normalize_nik("12-ab.3 4") == "12ab34"
    assert normalize_nik("") == ""
    assert normalize_nik(None) == ""


def test_mask_nik():
    assert mask_nik("6471011505900003") == "6471" + BULLETS + "0003"
    assert mask_nik("6471 0115 0590 0003") == "6471" + BULLETS + "0003"
    assert mask_nik("12345") == "\u2022" * 5
    assert mask_nik("6471O11505900003") == "\u2022" * 16
    assert mask_nik("") == ""
    assert mask_nik(None) == ""


# --- declared data vs NIK ---------------------------------------------------


def test_no_mismatch_when_declaration_agrees():
    parsed = parse(MALE)
    assert declared_mismatches(parsed, sex="L", birth_date=date(1990, 5, 15)) == []
    assert declared_mismatches(parsed, sex="laki-laki", birth_date=None) == []
    assert declared_mismatches(parsed, sex=None, birth_date=None) == []
    assert declared_mismatches(parsed, sex="?", birth_date=None) == []  # unrecognised: ignored


def test_sex_mismatch_warns():
    warnings = declared_mismatches(parse(MALE), sex="P", birth_date=None)
    assert len(warnings) == 1
    assert "Jenis kelamin" in warnings[0] and "perempuan" in warnings[0]
    assert declared_mismatches(parse(FEMALE), sex="Perempuan", birth_date=None) == []
    assert len(declared_mismatches(parse(FEMALE), sex="l", birth_date=None)) == 1


def test_birth_date_mismatch_warns():
    warnings = declared_mismatches(parse(MALE), sex=None, birth_date=date(1991, 5, 15))
    assert len(warnings) == 1
    assert "15 Mei 1991" in warnings[0] and "15 Mei 1990" in warnings[0]
    assert "Periksa kembali" in warnings[0]
    assert len(declared_mismatches(parse(MALE), sex="P", birth_date=date(1990, 5, 16))) == 2


def test_century_only_difference_is_not_a_mismatch():
    parsed = parse("6471011505240003")  # resolves to 2024, could be a 1924 birth
    assert declared_mismatches(parsed, sex="L", birth_date=date(1924, 5, 15)) == []


# --- property tests ---------------------------------------------------------

DIGITS = "0123456789"
REGENCIES = sorted(regions.regency_codes())


def _hundred_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 100)
    except ValueError:  # 29 Feb in a year whose century-earlier twin is not leap
        return day.replace(year=day.year - 100, day=28)


@st.composite
def nik_parts(draw):
    today = draw(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
    earliest = _hundred_years_before(today) + timedelta(days=1)
    return {
        "today": today,
        "regency": draw(st.sampled_from(REGENCIES)),
        "district": draw(st.integers(1, 99)),
        "birth_date": draw(st.dates(earliest, today)),
        "sex": draw(st.sampled_from("LP")),
        "serial": draw(st.integers(1, 9999)),
    }


@NO_DB
@given(nik_parts())
def test_round_trip(parts):
    born = parts["birth_date"]
    day = born.day + (40 if parts["sex"] == "P" else 0)
    nik = (
        f"{parts['regency']}{parts['district']:02d}"
        f"{day:02d}{born.month:02d}{born.year % 100:02d}{parts['serial']:04d}"
    )
    parsed = parse_nik(nik, today=parts["today"])
    assert parsed == ParsedNik(
        value=nik,
        province_code=parts["regency"][:2],
        regency_code=parts["regency"],
        district_code=f"{parts['regency']}{parts['district']:02d}",
        birth_date=born,
        sex=parts["sex"],
        serial=parts["serial"],
    )


@NO_DB
@given(st.text(alphabet=DIGITS, max_size=40).filter(lambda s: len(s) != 16))
def test_wrong_length_digit_strings(raw):
    with pytest.raises(NikError) as info:
        parse(raw)
    assert info.value.code == "length"


@st.composite
def sixteen_chars_with_non_digit(draw):
    chars = draw(st.lists(st.sampled_from(DIGITS), min_size=16, max_size=16))
    bad = draw(st.characters().filter(lambda c: c not in DIGITS))
    chars[draw(st.integers(0, 15))] = bad
    return "".join(chars), bad


@NO_DB
@given(sixteen_chars_with_non_digit())
def test_non_digit_in_sixteen_chars(case):
    raw, bad = case
    with pytest.raises(NikError) as info:
        parse(raw)
    if normalize_nik(bad):  # not a stripped separator
        assert info.value.code == "not_digits"
    else:
        assert info.value.code == "length"


@NO_DB
@given(st.text())
def test_parse_raises_only_nik_error(raw):
    try:
        parsed = parse(raw)
    except NikError as err:
        assert err.code and err.message
    else:
        assert len(parsed.value) == 16


@NO_DB
@given(st.text(alphabet=DIGITS, min_size=16, max_size=16))
def test_mask_hides_middle_digits(nik):
    masked = mask_nik(nik)
    assert masked == nik[:4] + BULLETS + nik[12:]
    assert masked[4:12] == BULLETS


@NO_DB
@given(st.text())
def test_mask_reveals_at_most_eight_characters(raw):
    masked = mask_nik(raw)
    revealed = [ch for ch in masked if ch != "\u2022"]
    assert len(revealed) in (0, 8)
    if revealed:
        assert masked[4:12] == BULLETS


def test_mismatch_errors_name_the_field_and_what_the_nik_says():
    errors = declared_mismatch_errors(parse(MALE), sex="P", birth_date=date(1990, 5, 16))
    assert errors == {
        "sex": "Jenis kelamin tidak cocok dengan NIK (NIK menunjukkan laki-laki). Periksa kembali NIK atau "
               "jenis kelamin Anda.",
        "birth_date": "Tanggal lahir tidak cocok dengan NIK (NIK menunjukkan 15-05-1990). Periksa kembali NIK atau "
                      "tanggal lahir Anda.",
    }
    assert declared_mismatch_errors(parse(FEMALE), sex="P", birth_date=date(1990, 5, 15)) == {}
    assert declared_mismatch_errors(parse("6471011505240003"), sex="L", birth_date=date(1924, 5, 15)) == {}
    assert declared_mismatch_errors(parse(MALE), sex=None, birth_date=None) == {}
