"""Applications: apply once with a CV, withdraw, company review, interview, hire within openings, search."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from jobfair.models import (
    Application,
    ApplicationEvent,
    AuditEvent,
    Interview,
    Notification,
    Placement,
    SeekerProfile,
    Vacancy,
)
from jobfair.services import notifications
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring import applicants, applications, search
from tests import factories

TODAY = date.today()


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _applied(db, **vacancy_fields):
    company = factories.application_company()
    vacancy = factories.published_vacancy(company, **vacancy_fields)
    seeker = factories.seeker_with_cv()
    application = applications.apply(seeker, vacancy.id, cover_letter="Saya berminat.", today=TODAY)
    return company, vacancy, seeker, application


def test_apply_records_the_application_its_history_and_tells_the_company(db):
    company, vacancy, seeker, application = _applied(db)
    assert application.status == "submitted" and application.fit_score > 0
    events = db.session.scalars(select(ApplicationEvent)).all()
    assert [(e.from_status, e.to_status, e.actor_id) for e in events] == [(None, "submitted", seeker.id)]
    note = db.session.scalar(select(Notification).where(Notification.user_id == company.id))
    assert "Lamaran baru" in note.message and notifications.path_of(note) == f"/perusahaan/pelamar/{application.id}"
    # stored as a translatable key with its parameters and a link to the endpoint: read in the reader's language
    assert note.message_key == "Lamaran baru untuk %(title)s dari %(name)s."
    assert note.message_params == {"title": vacancy.title, "name": seeker.full_name}
    assert (note.link_endpoint, note.link_params, note.link) == ("companies.applicant",
                                                                 {"application_id": application.id}, None)


def test_applying_twice_is_refused_and_changes_nothing(db):
    _company, vacancy, seeker, _application = _applied(db)
    with pytest.raises(InvalidState, match="sudah melamar"):
        applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
    assert _count(db, Application) == 1


def test_the_unique_constraint_also_stops_a_duplicate_application(db):
    _company, vacancy, seeker, application = _applied(db)
    profile = db.session.get(SeekerProfile, application.seeker_id)
    db.session.add(Application(vacancy_id=vacancy.id, seeker_id=profile.id))
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    assert _count(db, Application) == 1


def test_apply_without_a_cv_asks_for_an_upload(db):
    vacancy = factories.published_vacancy()
    seeker = factories.seeker_with_cv(cv=False)
    with pytest.raises(ValidationFailed) as exc:
        applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
    assert "Unggah CV" in exc.value.field_errors["cv"]
    assert _count(db, Application) == 0


@pytest.mark.parametrize("fields, error", [
    ({"status": "draft"}, NotFound),
    ({"status": "submitted"}, NotFound),
    ({"status": "closed"}, InvalidState),
    ({"status": "filled"}, InvalidState),
    ({"valid_until": TODAY - timedelta(days=1), "valid_from": TODAY - timedelta(days=10)}, InvalidState),
    ({"valid_from": TODAY + timedelta(days=3), "valid_until": TODAY + timedelta(days=10)}, InvalidState),
])
def test_apply_to_an_unpublished_or_closed_vacancy_is_refused(db, fields, error):
    vacancy = factories.published_vacancy(**fields)
    seeker = factories.seeker_with_cv()
    with pytest.raises(error):
        applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
    assert _count(db, Application) == 0


def test_apply_to_a_vacancy_of_an_unverified_company_is_not_found(db):
    vacancy = factories.published_vacancy(factories.make_company_user())
    with pytest.raises(NotFound):
        applications.apply(factories.seeker_with_cv(), vacancy.id, cover_letter="", today=TODAY)


def test_a_too_long_cover_letter_is_explained(db):
    vacancy = factories.published_vacancy()
    with pytest.raises(ValidationFailed) as exc:
        applications.apply(factories.seeker_with_cv(), vacancy.id, cover_letter="x" * 5000, today=TODAY)
    assert "paling banyak" in exc.value.field_errors["cover_letter"]


def test_withdraw_is_recorded_and_final(db):
    _company, _vacancy, seeker, application = _applied(db)
    applications.withdraw(seeker, application.id, "Sudah dapat kerja")
    view = applications.my_application(seeker, application.id)
    assert view.application.status == "withdrawn"
    assert [e.to_status for e in view.events] == ["submitted", "withdrawn"]
    with pytest.raises(InvalidState):
        applications.withdraw(seeker, application.id, "")


def test_a_seeker_cannot_read_or_withdraw_another_seekers_application(db):
    _company, _vacancy, _seeker, application = _applied(db)
    other = factories.seeker_with_cv()
    with pytest.raises(NotFound):
        applications.my_application(other, application.id)
    with pytest.raises(NotFound):
        applications.withdraw(other, application.id, "")
    assert applications.my_applications(other).total == 0


def test_a_company_cannot_see_another_companys_applicants_or_cv(db):
    _company, vacancy, _seeker, application = _applied(db)
    stranger = factories.application_company()
    for call in (lambda: applicants.applicants(stranger, vacancy.id),
                 lambda: applicants.applicant(stranger, application.id),
                 lambda: applicants.cv_for_company(stranger, application.id),
                 lambda: applicants.change_status(stranger, application.id, "rejected", ""),
                 lambda: applicants.hire(stranger, application.id, start_date=TODAY, contract_type="PKWT",
                                         wage=4_000_000)):
        with pytest.raises(NotFound):
            call()
    assert db.session.get(Application, application.id).status == "submitted"


def test_company_lists_applicants_with_fit_reasons_and_downloads_the_cv(db, app):
    company, vacancy, seeker, application = _applied(db)
    _vacancy, pagination, fits = applicants.applicants(company, vacancy.id, status="submitted", min_score=10)
    assert [a.id for a in pagination.items] == [application.id]
    assert fits[application.id].reasons
    assert applicants.applicants(company, vacancy.id, min_score=101)[1].total == 0
    path, name = applicants.cv_for_company(company, application.id)
    assert path.read_bytes().startswith(b"%PDF-") and name.startswith("CV-") and name.endswith(".pdf")
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "application.cv_downloaded"))


def test_status_changes_follow_the_rules_and_notify_the_seeker(db):
    company, _vacancy, seeker, application = _applied(db)
    applicants.change_status(company, application.id, "shortlisted", "Pengalaman cocok")
    with pytest.raises(InvalidState):
        applicants.change_status(company, application.id, "reviewed", "")
    with pytest.raises(ValidationFailed):
        applicants.change_status(company, application.id, "hired", "")
    messages = db.session.scalars(select(Notification.message).where(Notification.user_id == seeker.id)).all()
    assert any("Masuk daftar pendek" in m and "Pengalaman cocok" in m for m in messages)


def test_invite_sets_interview_and_refuses_a_past_time(db):
    company, _vacancy, seeker, application = _applied(db)
    with pytest.raises(InvalidState):  # not yet shortlisted
        applicants.invite(company, application.id, scheduled_at=datetime.now(UTC) + timedelta(days=2),
                          place="Kantor HR", note="")
    applicants.change_status(company, application.id, "shortlisted", "")
    with pytest.raises(ValidationFailed) as exc:
        applicants.invite(company, application.id, scheduled_at=datetime.now(UTC) - timedelta(hours=1),
                          place="", note="")
    assert set(exc.value.field_errors) == {"scheduled_at", "place"}
    when = datetime(2030, 7, 23, 1, 30, tzinfo=UTC)
    applicants.invite(company, application.id, scheduled_at=when, place="BSCC Dome, booth 12", note="Bawa KTP")
    assert db.session.get(Application, application.id).status == "interview"
    interview = db.session.scalar(select(Interview))
    assert interview.scheduled_at == when and interview.place == "BSCC Dome, booth 12"
    note = db.session.scalars(select(Notification.message).where(Notification.user_id == seeker.id)).all()[-1]
    assert "23-07-2030 09.30 WITA" in note


def _shortlisted(db, company, vacancy):
    seeker = factories.seeker_with_cv()
    application = applications.apply(seeker, vacancy.id, cover_letter="", today=TODAY)
    applicants.change_status(company, application.id, "shortlisted", "")
    return application


def test_hire_records_the_placement_and_fills_the_vacancy_at_openings(db):
    company = factories.application_company()
    vacancy = factories.published_vacancy(company, openings=2)
    first, second, third = (_shortlisted(db, company, vacancy) for _ in range(3))
    placement = applicants.hire(company, first.id, start_date=TODAY, contract_type="PKWT", wage=4_000_000)
    assert placement.status == "reported" and placement.wage == 4_000_000
    assert db.session.get(Vacancy, vacancy.id).hired_count == 1
    applicants.hire(company, second.id, start_date=TODAY, contract_type="magang", wage=2_000_000,
                    below_umk_confirmed=True)  # an allowance below the UMK, confirmed
    refreshed = db.session.get(Vacancy, vacancy.id)
    assert refreshed.hired_count == 2 and refreshed.status == "filled"
    with pytest.raises(InvalidState, match="sudah terisi"):
        applicants.hire(company, third.id, start_date=TODAY, contract_type="PKWT", wage=4_000_000)
    assert db.session.get(Application, third.id).status == "shortlisted"
    assert _count(db, Placement) == 2


def test_hire_past_openings_is_refused_even_when_the_vacancy_status_was_not_updated(db):
    company = factories.application_company()
    vacancy = factories.published_vacancy(company, openings=1, hired_count=1)
    application = _shortlisted(db, company, vacancy)
    with pytest.raises(InvalidState, match="Semua lowongan untuk posisi ini sudah terisi"):
        applicants.hire(company, application.id, start_date=TODAY, contract_type="PKWT", wage=1)
    assert db.session.get(Vacancy, vacancy.id).hired_count == 1 and _count(db, Placement) == 0


def test_hire_validates_its_fields_and_the_status(db):
    company, _vacancy, _seeker, application = _applied(db)
    with pytest.raises(ValidationFailed) as exc:
        applicants.hire(company, application.id, start_date=None, contract_type="borongan", wage=-5)
    assert set(exc.value.field_errors) == {"start_date", "contract_type", "wage"}
    with pytest.raises(InvalidState):  # submitted cannot jump to hired
        applicants.hire(company, application.id, start_date=TODAY, contract_type="PKWT", wage=4_000_000)


def test_search_finds_open_vacancies_by_words_and_filters_and_escapes_like(db):
    company = factories.application_company(company_name="PT Maju_Jaya 100%")
    factories.published_vacancy(company, title="Juru Las", disability_friendly=True, employment_type="daily")
    factories.published_vacancy(company, title="Admin Gudang", description="Stok 50% lebih cepat",
                                kecamatan_code="647101", education_min="S1", wage_min=None, wage_max=None)
    factories.published_vacancy(company, title="Juru Masak", status="draft")
    factories.published_vacancy(factories.make_company_user(), title="Juru Parkir")
    titles = lambda **kw: sorted(v.title for v in search.search_vacancies(today=TODAY, **kw).items)  # noqa: E731
    assert titles(q="juru") == ["Juru Las"]
    assert titles(q="maju_jaya") == ["Admin Gudang", "Juru Las"]
    assert titles(q="50%") == ["Admin Gudang"]
    assert titles(q="a_m") == [] and titles(q="%%") == [] and titles(q="100%") == ["Admin Gudang", "Juru Las"]
    assert titles(kecamatan="647101") == ["Admin Gudang"]
    assert titles(disability_friendly=True) == ["Juru Las"]
    assert titles(employment_type="daily") == ["Juru Las"]
    assert titles(education="SMA") == ["Juru Las"]
    assert titles(wage_min=4_000_000) == ["Juru Las"]
    assert search.search_vacancies(today=TODAY, per_page=1, page=2).items[0].title in {"Juru Las", "Admin Gudang"}


def test_recommendations_rank_by_fit_and_skip_applied_vacancies(db):
    company = factories.application_company()
    good = factories.published_vacancy(company, title="Juru Las")
    factories.published_vacancy(company, title="Akuntan", majors="Akuntansi", skills="excel", education_min="S1",
                                kecamatan_code="647101")
    seeker = factories.seeker_with_cv()
    ranked = search.recommendations(seeker, TODAY)
    assert [v.title for v, _fit in ranked] == ["Juru Las", "Akuntan"]
    assert ranked[0][1].score > ranked[1][1].score and ranked[0][1].reasons
    applications.apply(seeker, good.id, cover_letter="", today=TODAY)
    assert [v.title for v, _fit in search.recommendations(seeker, TODAY)] == ["Akuntan"]


def test_search_filters_by_kbli_section_and_job_fair(db):
    from jobfair.models import JobFair

    fair = JobFair(name="Job Fair Juli 2025", starts_on=TODAY, ends_on=TODAY, venue="BSCC Dome", booth_count=5,
                   capacity=10)
    db.session.add(fair)
    db.session.commit()
    transport = factories.application_company()
    transport.company.kbli_code = "49431"
    db.session.commit()
    factories.published_vacancy(transport, title="Sopir Truk", job_fair_id=fair.id)
    factories.published_vacancy(title="Juru Las")
    titles = lambda **kw: [v.title for v in search.search_vacancies(today=TODAY, **kw).items]  # noqa: E731
    assert titles(sector="H") == ["Sopir Truk"]
    assert titles(sector="C") == [] and titles(sector="zz") == []
    assert titles(job_fair_id=fair.id) == ["Sopir Truk"]
    assert search.fair_choices(TODAY) == [(str(fair.id), "Job Fair Juli 2025")]
