"""Accounts: registration, staff creation, login with lockout, password and role changes."""

from datetime import UTC, date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from jobfair.extensions import db
from jobfair.messages import translated
from jobfair.models import PasswordReset, Role, User
from jobfair.rules.passwords import password_problem
from jobfair.services import access, audit, notifications
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.users import sessions
from jobfair.services.users.passwords import burn_verification, hash_password, verify_password

STAFF_ROLES = access.office_roles()  # the office roles (cli, demo seed and tests use this name)
# One answer for an unknown address, a wrong password and a locked account (no account enumeration).
GENERIC_LOGIN_ERROR = _l("E-mail atau kata sandi salah, atau akun sedang dikunci sementara karena terlalu banyak "
                         "percobaan. Periksa kembali lalu coba lagi, atau pakai “Lupa kata sandi”.")


class LoginFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalize_email(raw: str) -> str:
    return (raw or "").strip().lower()


def check_email(raw: str, errors: dict, field: str = "email") -> str:
    email = normalize_email(raw)
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        errors[field] = _l("Alamat e-mail tidak valid: tulis seperti nama@contoh.co.id.")
        return email
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        errors[field] = _l("E-mail ini sudah terdaftar. Masuk dengan e-mail ini atau gunakan e-mail lain.")
    return email


def check_password(password: str, errors: dict, *, personal=(), field: str = "password") -> None:
    problem = password_problem(password or "", min_length=current_app.config["PASSWORD_MIN_LENGTH"],
                               personal=tuple(personal))
    if problem:
        errors[field] = translated(problem)


def check_phone(raw: str, errors: dict, field: str = "phone") -> str:
    digits = "".join(c for c in (raw or "") if c.isdigit())
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    if not (digits.startswith("08") and 10 <= len(digits) <= 14):
        errors[field] = _l("Nomor HP tidak valid: tulis 10–14 angka yang diawali 08, misalnya 081234567890.")
    return digits


def new_user(*, role: str, email: str, password: str, full_name: str, phone: str | None = None, **links) -> User:
    """Build a user in the current unit of work (callers validate first and commit)."""
    user = User(role=role, email=email, password_hash=hash_password(password), full_name=full_name.strip(),
                phone=phone, active=True, failed_login_count=0, session_version=1, **links)
    db.session.add(user)
    return user


def create_user(actor, *, role: str, email: str, full_name: str, password: str) -> User:
    """Create an officer or admin account (from the CLI, or by an admin)."""
    if actor is not None and not access.has_role(actor, Role.ADMIN.value):
        raise PermissionDenied(_l("Hanya admin yang dapat membuat akun petugas."))
    errors: dict[str, str] = {}
    if not access.is_office_role(role):
        errors["role"] = _l("Peran harus 'officer' atau 'admin'; akun lain dibuat lewat pendaftaran.")
    if not (full_name or "").strip():
        errors["full_name"] = _l("Nama lengkap wajib diisi.")
    email = check_email(email, errors)
    check_password(password, errors, personal=(email, full_name))
    if errors:
        raise ValidationFailed(errors)
    user = new_user(role=role, email=email, password=password, full_name=full_name)
    db.session.flush()
    audit.record(actor, "account.created", user, detail={"role": role})
    db.session.commit()
    return user


def authenticate(email: str, password: str, *, now: datetime | None = None) -> User:
    """Check credentials; count failures in the database and lock the account after too many.

    An unknown address, a wrong password and a locked account all get GENERIC_LOGIN_ERROR after one argon2
    verification, so neither the words nor the time of the answer tell a stranger whether the account exists
    (the owner of a locked account is told by e-mail)."""
    now = now or datetime.now(UTC)
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        burn_verification(password or "")
        audit.record(None, "login.failed", detail={"reason": "unknown_account"})
        db.session.commit()
        raise LoginFailed(GENERIC_LOGIN_ERROR)
    password_ok = verify_password(user.password_hash, password or "")
    if is_locked(user, now):
        audit.record(user, "login.refused_locked", user)
        db.session.commit()
        raise LoginFailed(GENERIC_LOGIN_ERROR)
    if not password_ok:
        record_failure(user, now, "bad_password")
        raise LoginFailed(GENERIC_LOGIN_ERROR)
    if not user.active:
        raise LoginFailed(_l(
            "Akun ini telah dinonaktifkan. Hubungi Disnaker Balikpapan untuk mengaktifkannya kembali."))
    if not access.is_office(user):  # office staff are counted until their second factor is done too
        user.failed_login_count = 0
        user.locked_until = None
    user.last_login_at = now
    audit.record(user, "login.succeeded", user)
    db.session.commit()
    return user


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def record_failure(user: User, now: datetime, reason: str) -> None:
    """Count a failed login step (wrong password or second-factor code); lock the account after too many."""
    # Atomic increment: two failures at once both count.
    db.session.execute(update(User).where(User.id == user.id)
                       .values(failed_login_count=User.failed_login_count + 1))
    db.session.refresh(user)
    cfg = current_app.config
    if user.failed_login_count >= cfg["LOGIN_MAX_FAILURES"]:
        user.locked_until = now + timedelta(minutes=cfg["LOGIN_LOCK_MINUTES"])
        user.failed_login_count = 0
        audit.record(user, "login.locked", user)
        notifications.notify(user, locked_message(user.locked_until),
                             email_subject=_l("Akun Anda dikunci sementara"))

    audit.record(user, "login.failed", user, detail={"reason": reason})
    db.session.commit()


def clear_failures(user: User) -> None:
    user.failed_login_count = 0
    user.locked_until = None


def locked_message(until: datetime):
    """The time in WITA (BABEL_DEFAULT_TIMEZONE, Asia/Makassar)."""
    return _l("Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul "
              "%(time)s WITA, atau hubungi Disnaker bila lupa kata sandi.", time=format_datetime(until, "HH.mm"))


def change_password(actor: User, *, current_password: str, new_password: str, keep_session_id: int | None = None,
                    now: datetime | None = None) -> None:
    """Change one's own password; every other session of the account ends and unused reset links die."""
    errors: dict[str, str] = {}
    if not verify_password(actor.password_hash, current_password or ""):
        errors["current_password"] = _l("Kata sandi lama salah. Ketik kata sandi yang Anda pakai untuk masuk.")
    check_password(new_password, errors, personal=(actor.email, actor.full_name), field="new_password")
    if not errors and current_password == new_password:
        errors["new_password"] = _l("Kata sandi baru harus berbeda dari kata sandi lama.")
    if errors:
        raise ValidationFailed(errors)
    actor.password_hash = hash_password(new_password)
    credentials_changed(actor, "password_changed", keep_session_id=keep_session_id, now=now)
    audit.record(actor, "account.password_changed", actor)
    db.session.commit()


def credentials_changed(user: User, reason: str, *, keep_session_id: int | None = None,
                        now: datetime | None = None) -> None:
    """After a new password: end the account's other sessions and void its unused reset links (caller commits)."""
    now = now or datetime.now(UTC)
    user.session_version += 1
    sessions.end_all(user, reason, keep_id=keep_session_id, now=now)
    db.session.execute(update(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                       .values(used_at=now))


def change_role(actor: User, user_id: int, new_role: str) -> User:
    if not access.has_role(actor, Role.ADMIN.value):
        raise PermissionDenied(_l("Hanya admin yang dapat mengubah peran akun."))
    if new_role not in Role.values():
        raise ValidationFailed({"role": _l("Peran tidak dikenal: pilih salah satu peran yang tersedia.")})
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_l("Akun tidak ditemukan."))
    if user.id == actor.id:
        raise InvalidState(_l("Admin tidak dapat mengubah perannya sendiri."))
    old_role = user.role
    user.role = new_role
    user.session_version += 1
    sessions.end_all(user, "role_changed")
    audit.record(actor, "account.role_changed", user, detail={"from": old_role, "to": new_role})
    db.session.commit()
    return user


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
