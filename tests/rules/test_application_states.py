"""Application status machine."""

import pytest

from jobfair import labels
from jobfair.models import ApplicationStatus
from jobfair.rules import application_states as s

ALL = [s.SUBMITTED, s.REVIEWED, s.SHORTLISTED, s.INTERVIEW, s.HIRED, s.REJECTED, s.WITHDRAWN]


@pytest.mark.parametrize("from_status, to_status", [
    (s.SUBMITTED, s.REVIEWED), (s.SUBMITTED, s.SHORTLISTED), (s.SUBMITTED, s.REJECTED),
    (s.REVIEWED, s.SHORTLISTED), (s.REVIEWED, s.REJECTED),
    (s.SHORTLISTED, s.INTERVIEW), (s.SHORTLISTED, s.REJECTED), (s.SHORTLISTED, s.HIRED),
    (s.INTERVIEW, s.HIRED), (s.INTERVIEW, s.REJECTED),
])
def test_allowed_company_moves(from_status, to_status):
    assert s.company_can_move(from_status, to_status)
    assert s.can_move(from_status, to_status)


@pytest.mark.parametrize("from_status, to_status", [
    (s.SUBMITTED, s.HIRED), (s.SUBMITTED, s.INTERVIEW), (s.REVIEWED, s.HIRED), (s.REVIEWED, s.SUBMITTED),
    (s.SHORTLISTED, s.REVIEWED), (s.INTERVIEW, s.SHORTLISTED), (s.SUBMITTED, s.WITHDRAWN),
])
def test_refused_company_moves(from_status, to_status):
    assert not s.company_can_move(from_status, to_status)


@pytest.mark.parametrize("status", [s.HIRED, s.REJECTED, s.WITHDRAWN])
def test_final_statuses_never_move(status):
    assert s.is_final(status)
    assert not any(s.can_move(status, target) for target in ALL)
    assert s.next_for_company(status) == []


@pytest.mark.parametrize("status", [s.SUBMITTED, s.REVIEWED, s.SHORTLISTED, s.INTERVIEW])
def test_the_seeker_can_withdraw_any_open_application(status):
    assert s.seeker_can_withdraw(status) and s.can_move(status, s.WITHDRAWN)


def test_every_status_has_an_indonesian_label():
    assert all(str(labels.label(ApplicationStatus, status)) != status for status in ALL)
