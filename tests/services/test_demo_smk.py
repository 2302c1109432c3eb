"""`flask seed-demo`, part 3: August 2025's SMK programme (6 kinds of training with 68 participants, 3 companies
taking 19 apprentices through a published match), built through the services."""

import random
from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.demo import seed as demo
from jobfair.demo import smk as demo_smk
from jobfair.demo.fair import demo_officer
from jobfair.extensions import db as _db
from jobfair.models import (
    ApprenticeshipPlace,
    MatchRound,
    OutboxEmail,
    Person,
    School,
    Student,
    TrainingCourse,
    TrainingEnrolment,
    User,
)
from jobfair.rules.nik import is_valid_nik
from jobfair.rules.student_rows import is_minor
from jobfair.services.errors import InvalidState
from jobfair.services.reference import REFERENCE_TABLES
from jobfair.services.smk import apprenticeships, school_overview, training
from tests import factories

RECORD_ONLY = (User.email.like("%.smk2025@%") | User.email.like("%.magang2025@%"))


def _row_counts() -> dict[str, int]:
    return {table.name: _db.session.scalar(select(func.count()).select_from(table))
            for table in _db.metadata.sorted_tables if table.name not in REFERENCE_TABLES}


def test_seed_builds_the_august_programme_from_the_data_and_a_second_run_adds_nothing(db):
    demo.seed_demo()
    lines: list[str] = []
    assert demo_smk.seed_smk_programme(demo_officer(), progress=lines.append) == 90

    t = training.figures(demo_officer())
    assert (t["courses"], t["kinds"], t["participants"]) == (6, 6, 68)
    assert db.session.scalar(select(func.count(TrainingEnrolment.student_id.distinct()))) == 68
    assert t["completions"] + t["dropped"] == 68 and t["completions"] > 60
    assert {k["kind"] for k in t["by_kind"]} == {"Pengelasan", "Kelistrikan", "Otomotif", "Perhotelan",
                                                 "Jaringan Komputer", "Akuntansi"}
    # capacity is kept: no course over its quota, and a full course refuses one more student
    assert db.session.scalar(select(func.count(TrainingCourse.id)).where(
        TrainingCourse.enrolled_count > TrainingCourse.capacity)) == 0
    full = db.session.scalar(select(TrainingCourse).where(TrainingCourse.enrolled_count == TrainingCourse.capacity))
    outsider = db.session.scalar(select(Student.id).where(Student.major_code.in_(full.eligible_majors.split(",")),
                                                          Student.id.not_in(select(TrainingEnrolment.student_id))))
    with pytest.raises(InvalidState):
        training.enrol(demo_officer(), full.id, outsider, today=demo_smk.ENROL_DAY)

    a = apprenticeships.figures(demo_officer())
    assert (a["companies"], a["participants"]) == (3, 19)
    assert a["completed"] > 0 and a["active"] > 0 and a["awaiting_legalisation"] == demo_smk.NOT_LEGALISED
    rounds = db.session.scalars(select(MatchRound)).all()
    assert [(r.status, r.stats["matched"]) for r in rounds] == [("published", 19)]
    assert rounds[0].stats["unmatched"] > 0  # more students ranked than there were seats
    seats = db.session.execute(select(func.sum(ApprenticeshipPlace.places), func.sum(ApprenticeshipPlace.filled_count))
                               .where(ApprenticeshipPlace.status == "approved")).one()
    assert tuple(seats) == (19, 19)

    # the printed summary is these figures
    summary = "\n".join(demo_smk.smk_summary())
    assert "6 pelatihan, 6 jenis, 68 peserta (68 siswa)" in summary
    assert "Pemagangan: 3 perusahaan, 19 peserta" in summary
    assert "putaran 1 (diterbitkan): 19 mendapat tempat" in summary
    assert any("90 siswa kelas XII" in line for line in lines)

    # students: Balikpapan NIKs, 10-digit NISNs; every minor has the guardian's consent
    rows = db.session.execute(select(Student, Person.birth_date).join(Person, Student.person_id == Person.id)).all()
    assert len(rows) == 90 and db.session.scalar(select(func.count(School.id))) == 5
    for student, birth in rows:
        assert len(student.nisn) == 10 and student.nisn.isdigit()
        assert student.expected_graduation == demo_smk.GRADUATION
        if is_minor(birth, demo_smk.MATCH_DAY) or is_minor(birth, student.expected_graduation):
            assert student.guardian_consent_at is not None
    # the demo school login now belongs to the first school and sees its students' statuses
    school_user = db.session.scalar(select(User).where(User.email == demo.demo_email("school")))
    assert school_user.school_id == db.session.scalar(select(School.id).where(School.npsn == demo_smk.SCHOOLS[0][1]))
    view = school_overview.overview(school_user, today=demo_smk.AS_OF)
    assert view.students == 18 and view.training
    # record-only accounts: deactivated, one shared hash, no e-mail
    assert db.session.scalar(select(func.count(User.id)).where(RECORD_ONLY)) == 4 + 3 + 25
    assert db.session.scalar(select(func.count(User.id)).where(RECORD_ONLY, User.active.is_(True))) == 0
    assert len(set(db.session.scalars(select(User.password_hash).where(RECORD_ONLY)))) == 1
    assert db.session.scalar(select(func.count(OutboxEmail.id)).where(
        OutboxEmail.recipient.like("%.smk2025@%") | OutboxEmail.recipient.like("%.magang2025@%"))) == 0

    before = _row_counts()
    again: list[str] = []
    assert demo_smk.seed_smk_programme(demo_officer(), progress=again.append) == 0
    assert "sudah ada" in again[0]
    assert _row_counts() == before


def test_seed_works_without_the_demo_accounts_and_leaves_later_steps_for_a_later_day(db):
    officer = factories.make_officer()
    demo_smk.seed_smk_programme(officer, today=date(2025, 8, 15))
    t = training.figures(officer)
    assert (t["kinds"], t["participants"]) == (6, 68)
    assert t["completions"] == 12 + 12 + 12 + 10 - 3  # the four courses ended by 15 August, one drop-out in three
    a = apprenticeships.figures(officer)
    assert (a["companies"], a["participants"], a["completed"]) == (3, 19, 0)
    # every school has a (record-only) BKK account
    assert db.session.scalar(select(func.count(User.id)).where(User.school_id.is_not(None))) == 5


def test_demo_student_rows_have_valid_niks_that_agree_with_the_declared_data():
    rng = random.Random(3)
    for n in range(1, 200):
        row = demo_smk.student_row(n, "TKJ", "647103", 8550, rng)
        assert is_valid_nik(row["nik"]) and row["nik"].startswith("647103")
        assert (int(row["nik"][6:8]) > 40) == (row["sex"] == "P")
        assert len(row["nisn"]) == 10 and row["report_score"] == "85,50"
