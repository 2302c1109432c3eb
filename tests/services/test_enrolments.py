"""Enrolments: eligibility (Perwali 3/2025), quota and non-overlapping cover, the status workflow, the yearly cycle."""

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobfair.models import AuditEvent, CoverMonth, Enrolment, Programme
from jobfair.services import exports
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.protection import enrolments, programmes
from tests import factories

REGISTRATION_DAY = date(2024, 11, 1)
PERIOD = dict(cover_from=date(2025, 1, 1), cover_to=date(2025, 12, 1))


def _enrol(officer, programme, worker, **overrides):
    fields = dict(PERIOD, verifying_office="Dinas Perikanan", already_bpjs_member=False, today=REGISTRATION_DAY)
    fields.update(overrides)
    return enrolments.enrol(officer, programme.id, worker.id, **fields)


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def officer(db):
    return factories.make_officer()


def test_enrol_creates_cover_months_and_takes_a_seat(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    enrolment = _enrol(officer, programme, factories.make_worker(actor=officer))
    assert enrolment.status == "registered"
    assert enrolments.cover_months_for(enrolment) == [date(2025, m, 1) for m in range(1, 13)]
    assert _count(db, CoverMonth) == 12
    assert db.session.get(Programme, programme.id).enrolled_count == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.enrolled")).actor_id \
        == officer.id


@pytest.mark.parametrize(("worker_fields", "field", "words"), [
    ({"birth_date": date(1959, 6, 15)}, "birth_date", "Usia 65 tahun"),
    ({"monthly_income": 3_701_509}, "monthly_income", "di atas UMK"),
    ({"ktp_since": date(2024, 8, 1)}, "ktp_since", "baru 3 bulan"),
    ({"ktp_since": None}, "ktp_since", "sejak kapan"),
])
def test_ineligible_people_are_refused(db, officer, worker_fields, field, words):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer, **worker_fields)
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, worker)
    assert words in exc.value.field_errors[field]
    assert _count(db, Enrolment) == 0 and _count(db, CoverMonth) == 0
    assert db.session.get(Programme, programme.id).enrolled_count == 0


def test_income_equal_to_umk_and_age_64_are_eligible(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer, monthly_income=3_701_508, birth_date=date(1960, 6, 15))
    assert enrolments.check_eligibility(programme, worker, on=REGISTRATION_DAY, already_bpjs_member=False) == {}


def test_missing_umk_is_explained(db, officer):
    programme = factories.bpjs_programme(year=2031, actor=officer)
    worker = factories.make_worker(actor=officer)
    problems = enrolments.check_eligibility(programme, worker, on=REGISTRATION_DAY)
    assert "UMK tahun ini belum diatur" in problems["monthly_income"]


def test_already_covered_by_another_payer(db, officer):
    city = factories.bpjs_programme(actor=officer)
    province = factories.bpjs_programme(actor=officer, name="Subsidi BPJS Pemprov Kaltim", funder="province",
                                        payer="province")
    worker = factories.make_worker(actor=officer)
    _enrol(officer, province, worker, payer="province")
    reasons = enrolments.check_eligibility(city, worker, on=REGISTRATION_DAY)
    assert "Subsidi BPJS Pemprov Kaltim" in reasons["cover_from"] and "Provinsi" in reasons["cover_from"]
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, city, worker)
    assert "periode yang sama" in exc.value.field_errors["cover_from"]
    assert _count(db, Enrolment) == 1 and _count(db, CoverMonth) == 12


def test_overlapping_cover_is_refused_but_adjacent_periods_are_fine(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer)
    _enrol(officer, programme, worker, cover_from=date(2025, 1, 1), cover_to=date(2025, 6, 1))
    with pytest.raises(ValidationFailed):
        _enrol(officer, programme, worker, cover_from=date(2025, 6, 1), cover_to=date(2025, 12, 1))
    _enrol(officer, programme, worker, cover_from=date(2025, 7, 15), cover_to=date(2025, 12, 1))
    assert _count(db, CoverMonth) == 12


def test_a_different_kind_of_cover_may_overlap(db, officer):
    bpjs = factories.bpjs_programme(actor=officer)
    food = factories.aid_programme("recurring_aid", actor=officer)
    worker = factories.make_worker(actor=officer, is_elderly=True, birth_date=date(1962, 1, 1))
    _enrol(officer, bpjs, worker)
    _enrol(officer, food, worker)
    assert _count(db, Enrolment) == 2


def test_the_database_itself_refuses_overlap(db, officer):
    """Even if the eligibility check is skipped (a race), the UNIQUE cover key refuses the second enrolment."""
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer)
    _enrol(officer, programme, worker)
    original = enrolments.check_eligibility
    enrolments.check_eligibility = lambda *a, **k: {}
    try:
        with pytest.raises(ValidationFailed) as exc:
            _enrol(officer, programme, worker)
    finally:
        enrolments.check_eligibility = original
    assert "sudah tercakup" in exc.value.field_errors["cover_from"]
    assert _count(db, Enrolment) == 1
    assert db.session.get(Programme, programme.id).enrolled_count == 1


def test_quota_full(db, officer):
    programme = factories.bpjs_programme(actor=officer, quota=1)
    _enrol(officer, programme, factories.make_worker(actor=officer))
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, factories.make_worker(actor=officer))
    assert "Kuota" in exc.value.field_errors["programme_id"]
    assert _count(db, Enrolment) == 1 and _count(db, CoverMonth) == 12


def test_bad_period_and_payer(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, worker, cover_from=date(2025, 5, 1), cover_to=date(2025, 2, 1), payer="bank")
    assert {"cover_to", "payer"} <= set(exc.value.field_errors)
    with pytest.raises(ValidationFailed) as exc:
        _enrol(officer, programme, worker, cover_from=date(2026, 1, 1), cover_to=date(2026, 3, 1))
    assert "tahun program" in exc.value.field_errors["cover_from"]


def test_status_workflow_with_audit(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    enrolment = _enrol(officer, programme, factories.make_worker(actor=officer))
    with pytest.raises(InvalidState):
        enrolments.activate(officer, enrolment.id)
    with pytest.raises(InvalidState):
        enrolments.decree(officer, [enrolment.id], decree_number="100.3.3.2/1/2024", decree_date=date(2024, 12, 20))
    with pytest.raises(ValidationFailed):
        enrolments.verify_sector(officer, enrolment.id, " ")
    enrolments.verify_sector(officer, enrolment.id, "Dinas Kelautan dan Perikanan")
    with pytest.raises(ValidationFailed):
        enrolments.decree(officer, [enrolment.id], decree_number="", decree_date=None)
    assert enrolments.decree(officer, [enrolment.id], decree_number="100.3.3.2/1/2024",
                             decree_date=date(2024, 12, 20)) == 1
    with pytest.raises(ValidationFailed) as exc:
        enrolments.activate(officer, enrolment.id, kpj_number="12AB")
    assert "kpj_number" in exc.value.field_errors
    enrolments.activate(officer, enrolment.id, kpj_number="2501 2345 678")
    row = db.session.get(Enrolment, enrolment.id)
    assert (row.status, row.kpj_number, row.decree_number) == ("active", "25012345678", "100.3.3.2/1/2024")
    assert row.verified_by_id == officer.id and row.verifying_office == "Dinas Kelautan dan Perikanan"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "enrolment")
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["protection.enrolled", "protection.enrolment_verified", "protection.enrolment_decreed",
                       "protection.enrolment_activated"]


def test_decree_is_all_or_nothing(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    verified = factories.make_enrolment(programme=programme, status="sector_verified", actor=officer)
    registered = factories.make_enrolment(programme=programme, status="registered", actor=officer)
    with pytest.raises(InvalidState):
        enrolments.decree(officer, [verified.id, registered.id], decree_number="SK/1", decree_date=date(2024, 12, 1))
    assert db.session.get(Enrolment, verified.id).status == "sector_verified"
    with pytest.raises(NotFound):
        enrolments.decree(officer, [verified.id, 999999], decree_number="SK/1", decree_date=date(2024, 12, 1))


def test_end_releases_later_months_and_the_seat(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    enrolment = factories.make_enrolment(programme=programme, actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        enrolments.end(officer, enrolment.id, reason="", last_month=date(2026, 1, 1))
    assert {"reason", "last_month"} <= set(exc.value.field_errors)
    enrolments.end(officer, enrolment.id, reason="Meninggal dunia", last_month=date(2025, 4, 20))
    row = db.session.get(Enrolment, enrolment.id)
    assert row.status == "ended" and row.cover_to == date(2025, 4, 1) and row.end_reason == "Meninggal dunia"
    assert _count(db, CoverMonth) == 4
    assert db.session.get(Programme, programme.id).enrolled_count == 0
    with pytest.raises(InvalidState):
        enrolments.end(officer, enrolment.id, reason="Dua kali", last_month=date(2025, 3, 1))
    # the freed months may be covered by another programme now
    other = factories.bpjs_programme(actor=officer, name="Subsidi Pemprov", payer="province")
    _enrol(officer, other, row.worker, cover_from=date(2025, 5, 1), payer="province")


def test_reject_releases_everything(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    enrolment = factories.make_enrolment(programme=programme, status="sector_verified", actor=officer)
    with pytest.raises(ValidationFailed):
        enrolments.reject(officer, enrolment.id, "no")
    enrolments.reject(officer, enrolment.id, "Bukan nelayan menurut Dinas Perikanan")
    assert db.session.get(Enrolment, enrolment.id).status == "rejected"
    assert _count(db, CoverMonth) == 0 and db.session.get(Programme, programme.id).enrolled_count == 0
    with pytest.raises(InvalidState):
        enrolments.reject(officer, enrolment.id, "Sekali lagi ditolak")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.enrolment_rejected"))
    assert event.detail["reason"].startswith("Bukan nelayan")


def test_set_kpj(db, officer):
    enrolment = factories.make_enrolment(status="registered", actor=officer)
    with pytest.raises(InvalidState):
        enrolments.set_kpj(officer, enrolment.id, "25012345678")
    enrolments.verify_sector(officer, enrolment.id, "Dinas Perikanan")
    enrolments.decree(officer, [enrolment.id], decree_number="SK/9", decree_date=date(2024, 12, 1))
    enrolments.set_kpj(officer, enrolment.id, "25012345678")
    assert db.session.get(Enrolment, enrolment.id).kpj_number == "25012345678"


def test_only_officers_enrol(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer)
    with pytest.raises(PermissionDenied):
        _enrol(factories.make_seeker(), programme, worker)
    with pytest.raises(PermissionDenied):
        enrolments.list_enrolments(factories.make_company_user())


def test_list_by_programme_and_status(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    active = factories.make_enrolment(programme=programme, actor=officer)
    factories.make_enrolment(programme=programme, status="registered", actor=officer)
    page = enrolments.list_enrolments(officer, programme_id=programme.id, status="active")
    assert [e.id for e in page.items] == [active.id]
    assert page.total == 1


def test_decree_list_export(db, officer):
    programme = factories.bpjs_programme(actor=officer)
    worker = factories.make_worker(actor=officer, full_name="=HYPERLINK(\"http://x\")")
    factories.make_enrolment(worker=worker, programme=programme, status="sector_verified", actor=officer)
    factories.make_enrolment(programme=programme, status="registered", actor=officer)
    headers, rows = enrolments.decree_list(officer, programme.id, 2025)
    assert len(rows) == 1 and "NIK" in headers and "Nomor SK" in headers
    from jobfair.services.people import reveal_nik
    assert rows[0][1] == reveal_nik(worker.person)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.decree_list_exported")) \
        .detail == {"year": 2025, "rows": 1}
    sheet = load_workbook(__import__("io").BytesIO(exports.to_xlsx({"SK": (headers, rows)}))).active
    assert sheet.cell(row=2, column=3).value.startswith("'=")


@pytest.fixture
def umk_2026(db):
    """UMK 2026 set by an admin; removed afterwards (reference tables are not emptied between tests)."""
    from jobfair.models import UmkSetting

    programmes.set_umk(factories.make_user("admin"), 2026, 3_900_000)
    yield
    db.session.rollback()
    db.session.delete(db.session.get(UmkSetting, 2026))
    db.session.commit()


def test_reregistration_for_next_year(db, officer, umk_2026):
    old = factories.bpjs_programme(actor=officer)
    new = factories.bpjs_programme(year=2026, actor=officer)
    staying = factories.make_enrolment(programme=old, actor=officer)
    too_old = factories.make_enrolment(programme=old, actor=officer,
                                       worker=factories.make_worker(actor=officer, birth_date=date(1960, 1, 10)))
    factories.make_enrolment(programme=old, status="registered", actor=officer)  # not active: not copied
    result = enrolments.reregister_for_year(officer, old.id, new.id, today=date(2025, 10, 1))
    assert result.created == 1
    assert [s["worker_id"] for s in result.skipped] == [too_old.worker_id]
    assert "Usia 65 tahun melebihi" in result.skipped[0]["reasons"][0]
    copy = db.session.scalar(select(Enrolment).where(Enrolment.programme_id == new.id))
    assert (copy.worker_id, copy.status, copy.cover_from, copy.cover_to) == \
        (staying.worker_id, "registered", date(2026, 1, 1), date(2026, 12, 1))
    assert db.session.get(Programme, new.id).enrolled_count == 1
    assert _count(db, CoverMonth) == 12 * 4  # 3 old enrolments + 1 new
    again = enrolments.reregister_for_year(officer, old.id, new.id, today=date(2025, 10, 1))
    assert again.created == 0 and len(again.skipped) == 2
    with pytest.raises(ValidationFailed):
        enrolments.reregister_for_year(officer, new.id, old.id)
