"""Two officers generating the same month at the same moment: no duplicate rows and no error
(proven on PostgreSQL; SQLite serialises writers)."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import LedgerEntry, User
from jobfair.services.protection import ledger
from tests import factories

THREADS = 4
ENROLMENTS = 30


def test_concurrent_generate_for_the_same_month_creates_each_row_once(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("concurrency is proven on PostgreSQL (SQLite serialises writers)")
        programme = factories.ledger_programme()
        for _ in range(ENROLMENTS):
            factories.ledger_enrolment(programme)
        programme_id = programme.id
        officers = [factories.make_officer().id for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    results, failures = [], []

    def run(officer_id):
        with app.app_context():
            try:
                officer = db.session.get(User, officer_id)
                barrier.wait()
                results.append(ledger.generate(officer, programme_id, date(2025, 11, 1)))
            except Exception as exc:  # noqa: BLE001 - any failure fails the test below
                failures.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(officer_id,)) for officer_id in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sum(r.created for r in results) == ENROLMENTS
    with app.app_context():
        assert db.session.scalar(select(func.count(LedgerEntry.id))) == ENROLMENTS
        assert db.session.scalar(select(func.count(func.distinct(LedgerEntry.enrolment_id)))) == ENROLMENTS
