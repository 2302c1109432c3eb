"""Personal API tokens: made and revoked by their owners, checked on every API call.

A company user makes tokens for the company's HR system (scopes on vacancies and applicants); an officer makes
tokens for the office's read-only exports. The clear token is returned once, by create_token; only its SHA-256
is stored. A token acts as the user who made it, so every service call through the API is that user's call:
the same ownership checks, quotas, validation and audit rows as the web pages.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import ApiToken, Role, User
from jobfair.rules import numbers
from jobfair.services import access, audit
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed

TOKEN_PREFIX = "jf_"
NAME_MAX = 80
MAX_ACTIVE_TOKENS = 10
LAST_USED_RESOLUTION = timedelta(minutes=1)  # last_used_at is written at most once a minute

COMPANY_SCOPES = {
    "vacancies:read": _l("Membaca lowongan perusahaan"),
    "vacancies:write": _l("Membuat draf, mengajukan dan menutup lowongan"),
    "applicants:read": _l("Membaca pelamar (tanpa NIK)"),
    "applicants:write": _l("Mengubah status lamaran"),
}
OFFICE_SCOPES = {
    "placements:read": _l("Ekspor laporan penempatan"),
    "decree:read": _l("Ekspor daftar SK kepesertaan BPJS Ketenagakerjaan (tanpa NIK)"),
}
NOT_FOUND = _l("Token API tidak ditemukan.")


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def kind_of(actor: User) -> str:
    if actor is not None and actor.role == Role.COMPANY.value and actor.company_id is not None:
        return "company"
    if access.is_office(actor):
        return "office"
    raise PermissionDenied(_l("Token API hanya untuk akun perusahaan dan petugas Disnaker."))


def scopes_for(actor: User) -> dict[str, str]:
    return COMPANY_SCOPES if kind_of(actor) == "company" else OFFICE_SCOPES


def _mine(actor: User):
    """The query of the tokens the actor may see and revoke: the company's, or the officer's own (admins: all
    office tokens)."""
    query = select(ApiToken)
    if kind_of(actor) == "company":
        return query.where(ApiToken.kind == "company", ApiToken.company_id == actor.company_id)
    query = query.where(ApiToken.kind == "office")
    return query if actor.role == Role.ADMIN.value else query.where(ApiToken.user_id == actor.id)


def tokens_of(actor: User) -> list[ApiToken]:
    return list(db.session.scalars(_mine(actor).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())))


def get_token(actor: User, token_id: int) -> ApiToken:
    token = db.session.scalar(_mine(actor).where(ApiToken.id == token_id))
    if token is None:
        raise NotFound(NOT_FOUND)
    return token


def create_token(actor: User, *, name: str, scopes) -> tuple[ApiToken, str]:
    """(token row, clear token). The clear token is not stored: show it once."""
    kind = kind_of(actor)
    allowed = scopes_for(actor)
    name = (name or "").strip()
    chosen = sorted(set(scopes or ()))
    problems = {}
    if not 1 <= len(name) <= NAME_MAX:
        problems["name"] = _l("Beri nama token (1–%(max)s karakter), misalnya nama sistem yang memakainya.",
                              max=numbers.number(NAME_MAX))
    if not chosen or set(chosen) - set(allowed):
        problems["scopes"] = _l("Pilih paling sedikit satu hak akses dari daftar.")
    active = [t for t in tokens_of(actor) if t.is_active]
    if len(active) >= MAX_ACTIVE_TOKENS:
        problems["name"] = _l("Paling banyak %(count)s token aktif; cabut token yang tidak dipakai dulu.",
                              count=numbers.number(MAX_ACTIVE_TOKENS))
    if problems:
        raise ValidationFailed(problems)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(token_hash=digest(raw), prefix=raw[:10], name=name, kind=kind, scopes=" ".join(chosen),
                     user_id=actor.id, company_id=actor.company_id if kind == "company" else None)
    db.session.add(token)
    db.session.flush()
    audit.record(actor, "api_token.created", token, detail={"scopes": chosen})
    db.session.commit()
    return token, raw


def revoke_token(actor: User, token_id: int) -> ApiToken:
    token = get_token(actor, token_id)
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        audit.record(actor, "api_token.revoked", token)
        db.session.commit()
    return token


def _still_entitled(token: ApiToken) -> bool:
    """The maker must still be an active account of the same kind (a company user moved or made an officer
    loses the company's tokens)."""
    user = token.user
    if user is None or not user.active:
        return False
    if token.kind == "company":
        return user.role == Role.COMPANY.value and user.company_id == token.company_id
    return access.is_office(user)


def authenticate(raw: str | None, *, now: datetime | None = None) -> ApiToken | None:
    """The active token for a presented bearer value, or None (unknown, revoked, or its maker no longer
    entitled)."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(raw)))
    if token is None or token.revoked_at is not None or not _still_entitled(token):
        return None
    now = now or datetime.now(UTC)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token
