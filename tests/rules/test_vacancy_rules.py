"""The vacancy state machine and the checks on vacancy input."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfair.rules.vacancy_rules import (
    CLOSED,
    DRAFT,
    FILLED,
    PUBLISHED,
    RETURNED,
    SUBMITTED,
    allowed_transition,
    is_editable,
    submission_problems,
    vacancy_problems,
)

TODAY = date(2025, 7, 1)
STATES = [DRAFT, SUBMITTED, PUBLISHED, RETURNED, CLOSED, FILLED]


def good(**overrides):
    fields = dict(title="Juru Las", openings=5, valid_from=TODAY, valid_until=TODAY + timedelta(days=30),
                  wage_min=3_701_508, wage_max=4_500_000, age_min=18, age_max=35, sex_required=None,
                  kbji_code="721201", employment_type="contract", experience_years=0)
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("from_state, to_state", [
    (DRAFT, SUBMITTED), (SUBMITTED, PUBLISHED), (SUBMITTED, RETURNED), (RETURNED, SUBMITTED),
    (PUBLISHED, CLOSED), (PUBLISHED, FILLED), (DRAFT, CLOSED),
])
def test_allowed_transitions(from_state, to_state):
    assert allowed_transition(from_state, to_state)


@pytest.mark.parametrize("from_state, to_state", [
    (DRAFT, PUBLISHED), (RETURNED, PUBLISHED), (CLOSED, PUBLISHED), (FILLED, PUBLISHED), (CLOSED, DRAFT),
    (PUBLISHED, DRAFT), (PUBLISHED, SUBMITTED), (DRAFT, FILLED), ("nonsense", DRAFT),
])
def test_forbidden_transitions(from_state, to_state):
    assert not allowed_transition(from_state, to_state)


@given(st.sampled_from(STATES))
def test_closed_and_filled_are_final_and_nothing_skips_moderation(state):
    assert not allowed_transition(CLOSED, state) and not allowed_transition(FILLED, state)
    if state != SUBMITTED:
        assert not allowed_transition(state, PUBLISHED)


def test_only_draft_and_returned_are_editable():
    assert [s for s in STATES if is_editable(s)] == [DRAFT, RETURNED]


def test_good_input_has_no_problems():
    assert vacancy_problems(good(), TODAY) == {}


@pytest.mark.parametrize("overrides, field", [
    ({"title": ""}, "title"), ({"title": "   "}, "title"), ({"title": "x" * 161}, "title"),
    ({"openings": 0}, "openings"), ({"openings": 10_001}, "openings"), ({"openings": None}, "openings"),
    ({"openings": True}, "openings"),
    ({"valid_until": TODAY - timedelta(days=1)}, "valid_until"),
    ({"valid_from": None}, "valid_from"),
    ({"wage_min": 5_000_000, "wage_max": 4_000_000}, "wage_max"),
    ({"wage_min": -1}, "wage_min"),
    ({"age_min": 40, "age_max": 30}, "age_max"), ({"age_min": 14}, "age_min"), ({"age_max": 71}, "age_max"),
    ({"sex_required": "X"}, "sex_required"),
    ({"kbji_code": "72120"}, "kbji_code"), ({"kbji_code": "72120A"}, "kbji_code"),
    ({"employment_type": "slave"}, "employment_type"),
    ({"experience_years": -1}, "experience_years"),
])
def test_bad_input_names_the_field(overrides, field):
    problems = vacancy_problems(good(**overrides), TODAY)
    assert field in problems
    assert problems[field][0].isupper()  # a sentence for the user, in Indonesian


def test_valid_until_before_valid_from_is_explained():
    problems = vacancy_problems(good(valid_from=TODAY + timedelta(days=10), valid_until=TODAY + timedelta(days=5)),
                                TODAY)
    assert "sebelum tanggal mulai" in problems["valid_until"]


def test_wage_min_above_max_is_explained():
    problems = vacancy_problems(good(wage_min=6_000_000, wage_max=5_000_000), TODAY)
    assert "upah minimum" in problems["wage_max"]


def test_optional_fields_may_be_empty():
    fields = good(wage_min=None, wage_max=None, age_min=None, age_max=None, kbji_code="", sex_required="")
    assert vacancy_problems(fields, TODAY) == {}


@given(low=st.integers(-10, 10_000_000), high=st.integers(-10, 10_000_000))
def test_wage_range_is_accepted_exactly_when_ordered_and_non_negative(low, high):
    problems = vacancy_problems(good(wage_min=low, wage_max=high), TODAY)
    ok = 0 <= low <= high
    assert ("wage_min" not in problems and "wage_max" not in problems) == ok


@given(low=st.integers(0, 100), high=st.integers(0, 100))
def test_age_range(low, high):
    problems = vacancy_problems(good(age_min=low, age_max=high), TODAY)
    ok = 15 <= low <= high <= 70
    assert ("age_min" not in problems and "age_max" not in problems) == ok


# --- Perpres 57/2023: wage, work location and minimum education before moderation (issue 15, point 4) ---

def complete(**overrides):
    return good(**{"kecamatan_code": "647103", "education_min": "SMA", "wage_negotiable": False, **overrides})


def test_a_complete_vacancy_may_be_submitted():
    assert submission_problems(complete()) == {}
    assert submission_problems(complete(wage_max=None)) == {}                       # "from Rp3.701.508"
    assert submission_problems(complete(wage_min=None)) == {}                       # "up to Rp4.500.000"
    assert submission_problems(complete(wage_min=None, wage_max=None, wage_negotiable=True)) == {}
    assert submission_problems(complete(education_min="TS")) == {}                  # explicitly no requirement


def test_wage_location_and_education_are_required_before_submission():
    problems = submission_problems(good(wage_min=None, wage_max=None, kecamatan_code=None, education_min=None))
    assert set(problems) == {"wage_min", "kecamatan_code", "education_min"}
    assert "dapat dinegosiasikan" in problems["wage_min"] and "Perpres 57/2023" in problems["wage_min"]
    assert "Lokasi kerja" in problems["kecamatan_code"] or "lokasi kerja" in problems["kecamatan_code"]
    assert "Tanpa syarat pendidikan" in problems["education_min"]
    assert all(message[0].isupper() for message in problems.values())
    # a draft may lack them: the input checks do not ask for them
    assert vacancy_problems(good(wage_min=None, wage_max=None, kecamatan_code=None, education_min=None), TODAY) == {}
