"""Desk exports (one file per review queue) and bulk approval of placements and vacancies."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Notification, Placement, Vacancy
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import ak1, placements, vacancies
from jobfair.services.office import desk_exports, office_desk
from jobfair.services.privacy import data_requests
from tests import factories


def waiting_items(officer) -> dict[str, list[int]]:
    """One waiting item in every queue (two companies), plus items that are not waiting."""
    waiting_company = factories.make_company_user(company_name="PT Menunggu")
    factories.make_company_user(company_name="=HYPERLINK(\"x\")")
    company = factories.verified_company_user(officer)
    submitted = factories.make_vacancy(company, publish=False, title="Juru Masak")
    vacancies.submit(company, submitted.id)
    factories.make_vacancy(company, officer=officer, title="Sudah Tayang")
    seeker = factories.make_seeker(full_name="Ani Pencari")
    factories.complete_profile(seeker)
    card = ak1.request_card(seeker)
    hired = factories.make_seeker(full_name="Budi Diterima")
    vacancy = factories.published_vacancy(company)
    placement = factories.fair_application(vacancy, hired, status="hired", placement="reported").id
    place = factories.appr_place(status="proposed", title="Magang Las")
    appr = factories.make_apprenticeship()
    enrolment = factories.make_enrolment(status="registered", actor=officer)
    factories.make_enrolment(status="sector_verified", actor=officer)
    db_placement = placements.reported(officer, placement)
    erasure_request = data_requests.request_erasure(factories.make_seeker(), confirm=True)
    return {"companies": [waiting_company.company_id, None], "vacancies": [submitted.id], "ak1": [card.id],
            "placements": [db_placement.id], "places": [place.id], "agreements": [appr.id],
            "enrolments": [enrolment.id], "data_requests": [erasure_request.id]}


def test_every_queue_exports_its_waiting_items(db):
    officer = factories.make_officer()
    expected = waiting_items(officer)
    assert set(desk_exports.QUEUE_KEYS) == set(expected)
    counts = {queue.key: queue.count for queue in office_desk.queue_summary(officer)}
    for key, ids in expected.items():
        title, headers, rows = desk_exports.queue_export(officer, key)
        assert headers == desk_exports.HEADERS and title
        assert len(rows) == counts[key] == len(ids), key
        assert rows[0][0] == ids[0] or ids[0] is None
        assert all(row[5] and row[6].startswith("/") for row in rows), key
    _t, _h, ak1_rows = desk_exports.queue_export(officer, "ak1")
    assert ak1_rows[0][3] == "Ani Pencari" and "••••••••" in ak1_rows[0][4]
    _t, _h, enrol_rows = desk_exports.queue_export(officer, "enrolments")
    assert "••••••••" in enrol_rows[0][4]
    assert enrol_rows[0][6] == f"/perlindungan/kepesertaan/{expected['enrolments'][0]}"
    title, _h, _rows = desk_exports.queue_export(officer, "ak1")
    assert "/" not in title and len(title) <= 31  # a valid XLSX sheet title


def test_queue_export_is_for_officers_and_known_queues(db):
    with pytest.raises(PermissionDenied):
        desk_exports.queue_export(factories.make_company_user(), "companies")
    with pytest.raises(NotFound):
        desk_exports.queue_export(factories.make_officer(), "gaji")


# --- bulk approval ----------------------------------------------------------------------------------------------

def test_verify_many_reports_failures_and_does_the_rest(db):
    officer = factories.make_officer()
    company = factories.application_company()
    vacancy = factories.published_vacancy(company, openings=5)
    ids = [factories.fair_application(vacancy, factories.make_seeker(), status="hired", placement="reported").id
           for _ in range(3)]
    placement_ids = [db.session.scalar(select(Placement.id).where(Placement.application_id == i)) for i in ids]
    placements.reject(officer, placement_ids[1], "Kontrak belum dilampirkan")
    done, problems = placements.verify_many(officer, [placement_ids[0], placement_ids[1], 999_999, placement_ids[2],
                                                      placement_ids[0]])
    assert done == [placement_ids[0], placement_ids[2]]
    assert set(problems) == {placement_ids[1], 999_999} and "sudah diputuskan" in problems[placement_ids[1]]
    assert [db.session.get(Placement, i).status for i in placement_ids] == ["verified", "rejected", "verified"]
    events = db.session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "placement.verified")).all()
    assert sorted(events) == sorted(str(i) for i in done)
    notes = db.session.scalars(select(Notification.message).where(Notification.user_id == company.id)).all()
    assert sum("diverifikasi Disnaker" in m for m in notes) == 2


def test_verify_many_needs_an_officer_and_a_selection(db):
    with pytest.raises(PermissionDenied):
        placements.verify_many(factories.make_company_user(), [1])
    with pytest.raises(ValidationFailed):
        placements.verify_many(factories.make_officer(), [])
    with pytest.raises(ValidationFailed):
        placements.verify_many(factories.make_officer(), range(1, 102))


def test_publish_many_reports_failures_and_does_the_rest(db):
    officer = factories.make_officer()
    company = factories.verified_company_user(officer)
    good, expired = (factories.make_vacancy(company, publish=False, title=t) for t in ("Satu", "Dua"))
    vacancies.submit(company, good.id)
    vacancies.submit(company, expired.id)
    draft = factories.make_vacancy(company, publish=False, title="Draf")
    later = date.today() + timedelta(days=20)
    expired.valid_until = later - timedelta(days=1)
    db.session.commit()
    done, problems = vacancies.publish_many(officer, [good.id, draft.id, expired.id, 999_999], today=later)
    assert done == [good.id]
    assert set(problems) == {draft.id, expired.id, 999_999}
    assert "lewat" in problems[expired.id]
    statuses = {v.id: v.status for v in db.session.scalars(select(Vacancy))}
    assert statuses == {good.id: "published", draft.id: "draft", expired.id: "submitted"}
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.published",
                                                      AuditEvent.object_id == str(good.id)))
    with pytest.raises(PermissionDenied):
        vacancies.publish_many(company, [good.id])
    with pytest.raises(ValidationFailed):
        vacancies.publish_many(officer, None)
