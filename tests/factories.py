"""Small factories that create data through the services (never raw SQL)."""

import itertools
from datetime import date

from jobfair.models import User
from jobfair.services import accounts, registration

PASSWORD = "Balikpapan-2025-kerja"
_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def valid_nik(*, serial: int | None = None, female: bool = False, birth: date = date(1995, 3, 7),
              regency: str = "6471", district: str = "01") -> str:
    """A structurally valid NIK (Balikpapan by default) with a unique serial."""
    day = birth.day + (40 if female else 0)
    serial = serial if serial is not None else next(_counter) % 9999 + 1
    return f"{regency}{district}{day:02d}{birth:%m%y}{serial:04d}"


def make_seeker(**overrides) -> User:
    n = next(_counter)
    birth = overrides.pop("birth_date", date(1995, 3, 7))
    fields = dict(nik=valid_nik(serial=n % 9999 + 1, birth=birth), full_name=f"Pencari Kerja {n}", sex="L",
                  birth_date=birth, email=f"seeker{n}@example.id", phone=f"0812{n:08d}", password=PASSWORD)
    fields.update(overrides)
    user, _warnings = registration.register_seeker(**fields)
    return user


def make_company_user(**overrides) -> User:
    n = next(_counter)
    fields = dict(company_name=f"PT Contoh {n}", nib=f"{n:013d}", kecamatan_code="647101",
                  address="Jl. Jenderal Sudirman No. 1", contact_name=f"HR Contoh {n}", phone=f"0813{n:08d}",
                  email=f"hr{n}@example.id", password=PASSWORD)
    fields.update(overrides)
    return registration.register_company(**fields)


def make_user(role: str, **overrides) -> User:
    """A user of any role, made the way that role is made in the product."""
    if role == "seeker":
        return make_seeker(**overrides)
    if role == "company":
        return make_company_user(**overrides)
    n = next(_counter)
    email = overrides.pop("email", f"{role}{n}@example.id")
    if role in accounts.STAFF_ROLES:
        return accounts.create_user(None, role=role, email=email, full_name=f"Petugas {n}", password=PASSWORD)
    from jobfair.extensions import db

    user = accounts.new_user(role=role, email=email, password=PASSWORD, full_name=f"Pengguna {n}")
    db.session.commit()
    return user
