"""Vacancies: the company's drafts, the office's moderation, expiry and the public view."""

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from jobfair.models import AuditEvent, Notification, Vacancy
from jobfair.services import exports
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import companies, fair_batch, vacancies
from tests import factories

TODAY = date.today()


def test_full_path_draft_submit_publish(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    vacancy = vacancies.create_draft(user, **factories.vacancy_fields())
    assert vacancy.status == "draft" and vacancy.company_id == user.company_id
    vacancies.submit(user, vacancy.id)
    assert [v.id for v in vacancies.moderation_queue(officer).items] == [vacancy.id]
    with pytest.raises(NotFound):
        vacancies.public_vacancy(vacancy.id)
    vacancies.publish(officer, vacancy.id)
    assert db.session.get(Vacancy, vacancy.id).status == "published"
    assert vacancies.public_vacancy(vacancy.id).id == vacancy.id
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.published")).actor_id == officer.id
    notes = db.session.scalars(select(Notification.message).where(Notification.user_id == user.id)).all()
    assert any("ditayangkan" in n for n in notes)


def test_unverified_company_cannot_submit(db):
    user = factories.make_company_user()
    vacancy = vacancies.create_draft(user, **factories.vacancy_fields())
    with pytest.raises(InvalidState) as exc:
        vacancies.submit(user, vacancy.id)
    assert "belum diverifikasi" in exc.value.message
    assert db.session.get(Vacancy, vacancy.id).status == "draft"


def test_cannot_publish_a_draft_or_for_an_unverified_company(db):
    officer = factories.make_officer()
    user = factories.make_company_user()
    vacancy = vacancies.create_draft(user, **factories.vacancy_fields())
    with pytest.raises(InvalidState):
        vacancies.publish(officer, vacancy.id)
    companies.verify(officer, user.company_id)
    with pytest.raises(InvalidState):
        vacancies.publish(officer, vacancy.id)  # a draft is not in the queue
    assert db.session.get(Vacancy, vacancy.id).status == "draft"


def test_publishing_is_for_officers_only(db):
    user = factories.verified_company_user()
    vacancy = factories.make_vacancy(user, publish=False)
    vacancies.submit(user, vacancy.id)
    with pytest.raises(PermissionDenied):
        vacancies.publish(user, vacancy.id)
    with pytest.raises(PermissionDenied):
        vacancies.moderation_queue(user)


def test_return_with_reason_then_edit_and_resubmit(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    vacancy = factories.make_vacancy(user, publish=False)
    vacancies.submit(user, vacancy.id)
    with pytest.raises(ValidationFailed):
        vacancies.return_vacancy(officer, vacancy.id, "")
    vacancies.return_vacancy(officer, vacancy.id, "Upah di bawah UMK Balikpapan.")
    assert db.session.get(Vacancy, vacancy.id).status == "returned"
    with pytest.raises(InvalidState):
        vacancies.publish(officer, vacancy.id)
    vacancies.update(user, vacancy.id, **factories.vacancy_fields(wage_min=3_800_000))
    vacancies.submit(user, vacancy.id)
    v = db.session.get(Vacancy, vacancy.id)
    assert v.status == "submitted" and v.wage_min == 3_800_000 and v.return_reason is None


def test_published_vacancy_cannot_be_edited(db):
    user = factories.verified_company_user()
    vacancy = factories.make_vacancy(user)
    with pytest.raises(InvalidState):
        vacancies.update(user, vacancy.id, **factories.vacancy_fields(title="Diubah"))
    assert db.session.get(Vacancy, vacancy.id).title == "Operator Alat Berat"


@pytest.mark.parametrize("overrides, field", [
    ({"wage_min": 6_000_000, "wage_max": 5_000_000}, "wage_max"),
    ({"valid_from": TODAY + timedelta(days=10), "valid_until": TODAY + timedelta(days=2)}, "valid_until"),
    ({"title": ""}, "title"), ({"openings": 0}, "openings"), ({"education_min": "XX"}, "education_min"),
    ({"kecamatan_code": "000000"}, "kecamatan_code"), ({"job_fair_id": 999}, "job_fair_id"),
    ({"description": "x" * 5001}, "description"),
])
def test_bad_input_creates_nothing(db, overrides, field):
    user = factories.verified_company_user()
    with pytest.raises(ValidationFailed) as exc:
        vacancies.create_draft(user, **factories.vacancy_fields(**overrides))
    assert field in exc.value.field_errors
    db.session.rollback()
    assert db.session.scalars(select(Vacancy)).all() == []


def test_another_companys_vacancy_is_not_found(db):
    owner = factories.verified_company_user()
    other = factories.verified_company_user()
    vacancy = factories.make_vacancy(owner, publish=False)
    for call in (lambda: vacancies.company_vacancy(other, vacancy.id),
                 lambda: vacancies.update(other, vacancy.id, **factories.vacancy_fields(title="Dibajak")),
                 lambda: vacancies.submit(other, vacancy.id), lambda: vacancies.close(other, vacancy.id)):
        with pytest.raises(NotFound):
            call()
    assert db.session.get(Vacancy, vacancy.id).status == "draft"
    assert vacancies.company_vacancies(other).items == []


def test_company_closes_its_vacancy_once(db):
    user = factories.verified_company_user()
    vacancy = factories.make_vacancy(user)
    vacancies.close(user, vacancy.id)
    assert db.session.get(Vacancy, vacancy.id).status == "closed"
    with pytest.raises(InvalidState):
        vacancies.close(user, vacancy.id)
    with pytest.raises(NotFound):
        vacancies.public_vacancy(vacancy.id)


def test_close_expired(db):
    user = factories.verified_company_user()
    old = factories.make_vacancy(user, valid_until=TODAY + timedelta(days=1))
    current = factories.make_vacancy(user, valid_until=TODAY + timedelta(days=5))
    assert vacancies.close_expired(TODAY) == 0
    assert vacancies.close_expired(TODAY + timedelta(days=2)) == 1
    assert db.session.get(Vacancy, old.id).status == "closed"
    assert db.session.get(Vacancy, current.id).status == "published"
    with pytest.raises(NotFound):  # also outside its validity in the public view
        vacancies.public_vacancy(current.id, TODAY + timedelta(days=6))


def test_filled_when_hires_reach_openings(db):
    user = factories.verified_company_user()
    vacancy = factories.make_vacancy(user, openings=1)
    vacancy.hired_count = 1
    assert vacancies.mark_filled_if_full(vacancy) and vacancy.status == "filled"


def test_public_vacancy_needs_a_verified_company(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    vacancy = factories.make_vacancy(user, officer=officer)
    vacancy.company.status = "rejected"
    db.session.commit()
    with pytest.raises(NotFound):
        vacancies.public_vacancy(vacancy.id)
    with pytest.raises(NotFound):
        vacancies.public_vacancy(999_999)


def test_perpres_report_lists_fields_and_filled_counts(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    factories.make_vacancy(user, officer=officer, title="=HYPERLINK(1)", openings=7)
    factories.make_vacancy(user, publish=False, title="Draf rahasia")
    headers, rows = vacancies.perpres_report(officer)
    assert len(rows) == 1 and rows[0][headers.index("Jumlah kebutuhan")] == 7
    assert rows[0][headers.index("Terisi")] == 0
    book = load_workbook(__import__("io").BytesIO(exports.to_xlsx({"Lowongan": (headers, rows)})))
    assert book["Lowongan"].cell(row=2, column=headers.index("Jabatan") + 1).value == "'=HYPERLINK(1)"
    with pytest.raises(PermissionDenied):
        vacancies.perpres_report(user)


def test_two_officers_publishing_at_once_decide_once(app):
    """Row lock on PostgreSQL: one publish wins, the other sees the new state (one audit row, one notice)."""
    import threading

    from jobfair.extensions import db as _db
    from jobfair.models import User

    with app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("row-level concurrency is proven on PostgreSQL (SQLite serialises writers)")
        officers = [factories.make_officer().id for _ in range(4)]
        user = factories.verified_company_user()
        vacancy_id = factories.make_vacancy(user, publish=False).id
        vacancies.submit(user, vacancy_id)
    barrier = threading.Barrier(len(officers))
    outcomes = []

    def decide(officer_id):
        with app.app_context():
            officer = _db.session.get(User, officer_id)
            barrier.wait()
            try:
                vacancies.publish(officer, vacancy_id)
                outcomes.append("ok")
            except InvalidState:
                outcomes.append("late")
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=decide, args=(officer_id,)) for officer_id in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["late"] * (len(officers) - 1) + ["ok"]
    with app.app_context():
        published = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vacancy.published")).all()
        assert len(published) == 1


def test_a_vacancy_joins_only_an_open_fair_where_the_company_has_a_booth(db):
    from jobfair.services.hiring import fairs

    officer = factories.make_officer()
    company_user = factories.verified_company_user(officer)
    today = date.today()
    fair = fairs.create_fair(officer, name="Job Fair Uji", starts_on=today + timedelta(days=10),
                             ends_on=today + timedelta(days=11), venue="BSCC Dome", booth_count=5, capacity=100)
    assert vacancies.job_fair_choices(company_user) == []
    with pytest.raises(ValidationFailed) as exc:
        vacancies.create_draft(company_user, **factories.vacancy_fields(job_fair_id=fair.id))
    assert "stan" in exc.value.field_errors["job_fair_id"]
    fairs.take_booth(company_user, fair.id)
    assert [fair_id for fair_id, _label in vacancies.job_fair_choices(company_user)] == [fair.id]
    vacancy = vacancies.create_draft(company_user, **factories.vacancy_fields(job_fair_id=fair.id))
    assert vacancy.job_fair_id == fair.id


# --- Perpres 57/2023 fields before moderation (issue 15, point 4) ---

def test_a_draft_may_lack_wage_location_and_education_but_cannot_be_submitted(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    vacancy = vacancies.create_draft(user, **factories.vacancy_fields(wage_min=None, wage_max=None,
                                                                      kecamatan_code=None, education_min=None))
    assert db.session.get(Vacancy, vacancy.id).status == "draft"
    with pytest.raises(ValidationFailed) as exc:
        vacancies.submit(user, vacancy.id)
    assert set(exc.value.field_errors) == {"wage_min", "kecamatan_code", "education_min"}
    assert db.session.get(Vacancy, vacancy.id).status == "draft"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.submitted")) is None

    vacancies.update(user, vacancy.id, **factories.vacancy_fields(wage_min=None, wage_max=None, wage_negotiable=True,
                                                                  kecamatan_code="647105", education_min="TS"))
    vacancies.submit(user, vacancy.id)
    vacancies.publish(officer, vacancy.id)
    v = db.session.get(Vacancy, vacancy.id)
    assert (v.status, v.wage_negotiable, v.education_min) == ("published", True, "TS")
    headers, rows = vacancies.perpres_report(officer)
    assert rows[0][headers.index("Upah dapat dinegosiasikan")] == "ya"


def test_an_incomplete_vacancy_is_not_published_nor_recorded_from_paper(db):
    officer = factories.make_officer()
    user = factories.verified_company_user(officer)
    incomplete = factories.fair_vacancy(user, status="submitted", wage_min=None, kecamatan_code="647101")
    with pytest.raises(InvalidState) as exc:
        vacancies.publish(officer, incomplete.id)
    assert "Perpres 57/2023" in exc.value.message
    assert db.session.get(Vacancy, incomplete.id).status == "submitted"

    fair = factories.make_fair(officer)
    from jobfair.services.hiring import fairs
    fairs.take_booth(user, fair.id)
    row = dict(factories.vacancy_fields(education_min=None), company_id=user.company_id)
    with pytest.raises(ValidationFailed) as exc:
        fair_batch.publish_fair_batch(officer, fair.id, [row])
    assert "Pendidikan minimum" in exc.value.field_errors["rows[1].education_min"] or \
        "pendidikan minimum" in exc.value.field_errors["rows[1].education_min"]
    assert fair_batch.publish_fair_batch(officer, fair.id, [dict(row, education_min="TS")]) == 1
