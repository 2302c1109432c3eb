"""Eligibility rules (pure) and the month arithmetic of cover periods."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules.eligibility import (
    BPJS_SUBSIDY_RULES,
    Applicant,
    EligibilityRules,
    add_months,
    eligibility_problems,
    months_between,
    months_in,
)

UMK_2025 = 3_701_508
ON = date(2025, 11, 1)


def _person(**overrides):
    values = dict(birth_date=date(1980, 5, 1), ktp_since=date(2010, 1, 1), monthly_income=2_500_000,
                  already_bpjs_member=False)
    values.update(overrides)
    return Applicant(**values)


def test_an_eligible_worker_has_no_problems():
    assert eligibility_problems(BPJS_SUBSIDY_RULES, _person(), on=ON, umk=UMK_2025) == {}


def test_age_65_income_above_umk_and_short_ktp_are_each_explained():
    person = _person(birth_date=date(1960, 10, 1), monthly_income=UMK_2025 + 1, ktp_since=date(2025, 8, 1))
    problems = eligibility_problems(BPJS_SUBSIDY_RULES, person, on=ON, umk=UMK_2025)
    assert "65 tahun" in problems["birth_date"]
    assert "di atas UMK" in problems["monthly_income"] and "Rp3.701.508" in problems["monthly_income"]
    assert "3 bulan" in problems["ktp_since"]


def test_boundaries_are_inclusive():
    person = _person(birth_date=date(1961, 11, 1), monthly_income=UMK_2025, ktp_since=date(2025, 5, 1))
    assert eligibility_problems(BPJS_SUBSIDY_RULES, person, on=ON, umk=UMK_2025) == {}


def test_missing_umk_is_a_problem_not_a_pass():
    assert "UMK" in eligibility_problems(BPJS_SUBSIDY_RULES, _person(), on=ON, umk=None)["monthly_income"]


def test_aid_rules_for_disability_and_elderly():
    rules = EligibilityRules(requires_disability=True, requires_elderly=True)
    problems = eligibility_problems(rules, _person(), on=ON, umk=None)
    assert set(problems) == {"has_disability", "is_elderly"}
    assert eligibility_problems(rules, _person(has_disability=True, is_elderly=True), on=ON, umk=None) == {}


def test_rules_round_trip_through_a_dict():
    assert EligibilityRules.from_dict(BPJS_SUBSIDY_RULES.to_dict()) == BPJS_SUBSIDY_RULES
    assert EligibilityRules.from_dict({"max_age": 64, "unknown": 1}) == EligibilityRules(max_age=64)


def test_months_in_a_year_of_cover():
    months = months_in(date(2025, 1, 15), date(2025, 12, 1))
    assert len(months) == 12 and months[0] == date(2025, 1, 1) and months[-1] == date(2025, 12, 1)
    assert months_in(date(2025, 3, 1), date(2025, 2, 1)) == []


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)), st.integers(-240, 240))
def test_add_months_and_months_between_agree(day, count):
    first = day.replace(day=1)
    assert months_between(first, add_months(first, count)) == count


def test_not_already_a_bpjs_member_must_be_asked_and_refuses_members():
    """Perwali 3/2025: the subsidy is for people who are not BPJS Ketenagakerjaan members yet."""
    assert BPJS_SUBSIDY_RULES.not_bpjs_member
    unasked = eligibility_problems(BPJS_SUBSIDY_RULES, _person(already_bpjs_member=None), on=ON, umk=UMK_2025)
    assert "Tanyakan" in unasked["already_bpjs_member"]
    member = eligibility_problems(BPJS_SUBSIDY_RULES, _person(already_bpjs_member=True), on=ON, umk=UMK_2025)
    assert "sudah menjadi peserta" in member["already_bpjs_member"]
    assert eligibility_problems(EligibilityRules(), _person(already_bpjs_member=None), on=ON, umk=None) == {}
    assert EligibilityRules.from_dict(BPJS_SUBSIDY_RULES.to_dict()) == BPJS_SUBSIDY_RULES
