"""A job seeker's own profile and CV (PDF, checked by content, stored under instance/ with a generated name)."""

import re
import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.utils import secure_filename

from jobfair.extensions import db
from jobfair.models import EducationLevel, Kelurahan, Role, SeekerProfile, User
from jobfair.rules import numbers
from jobfair.services import audit
from jobfair.services.access import require_role
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.reference import kecamatan_exists
from jobfair.services.users.accounts import check_phone

MARITAL_STATUSES = {"belum_kawin": _l("Belum kawin"), "kawin": _l("Kawin"), "cerai_hidup": _l("Cerai hidup"),
                    "cerai_mati": _l("Cerai mati")}
RELIGIONS = {"islam": _l("Islam"), "kristen": _l("Kristen"), "katolik": _l("Katolik"), "hindu": _l("Hindu"),
             "buddha": _l("Buddha"), "konghucu": _l("Konghucu"), "kepercayaan": _l("Kepercayaan terhadap Tuhan YME")}
_TAG = re.compile(r"[<>]")  # no HTML in plain-text fields
PDF_MAGIC = b"%PDF-"
PDF_EOF = b"%%EOF"
PDF_TAIL_BYTES = 1024
CV_SUBFOLDER = "cv"

# (field, max length) of the free-text fields
_TEXT_FIELDS = (
    ("birth_place", 80), ("address", 255), ("school_name", 160), ("major", 160), ("skills", 500),
    ("experience", 4000),
)
AK1_REQUIRED = {
    "address": _l("Isi alamat lengkap sesuai KTP atau surat domisili."),
    "kecamatan_code": _l("Pilih kecamatan tempat tinggal Anda."),
    "education_level": _l("Pilih pendidikan terakhir Anda."),
}
NO_HTML = _l("Jangan menulis tanda < atau > maupun kode HTML; tulis teks biasa saja.")
ONLY_SEEKERS = _l("Halaman ini hanya untuk pencari kerja.")
PROFILE_NOT_FOUND = _l("Profil pencari kerja tidak ditemukan.")


def _require_seeker(actor: User) -> None:
    require_role(actor, Role.SEEKER.value, message=ONLY_SEEKERS)


def get_profile(actor: User) -> SeekerProfile:
    _require_seeker(actor)
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == actor.id))
    if profile is None:
        raise NotFound(PROFILE_NOT_FOUND)
    return profile


def has_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def _clean_text(values: dict, errors: dict) -> dict:
    cleaned = {}
    for name, limit in _TEXT_FIELDS:
        text = (values.get(name) or "").strip()
        if has_html(text):
            errors[name] = NO_HTML
        elif len(text) > limit:
            errors[name] = _l("Terlalu panjang: paling banyak %(limit)s karakter.", limit=numbers.number(limit))
        cleaned[name] = text
    if cleaned.get("skills"):
        skills = [s.strip() for s in cleaned["skills"].split(",") if s.strip()]
        cleaned["skills"] = ", ".join(dict.fromkeys(skills))
    return cleaned


def update_profile(actor: User, *, birth_place: str, marital_status: str, religion: str, address: str,
                   kecamatan_code: str | None, kelurahan_code: str | None, education_level: str | None,
                   school_name: str, major: str, graduation_year: int | None, skills: str, experience: str,
                   experience_years: int | None, has_disability: bool, phone: str,
                   today: date | None = None) -> SeekerProfile:
    profile = get_profile(actor)
    today = today or date.today()
    errors: dict[str, str] = {}
    text = _clean_text(dict(birth_place=birth_place, address=address, school_name=school_name, major=major,
                            skills=skills, experience=experience), errors)
    if marital_status and marital_status not in MARITAL_STATUSES:
        errors["marital_status"] = _l("Pilih status perkawinan dari daftar.")
    if religion and religion not in RELIGIONS:
        errors["religion"] = _l("Pilih agama/kepercayaan dari daftar.")
    kecamatan_code = kecamatan_code or None
    kelurahan_code = kelurahan_code or None
    if kecamatan_code and not kecamatan_exists(kecamatan_code):
        errors["kecamatan_code"] = _l("Pilih kecamatan dari daftar.")
    if kelurahan_code:
        kelurahan = db.session.get(Kelurahan, kelurahan_code)
        if kelurahan is None:
            errors["kelurahan_code"] = _l("Pilih kelurahan dari daftar.")
        elif kelurahan.kecamatan_code != kecamatan_code:
            errors["kelurahan_code"] = _l("Kelurahan ini tidak berada di kecamatan yang dipilih: "
                                          "pilih kelurahan yang sesuai.")
    education_level = education_level or None
    if education_level and db.session.get(EducationLevel, education_level) is None:
        errors["education_level"] = _l("Pilih pendidikan terakhir dari daftar.")
    if graduation_year is not None and not 1950 <= graduation_year <= today.year + 1:
        errors["graduation_year"] = _l("Tahun lulus harus antara %(first)s dan %(last)s.", first="1950",
                                       last=str(today.year + 1))
    experience_years = experience_years or 0
    if not 0 <= experience_years <= 60:
        errors["experience_years"] = _l("Lama pengalaman kerja harus 0–60 tahun.")
    phone = check_phone(phone, errors)
    if errors:
        raise ValidationFailed(errors)
    for name, value in text.items():
        setattr(profile, name, value)
    profile.marital_status = marital_status or ""
    profile.religion = religion or ""
    profile.kecamatan_code = kecamatan_code
    profile.kelurahan_code = kelurahan_code
    profile.education_level = education_level
    profile.graduation_year = graduation_year
    profile.experience_years = experience_years
    profile.has_disability = bool(has_disability)
    profile.updated_at = datetime.now(UTC)
    actor.phone = phone
    audit.record(actor, "seeker.profile_updated", profile)
    db.session.commit()
    return profile


def missing_for_ak1(profile: SeekerProfile) -> dict[str, str]:
    """Fields still to fill before an AK/1 card can be requested (empty when complete)."""
    values = {"address": (profile.address or "").strip(), "kecamatan_code": profile.kecamatan_code,
              "education_level": profile.education_level}
    return {name: message for name, message in AK1_REQUIRED.items() if not values[name]}


def is_pdf(head: bytes, tail: bytes) -> bool:
    return head.startswith(PDF_MAGIC) and PDF_EOF in tail


def _cv_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / CV_SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_cv(actor: User, *, filename: str | None, stream) -> SeekerProfile:
    """Store a PDF CV (checked by its content, not its name) and replace the previous one."""
    profile = get_profile(actor)
    limit = current_app.config["CV_MAX_BYTES"]
    data = stream.read(limit + 1) if stream is not None else b""
    if not data:
        raise ValidationFailed({"cv": _l("Pilih berkas CV dalam format PDF.")})
    if len(data) > limit:
        raise ValidationFailed({"cv": _l("Berkas terlalu besar: paling besar %(size)s. Perkecil PDF Anda (misalnya "
                                         "simpan ulang dengan kualitas gambar lebih rendah).",
                                         size=numbers.with_unit(limit // (1024 * 1024), "MB"))})
    if not is_pdf(data[:8], data[-PDF_TAIL_BYTES:]):
        raise ValidationFailed({"cv": _l("Berkas ini bukan PDF yang utuh. Simpan CV Anda sebagai PDF lalu unggah "
                                         "lagi.")})
    folder = _cv_folder()
    storage_name = f"{secrets.token_hex(16)}.pdf"
    (folder / storage_name).write_bytes(data)
    old = profile.cv_storage_name
    original = secure_filename(filename or "")[:200] or "cv.pdf"
    profile.cv_storage_name = storage_name
    profile.cv_original_name = original
    profile.cv_uploaded_at = datetime.now(UTC)
    audit.record(actor, "seeker.cv_uploaded", profile, detail={"bytes": len(data)})
    try:
        db.session.commit()
    except Exception:
        (folder / storage_name).unlink(missing_ok=True)
        raise
    if old and old != storage_name:
        (folder / old).unlink(missing_ok=True)
    return profile


def cv_path(profile: SeekerProfile) -> Path | None:
    """Where this profile's CV file is, or None when there is none (for sending a CV to a company)."""
    if not profile.cv_storage_name:
        return None
    path = Path(current_app.config["UPLOAD_FOLDER"]) / CV_SUBFOLDER / profile.cv_storage_name
    return path if path.is_file() else None


def cv_download_name(profile: SeekerProfile) -> str:
    name = profile.cv_original_name or "cv.pdf"
    return name if name.lower().endswith(".pdf") else f"{name.rsplit('.', 1)[0] or 'cv'}.pdf"


def own_cv(actor: User) -> tuple[Path, str]:
    profile = get_profile(actor)
    path = cv_path(profile)
    if path is None:
        raise NotFound(_l("Anda belum mengunggah CV."))

    return path, cv_download_name(profile)
