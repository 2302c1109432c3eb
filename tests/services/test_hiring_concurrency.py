"""Concurrent hires never exceed openings; concurrent applies never duplicate (proven on PostgreSQL)."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Application, Placement, Vacancy
from jobfair.services.errors import InvalidState
from jobfair.services.hiring import applicants, applications
from tests import factories

TODAY = date.today()


@pytest.fixture(autouse=True)
def _postgres_only(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")


def _run_at_once(app, count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def target(n):
        with app.app_context():
            barrier.wait()
            try:
                work(n)
                outcomes.append("ok")
            except InvalidState as exc:
                outcomes.append(exc.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_hires_never_exceed_openings(app):
    threads, openings = 8, 3
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company, openings=openings)
        ids = []
        for _ in range(threads):
            seeker = factories.seeker_with_cv()
            application = applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
            applicants.change_status(company, application.id, "shortlisted", "")
            ids.append(application.id)
        staff = [factories.make_company_user(nib=f"9{n:012d}") for n in range(threads)]
        for user in staff:  # several HR staff of the same company
            user.company_id = company.company_id
        db.session.commit()
        staff_ids, vacancy_id = [u.id for u in staff], vacancy.id

    def hire(n):
        from jobfair.models import User

        actor = db.session.get(User, staff_ids[n])
        applicants.hire(actor, ids[n], start_date=TODAY, contract_type="PKWT", wage=4_000_000)

    outcomes = _run_at_once(app, threads, hire)
    assert outcomes.count("ok") == openings
    assert all("sudah terisi" in o for o in outcomes if o != "ok")
    with app.app_context():
        stored = db.session.get(Vacancy, vacancy_id)
        assert stored.hired_count == openings and stored.status == "filled"
        assert db.session.scalar(select(func.count(Placement.id))) == openings
        hired = db.session.scalar(select(func.count(Application.id)).where(Application.status == "hired"))
        assert hired == openings


def test_two_staff_hiring_the_same_applicant_make_one_placement(app):
    with app.app_context():
        company = factories.application_company()
        vacancy = factories.published_vacancy(company, openings=5)
        seeker = factories.seeker_with_cv()
        application = applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
        applicants.change_status(company, application.id, "shortlisted", "")
        company_id, application_id, vacancy_id = company.id, application.id, vacancy.id

    def hire(_n):
        from jobfair.models import User

        actor = db.session.get(User, company_id)
        applicants.hire(actor, application_id, start_date=TODAY, contract_type="PKWT", wage=4_000_000)

    outcomes = _run_at_once(app, 4, hire)
    assert outcomes.count("ok") == 1
    with app.app_context():
        assert db.session.get(Vacancy, vacancy_id).hired_count == 1
        assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_concurrent_applies_of_one_seeker_make_one_application(app):
    with app.app_context():
        vacancy = factories.published_vacancy()
        seeker = factories.seeker_with_cv()
        seeker_id, vacancy_id = seeker.id, vacancy.id

    def apply(_n):
        from jobfair.models import User

        applications.apply(db.session.get(User, seeker_id), vacancy_id, cover_letter="", today=TODAY)

    outcomes = _run_at_once(app, 6, apply)
    assert outcomes.count("ok") == 1
    assert all("sudah melamar" in o for o in outcomes if o != "ok")
    with app.app_context():
        assert db.session.scalar(select(func.count(Application.id))) == 1
