"""The office dashboard counts what waits in each queue, computed from the records."""

import re

import pytest

from jobfair.extensions import db
from jobfair.models import User
from jobfair.services.errors import PermissionDenied
from jobfair.services.hiring import companies
from jobfair.services.office import office_desk
from tests import factories


def _queue_count(page: str, label: str) -> int:
    match = re.search(re.escape(label) + r"</a></td>\s*<td[^>]*>(\d+)</td>", page)
    assert match, f"queue {label!r} not on the page"
    return int(match.group(1))


def test_dashboard_counts_follow_the_records(app, login_as):
    client = login_as("officer")
    with app.app_context():
        officer = factories.make_officer()
        officer_id = officer.id
        waiting = [factories.make_company_user().company_id for _ in range(2)]
        company_user = factories.verified_company_user(officer)
        factories.make_vacancy(company_user, officer=officer, publish=False)
    page = client.get("/disnaker/").get_data(as_text=True)
    assert _queue_count(page, "Perusahaan menunggu verifikasi") == 2
    for key in ("companies", "vacancies", "ak1", "placements", "places", "agreements", "enrolments", "data_requests"):
        assert f"/disnaker/antrean/{key}.xlsx" in page and f"/disnaker/antrean/{key}.csv" in page
    with app.app_context():
        companies.verify(db.session.get(User, officer_id), waiting[0])
    page = client.get("/disnaker/").get_data(as_text=True)
    assert _queue_count(page, "Perusahaan menunggu verifikasi") == 1


def test_queue_summary_is_for_officers_only(db):
    with pytest.raises(PermissionDenied):
        office_desk.queue_summary(factories.make_user("seeker"))
    keys = [queue.key for queue in office_desk.queue_summary(factories.make_officer())]
    assert keys == ["companies", "vacancies", "ak1", "placements", "places", "agreements",
                    "enrolments", "data_requests"]
