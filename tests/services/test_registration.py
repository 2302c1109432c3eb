"""Seeker registration: a NIK whose birth date or sex disagrees with the form is refused beside the field."""

from datetime import date

import pytest
from sqlalchemy import func, select

from jobfair.models import Person, User
from jobfair.services.errors import ValidationFailed
from jobfair.services.users import registration
from tests import factories

NIK = "6471014508990003"  # woman born 5 August 1999


def _register(**overrides):
    fields = dict(nik=NIK, full_name="Siti Rahmawati", sex="P", birth_date=date(1999, 8, 5),
                  email="siti@example.id", phone="081234567890", password=factories.PASSWORD,
                  consents=factories.SEEKER_CONSENTS)
    fields.update(overrides)
    return registration.register_seeker(**fields)


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_birth_date_that_disagrees_with_the_nik_is_refused(db):
    with pytest.raises(ValidationFailed) as exc:
        _register(birth_date=date(1999, 8, 6))
    assert exc.value.field_errors == {"birth_date": "Tanggal lahir tidak cocok dengan NIK (NIK menunjukkan "
                                                    "05-08-1999). Periksa kembali NIK atau tanggal lahir Anda."}
    assert _count(db, User) == 0 and _count(db, Person) == 0


def test_a_sex_that_disagrees_with_the_nik_is_refused(db):
    with pytest.raises(ValidationFailed) as exc:
        _register(sex="L")
    assert exc.value.field_errors == {"sex": "Jenis kelamin tidak cocok dengan NIK (NIK menunjukkan perempuan). "
                                             "Periksa kembali NIK atau jenis kelamin Anda."}
    assert _count(db, User) == 0


def test_matching_data_registers(db):
    user = _register()
    assert user.person.birth_date == date(1999, 8, 5) and user.person.sex == "P"


def test_data_the_office_already_recorded_for_this_nik_is_accepted(db):
    """The way out for a NIK that carries an error: an officer who saw the person's KTP registered them (protection
    register) with their real birth date despite the NIK warning; the seeker declaring the same data is accepted."""
    factories.make_worker(nik=NIK, sex="P", birth_date=date(1999, 8, 6))
    with pytest.raises(ValidationFailed) as exc:  # other data than the office's record: refused
        _register(birth_date=date(1999, 8, 7))
    assert "NIK menunjukkan 05-08-1999" in exc.value.field_errors["birth_date"]
    user = _register(birth_date=date(1999, 8, 6))
    assert user.person.birth_date == date(1999, 8, 6)
