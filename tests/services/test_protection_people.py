"""The protection register of people: one record per NIK, linked to seekers, audited reads (UU PDP)."""

from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.models import AuditEvent, Person, Worker
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.people import find_person
from jobfair.services.protection import protection_people
from tests import factories


def _fields(**overrides) -> dict:
    birth = overrides.pop("birth_date", date(1980, 2, 3))
    fields = dict(nik=factories.valid_nik(birth=birth), full_name="Siti Aminah", sex="L", birth_date=birth,
                  address="Jl. Pantai Manggar", kecamatan_code="647101", kelurahan_code="6471011001",
                  phone="081234567890", category_code="nelayan", monthly_income=2_000_000,
                  ktp_since=date(2010, 1, 1), has_disability=False, disability_note="", is_elderly=False)
    fields.update(overrides)
    return fields


def test_register_worker_creates_person_and_audits(db):
    officer = factories.make_officer()
    fields = _fields()
    worker = protection_people.register_worker(officer, **fields)
    assert worker.person.full_name == "Siti Aminah"
    assert find_person(fields["nik"]).id == worker.person_id
    assert worker.person.nik_encrypted != fields["nik"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.person_registered"))
    assert event.actor_id == officer.id and event.object_id == str(worker.id)


def test_same_nik_as_a_seeker_is_linked_not_duplicated(db):
    seeker = factories.make_seeker()
    person_id = db.session.scalar(select(Person.id))
    from jobfair.models import SeekerProfile
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == seeker.id))
    from jobfair.services.people import reveal_nik
    nik = reveal_nik(profile.person)
    worker = protection_people.register_worker(factories.make_officer(), **_fields(
        nik=nik, birth_date=profile.person.birth_date, full_name=profile.person.full_name))
    assert worker.person_id == person_id
    assert db.session.scalar(select(func.count(Person.id))) == 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.person_registered"))
    assert event.detail["linked_existing_person"] is True


def test_already_registered_nik_is_refused_with_a_link(db):
    officer = factories.make_officer()
    fields = _fields()
    first = protection_people.register_worker(officer, **fields)
    with pytest.raises(protection_people.AlreadyRegistered) as exc:
        protection_people.register_worker(officer, **{**fields, "full_name": "Orang Lain"})
    assert "sudah terdaftar" in exc.value.field_errors["nik"]
    assert exc.value.existing_worker_id == first.id
    assert db.session.scalar(select(func.count(Worker.id))) == 1


@pytest.mark.parametrize("nik", ["", "123", "6471010703950000", "99710107039500a1", "6471013203950001"])
def test_invalid_nik_is_refused(db, nik):
    with pytest.raises(ValidationFailed) as exc:
        protection_people.register_worker(factories.make_officer(), **_fields(nik=nik))
    assert "nik" in exc.value.field_errors
    assert db.session.scalar(select(func.count(Person.id))) == 0


def test_kelurahan_must_belong_to_the_kecamatan(db):
    with pytest.raises(ValidationFailed) as exc:
        protection_people.register_worker(factories.make_officer(),
                                          **_fields(kecamatan_code="647102", kelurahan_code="6471011001"))
    assert "tidak berada di kecamatan" in exc.value.field_errors["kelurahan_code"]


def test_bad_fields_are_explained(db):
    with pytest.raises(ValidationFailed) as exc:
        protection_people.register_worker(factories.make_officer(), **_fields(
            full_name=" ", category_code="astronaut", monthly_income=-5, phone="12", kecamatan_code="999999",
            ktp_since=date(2999, 1, 1)))
    assert set(exc.value.field_errors) >= {"full_name", "category_code", "monthly_income", "phone",
                                           "kecamatan_code", "ktp_since"}


def test_only_officers_use_the_register(db):
    seeker = factories.make_seeker()
    with pytest.raises(PermissionDenied):
        protection_people.register_worker(seeker, **_fields())
    with pytest.raises(PermissionDenied):
        protection_people.list_workers(seeker)
    with pytest.raises(PermissionDenied):
        protection_people.list_workers(None)


def test_detail_reveals_nik_and_writes_audit(db):
    officer = factories.make_officer()
    fields = _fields()
    worker = protection_people.register_worker(officer, **fields)
    shown, nik = protection_people.worker_detail(officer, worker.id)
    assert nik == fields["nik"] and shown.id == worker.id
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "protection.person_viewed")).all()
    assert len(events) == 1 and events[0].actor_id == officer.id and events[0].object_id == str(worker.id)
    with pytest.raises(NotFound):
        protection_people.worker_detail(officer, 999999)


def test_find_by_nik(db):
    officer = factories.make_officer()
    fields = _fields()
    worker = protection_people.register_worker(officer, **fields)
    assert protection_people.find_worker_by_nik(officer, fields["nik"]).id == worker.id
    assert protection_people.find_worker_by_nik(officer, factories.valid_nik()) is None
    with pytest.raises(ValidationFailed):
        protection_people.find_worker_by_nik(officer, "bukan nik")


def test_list_filters_and_search(db):
    officer = factories.make_officer()
    a = factories.make_worker(actor=officer, full_name="Budi Nelayan", category_code="nelayan")
    factories.make_worker(actor=officer, full_name="Wati Pedagang", category_code="pedagang_kecil",
                          kecamatan_code="647102", kelurahan_code="6471021001")
    assert [w.id for w in protection_people.list_workers(officer, q="budi").items] == [a.id]
    assert [w.id for w in protection_people.list_workers(officer, category="nelayan").items] == [a.id]
    assert len(protection_people.list_workers(officer, kecamatan="647102").items) == 1
    assert protection_people.list_workers(officer, q="%").items == []


def test_update_worker_is_audited(db):
    officer = factories.make_officer()
    worker = factories.make_worker(actor=officer)
    protection_people.update_worker(officer, worker.id, full_name="Nama Baru", sex="L",
                                    birth_date=worker.person.birth_date, address="Jl. Baru",
                                    kecamatan_code="647101", kelurahan_code="6471011002", phone="",
                                    category_code="petani", monthly_income=1_000_000, ktp_since=date(2012, 1, 1),
                                    has_disability=False, disability_note="", is_elderly=False)
    assert db.session.get(Worker, worker.id).category_code == "petani"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "protection.person_updated"))
    assert "category_code" in event.detail["fields"] and "full_name" in event.detail["fields"]
