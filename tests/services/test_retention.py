"""Retention (UU PDP): with the clock moved past the period, exactly the old records go; a second run, or two at
once, does nothing more."""

import os
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from jobfair.extensions import db as _db
from jobfair.models import Ak1Card, AuditEvent, ImportBatch, Person, SeekerProfile
from jobfair.rules.ak1 import add_months
from jobfair.services.hiring import ak1
from jobfair.services.privacy import retention
from tests import factories
from tests.concurrency import run_at_once

NOW = datetime.now(UTC)


def _profile(user) -> SeekerProfile:
    return _db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))


def _closed_applicant(*, closed_at: datetime, status: str = "rejected", vacancy=None, **seeker_fields):
    """A seeker with a CV and one application, closed (or not) at `closed_at`."""
    seeker = factories.seeker_with_cv(**seeker_fields)
    vacancy = vacancy or factories.published_vacancy()
    application = factories.fair_application(vacancy, seeker, status=status)
    application.updated_at = closed_at
    _db.session.commit()
    return seeker


def _pin_months_later(pin_today, months: int) -> datetime:
    day = add_months(NOW.date(), months)
    pin_today(day)
    return datetime.combine(day, NOW.timetz())


def _anonymised(user) -> bool:
    return _db.session.get(Person, user.person_id).anonymised_at is not None


def test_applicants_are_anonymised_24_months_after_their_last_application_closed(db, pin_today):
    old = _closed_applicant(closed_at=NOW)
    recent = _closed_applicant(closed_at=NOW + timedelta(days=90))   # closed three months later
    still_open = _closed_applicant(closed_at=NOW - timedelta(days=400), status="submitted")
    came_back = _closed_applicant(closed_at=NOW)
    came_back.last_login_at = NOW + timedelta(days=365)               # logged in a year later
    hired = _closed_applicant(closed_at=NOW, status="hired")
    db.session.commit()
    old_cv = Path(current_app.config["UPLOAD_FOLDER"]) / "cv" / _profile(old).cv_storage_name

    _pin_months_later(pin_today, 23)
    assert retention.run()["applicants_anonymised"] == 0
    _pin_months_later(pin_today, 25)
    report = retention.run()

    assert report["applicants_anonymised"] == 2
    db.session.expire_all()
    assert _anonymised(old) and _anonymised(hired)
    assert not any(_anonymised(u) for u in (recent, still_open, came_back))
    assert not old_cv.exists() and _profile(old).cv_storage_name is None
    assert _profile(recent).cv_storage_name is not None
    assert not old.active and recent.active
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.run")
                               .order_by(AuditEvent.id)).all()
    assert len(audit) == 2 and audit[-1].detail["applicants_anonymised"] == 2


def test_the_period_is_a_setting(db, app, pin_today, monkeypatch):
    seeker = _closed_applicant(closed_at=NOW)
    monkeypatch.setitem(app.config, "RETENTION_APPLICANT_MONTHS", 6)
    _pin_months_later(pin_today, 7)
    assert retention.run()["applicants_anonymised"] == 1
    assert _anonymised(seeker)


def test_an_application_on_a_closed_vacancy_counts_as_closed(db, pin_today):
    vacancy = factories.published_vacancy(status="closed", closed_at=NOW)
    seeker = _closed_applicant(closed_at=NOW - timedelta(days=30), status="submitted", vacancy=vacancy)
    _pin_months_later(pin_today, 25)
    assert retention.run()["applicants_anonymised"] == 1
    assert _anonymised(seeker)


def test_an_applicant_whose_erasure_is_blocked_is_skipped_and_counted(db, pin_today):
    officer = factories.make_officer()
    seeker = _closed_applicant(closed_at=NOW)
    from jobfair.services import people

    person = seeker.person
    worker = factories.make_worker(actor=officer, nik=people.reveal_nik(person), full_name=person.full_name,
                                   sex=person.sex, birth_date=person.birth_date)
    factories.make_enrolment(worker=worker, actor=officer, status="active")
    _pin_months_later(pin_today, 25)
    report = retention.run()
    assert report["applicants_anonymised"] == 0 and report["applicants_skipped"] == 1
    assert not _anonymised(seeker)


def test_lapsed_ak1_data_goes_after_the_cards_validity(db, pin_today):
    officer = factories.make_officer()
    lapsed, valid = factories.make_seeker(), factories.make_seeker()
    lapsed_card = factories.issued_card(lapsed, officer, today=date(2026, 1, 15))
    factories.issued_card(valid, officer, today=date(2027, 6, 1))
    ak1.lapse_overdue(today=date(2026, 9, 1))  # the first half-year report was missed
    db.session.refresh(lapsed_card)
    assert lapsed_card.status == "lapsed" and lapsed_card.verify_token
    pin_today(date(2027, 12, 1))  # lapsed, but still within its two years
    assert retention.run()["ak1_cards_cleared"] == 0
    pin_today(date(2028, 2, 1))
    assert retention.run()["ak1_cards_cleared"] == 1
    db.session.expire_all()
    card = db.session.get(Ak1Card, lapsed_card.id)
    assert card.verify_token is None and card.data_removed_at is not None and card.number
    assert _profile(lapsed).religion == "" and _profile(lapsed).birth_place == ""
    assert _profile(valid).religion != ""
    assert not _anonymised(lapsed)  # no application: the card's data only


def test_import_rows_and_files_go_after_30_days(db, pin_today):
    old = ImportBatch(filename="pekerja.xlsx", payload=[{"nik": "6471010703950001"}], errors=[{"row": 2}],
                      created_at=NOW)
    new = ImportBatch(filename="baru.xlsx", payload=[{"nik": "6471010703950002"}], created_at=NOW + timedelta(days=5))
    db.session.add_all([old, new])
    db.session.commit()
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    stale, fresh = folder / "stale.xlsx", folder / "fresh.xlsx"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    later = NOW + timedelta(days=31)
    os.utime(fresh, (later.timestamp(), later.timestamp()))
    pin_today(later.date())
    report = retention.run()
    assert report["import_batches_cleared"] == 1 and report["files_deleted"] == 1
    db.session.expire_all()
    assert db.session.get(ImportBatch, old.id).payload == [] and db.session.get(ImportBatch, old.id).errors == []
    assert db.session.get(ImportBatch, new.id).payload != []
    assert not stale.exists() and fresh.exists()


def test_a_second_run_does_nothing(db, pin_today):
    _closed_applicant(closed_at=NOW)
    db.session.add(ImportBatch(filename="a.xlsx", payload=[{"x": 1}], created_at=NOW))
    db.session.commit()
    _pin_months_later(pin_today, 25)
    first = retention.run()
    assert first["applicants_anonymised"] == 1 and first["import_batches_cleared"] == 1
    second = retention.run()
    assert {key: value for key, value in second.items() if key != "already_running"} == dict.fromkeys(
        ("applicants_anonymised", "applicants_skipped", "ak1_cards_cleared", "import_batches_cleared",
         "files_deleted"), 0)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "person.anonymised")) == 1


def test_the_command_reports_its_counts(app, runner, pin_today):
    with app.app_context():
        _closed_applicant(closed_at=NOW)
        _db.session.remove()
    _pin_months_later(pin_today, 25)
    result = runner.invoke(args=["retention"])
    assert result.exit_code == 0, result.output
    assert "applicants_anonymised=1" in result.output
    assert "applicants_anonymised=0" in runner.invoke(args=["retention"]).output


def test_two_runs_at_once_anonymise_each_applicant_once(app, pin_today):
    with app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises writers)")
        for _ in range(6):
            _closed_applicant(closed_at=NOW)
        _db.session.remove()
    _pin_months_later(pin_today, 25)
    reports = run_at_once(app, retention.run, 2)
    assert sum(r["applicants_anonymised"] for r in reports) == 6
    with app.app_context():
        assert _db.session.scalar(select(func.count()).select_from(AuditEvent)
                                  .where(AuditEvent.action == "person.anonymised")) == 6
        assert _db.session.scalar(select(func.count()).select_from(Person)
                                  .where(Person.anonymised_at.is_not(None))) == 6


def test_without_the_lock_the_conditional_updates_still_anonymise_once(app, pin_today, monkeypatch):
    """The advisory lock off: two runs race over the same applicants; each is claimed by one run only."""
    with app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises writers)")
        for _ in range(6):
            _closed_applicant(closed_at=NOW)
        _db.session.remove()
    _pin_months_later(pin_today, 25)
    monkeypatch.setattr(retention, "_try_lock", lambda: True)
    barrier, reports = threading.Barrier(2), []

    def run():
        with app.app_context():
            barrier.wait()
            try:
                reports.append(retention.run())
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r["already_running"] for r in reports] == [False, False]
    assert sum(r["applicants_anonymised"] for r in reports) == 6
    with app.app_context():
        assert _db.session.scalar(select(func.count()).select_from(AuditEvent)
                                  .where(AuditEvent.action == "person.anonymised")) == 6
