import pytest
from sqlalchemy import select

from jobfair.models import AuditEvent, School
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.smk import schools
from tests import factories


def test_an_officer_creates_a_school_with_an_audit_row(db):
    officer = factories.make_officer()
    school = schools.create_school(officer, name="SMK Negeri 2 Balikpapan", npsn="30400123", address="Jl. A",
                                   kecamatan_code="647101", bkk_number="BKK/2/2025")
    assert school.id and school.npsn == "30400123"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "school.created")) is not None


@pytest.mark.parametrize("npsn", ["1234567", "123456789", "1234a678", ""])
def test_npsn_must_be_eight_digits(db, npsn):
    with pytest.raises(ValidationFailed) as exc:
        schools.create_school(factories.make_officer(), name="SMK X", npsn=npsn)
    assert "npsn" in exc.value.field_errors
    assert db.session.scalar(select(School)) is None


def test_duplicate_npsn_and_unknown_kecamatan(db):
    school = factories.make_school()
    with pytest.raises(ValidationFailed) as exc:
        schools.create_school(factories.make_officer(), name="SMK Y", npsn=school.npsn, kecamatan_code="999999")
    assert set(exc.value.field_errors) == {"npsn", "kecamatan_code"}


def test_update_keeps_its_own_npsn(db):
    officer = factories.make_officer()
    school = factories.make_school(officer)
    schools.update_school(officer, school.id, name="SMK Baru", npsn=school.npsn, address="", kecamatan_code="",
                          bkk_number="")
    assert db.session.get(School, school.id).name == "SMK Baru"


def test_only_the_office_keeps_schools(db):
    staff = factories.make_school_staff()
    with pytest.raises(PermissionDenied):
        schools.create_school(staff, name="SMK Z", npsn="12345678")
    with pytest.raises(NotFound):
        schools.get_school(factories.make_officer(), 999)


def test_school_staff_account(db):
    officer = factories.make_officer()
    school = factories.make_school(officer)
    user = schools.create_school_staff(officer, school.id, full_name="Bu Rina", email="Rina@SMK.sch.id",
                                       password=factories.PASSWORD)
    assert user.role == "school" and user.school_id == school.id and user.email == "rina@smk.sch.id"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.created",
                                                     AuditEvent.object_id == str(user.id)))
    assert event.actor_id == officer.id
    assert schools.school_of(user).id == school.id
    with pytest.raises(ValidationFailed) as exc:
        schools.create_school_staff(officer, school.id, full_name="", email="rina@smk.sch.id", password="pendek")
    assert set(exc.value.field_errors) == {"full_name", "email", "password"}


def test_school_of_refuses_other_roles_and_unlinked_staff(db):
    with pytest.raises(PermissionDenied):
        schools.school_of(factories.make_officer())
    with pytest.raises(NotFound):
        schools.school_of(factories.make_user("school"))


def test_list_schools_paginates(db):
    officer = factories.make_officer()
    for _ in range(3):
        factories.make_school(officer)
    page = schools.list_schools(officer, page=1, per_page=2)
    assert page.total == 3 and len(page.items) == 2
