"""`flask seed-demo`: the July 2025 fair with its seekers, built through the services; and publish_fair_batch."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jobfair.demo import people as demo_people
from jobfair.demo.fair import FAIR_NAME, demo_officer, july_2025_fair
from jobfair.extensions import db as _db
from jobfair.models import (
    Application,
    AuditEvent,
    FairBooth,
    OutboxEmail,
    Placement,
    SeekerProfile,
    User,
    Vacancy,
)
from jobfair.rules.nik import is_valid_nik
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.hiring import fair_batch, fairs, seeker_profiles
from jobfair.services.office import monthly_report
from jobfair.services.reference import REFERENCE_TABLES
from tests import factories

EVERY_STATUS = {"submitted", "reviewed", "shortlisted", "interview", "hired", "rejected", "withdrawn"}


def _row_counts() -> dict[str, int]:
    return {table.name: _db.session.scalar(select(func.count()).select_from(table))
            for table in _db.metadata.sorted_tables if table.name not in REFERENCE_TABLES}


def _cv_files(app) -> int:
    folder = Path(app.config["UPLOAD_FOLDER"]) / seeker_profiles.CV_SUBFOLDER
    return len(list(folder.glob("*.pdf"))) if folder.is_dir() else 0


def test_seed_demo_builds_the_july_2025_fair_from_the_data_and_a_second_run_changes_nothing(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Bursa kerja Juli 2025: 102 perusahaan" in result.output
    assert f"{FAIR_NAME}: 102 perusahaan, 1.757 lowongan (58 jabatan), 4.000 formasi." in result.output
    with app.app_context():
        fair = july_2025_fair()
        figures = fairs.fair_figures(fair.id)
        assert figures["companies"] == 102
        assert figures["vacancies"] >= 1700
        assert figures["openings"] == 4000
        assert figures["applications"] >= 500
        assert figures["hires"] >= 50
        assert 0 < figures["verified_placements"] < figures["hires"]
        assert figures["registrants"] >= 200 and figures["attendees"] >= 150 and figures["walk_ins"] > 0
        statuses = demo_people.application_status_counts(fair.id)
        assert set(statuses) == EVERY_STATUS
        # the monthly report for July 2025 counts what the fair page shows (every record dated in July 2025)
        july = {x.label: x.value for x in monthly_report.monthly_report(demo_officer(), date(2025, 7, 1))
                .section("bursa-kerja").figures}
        assert july["Lamaran masuk"] == figures["applications"]
        assert july["Diterima kerja (dilaporkan perusahaan)"] == figures["hires"]
        assert july["Penempatan terverifikasi"] == figures["verified_placements"]
        assert (july["Formasi (potensi serapan)"], july["Tingkat penempatan"]) == (4000, figures["placement_rate"])
        # the printed summary is these figures, not typed numbers
        assert f"Lamaran: {figures['applications']} (" in result.output
        assert f"penempatan terverifikasi: {figures['verified_placements']} " in result.output

        # hires never past openings; at most one hire per seeker; every seeker has a CV on disk
        assert _db.session.scalar(select(func.count(Vacancy.id)).where(Vacancy.hired_count > Vacancy.openings)) == 0
        hired_per_seeker = select(func.count(Application.id)).where(Application.status == "hired") \
            .group_by(Application.seeker_id)
        assert max(_db.session.scalars(hired_per_seeker)) == 1
        seekers = _db.session.scalar(select(func.count(SeekerProfile.id)).where(
            SeekerProfile.cv_storage_name.is_not(None)))
        assert seekers >= 300 and _cv_files(app) >= 300
        fair_placements = select(func.count(Placement.id)).join(Application).join(Vacancy).where(
            Vacancy.job_fair_id == fair.id)
        assert _db.session.scalar(fair_placements) == figures["hires"]
        # the fair's record-only accounts cannot log in and get no e-mail
        demo_accounts = select(func.count(User.id)).where(User.email.like("%.jobfair2025@%"))
        assert _db.session.scalar(demo_accounts) == 402
        assert _db.session.scalar(demo_accounts.where(User.active.is_(True))) == 0
        assert _db.session.scalar(select(func.count(OutboxEmail.id)).where(
            OutboxEmail.recipient.like("%.jobfair2025@%"))) == 0
        assert len(set(_db.session.scalars(select(User.password_hash).where(
            User.email.like("%.jobfair2025@%"))))) == 1
        # the vacancies were recorded as one audited batch
        batch = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vacancy.batch_published")).all()
        assert len(batch) == 1 and batch[0].detail["vacancies"] == figures["vacancies"]
        before, files = _row_counts(), _cv_files(app)

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0, again.output
    assert "password" not in again.output
    assert "sudah ada" in again.output
    with app.app_context():
        assert _row_counts() == before
        assert _cv_files(app) == files
    assert "not added" in runner.invoke(args=["seed-demo", "--if-empty"]).output


def test_demo_niks_are_valid_balikpapan_niks_and_the_cv_is_a_pdf(db):
    import random

    rng = random.Random(1)
    for n in range(1, 400):
        nik, sex, birth = demo_people.demo_nik(n, rng)
        assert nik.startswith("6471") and is_valid_nik(nik), nik
        assert (int(nik[6:8]) > 40) == (sex == "P")
    pdf = demo_people.tiny_pdf("Siti (Rahma)")
    assert seeker_profiles.is_pdf(pdf[:8], pdf[-1024:]) and b"startxref" in pdf


# --- publish_fair_batch -----------------------------------------------------------------------------------------

def _fair_with_booth():
    officer = factories.make_officer()
    fair = factories.make_fair(officer)
    company_user = factories.verified_company_user(officer)
    fairs.take_booth(company_user, fair.id)
    return officer, fair, company_user


def _row(company_user, **overrides) -> dict:
    fields = factories.vacancy_fields(**overrides)
    return dict(fields, company_id=company_user.company_id)


def test_publish_fair_batch_records_published_vacancies_with_one_audit_row(db):
    officer, fair, company_user = _fair_with_booth()
    rows = [_row(company_user, title=f"Juru Las {n}", openings=n) for n in range(1, 5)]
    assert fair_batch.publish_fair_batch(officer, fair.id, rows) == 4
    saved = db.session.scalars(select(Vacancy).where(Vacancy.job_fair_id == fair.id)).all()
    assert {v.status for v in saved} == {"published"} and all(v.published_at for v in saved)
    figures = fairs.fair_figures(fair.id)
    assert (figures["vacancies"], figures["openings"]) == (4, 10)
    audit_rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "vacancy.batch_published")).all()
    assert len(audit_rows) == 1
    assert audit_rows[0].detail == {"vacancies": 4, "openings": 10, "companies": 1}
    assert audit_rows[0].actor_id == officer.id


def test_publish_fair_batch_is_all_or_nothing_and_names_the_bad_rows(db):
    officer, fair, company_user = _fair_with_booth()
    today = date.today()
    rows = [_row(company_user), _row(company_user, wage_min=6_000_000, wage_max=5_000_000),
            _row(company_user), _row(company_user, valid_from=today, valid_until=today - timedelta(days=1)),
            _row(company_user, title="Operator " * 30)]
    with pytest.raises(ValidationFailed) as caught:
        fair_batch.publish_fair_batch(officer, fair.id, rows)
    errors = caught.value.field_errors
    assert errors["rows[2].wage_max"].startswith("Baris 2: Upah maksimum")
    assert errors["rows[4].valid_until"].startswith("Baris 4:")
    assert "rows[5].title" in errors
    assert not any(key.startswith(("rows[1]", "rows[3]")) for key in errors)
    assert db.session.scalar(select(func.count(Vacancy.id))) == 0


def test_publish_fair_batch_needs_a_booth_at_this_fair(db):
    officer, fair, company_user = _fair_with_booth()
    outsider = factories.verified_company_user(officer)  # verified, but no booth at this fair
    with pytest.raises(ValidationFailed) as caught:
        fair_batch.publish_fair_batch(officer, fair.id, [_row(company_user), _row(outsider)])
    assert "stan" in caught.value.field_errors["rows[2].company_id"]
    other_fair = factories.make_fair(officer, name="Job Fair Lain")
    with pytest.raises(ValidationFailed):
        fair_batch.publish_fair_batch(officer, other_fair.id, [_row(company_user)])
    assert db.session.scalar(select(func.count(Vacancy.id))) == 0


def test_publish_fair_batch_lists_only_the_first_problems_of_a_long_bad_batch(db):
    officer, fair, company_user = _fair_with_booth()
    rows = [_row(company_user, openings=0) for _ in range(25)]
    with pytest.raises(ValidationFailed) as caught:
        fair_batch.publish_fair_batch(officer, fair.id, rows)
    errors = caught.value.field_errors
    assert "25 baris bermasalah" in errors["rows"]
    assert len([key for key in errors if key.startswith("rows[")]) == fair_batch.BATCH_PROBLEMS_SHOWN


def test_publish_fair_batch_is_for_officers_and_known_fairs_only(db):
    officer, fair, company_user = _fair_with_booth()
    with pytest.raises(PermissionDenied):
        fair_batch.publish_fair_batch(company_user, fair.id, [_row(company_user)])
    with pytest.raises(NotFound):
        fair_batch.publish_fair_batch(officer, 999, [_row(company_user)])
    with pytest.raises(ValidationFailed) as caught:
        fair_batch.publish_fair_batch(officer, fair.id, [])
    assert "minimal satu baris" in caught.value.field_errors["rows"]
    assert db.session.scalar(select(func.count(Vacancy.id))) == 0


def test_publish_fair_batch_uses_the_given_day_and_time(db):
    officer, fair, company_user = _fair_with_booth()
    moment = datetime(2025, 7, 10, 1, 0, tzinfo=UTC)
    row = _row(company_user, valid_from=date(2025, 7, 10), valid_until=date(2025, 8, 31))
    with pytest.raises(ValidationFailed):  # today: that validity is over
        fair_batch.publish_fair_batch(officer, fair.id, [row])
    assert fair_batch.publish_fair_batch(officer, fair.id, [row], today=moment.date(), now=moment) == 1
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.published_at == moment and vacancy.job_fair_id == fair.id
    assert db.session.scalar(select(func.count(FairBooth.id))) == 1
