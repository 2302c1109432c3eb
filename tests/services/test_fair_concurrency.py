"""Fair quotas under concurrent clicks: registrations never exceed capacity, booths never exceed the booth count
(proven on PostgreSQL; SQLite serialises writers)."""

import threading

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import FairBooth, FairRegistration, JobFair, User
from jobfair.services.errors import InvalidState
from jobfair.services.hiring import fairs
from tests import factories

THREADS = 8


def _require_postgres(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")


def _race(app, action, user_ids, fair_id):
    barrier = threading.Barrier(len(user_ids))
    outcomes = []

    def run(user_id):
        with app.app_context():
            try:
                user = db.session.get(User, user_id)
                barrier.wait()
                action(user, fair_id)
                outcomes.append("ok")
            except InvalidState:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(user_id,)) for user_id in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_pre_registrations_never_exceed_capacity(app):
    _require_postgres(app)
    with app.app_context():
        fair_id = factories.make_fair(capacity=3).id
        seekers = [factories.make_seeker().id for _ in range(THREADS)]
    outcomes = _race(app, fairs.pre_register, seekers, fair_id)
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == THREADS - 3
    with app.app_context():
        assert db.session.get(JobFair, fair_id).registered_count == 3
        assert db.session.scalar(select(func.count(FairRegistration.id))) == 3


def test_one_seeker_clicking_many_times_at_once_registers_once(app):
    _require_postgres(app)
    with app.app_context():
        fair_id = factories.make_fair(capacity=10).id
        seeker = factories.make_seeker().id
    outcomes = _race(app, fairs.pre_register, [seeker] * 4, fair_id)
    assert outcomes.count("ok") == 1
    with app.app_context():
        assert db.session.get(JobFair, fair_id).registered_count == 1
        assert db.session.scalar(select(func.count(FairRegistration.id))) == 1


def test_concurrent_booth_requests_never_exceed_the_booth_count(app):
    _require_postgres(app)
    with app.app_context():
        fair_id = factories.make_fair(booth_count=3).id
        companies = [factories.fair_verified_company().id for _ in range(THREADS)]
    outcomes = _race(app, fairs.take_booth, companies, fair_id)
    assert outcomes.count("ok") == 3
    with app.app_context():
        assert db.session.get(JobFair, fair_id).booths_taken == 3
        numbers = db.session.scalars(select(FairBooth.booth_number).order_by(FairBooth.booth_number)).all()
        assert numbers == [1, 2, 3]
