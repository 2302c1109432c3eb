from datetime import date, datetime

import pytest

from jobfair.rules.student_rows import check_student_row, is_minor, normalize_phone, parse_date, parse_score

MAJORS = {"TKJ": "Teknik Komputer dan Jaringan", "TPL": "Teknik Pengelasan"}
TODAY = date(2026, 1, 15)


def row(**overrides):
    values = dict(nisn="0061234567", full_name="Siti Aminah", nik="6471014703070001", birth_date="2007-03-07",
                  sex="P", major="TKJ", class_name="XII TKJ 1", report_score="85,5",
                  expected_graduation="2026-06-15", phone="081234567890", guardian_name="Budi Santoso",
                  guardian_phone="081298765432")
    values.update(overrides)
    return values


def check(**overrides):
    return check_student_row(row(**overrides), majors=MAJORS, today=TODAY)


def test_a_good_row_is_cleaned():
    values, errors = check()
    assert errors == {}
    assert values["nisn"] == "0061234567"
    assert values["nik"].value == "6471014703070001"
    assert values["sex"] == "P" and values["major_code"] == "TKJ"
    assert values["report_score_x100"] == 8550
    assert values["birth_date"] == date(2007, 3, 7) and values["expected_graduation"] == date(2026, 6, 15)
    assert values["warnings"] == []


@pytest.mark.parametrize("nisn", ["123456789", "12345678901", "", "00612345a7"])
def test_nisn_must_be_ten_digits(nisn):
    _values, errors = check(nisn=nisn)
    assert "nisn" in errors and "NISN" in errors["nisn"]


def test_nisn_read_as_a_number_gets_a_hint():
    _values, errors = check(nisn=61234567)
    assert "Teks" in errors["nisn"]


def test_nik_as_a_number_is_refused():
    _values, errors = check(nik=6471014703070001)
    assert "nik" in errors


def test_bad_nik_reason_comes_from_the_nik_parser():
    _values, errors = check(nik="647101470307000")
    assert "16" in errors["nik"]


def test_declared_sex_and_birth_date_mismatch_is_a_warning_not_an_error():
    values, errors = check(sex="L", birth_date="08-03-2007")
    assert errors == {}
    assert len(values["warnings"]) == 2


@pytest.mark.parametrize("raw, expected", [("2007-03-07", date(2007, 3, 7)), ("07-03-2007", date(2007, 3, 7)),
                                           ("07/03/2007", date(2007, 3, 7)), (date(2007, 3, 7), date(2007, 3, 7)),
                                           (datetime(2007, 3, 7, 0, 0), date(2007, 3, 7)), ("31-02-2007", None),
                                           ("kemarin", None), ("", None), ("07-03-07", None)])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("sex, expected", [("L", "L"), ("Laki-laki", "L"), ("perempuan", "P"), ("p", "P")])
def test_sex_aliases(sex, expected):
    values, errors = check(sex=sex)
    assert values.get("sex") == expected


def test_unknown_sex_is_an_error():
    assert "sex" in check(sex="X")[1]


@pytest.mark.parametrize("major, code", [("TKJ", "TKJ"), ("tkj", "TKJ"), ("Teknik  Pengelasan", "TPL")])
def test_major_by_code_or_name(major, code):
    assert check(major=major)[0]["major_code"] == code


def test_unknown_major():
    assert "Jurusan" in check(major="Astronomi")[1]["major"]


@pytest.mark.parametrize("raw, expected", [("85,5", 8550), ("85.25", 8525), (90, 9000), (77.5, 7750), ("100", 10000),
                                           ("0", 0), ("101", None), ("-1", None), ("abc", None), ("", None),
                                           ("nan", None)])
def test_scores(raw, expected):
    assert parse_score(raw) == expected


@pytest.mark.parametrize("raw, expected", [("081234567890", "081234567890"), ("+62 812-3456-7890", "081234567890"),
                                           (81234567890, "081234567890"), ("0212345678", None), ("08123", None),
                                           ("08abc4567890", None)])
def test_phones(raw, expected):
    assert normalize_phone(raw) == expected


def test_student_phone_may_be_empty_but_not_wrong():
    assert check(phone="")[1] == {}
    assert "phone" in check(phone="12345")[1]


def test_a_minor_needs_a_guardian():
    _values, errors = check(nik="6471014703080001", birth_date="2008-03-07", guardian_name="", guardian_phone="")
    assert "guardian_name" in errors and "guardian_phone" in errors


def test_an_adult_needs_no_guardian():
    values, errors = check(nik="6471014703050001", birth_date="2005-03-07", guardian_name="", guardian_phone="")
    assert errors == {}


def test_is_minor():
    assert is_minor(date(2008, 1, 16), date(2026, 1, 15))
    assert not is_minor(date(2008, 1, 15), date(2026, 1, 15))


def test_a_very_long_cell_and_a_formula_are_errors():
    _values, errors = check(full_name="A" * 1_000_000, class_name="=HYPERLINK(\"x\")")
    assert "terlalu panjang" in errors["full_name"]
    assert "rumus" in errors["class_name"]


def test_required_fields_missing():
    _values, errors = check_student_row({}, majors=MAJORS, today=TODAY)
    for key in ("nisn", "full_name", "nik", "birth_date", "sex", "major", "class_name", "report_score",
                "expected_graduation"):
        assert key in errors


def test_implausible_birth_and_graduation_dates():
    assert "birth_date" in check(birth_date="2020-03-07")[1]
    assert "expected_graduation" in check(expected_graduation="2099-06-15")[1]
