"""Training capacity under concurrent enrolment: never more participants than seats (proven on PostgreSQL;
SQLite serialises writers, so the race cannot happen there)."""

import threading

import pytest
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import TrainingCourse, TrainingEnrolment, User
from jobfair.services.errors import InvalidState
from jobfair.services.smk import training
from tests import factories

THREADS = 8


def _require_postgres(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")


def _race(app, actor_id, course_id, student_ids):
    barrier = threading.Barrier(len(student_ids))
    outcomes = []

    def run(student_id):
        with app.app_context():
            try:
                actor = db.session.get(User, actor_id)
                barrier.wait()
                training.enrol(actor, course_id, student_id)
                outcomes.append("ok")
            except InvalidState:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(student_id,)) for student_id in student_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_more_enrolments_than_seats_at_once_fill_exactly_the_capacity(app):
    _require_postgres(app)
    with app.app_context():
        school = factories.training_school()
        staff_id = factories.training_school_staff(school).id
        course_id = factories.make_course(capacity=3).id
        students = [factories.training_student(school).id for _ in range(THREADS)]
    outcomes = _race(app, staff_id, course_id, students)
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == THREADS - 3
    with app.app_context():
        assert db.session.get(TrainingCourse, course_id).enrolled_count == 3
        assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 3


def test_the_same_student_enrolled_many_times_at_once_takes_one_seat(app):
    _require_postgres(app)
    with app.app_context():
        officer_id = factories.make_officer().id
        course_id = factories.make_course(capacity=10).id
        student_id = factories.training_student().id
    outcomes = _race(app, officer_id, course_id, [student_id] * 4)
    assert outcomes.count("ok") == 1
    with app.app_context():
        assert db.session.get(TrainingCourse, course_id).enrolled_count == 1
        assert db.session.scalar(select(func.count(TrainingEnrolment.id))) == 1
