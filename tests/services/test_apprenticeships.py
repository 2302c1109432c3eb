"""Apprenticeship lifecycle: legalise → logbook entry → sign → assess → certificate, and the refusals."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from jobfair.models import Apprenticeship, AuditEvent, LogbookEntry, Notification
from jobfair.rules.agreement import SECTION_HEADINGS, week_start
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.smk import apprenticeships
from tests import factories


@pytest.fixture
def setup(db):
    company_user = factories.application_company()
    place = factories.appr_place(company_user)
    student = factories.appr_student()
    appr = factories.make_apprenticeship(student, place)
    officer = factories.make_officer()
    return {"company": company_user, "place": place, "student": student, "user": student.user, "appr": appr,
            "officer": officer}


def _this_week():
    return week_start(date.today())


def _at(day: date, hour: int = 9) -> datetime:
    """`hour` o'clock WITA on `day`, as an aware datetime."""
    return datetime.combine(day, time(hour), ZoneInfo("Asia/Makassar"))


def _in_the_last_two_weeks(place) -> datetime:
    return _at(place.ends_on - timedelta(days=3))


def _signed_entry(s):
    apprenticeships.legalise(s["officer"], s["appr"].id)
    entry = apprenticeships.write_entry(s["user"], week_start=date.today(), activities="Kegiatan minggu ini.",
                                        hours=30)
    return apprenticeships.sign_entry(s["company"], entry.id, "")


def test_full_lifecycle(db, setup):
    s = setup
    appr = apprenticeships.legalise(s["officer"], s["appr"].id)
    assert appr.status == "active" and appr.legalised_by_id == s["officer"].id and appr.legalised_at is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "apprenticeship.legalised")) is not None
    notified = {n.user_id for n in db.session.scalars(select(Notification))}
    assert {s["user"].id, s["company"].id} <= notified

    entry = apprenticeships.write_entry(s["user"], week_start=date.today(), activities="Belajar las SMAW pada pipa.",
                                        hours=40)
    assert entry.week_start == _this_week()
    apprenticeships.update_entry(s["user"], entry.id, activities="Belajar las SMAW dan GTAW pada pipa.", hours=38)
    signed = apprenticeships.sign_entry(s["company"], entry.id, "Rapi, lanjutkan.")
    assert signed.signed_by_id == s["company"].id and signed.mentor_note == "Rapi, lanjutkan."
    with pytest.raises(InvalidState):
        apprenticeships.update_entry(s["user"], entry.id, activities="Mengubah setelah ditandatangani.", hours=10)

    done = apprenticeships.assess(s["company"], appr.id, score=88, note="Disiplin dan terampil.",
                                  now=_in_the_last_two_weeks(s["place"]))
    assert done.status == "completed" and done.final_score == 88 and done.completed_at is not None
    assert done.certificate_number == f"SERT/MAG/{done.completed_at.year}/{done.id:06d}"
    cert = apprenticeships.certificate(s["user"], appr.id)
    assert cert["values"].student_name == s["student"].person.full_name
    assert apprenticeships.figures(s["officer"]) == {"companies": 1, "participants": 1, "completed": 1, "active": 0,
                                         "awaiting_legalisation": 0}


def test_agreement_has_the_five_parts(db, setup):
    data = apprenticeships.agreement(setup["user"], setup["appr"].id)
    assert [heading for heading, _ in data["sections"]] == list(SECTION_HEADINGS)
    text = " ".join(p for _, paragraphs in data["sections"] for p in paragraphs)
    assert "Rp500.000" in text and "Rp1.200.000" in text and setup["student"].nisn in text


def test_entry_before_legalisation_is_refused(db, setup):
    with pytest.raises(InvalidState, match="disahkan"):
        apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu ini.",
                                    hours=30)
    assert db.session.scalar(select(func.count(LogbookEntry.id))) == 0


def test_two_entries_in_one_week_are_refused(db, setup):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    apprenticeships.write_entry(setup["user"], week_start=_this_week(), activities="Kegiatan minggu ini.", hours=30)
    with pytest.raises(ValidationFailed) as exc:
        apprenticeships.write_entry(setup["user"], week_start=_this_week() + timedelta(days=2),
                                    activities="Catatan kedua minggu yang sama.", hours=20)
    assert "week_start" in exc.value.field_errors
    assert db.session.scalar(select(func.count(LogbookEntry.id))) == 1


@pytest.mark.parametrize("week, field", [
    (date.today() + timedelta(days=14), "week_start"),    # the future
    (date.today() - timedelta(days=200), "week_start"),   # before the apprenticeship
])
def test_entry_outside_the_period_is_refused(db, setup, week, field):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    with pytest.raises(ValidationFailed) as exc:
        apprenticeships.write_entry(setup["user"], week_start=week, activities="Kegiatan minggu ini.", hours=30)
    assert field in exc.value.field_errors


def test_entry_input_is_checked(db, setup):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    with pytest.raises(ValidationFailed) as exc:
        apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="pendek", hours=99)
    assert set(exc.value.field_errors) == {"activities", "hours"}


def test_assess_without_signed_entries_is_refused(db, setup):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu ini.", hours=30)
    with pytest.raises(InvalidState, match="ditandatangani"):
        apprenticeships.assess(setup["company"], setup["appr"].id, score=80, note="Baik sekali.")
    assert db.session.get(Apprenticeship, setup["appr"].id).status == "active"


def test_assess_score_range(db, setup):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    entry = apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu.",
                                        hours=30)
    apprenticeships.sign_entry(setup["company"], entry.id, "")
    with pytest.raises(ValidationFailed) as exc:
        apprenticeships.assess(setup["company"], setup["appr"].id, score=101, note="Baik sekali.",
                               now=_in_the_last_two_weeks(setup["place"]))
    assert "score" in exc.value.field_errors


def test_assess_before_the_last_two_weeks_is_refused(db, setup):
    """The mentor cannot complete the apprenticeship on day one: only from 14 days before the place ends."""
    _signed_entry(setup)
    ends = setup["place"].ends_on
    opens = ends - timedelta(days=14)
    with pytest.raises(InvalidState) as exc:
        apprenticeships.assess(setup["company"], setup["appr"].id, score=80, note="Baik sekali.")
    assert f"mulai {opens.day} " in exc.value.message and str(opens.year) in exc.value.message
    with pytest.raises(InvalidState):  # the evening before, WITA
        apprenticeships.assess(setup["company"], setup["appr"].id, score=80, note="Baik sekali.",
                               now=_at(opens - timedelta(days=1), 23))
    assert db.session.get(Apprenticeship, setup["appr"].id).status == "active"
    # Just after midnight WITA on the first allowed day (still the day before in UTC): allowed.
    early = _at(opens, 0).replace(minute=30)
    assert early.astimezone(UTC).date() == opens - timedelta(days=1)
    done = apprenticeships.assess(setup["company"], setup["appr"].id, score=80, note="Baik sekali.", now=early)
    assert done.status == "completed" and done.completed_at == early


def test_assessment_readiness_needs_a_signature_and_the_period(db, setup):
    s = setup
    apprenticeships.legalise(s["officer"], s["appr"].id)
    appr = db.session.get(Apprenticeship, s["appr"].id)
    late = _in_the_last_two_weeks(s["place"])
    state = apprenticeships.assessment_readiness(appr, now=late)
    assert not state["ready"] and state["signed"] == 0 and "ditandatangani" in state["problem"]
    assert state["opens_on"] == s["place"].ends_on - timedelta(days=14)
    entry = apprenticeships.write_entry(s["user"], week_start=date.today(), activities="Kegiatan minggu ini.",
                                        hours=30)
    apprenticeships.sign_entry(s["company"], entry.id, "")
    assert apprenticeships.assessment_readiness(appr, now=late)["ready"]
    today = apprenticeships.assessment_readiness(appr)
    assert not today["ready"] and today["signed"] == 1 and "baru dapat diberikan mulai" in today["problem"]


def test_only_the_named_mentor_signs(db, setup):
    colleague = factories.make_company_user()
    colleague.company_id = setup["company"].company_id
    db.session.commit()
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    entry = apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu.",
                                        hours=30)
    assert apprenticeships.company_apprentice(colleague, setup["appr"].id).id == setup["appr"].id  # may read
    with pytest.raises(PermissionDenied):
        apprenticeships.sign_entry(colleague, entry.id, "")


def test_any_company_user_mentors_when_none_named(db, setup):
    setup["place"].mentor_user_id = None
    db.session.commit()
    colleague = factories.make_company_user()
    colleague.company_id = setup["company"].company_id
    db.session.commit()
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    entry = apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu.",
                                        hours=30)
    assert apprenticeships.sign_entry(colleague, entry.id, "ok").signed_by_id == colleague.id


def test_another_students_apprenticeship_is_not_found(db, setup):
    other = factories.appr_student(school=setup["student"].school)
    with pytest.raises(NotFound):
        apprenticeships.get(other.user, setup["appr"].id)
    with pytest.raises(NotFound):
        apprenticeships.agreement(other.user, setup["appr"].id)
    assert apprenticeships.get_for_student(other.user) == []


def test_another_company_reading_an_apprentice_is_not_found(db, setup):
    other = factories.application_company()
    with pytest.raises(NotFound):
        apprenticeships.company_apprentice(other, setup["appr"].id)
    with pytest.raises(NotFound):
        apprenticeships.get(other, setup["appr"].id)
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    entry = apprenticeships.write_entry(setup["user"], week_start=date.today(), activities="Kegiatan minggu.",
                                        hours=30)
    with pytest.raises(NotFound):
        apprenticeships.sign_entry(other, entry.id, "")
    assert apprenticeships.company_apprentices(other).total == 0


def test_school_staff_read_only_their_students(db, setup):
    from jobfair.services.users import accounts

    own = accounts.new_user(role="school", email="bkk1@example.id", password=factories.PASSWORD,
                            full_name="BKK", school_id=setup["student"].school_id)
    other_school = factories.appr_school()
    stranger = accounts.new_user(role="school", email="bkk2@example.id", password=factories.PASSWORD,
                                 full_name="BKK lain", school_id=other_school.id)
    db.session.commit()
    assert apprenticeships.get(own, setup["appr"].id).id == setup["appr"].id
    with pytest.raises(NotFound):
        apprenticeships.get(stranger, setup["appr"].id)


def test_repeat_programme_is_refused(db, setup):
    with pytest.raises(InvalidState, match="mengulang"):
        apprenticeships.ensure_not_repeated(setup["student"].id, setup["place"].id)
    other_place = factories.appr_place(setup["company"])
    apprenticeships.ensure_not_repeated(setup["student"].id, other_place.id)  # a different programme is fine


def test_legalise_twice_and_terminate(db, setup):
    apprenticeships.legalise(setup["officer"], setup["appr"].id)
    with pytest.raises(InvalidState):
        apprenticeships.legalise(setup["officer"], setup["appr"].id)
    with pytest.raises(ValidationFailed):
        apprenticeships.terminate(setup["officer"], setup["appr"].id, "")
    appr = apprenticeships.terminate(setup["officer"], setup["appr"].id, "Peserta mengundurkan diri.")
    assert appr.status == "terminated"
    with pytest.raises(InvalidState):
        apprenticeships.terminate(setup["officer"], setup["appr"].id, "Sekali lagi dihentikan.")
    assert apprenticeships.figures(setup["officer"])["participants"] == 0


def test_only_officers_legalise(db, setup):
    with pytest.raises(PermissionDenied):
        apprenticeships.legalise(setup["company"], setup["appr"].id)
    assert db.session.get(Apprenticeship, setup["appr"].id).status == "agreement"


def test_legalisation_queue_oldest_first(db, setup):
    second = factories.make_apprenticeship(factories.appr_student(), setup["place"])
    page = apprenticeships.legalisation_queue(setup["officer"])
    assert [a.id for a in page.items] == [setup["appr"].id, second.id]


def test_certificate_before_completion_is_refused(db, setup):
    with pytest.raises(InvalidState):
        apprenticeships.certificate(setup["user"], setup["appr"].id)
