"""Enrolling at the same moment: one person into two overlapping programmes -> exactly one succeeds; more people
than seats -> enrolled_count == quota (proven on PostgreSQL; SQLite serialises writers)."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import CoverMonth, Enrolment, Programme, User
from jobfair.services.errors import ValidationFailed
from jobfair.services.protection import enrolments
from tests import factories

THREADS = 6


def _require_postgres(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")


def _race(app, officer_id, pairs):
    """pairs: [(programme_id, worker_id, payer)] enrolled by one thread each, released together."""
    barrier = threading.Barrier(len(pairs))
    outcomes = []

    def run(programme_id, worker_id, payer):
        with app.app_context():
            try:
                officer = db.session.get(User, officer_id)
                barrier.wait()
                enrolments.enrol(officer, programme_id, worker_id, cover_from=date(2025, 1, 1),
                                 cover_to=date(2025, 12, 1), payer=payer, already_bpjs_member=False,
                                 today=date(2024, 11, 1))
                outcomes.append("ok")
            except ValidationFailed:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_person_into_two_overlapping_programmes_at_once(app):
    _require_postgres(app)
    with app.app_context():
        officer = factories.make_officer()
        city = factories.bpjs_programme(actor=officer)
        province = factories.bpjs_programme(actor=officer, name="Subsidi BPJS Pemprov", funder="province",
                                            payer="province")
        worker = factories.make_worker(actor=officer)
        pairs = [(city.id, worker.id, "city"), (province.id, worker.id, "province")] * (THREADS // 2)
        officer_id = officer.id
    outcomes = _race(app, officer_id, pairs)
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == THREADS - 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Enrolment.id))) == 1
        assert db.session.scalar(select(func.count(CoverMonth.id))) == 12
        assert sum(p.enrolled_count for p in db.session.scalars(select(Programme))) == 1


def test_more_people_than_seats_at_once(app):
    _require_postgres(app)
    with app.app_context():
        officer = factories.make_officer()
        programme = factories.bpjs_programme(actor=officer, quota=2)
        pairs = [(programme.id, factories.make_worker(actor=officer).id, "city") for _ in range(THREADS)]
        officer_id, programme_id = officer.id, programme.id
    outcomes = _race(app, officer_id, pairs)
    assert outcomes.count("ok") == 2
    with app.app_context():
        assert db.session.get(Programme, programme_id).enrolled_count == 2
        assert db.session.scalar(select(func.count(Enrolment.id))) == 2
        assert db.session.scalar(select(func.count(CoverMonth.id))) == 24
