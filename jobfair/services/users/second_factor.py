"""Second factor for office staff (officers and admins): TOTP (RFC 6238, 30-second steps, 6 digits) plus
single-use recovery codes.

- Enrolment at first login: a pending secret (Fernet-encrypted with TOTP_ENCRYPTION_KEY) is shown as a QR code and
  as text until the first correct code confirms it; then recovery codes are made and shown once (stored hashed).
- Each accepted code moves `last_step` forward with a conditional UPDATE, so the same code (or an older one) is
  refused as a replay, even when two requests race.
- Wrong codes count as failed logins (the account locks like after wrong passwords).
- An admin resets a lost second factor of another staff account (audited); that account's sessions end.
"""

import base64
import hashlib
import hmac
import io
import secrets
from datetime import UTC, datetime

import pyotp
import qrcode
from cryptography.fernet import Fernet
from flask import current_app
from flask_babel import lazy_gettext as _l
from qrcode.image.svg import SvgPathImage
from sqlalchemy import delete, func, select, update

from jobfair.extensions import db
from jobfair.models import RecoveryCode, Role, SecondFactor, User
from jobfair.rules import numbers
from jobfair.services import access, audit, notifications
from jobfair.services.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from jobfair.services.users import accounts, sessions

STEP_SECONDS = 30
DRIFT_STEPS = 1  # accept the previous and the next 30-second code too (phone clocks drift)
RECOVERY_CODE_BYTES = 10  # 80 bits, 16 base32 characters
REASON_MIN, REASON_MAX = 5, 1000

WRONG_CODE = _l("Kode salah atau sudah kedaluwarsa. Masukkan 6 angka yang tampil sekarang di aplikasi autentikator "
                "(periksa juga jam ponsel), atau salah satu kode pemulihan.")
REPLAYED_CODE = _l("Kode ini sudah dipakai. Tunggu sampai aplikasi autentikator menampilkan kode baru, "
                   "lalu masukkan kode itu.")
USED_RECOVERY_CODE = _l("Kode pemulihan ini salah atau sudah pernah dipakai. Setiap kode pemulihan hanya berlaku "
                        "sekali.")


def required(user: User) -> bool:
    return access.is_office(user)


def _require_staff(user: User) -> None:
    if user is None or not required(user):
        raise PermissionDenied(_l("Verifikasi dua langkah hanya untuk akun petugas dan admin Disnaker."))


def _fernet() -> Fernet:
    secret = current_app.config["TOTP_ENCRYPTION_KEY"].encode()
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest()))


def _secret(row: SecondFactor) -> str:
    return _fernet().decrypt(row.secret_encrypted.encode()).decode()


def _factor(user_id: int) -> SecondFactor | None:
    return db.session.scalar(select(SecondFactor).where(SecondFactor.user_id == user_id))


def is_enrolled(user: User) -> bool:
    row = _factor(user.id)
    return row is not None and row.confirmed_at is not None


def enrolled_among(users) -> set[int]:
    """Ids of the given accounts that have a confirmed second factor (for the accounts list)."""
    ids = [user.id for user in users]
    if not ids:
        return set()
    return set(db.session.scalars(select(SecondFactor.user_id).where(
        SecondFactor.user_id.in_(ids), SecondFactor.confirmed_at.is_not(None))))


def _pending(user: User) -> SecondFactor:
    row = _factor(user.id)
    if row is not None and row.confirmed_at is not None:
        raise InvalidState(_l("Verifikasi dua langkah akun ini sudah terdaftar."))
    if row is None:
        raise NotFound(_l("Belum ada pendaftaran verifikasi dua langkah yang berjalan."))
    return row


def pending_secret(user: User) -> str:
    """The secret being enrolled (made on first call, the same on later calls until confirmed)."""
    _require_staff(user)
    row = _factor(user.id)
    if row is None:
        secret = pyotp.random_base32()  # 160 bits
        db.session.add(SecondFactor(user_id=user.id, secret_encrypted=_fernet().encrypt(secret.encode()).decode(),
                                    last_step=0))
        db.session.commit()
        return secret
    return _secret(_pending(user))


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=current_app.config["TOTP_ISSUER"])


def enrolment_qr_svg(user: User) -> bytes:
    """The pending secret as a QR code (SVG). No QR exists once the enrolment is confirmed."""
    _require_staff(user)
    uri = provisioning_uri(user, _secret(_pending(user)))
    buffer = io.BytesIO()
    qrcode.make(uri, image_factory=SvgPathImage, box_size=10, border=2).save(buffer)
    return buffer.getvalue()


def _step(now: datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    totp = pyotp.TOTP(secret)
    current = _step(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _claim_step(row: SecondFactor, step: int) -> bool:
    """Record the step as used; False when it (or a later one) was used already: a replay."""
    result = db.session.execute(update(SecondFactor).where(SecondFactor.id == row.id, SecondFactor.last_step < step)
                                .values(last_step=step))
    return result.rowcount == 1


def _normalise(code: str) -> str:
    return "".join(c for c in (code or "").lower() if c.isalnum())[:64]


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def _refuse(user: User, now: datetime, reason: str, message: str):
    accounts.record_failure(user, now, reason)
    raise ValidationFailed({"code": message})


def _check_lock(user: User, now: datetime) -> None:
    if accounts.is_locked(user, now):
        raise ValidationFailed({"code": accounts.locked_message(user.locked_until)})


def _totp_step(user: User, row: SecondFactor, code: str, now: datetime) -> int:
    """The accepted step of a 6-digit code, or a refusal (counted as a failed login)."""
    step = _matching_step(_secret(row), code, now) if len(code) == 6 and code.isdigit() else None
    if step is None:
        _refuse(user, now, "bad_totp", WRONG_CODE)
    if not _claim_step(row, step):
        _refuse(user, now, "replayed_totp", REPLAYED_CODE)
    return step


def _new_recovery_codes(user: User, now: datetime) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(current_app.config["RECOVERY_CODE_COUNT"]):
        raw = base64.b32encode(secrets.token_bytes(RECOVERY_CODE_BYTES)).decode()  # A-Z and 2-7: no 0/O, 1/I
        codes.append("-".join(raw[i:i + 4] for i in range(0, len(raw), 4)))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_code_hash(raw), created_at=now))
    return codes


def confirm_enrolment(user: User, code: str, *, session_token: str | None,
                      now: datetime | None = None) -> tuple[str | None, list[str]]:
    """The first correct code confirms the authenticator; returns the rotated session id and the recovery codes
    (shown once: only their hashes are kept)."""
    now = now or datetime.now(UTC)
    _require_staff(user)
    row = _pending(user)
    _check_lock(user, now)
    _totp_step(user, row, _normalise(code), now)
    row.confirmed_at = now
    codes = _new_recovery_codes(user, now)
    new_token = sessions.rotate(session_token, second_factor=True, now=now)
    accounts.clear_failures(user)
    audit.record(user, "account.second_factor_enrolled", user)
    db.session.commit()
    return new_token, codes


def verify_login(user: User, code: str, *, session_token: str | None,
                 now: datetime | None = None) -> tuple[str | None, int | None]:
    """Complete a login with a TOTP code or a recovery code. Returns the rotated session id and, when a recovery
    code was used, how many are left (else None)."""
    now = now or datetime.now(UTC)
    _require_staff(user)
    row = _factor(user.id)
    if row is None or row.confirmed_at is None:
        raise InvalidState(_l("Daftarkan verifikasi dua langkah terlebih dahulu."))
    _check_lock(user, now)
    code = _normalise(code)
    remaining = None
    if len(code) == 6 and code.isdigit():
        _totp_step(user, row, code, now)
        audit.record(user, "login.second_factor", user)
    else:
        used = db.session.execute(update(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _code_hash(code),
            RecoveryCode.used_at.is_(None)).values(used_at=now)).rowcount
        if used != 1:
            _refuse(user, now, "bad_recovery_code", USED_RECOVERY_CODE)
        remaining = recovery_codes_left(user)
        audit.record(user, "login.recovery_code_used", user, detail={"remaining": remaining})
        notifications.notify(user, _l("Sebuah kode pemulihan dipakai untuk masuk ke akun Anda; sisa %(count)s kode. "
                                      "Bila bukan Anda, segera hubungi admin Disnaker.",
                                      count=numbers.number(remaining)),
                             email_subject=_l("Kode pemulihan dipakai"))
    new_token = sessions.rotate(session_token, second_factor=True, now=now)
    accounts.clear_failures(user)
    db.session.commit()
    return new_token, remaining


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(select(func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def reset(actor: User, user_id: int, reason: str) -> User:
    """An admin removes another staff account's lost second factor: it enrols again at its next login."""
    access.require_role(actor, Role.ADMIN.value,
                        message=_l("Hanya admin yang dapat mengatur ulang verifikasi dua langkah."))
    target = db.session.get(User, user_id)
    if target is None:
        raise NotFound(_l("Akun tidak ditemukan."))
    if target.id == actor.id:
        raise InvalidState(_l("Anda tidak dapat mengatur ulang verifikasi dua langkah akun Anda sendiri; "
                              "mintalah admin lain."))
    if not required(target):
        raise InvalidState(_l("Hanya akun petugas dan admin yang memakai verifikasi dua langkah."))
    reason = " ".join((reason or "").split())
    if not REASON_MIN <= len(reason) <= REASON_MAX:
        raise ValidationFailed({"reason": _l("Tulis alasannya (%(min)s–%(max)s karakter) untuk catatan audit.",
                                             min=numbers.number(REASON_MIN), max=numbers.number(REASON_MAX))})
    if _factor(target.id) is None:
        raise InvalidState(_l(
            "Akun ini belum mendaftarkan verifikasi dua langkah; tidak ada yang perlu diatur ulang."))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == target.id))
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == target.id))
    target.session_version += 1
    sessions.end_all(target, "second_factor_reset")
    audit.record(actor, "account.second_factor_reset", target, detail={"reason": reason, "role": target.role})
    notifications.notify(target, _l("Verifikasi dua langkah akun Anda diatur ulang oleh admin Disnaker. Saat masuk "
                                    "berikutnya, daftarkan aplikasi autentikator lagi."),
                         email_subject=_l("Verifikasi dua langkah diatur ulang"))
    db.session.commit()
    return target
