"""Programmes (owning office, funder, payer and eligibility are data) and the UMK per year."""

import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, Programme
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.protection import programmes
from tests import factories


def test_bpjs_programme_as_published(db):
    programme = factories.bpjs_programme()
    assert (programme.amount_per_month, programme.quota, programme.cover_kind) == (16_800, 7140, "bpjs_jkk_jkm")
    assert programme.eligibility == {"min_ktp_months": 6, "max_age": 64, "income_at_most_umk": True,
                                     "not_bpjs_member": True}
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "programme")) \
        == "protection.programme_created"


def test_aid_programmes(db):
    legs = factories.aid_programme("one_off_aid")
    food = factories.aid_programme("recurring_aid")
    assert legs.quota == 13 and legs.eligibility == {"requires_disability": True}
    assert food.owning_office == "Dinas Sosial" and food.item_name == "Paket sembako"


def test_invalid_programme_fields(db):
    officer = factories.make_officer()
    with pytest.raises(ValidationFailed) as exc:
        programmes.create_programme(officer, name="X", kind="lottery", cover_kind="Bad Kind!", owning_office="",
                                    funder="moon", payer="bank", year=1800, amount_per_month=-1, item_name="",
                                    unit_value=0, quota=0, budget=0, eligibility={"max_age": -3})
    assert set(exc.value.field_errors) >= {"name", "kind", "cover_kind", "owning_office", "funder", "payer", "year",
                                           "amount_per_month", "quota", "max_age"}
    with pytest.raises(ValidationFailed) as exc:
        factories.bpjs_programme(amount_per_month=0, name="Tanpa iuran")
    assert "amount_per_month" in exc.value.field_errors


def test_duplicate_name_in_a_year(db):
    officer = factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    fields = {name: getattr(programme, name) for name in programmes.FIELDS}
    with pytest.raises(ValidationFailed) as exc:
        programmes.create_programme(officer, **fields)
    assert "Sudah ada program" in exc.value.field_errors["name"]
    programmes.create_programme(officer, **{**fields, "year": 2026})


def test_owning_office_change_is_for_admins_and_audited(db):
    officer = factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        programmes.update_programme(officer, programme.id, owning_office="Dinas Sosial")
    assert "admin" in exc.value.field_errors["owning_office"]
    assert db.session.get(Programme, programme.id).owning_office == "Disnaker"
    programmes.update_programme(factories.make_user("admin"), programme.id, owning_office="Dinas Sosial")
    assert db.session.get(Programme, programme.id).owning_office == "Dinas Sosial"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.programme_updated"))
    assert event.detail["changes"]["owning_office"] == ["Disnaker", "Dinas Sosial"]


def test_quota_cannot_go_below_enrolled(db):
    officer = factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    factories.make_enrolment(programme=programme, status="registered", actor=officer)
    with pytest.raises(ValidationFailed) as exc:
        programmes.update_programme(officer, programme.id, quota=0)
    assert "quota" in exc.value.field_errors
    with pytest.raises(ValidationFailed):
        programmes.update_programme(officer, programme.id, cover_kind="other_kind")


def test_get_and_list(db):
    officer = factories.make_officer()
    programme = factories.bpjs_programme(actor=officer)
    assert programmes.get_programme(officer, programme.id).id == programme.id
    assert [p.id for p in programmes.list_programmes(officer, year=2025)] == [programme.id]
    with pytest.raises(NotFound):
        programmes.get_programme(officer, 424242)
    with pytest.raises(PermissionDenied):
        programmes.list_programmes(factories.make_company_user())


def test_umk_setting_is_admin_only_and_audited(db):
    assert programmes.umk_for(2025) == 3_701_508
    assert programmes.umk_for(2031) is None
    with pytest.raises(PermissionDenied):
        programmes.set_umk(factories.make_officer(), 2026, 3_900_000)
    admin = factories.make_user("admin")
    programmes.set_umk(admin, 2026, 3_900_000)
    assert programmes.umk_for(2026) == 3_900_000
    programmes.set_umk(admin, 2026, 3_950_000)
    assert programmes.umk_for(2026) == 3_950_000
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "protection.umk_set")
                               .order_by(AuditEvent.id)).all()[-1]
    assert event.detail == {"before": 3_900_000, "after": 3_950_000}
    with pytest.raises(ValidationFailed):
        programmes.set_umk(admin, 2026, -1)
    from jobfair.models import UmkSetting
    db.session.delete(db.session.get(UmkSetting, 2026))  # reference tables are not emptied between tests
    db.session.commit()
