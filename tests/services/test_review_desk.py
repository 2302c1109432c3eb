"""The review desk's shared pieces (services/review_desk.py) and keyset.listing, apart from the services using them."""

from types import SimpleNamespace

import pytest

from jobfair.models import Company
from jobfair.services import keyset, review_desk
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from tests import factories


def test_a_written_reason_is_stripped_and_long_enough():
    assert review_desk.written_reason("  Kurang lengkap  ", "too short") == "Kurang lengkap"
    for text in (None, "", "  abcd  "):
        with pytest.raises(ValidationFailed) as exc:
            review_desk.written_reason(text, "too short")
        assert exc.value.field_errors == {"reason": "too short"}
    assert review_desk.written_reason("x" * 3000, "m") == "x" * 3000   # no maximum: the caller trims
    with pytest.raises(ValidationFailed):
        review_desk.written_reason("x" * 2001, "m", maximum=2000)


def test_still_in_refuses_what_has_moved_on():
    waiting = SimpleNamespace(status="submitted")
    assert review_desk.still_in(waiting, "submitted", "gone") is waiting
    with pytest.raises(InvalidState) as exc:
        review_desk.still_in(SimpleNamespace(status="published"), "submitted", "gone")
    assert exc.value.message == "gone"


def test_decide_each_goes_on_after_a_failure_and_counts_each_id_once(db):
    decided = []

    def decide(item_id):
        if item_id == 2:
            raise NotFound("tidak ada")
        decided.append(item_id)

    done, problems = review_desk.decide_each(["3", 1, 2, 3], decide, none_ticked="none", too_many="many")
    assert (done, problems, decided) == ([3, 1], {2: "tidak ada"}, [3, 1])
    with pytest.raises(ValidationFailed) as exc:
        review_desk.decide_each(None, decide, none_ticked="none", too_many="many")
    assert exc.value.field_errors == {"ids": "none"}
    with pytest.raises(ValidationFailed) as exc:
        review_desk.decide_each(range(review_desk.BULK_MAX + 1), decide, none_ticked="none", too_many="many")
    assert exc.value.field_errors == {"ids": "many"} and decided == [3, 1]


def test_a_queue_is_the_office_s_oldest_first_and_takes_the_page_arguments(db):
    officer = factories.make_officer()
    hr_user = factories.make_company_user(company_name="PT Pertama")
    first = hr_user.company
    second = factories.make_company_user(company_name="PT Kedua").company
    waiting = review_desk.queue(Company, first.status, Company.created_at)
    page = waiting(officer, 1, 1)
    assert isinstance(page, keyset.KeysetPage) and [c.id for c in page.items] == [first.id] and page.has_next
    assert [c.id for c in waiting(officer, after=page.next_cursor).items] == [second.id]
    with pytest.raises(PermissionDenied) as exc:
        review_desk.queue(Company, first.status, Company.created_at, not_allowed="no")(hr_user)
    assert exc.value.message == "no"
