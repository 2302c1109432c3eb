"""Searching the audit trail: filters, newest first, WITA days, officers only, exports of a search."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobfair.models import AuditEvent
from jobfair.services import audit
from jobfair.services.errors import ValidationFailed
from jobfair.services.office import audit_search
from tests import factories
from tests.refusals import assert_refused


def _event(actor, action, *, at: datetime, object_type="company", object_id=1, detail=None, origin="10.0.0.7"):
    token = audit.set_origin(origin)
    try:
        event = audit.record(actor, action, object_type=object_type, object_id=object_id, detail=detail)
    finally:
        audit.reset_origin(token)
    event.occurred_at = at
    return event


@pytest.fixture
def trail(db):
    """Two officers, a company user and a scheduled job, each with audit rows at known times."""
    budi = factories.make_user("officer", email="budi.petugas@example.id")
    budi.full_name = "Budi Santoso"
    sari = factories.make_user("admin", email="sari.admin@example.id")
    sari.full_name = "Sari Dewi"
    hr = factories.make_company_user()
    _event(budi, "company.verified", at=datetime(2025, 7, 1, 1, 0, tzinfo=UTC), object_id=7)
    _event(budi, "vacancy.published", at=datetime(2025, 7, 2, 2, 0, tzinfo=UTC), object_type="vacancy", object_id=9)
    _event(sari, "company.rejected", at=datetime(2025, 7, 3, 3, 0, tzinfo=UTC), object_id=8,
           detail={"reason": "NIB tidak cocok"})
    _event(hr, "vacancy.submitted", at=datetime(2025, 7, 2, 15, 59, tzinfo=UTC), object_type="vacancy", object_id=9)
    _event(None, "ak1.lapsed", at=datetime(2025, 7, 2, 16, 0, tzinfo=UTC), object_type="ak1_card", object_id=3)
    db.session.commit()
    return {"budi": budi, "sari": sari, "hr": hr}


def _actions(page) -> list[str]:
    return [row.event.action for row in page.rows]


def _window(**filters):
    """Only the rows written by the fixture (July 2025), not those the factories wrote today."""
    return dict(date_from=date(2025, 7, 1), date_to=date(2025, 7, 31), **filters)


def test_newest_first_with_who_role_object_origin(db, trail):
    page = audit_search.search(trail["budi"], **_window())
    assert _actions(page) == ["company.rejected", "ak1.lapsed", "vacancy.submitted", "vacancy.published",
                              "company.verified"]
    first = page.rows[0]
    assert (first.actor_name, first.actor_email, first.event.actor_role) == ("Sari Dewi", "sari.admin@example.id",
                                                                               "admin")
    assert (first.event.object_type, first.event.object_id, first.event.origin) == ("company", "8", "10.0.0.7")
    assert first.detail_summary == "reason: NIB tidak cocok"
    system = page.rows[1]
    assert system.actor_name is None and system.event.actor_role is None


def test_filter_by_person_email_or_part_of_name(db, trail):
    assert _actions(audit_search.search(trail["budi"], person="BUDI.petugas@example.id", **_window())) == [
        "vacancy.published", "company.verified"]
    assert _actions(audit_search.search(trail["budi"], person="dewi", **_window())) == ["company.rejected"]
    assert _actions(audit_search.search(trail["budi"], person="%", **_window())) == []  # no wildcard injection


def test_filter_by_role_and_system(db, trail):
    assert _actions(audit_search.search(trail["budi"], role="admin", **_window())) == ["company.rejected"]
    assert _actions(audit_search.search(trail["budi"], role="system", **_window())) == ["ak1.lapsed"]
    with pytest.raises(ValidationFailed) as exc:
        audit_search.search(trail["budi"], role="root")
    assert "role" in exc.value.field_errors


def test_filter_by_action_exact_or_prefix(db, trail):
    assert _actions(audit_search.search(trail["budi"], action="company", **_window())) == [
        "company.rejected", "company.verified"]
    assert _actions(audit_search.search(trail["budi"], action="company.verified", **_window())) == [
        "company.verified"]
    assert _actions(audit_search.search(trail["budi"], action="compan", **_window())) == []  # whole words only


def test_filter_by_object(db, trail):
    assert _actions(audit_search.search(trail["budi"], object_type="vacancy", object_id="9", **_window())) == [
        "vacancy.submitted", "vacancy.published"]
    assert _actions(audit_search.search(trail["budi"], object_type="company", object_id=8)) == ["company.rejected"]


def test_dates_are_whole_days_in_wita(db, trail):
    # 2 July 2025 WITA = 1 July 16:00 UTC up to 2 July 16:00 UTC (exclusive)
    page = audit_search.search(trail["budi"], date_from=date(2025, 7, 2), date_to=date(2025, 7, 2))
    assert _actions(page) == ["vacancy.submitted", "vacancy.published"]
    page = audit_search.search(trail["budi"], date_from=date(2025, 7, 3), date_to=date(2025, 7, 3))
    assert _actions(page) == ["company.rejected", "ak1.lapsed"]  # 16:00 UTC on the 2nd is 00:00 WITA on the 3rd
    with pytest.raises(ValidationFailed) as exc:
        audit_search.search(trail["budi"], date_from=date(2025, 7, 3), date_to=date(2025, 7, 1))
    assert "date_to" in exc.value.field_errors


def test_too_long_inputs_are_refused_with_a_message(db, trail):
    with pytest.raises(ValidationFailed) as exc:
        audit_search.search(trail["budi"], action="x" * 65, object_type="y" * 41, object_id="1" * 41)
    assert set(exc.value.field_errors) == {"action", "object_type", "object_id"}


def test_paginated(db, trail):
    page = audit_search.search(trail["budi"], per_page=2, **_window())
    assert page.pagination.total == 5 and page.pagination.pages == 3 and len(page.rows) == 2
    last = audit_search.search(trail["budi"], per_page=2, page=3, **_window())
    assert _actions(last) == ["company.verified"]


@pytest.mark.parametrize("role", ["seeker", "company", "school", "student"])
def test_only_officers_and_admins_search_or_export(db, role):
    assert_refused((audit_search.search, audit_search.export_csv), factories.make_user(role), None)


def test_csv_export_of_a_search_is_itself_audited(db, trail):
    body = audit_search.export_csv(trail["budi"], action="company", **_window())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == audit_search.EXPORT_HEADERS
    assert [r[4] for r in rows[1:]] == ["company.rejected", "company.verified"]
    assert rows[1][:4] == ["2025-07-03 11:00:00", "Sari Dewi", "sari.admin@example.id", "admin"]
    assert rows[1][5:] == ["company", "8", "10.0.0.7", "reason: NIB tidak cocok"]
    exported = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "audit.exported"))
    assert exported.actor_id == trail["budi"].id
    assert exported.detail == {"rows": 2, "action": "company", "date_from": "2025-07-01", "date_to": "2025-07-31"}


def test_xlsx_export_neutralises_formulas(db, trail):
    # the origin and reasons are text the application did not write: a formula must not run in a spreadsheet
    _event(trail["budi"], "company.rejected", at=datetime(2025, 7, 4, tzinfo=UTC), detail=None,
           origin="=HYPERLINK(\"http://x\")")
    db.session.commit()
    body = audit_search.export_xlsx(trail["budi"], object_type="company", **_window())
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(values) == 3
    assert values[0][7].startswith("'=")


def test_search_writes_nothing(db, trail):
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    audit_search.search(trail["budi"])
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before
