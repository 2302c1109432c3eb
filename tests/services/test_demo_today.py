"""`flask seed-demo`, the living part: a platform alive on the day it is seeded (demo/today.py), standing on
a fixed day, with the 2025 figures exactly as before and nothing added by a second run."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jobfair.demo import fair as demo_fair
from jobfair.demo import people as demo_people
from jobfair.demo import protection as demo_protection
from jobfair.demo import seed as demo
from jobfair.demo import smk as demo_smk
from jobfair.demo import today as demo_today
from jobfair.demo.accounts import demo_user
from jobfair.extensions import db as _db
from jobfair.models import (
    Ak1Card,
    Application,
    ApprenticeshipPlace,
    Enrolment,
    Interview,
    JobFair,
    LedgerEntry,
    MatchRound,
    Placement,
    Programme,
    SeekerProfile,
    Student,
    StudentChoice,
    TrainingEnrolment,
    User,
    Vacancy,
)
from jobfair.rules import dates
from jobfair.rules.nik import declared_mismatches, parse_nik
from jobfair.rules.student_rows import age_on
from jobfair.services.hiring import fairs, saved_searches, search
from jobfair.services.office import city_figures, office_desk
from jobfair.services.people import reveal_nik
from jobfair.services.protection import protection_figures
from jobfair.services.reference import REFERENCE_TABLES
from jobfair.services.smk import apprenticeships, matching_rounds, training
from tests import factories

# A day in the registration season of the next protection cycle, and one in another month of the year (the
# services refuse decrees and payments dated after the real today, so both lie in the past or are today).
DAYS = (date(2026, 12, 2), date(2026, 3, 16))


def _row_counts() -> dict[str, int]:
    return {table.name: _db.session.scalar(select(func.count()).select_from(table))
            for table in _db.metadata.sorted_tables if table.name not in REFERENCE_TABLES}


def _figures_of_2025(officer) -> dict:
    fair = demo_fair.july_2025_fair()
    bpjs = _db.session.scalar(select(Programme).where(Programme.year == 2025, Programme.kind == "contribution_subsidy"))
    city = {f.key: f.value for f in city_figures.headline(period_from=date(2025, 1, 1), period_to=date(2025, 12, 1))}
    return {"fair": fairs.fair_figures(fair.id), "training": training.figures(officer, year=2025),
            "apprenticeships": apprenticeships.figures(officer),
            "protection": protection_figures.figures(officer, programme_id=bpjs.id, year=2025,
                                                     today=date(2025, 12, 31))["covered"],
            "city": {k: v for k, v in city.items() if not k.startswith("aid.") or "_2025." in k}}


def _seed_2025(covered: int = 300) -> None:
    demo.seed_demo()
    fair = demo_fair.seed_july_2025_fair()
    demo_people.seed_fair_people(fair, seekers=40)
    officer = demo_fair.demo_officer()
    demo_smk.seed_smk_programme(officer)
    demo_protection.seed_protection(officer, covered=covered)


@pytest.mark.parametrize("today", DAYS, ids=lambda day: day.isoformat())
def test_the_living_demo_stands_on_its_day_and_keeps_2025_as_published(db, today):
    _seed_2025()
    officer = demo_fair.demo_officer()
    before = _figures_of_2025(officer)
    assert (before["fair"]["companies"], before["fair"]["vacancies"], before["fair"]["openings"]) == (102, 1757, 4000)
    assert (before["training"]["kinds"], before["training"]["participants"]) == (6, 68)
    password_hash = demo.record_only_password_hash()
    demo_today.seed_today(officer, today=today, password_hash=password_hash)

    # 2025 exactly as published: the fair, the SMK programme, the protection register, the city's figures of 2025
    assert _figures_of_2025(officer) == before

    # several hundred vacancies open today, posted in the last weeks, open for weeks more, with the Perpres fields
    open_rows = db.session.execute(search.open_vacancies(today).with_only_columns(
        Vacancy.company_id, Vacancy.kecamatan_code, Vacancy.education_min, Vacancy.employment_type, Vacancy.wage_min,
        Vacancy.wage_max, Vacancy.valid_from, Vacancy.valid_until)).all()
    assert len(open_rows) >= 300
    assert all(r.valid_until >= today + timedelta(days=14) and r.valid_from >= today - timedelta(days=42)
               for r in open_rows)
    assert all(r.wage_min and r.wage_max >= r.wage_min and r.kecamatan_code and r.education_min for r in open_rows)
    assert len({r.company_id for r in open_rows}) >= 50 and len({r.kecamatan_code for r in open_rows}) == 6
    assert len({r.education_min for r in open_rows}) >= 5 and len({r.employment_type for r in open_rows}) == 5
    assert search.search_vacancies(today=today, kecamatan="647103", education="SMK").total > 0

    # the next fair: weeks away, companies with booths and vacancies, open for pre-registration
    fair = db.session.scalar(select(JobFair).where(JobFair.starts_on > today))
    assert today + timedelta(days=21) <= fair.starts_on <= today + timedelta(days=28)
    figures = fairs.fair_figures(fair.id)
    assert figures["companies"] >= 30 and figures["vacancies"] >= 60 and figures["registrants"] > 0
    registration = fairs.pre_register(factories.make_seeker(), fair.id, today=today)
    assert registration.ticket_code

    # the SMK cohort graduating in the coming months: 17 or older, places in its window, the match still to run
    cohort = db.session.scalars(select(Student).where(Student.expected_graduation > today)).all()
    assert len(cohort) == 60
    assert all(age_on(s.person.birth_date, today) >= 17 for s in cohort)
    graduation = cohort[0].expected_graduation
    assert today + timedelta(days=120) < graduation < today + timedelta(days=190)
    places = db.session.scalars(select(ApprenticeshipPlace).where(ApprenticeshipPlace.starts_on > today)).all()
    assert {p.status for p in places} == {"approved", "proposed"}
    assert all(graduation - timedelta(days=93) <= p.starts_on and p.ends_on <= graduation for p in places)
    assert db.session.scalar(select(func.count(StudentChoice.id)).join(Student).where(
        Student.expected_graduation == graduation)) > 45
    assert db.session.scalar(select(func.count(TrainingEnrolment.id)).join(Student).where(
        Student.expected_graduation == graduation, TrainingEnrolment.status == "completed")) > 0
    assert db.session.scalar(select(func.count(MatchRound.id)).where(MatchRound.status != "published")) == 0
    assert matching_rounds.run_round(officer, today=today).stats["matched"] > 0

    # protection up to the current month: this year's cycle paid up to it, food packages delivered up to it
    this_year = {p.kind: p for p in db.session.scalars(select(Programme).where(Programme.year == today.year))}
    month = date(today.year, today.month, 1)
    for kind, settled_day in (("contribution_subsidy", 10), ("recurring_aid", 20)):
        months = db.session.execute(select(func.min(LedgerEntry.month), func.max(LedgerEntry.month)).where(
            LedgerEntry.programme_id == this_year[kind].id)).one()
        assert tuple(months) == (date(today.year, 1, 1), month)
        last_settled = db.session.scalar(select(func.max(LedgerEntry.month)).where(
            LedgerEntry.programme_id == this_year[kind].id, LedgerEntry.settled_on.is_not(None)))
        assert last_settled == (month if today.day >= settled_day else date(today.year, today.month - 1, 1))
    assert this_year["contribution_subsidy"].owning_office == "Dinas Sosial"
    assert db.session.scalar(select(func.count(Enrolment.id)).where(
        Enrolment.programme_id == this_year["contribution_subsidy"].id, Enrolment.status == "active")) > 250

    # the demo logins at work
    seeker = demo_user("seeker")
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == seeker.id))
    assert profile.cv_storage_name and db.session.scalar(select(Ak1Card.status).where(
        Ak1Card.seeker_id == profile.id)) == "issued"
    statuses = set(db.session.scalars(select(Application.status).where(Application.seeker_id == profile.id)))
    assert {"submitted", "shortlisted", "interview", "rejected"} <= statuses
    # two job alerts saved in the last two weeks: by words (vacancies match it now) and for the next fair
    alerts = saved_searches.list_for(seeker)
    assert [(a.name, a.frequency) for a in alerts] == [("Bursa kerja berikutnya", "daily"),
                                                       ("Admin di Balikpapan", "weekly")]
    assert all(today - timedelta(days=14) <= dates.local(a.created_at).date() < today for a in alerts)
    assert alerts[0].job_fair_id == fair.id
    assert search.search_vacancies(today=today, **alerts[1].filters()).total > 0
    company = demo_user("company")
    mine = select(Application).join(Vacancy).where(Vacancy.company_id == company.company_id)
    assert db.session.scalar(select(func.count()).select_from(
        search.open_vacancies(today).where(Vacancy.company_id == company.company_id).subquery())) == 5
    assert all(a.fit_score is not None for a in db.session.scalars(mine))
    assert db.session.scalar(select(func.count(Interview.id)).join(Application).join(Vacancy).where(
        Vacancy.company_id == company.company_id)) == 1
    assert db.session.scalar(select(func.count(Placement.id)).join(Application).join(Vacancy).where(
        Vacancy.company_id == company.company_id)) == 1
    student = db.session.scalar(select(Student).where(Student.user_id == demo_user("student").id))
    assert student.expected_graduation == graduation
    assert db.session.scalar(select(func.count(StudentChoice.id)).where(StudentChoice.student_id == student.id)) >= 2
    assert db.session.scalar(select(func.count(TrainingEnrolment.id)).where(
        TrainingEnrolment.student_id == student.id)) >= 2
    assert {q.key: q.count > 0 for q in office_desk.queue_summary(officer)} == {
        "companies": True, "vacancies": True, "ak1": True, "placements": True, "places": True, "agreements": True,
        "enrolments": True, "data_requests": True}


def test_a_second_seed_adds_nothing_and_the_new_people_have_consistent_niks(db):
    today = DAYS[0]
    demo_today.seed_all(today=today, covered=200, fair_seekers=30)
    before = _row_counts()
    assert demo_today.seed_all(today=today, covered=200, fair_seekers=30) == {}
    assert _row_counts() == before
    # NIKs agree with the declared sex and birth date (registration refuses a mismatch)
    people = [u.person for u in db.session.scalars(select(User).where(User.email.like("pelamar%.lowongan@%")))]
    people += [s.person for s in db.session.scalars(select(Student).where(Student.expected_graduation > today))]
    assert len(people) == 120 + 60
    for person in people:
        parsed = parse_nik(reveal_nik(person), today=today)
        assert declared_mismatches(parsed, sex=person.sex, birth_date=person.birth_date) == []


def test_the_living_demo_refuses_a_day_in_2025(db):
    with pytest.raises(ValueError):
        demo_today.seed_today(factories.make_officer(), today=date(2025, 12, 31), password_hash="x")
