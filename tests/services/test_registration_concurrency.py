"""Two registrations with the same NIK at once: the database keeps one (proven on PostgreSQL)."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Person, User
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import registration
from tests import factories


def test_concurrent_registrations_with_one_nik_create_one_account(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")
    nik = factories.valid_nik(serial=501)
    barrier = threading.Barrier(4)
    outcomes = []

    def register(n):
        with app.app_context():
            barrier.wait()
            try:
                registration.register_seeker(nik=nik, full_name=f"Kembar {n}", sex="L", birth_date=date(1995, 3, 7),
                                             email=f"kembar{n}@example.id", phone=f"08120000{n:04d}",
                                             password=factories.PASSWORD, consents=("placement",))
                outcomes.append("ok")
            except ValidationFailed as exc:
                outcomes.append(exc.field_errors)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 1
    assert all("nik" in outcome for outcome in outcomes if outcome != "ok")
    with app.app_context():
        assert db.session.scalar(select(func.count(Person.id))) == 1
        assert db.session.scalar(select(func.count(User.id))) == 1
