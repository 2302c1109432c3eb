"""Demo data for `flask seed-demo`, created through the services like real input."""

import secrets
import string
from datetime import date

from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import CompanyStatus, Role, User
from jobfair.services import audit
from jobfair.services.users import accounts, registration
from jobfair.services.users.passwords import hash_password

DEMO_DOMAIN = "demo.jobfair.balikpapan.go.id"
DEMO_SEEKER_NIK = "6471014508990003"  # Balikpapan Timur, woman born 5 Aug 1999 (day + 40)


def demo_email(role: str) -> str:
    return f"{role}@{DEMO_DOMAIN}"


def random_password() -> str:
    alphabet = string.ascii_letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(14))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


def record_only_password_hash() -> str:
    """One argon2 hash of a random password that is never shown nor kept, for the demo's record-only accounts.

    The July 2025 fair's 102 company HR accounts and its seekers are records of the fair, not logins: they are
    created deactivated, and all of them share this one hash (hashed once, at the configured cost), so nobody can
    log in with them and the seed does not spend 0.15 s of argon2 per account (400 accounts: a minute).
    """
    return hash_password(random_password() + random_password())


def database_is_empty() -> bool:
    return db.session.scalar(select(func.count(User.id))) == 0


def seed_demo() -> dict[str, str]:
    """One demo account per role. Returns {email: password} for accounts created now (printed once)."""
    created: dict[str, str] = {}
    for role in Role.values():
        email = demo_email(role)
        if db.session.scalar(select(User.id).where(User.email == email)) is not None:
            continue
        password = random_password()
        _create_demo_account(role, email, password)
        created[email] = password
    return created


def _create_demo_account(role: str, email: str, password: str) -> None:
    if role in accounts.STAFF_ROLES:
        accounts.create_user(None, role=role, email=email, full_name=f"Demo {role.title()}", password=password)
    elif role == Role.SEEKER.value:
        registration.register_seeker(nik=DEMO_SEEKER_NIK, full_name="Siti Rahmawati", sex="P",
                                     birth_date=date(1999, 8, 5), email=email, phone="081234500001",
                                     password=password, consents=("placement", "cv_sharing", "ak1", "email"))
    elif role == Role.COMPANY.value:
        user = registration.register_company(
            company_name="PT Demo Teluk Balikpapan", nib="9120001234567", kecamatan_code="647102",
            address="Jl. Yos Sudarso No. 1, Baru Ilir", contact_name="Budi Santoso", phone="081234500002",
            email=email, password=password)
        user.company.status = CompanyStatus.VERIFIED.value  # demo: as if an officer had verified it
        audit.record(None, "company.verified", user.company, detail={"demo": True})
        db.session.commit()
    else:  # student and school staff accounts are created by the office or the school
        accounts.new_user(role=role, email=email, password=password, full_name=f"Demo {role.title()}",
                          phone="081234500003")
        db.session.flush()
        audit.record(None, "account.created", object_type="user_account", detail={"role": role, "demo": True})
        db.session.commit()
