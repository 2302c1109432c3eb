"""Publishing a match round twice at once creates the apprenticeships once; approving two places of one company
at once never passes the 20% cap (proven on PostgreSQL; SQLite serialises writers)."""

import threading

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Apprenticeship, ApprenticeshipPlace, User
from jobfair.services.errors import InvalidState
from jobfair.services.smk import matching_rounds, places, preferences
from tests import factories

THREADS = 4


def _require_postgres(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")


def _race(app, action, officer_id, object_ids):
    barrier = threading.Barrier(len(object_ids))
    outcomes = []

    def run(object_id):
        with app.app_context():
            try:
                officer = db.session.get(User, officer_id)
                barrier.wait()
                action(officer, object_id)
                outcomes.append("ok")
            except InvalidState:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(object_id,)) for object_id in object_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_publishes_at_once_create_the_apprenticeships_once(app):
    _require_postgres(app)
    with app.app_context():
        officer = factories.make_officer()
        company = factories.match_company(officer=officer)
        place = factories.approved_place(company, officer, places=3)
        for _ in range(3):
            student = factories.make_student(login=True)
            preferences.set_choices(student.user, [place.id])
        round_id, officer_id, place_id = matching_rounds.run_round(officer).id, officer.id, place.id
    outcomes = _race(app, matching_rounds.publish, officer_id, [round_id] * THREADS)
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == THREADS - 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Apprenticeship.id))) == 3
        assert db.session.get(ApprenticeshipPlace, place_id).filled_count == 3


def test_concurrent_approvals_never_pass_the_cap(app):
    _require_postgres(app)
    with app.app_context():
        officer = factories.make_officer()
        company = factories.match_company(headcount=10, officer=officer)   # cap: 2
        ids = [places.propose_place(company, **factories.place_fields(places=1)).id for _ in range(THREADS)]
        officer_id, company_id = officer.id, company.company_id
    outcomes = _race(app, places.approve, officer_id, ids)
    assert outcomes.count("ok") == 2
    with app.app_context():
        assert places.approved_total(company_id) == 2
