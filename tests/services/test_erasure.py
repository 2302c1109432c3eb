"""Erasure (UU PDP): a resident's request, the officer's decision, the anonymisation, and the city's figures
unchanged by it."""

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from jobfair.extensions import db as _db
from jobfair.models import (
    Ak1Card,
    AuditEvent,
    DataSubjectRequest,
    Placement,
    SeekerProfile,
    User,
    UserSession,
)
from jobfair.services import people
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import fairs, placements, reports
from jobfair.services.office import city_charts, city_figures, monthly_report, open_data
from jobfair.services.privacy import data_requests, erasure
from jobfair.services.protection import protection_figures
from jobfair.services.smk import apprenticeships, training_figures
from jobfair.services.users import accounts, sessions
from tests import factories
from tests.concurrency import run_at_once


def _profile(user) -> SeekerProfile:
    return _db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))


def _figures_only(value):
    """The values of a figure service's output, without the moment it was computed at."""
    if isinstance(value, city_figures.Figure):
        return (value.key, value.label, value.value, value.unit, value.endpoint, value.args)
    if isinstance(value, dict):
        return {key: _figures_only(item) for key, item in value.items() if key not in ("computed_at", "computed_on")}
    if isinstance(value, list | tuple):
        return [_figures_only(item) for item in value]
    return value


def city_outputs(officer, fair_id: int) -> dict:
    """Every figure service's output, as a page or an export would show it."""
    dashboard = city_charts.dashboard(officer)
    this_month = date.today().replace(day=1)
    return {
        "headline": _figures_only(open_data.as_records(city_figures.headline())),
        "headline_2025": _figures_only(open_data.as_records(
            city_figures.headline(period_from="2025-01", period_to="2025-12"))),
        "open_data": _figures_only(open_data.open_records()),
        "open_csv": [row[:4] for row in csv.reader(io.StringIO(open_data.open_csv().decode("utf-8-sig")))],
        "dashboard": _figures_only((dashboard["sections"], dashboard["charts"])),
        "monthly": [monthly_report.monthly_report(officer, month).sections for month in (date(2025, 1, 1),
                                                                                         this_month)],
        "protection": protection_figures.figures(officer, year=2025, today=date(2025, 12, 31)),
        "protection_all": protection_figures.figures(officer, today=date.today()),
        "fair": fairs.fair_figures(fair_id),
        "placements": reports.placement_report(officer),
        "placements_fair": reports.placement_report(officer, fair_id=fair_id),
        "training": training_figures.figures(officer),
        "apprenticeships": apprenticeships.figures(officer),
    }


def _resident_everywhere(officer):
    """A seeker with a CV, an AK/1 card, a fair registration and a verified hire, who is also a worker with an
    ended BPJS enrolment whose contributions were paid, and a claim."""
    seeker = factories.seeker_with_cv()
    factories.issued_card(seeker, officer)
    fair = factories.make_fair(officer)
    fairs.pre_register(seeker, fair.id)
    vacancy = factories.fair_vacancy(factories.fair_verified_company(), fair=fair, openings=3)
    application = factories.fair_application(vacancy, seeker, status="hired", placement="reported")
    placement = _db.session.scalar(select(Placement).where(Placement.application_id == application.id))
    placements.verify(officer, placement.id)
    person = seeker.person
    worker = factories.make_worker(actor=officer, nik=people.reveal_nik(person), full_name=person.full_name,
                                   sex=person.sex, birth_date=person.birth_date)
    programme = factories.bpjs_programme(actor=officer)
    enrolment = factories.make_enrolment(worker=worker, programme=programme, status="ended", actor=officer)
    factories.figures_ledger(enrolment, date(2025, 1, 1), status="paid")
    factories.figures_claim(enrolment)
    return seeker, fair


def test_erasing_a_person_leaves_every_city_figure_as_it_was(db):
    officer = factories.make_officer()
    seeker, fair = _resident_everywhere(officer)
    student = factories.appr_student()
    factories.make_apprenticeship(student=student, status="completed", legalised_at=datetime.now(UTC),
                                  completed_at=datetime.now(UTC), final_score=80)
    before = city_outputs(officer, fair.id)
    cv_file = Path(current_app.config["UPLOAD_FOLDER"]) / "cv" / _profile(seeker).cv_storage_name
    assert cv_file.is_file()

    for resident in (seeker, student.user):
        request = data_requests.request_erasure(resident, confirm=True)
        data_requests.approve(officer, request.id, reason="Permintaan sah")

    db.session.expire_all()
    after = city_outputs(officer, fair.id)
    assert {key for key in before if after[key] != before[key]} == set()
    assert after == before
    person = seeker.person
    assert person.full_name == f"Dihapus #{person.id}" and person.nik_encrypted == "" and person.anonymised_at
    assert person.masked_nik == "••••••••"
    assert not cv_file.exists() and _profile(seeker).cv_storage_name is None
    assert _profile(seeker).address == "" and _profile(seeker).religion == ""
    assert seeker.email.endswith("@dihapus.invalid") and not seeker.active and seeker.phone is None
    card = db.session.scalar(select(Ak1Card).where(Ak1Card.seeker_id == _profile(seeker).id))
    assert card.verify_token is None and card.number  # the card still counts; its QR leads nowhere
    assert student.nisn.startswith("D") and student.person.full_name.startswith("Dihapus #")
    # birth date: the worker's stays (protection figures and eligibility); the student's is the year only
    assert student.person.birth_date == date(2007, 7, 1)


def test_an_erased_login_is_closed_and_its_sessions_end(db):
    officer = factories.make_officer()
    seeker = factories.make_seeker()
    email = seeker.email
    sessions.start(seeker, ip="127.0.0.1", user_agent="test")
    db.session.commit()
    request = data_requests.request_erasure(seeker, confirm=True)
    data_requests.approve(officer, request.id)
    assert db.session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == seeker.id, UserSession.ended_at.is_(None))) == 0
    with pytest.raises(accounts.LoginFailed):
        accounts.authenticate(email, factories.PASSWORD)
    # the NIK is free again: the person may register anew (a new person)
    assert people.find_person(factories.valid_nik()) is None
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {"data_request.created", "data_request.approved", "person.anonymised"} <= set(actions)
    # the notice of erasure (art. 45) goes to the address the person had
    from jobfair.models import OutboxEmail

    assert db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == email)).sensitive


def test_a_request_of_another_person_is_not_found(db):
    mine = data_requests.request_erasure(factories.make_seeker(), confirm=True)
    with pytest.raises(NotFound):
        data_requests.my_request(factories.make_seeker(), mine.id)
    with pytest.raises(NotFound):
        data_requests.my_request(factories.make_seeker(), 999_999)


def test_a_request_needs_confirmation_and_is_open_once(db):
    seeker = factories.make_seeker()
    with pytest.raises(ValidationFailed) as raised:
        data_requests.request_erasure(seeker, confirm=False)
    assert "confirm" in raised.value.field_errors
    request = data_requests.request_erasure(seeker, note="Saya pindah kota", confirm=True)
    assert (request.due_at - request.requested_at).total_seconds() == 72 * 3600
    with pytest.raises(InvalidState):
        data_requests.request_erasure(seeker, confirm=True)
    assert db.session.scalar(select(func.count()).select_from(DataSubjectRequest)) == 1


def test_only_residents_ask_and_only_officers_decide(db):
    with pytest.raises(PermissionDenied):
        data_requests.request_erasure(factories.make_officer(), confirm=True)
    request = data_requests.request_erasure(factories.make_seeker(), confirm=True)
    company = factories.make_company_user()
    for call in (lambda: data_requests.queue(company), lambda: data_requests.review(company, request.id),
                 lambda: data_requests.approve(company, request.id),
                 lambda: data_requests.refuse(company, request.id, reason="x")):
        with pytest.raises(PermissionDenied):
            call()


def test_an_open_apprenticeship_blocks_the_erasure_until_it_ends(db):
    officer = factories.make_officer()
    student = factories.appr_student()
    appr = factories.make_apprenticeship(student=student, status="active", legalised_at=datetime.now(UTC))
    request = data_requests.request_erasure(student.user, confirm=True)
    assert data_requests.review(officer, request.id)["blockers"]
    with pytest.raises(InvalidState, match="pemagangan"):
        data_requests.approve(officer, request.id)
    assert student.person.anonymised_at is None and db.session.get(DataSubjectRequest, request.id).status == "pending"
    apprenticeships.terminate(officer, appr.id, "Peserta mengundurkan diri")
    data_requests.approve(officer, request.id)
    assert student.person.anonymised_at is not None


def test_an_active_enrolment_blocks_the_erasure_and_the_officer_refuses_with_a_reason(db):
    officer = factories.make_officer()
    seeker = factories.make_seeker()
    person = seeker.person
    worker = factories.make_worker(actor=officer, nik=people.reveal_nik(person), full_name=person.full_name,
                                   sex=person.sex, birth_date=person.birth_date)
    factories.make_enrolment(worker=worker, actor=officer, status="active")
    request = data_requests.request_erasure(seeker, confirm=True)
    with pytest.raises(InvalidState, match="BPJS"):
        data_requests.approve(officer, request.id)
    with pytest.raises(InvalidState):
        erasure.anonymise_person(person.id, actor=None, reason="retention")
    with pytest.raises(ValidationFailed):
        data_requests.refuse(officer, request.id, reason=" ")
    data_requests.refuse(officer, request.id, reason="Kepesertaan BPJS Anda masih berjalan sampai Desember.")
    refused = db.session.get(DataSubjectRequest, request.id)
    assert refused.status == "refused" and refused.decided_by_id == officer.id
    assert person.anonymised_at is None and seeker.active
    with pytest.raises(InvalidState):
        data_requests.approve(officer, request.id)


def test_the_review_names_what_the_law_keeps(db):
    officer = factories.make_officer()
    seeker, _fair = _resident_everywhere(officer)
    request = data_requests.request_erasure(seeker, confirm=True)
    kept = " ".join(str(item["what"]) for item in data_requests.review(officer, request.id)["retained"])
    assert "Iuran BPJS" in kept and "Penempatan kerja" in kept and "kepesertaan" in kept


def test_anonymising_twice_does_nothing_the_second_time(db):
    seeker = factories.make_seeker()
    assert erasure.anonymise_person(seeker.person_id, actor=None, reason="retention") is True
    assert erasure.anonymise_person(seeker.person_id, actor=None, reason="retention") is False
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "person.anonymised")) == 1


def test_two_erasures_at_once_anonymise_once(app):
    with app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")
        person_id = factories.make_seeker().person_id
        _db.session.remove()
    outcomes = run_at_once(app, lambda: erasure.anonymise_person(person_id, actor=None, reason="retention"), 3)
    assert sorted(outcomes) == [False, False, True]
    with app.app_context():
        assert _db.session.scalar(select(func.count()).select_from(AuditEvent)
                                  .where(AuditEvent.action == "person.anonymised")) == 1
        assert _db.session.scalar(select(User.active).where(User.person_id == person_id)) is False
