"""SMK schools (with their BKK placement unit) and school staff accounts; kept by the office."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.models import Role, School, User
from jobfair.services import access, audit, keyset
from jobfair.services.errors import NotFound, ValidationFailed, require_found
from jobfair.services.hiring.companies import PER_PAGE
from jobfair.services.reference import kecamatan_exists
from jobfair.services.users.accounts import check_email, check_password, new_user

NOT_FOUND = _l("Sekolah tidak ditemukan.")


def school_of(actor) -> School:
    """The school the acting BKK staff user belongs to."""
    access.require_role(actor, Role.SCHOOL.value, message=_l("Hanya akun sekolah (BKK) yang dapat melakukan ini."))
    school = db.session.get(School, actor.school_id) if actor.school_id is not None else None
    if school is None:
        raise NotFound(_l("Akun ini belum terhubung ke sekolah. Hubungi Disnaker Balikpapan."))
    return school


def _clean(*, name, npsn, address, kecamatan_code, bkk_number, school_id: int | None = None) -> dict:
    errors: dict[str, str] = {}
    values = dict(name=" ".join((name or "").split()), npsn=(npsn or "").strip().replace(" ", ""),
                  address=(address or "").strip(), kecamatan_code=(kecamatan_code or "").strip() or None,
                  bkk_number=(bkk_number or "").strip())
    if not values["name"]:
        errors["name"] = _l("Nama sekolah wajib diisi, misalnya SMK Negeri 1 Balikpapan.")
    elif len(values["name"]) > 160:
        errors["name"] = _l("Nama sekolah paling banyak 160 karakter.")
    npsn = values["npsn"]
    if not (npsn.isascii() and npsn.isdigit()):
        errors["npsn"] = _l("NPSN hanya berisi angka: tulis 8 angka NPSN dari Dapodik.")
    elif len(npsn) != 8:
        errors["npsn"] = _l("NPSN harus tepat 8 angka; yang diisi %(count)s angka.", count=len(npsn))
    else:
        other = db.session.scalar(select(School.id).where(School.npsn == npsn))
        if other is not None and other != school_id:
            errors["npsn"] = _l("NPSN ini sudah terdaftar untuk sekolah lain. Periksa kembali NPSN-nya.")
    if len(values["address"]) > 255:
        errors["address"] = _l("Alamat paling banyak 255 karakter.")
    if values["kecamatan_code"] is not None and not kecamatan_exists(values["kecamatan_code"]):
        errors["kecamatan_code"] = _l("Pilih kecamatan dari daftar.")
    if len(values["bkk_number"]) > 64:
        errors["bkk_number"] = _l("Nomor registrasi BKK paling banyak 64 karakter.")
    if errors:
        raise ValidationFailed(errors)
    return values


def create_school(actor, *, name: str, npsn: str, address: str = "", kecamatan_code: str | None = None,
                  bkk_number: str = "") -> School:
    access.require_office(actor)
    school = School(**_clean(name=name, npsn=npsn, address=address, kecamatan_code=kecamatan_code,
                             bkk_number=bkk_number))
    db.session.add(school)
    db.session.flush()
    audit.record(actor, "school.created", school, detail={"npsn": school.npsn})
    db.session.commit()
    return school


def get_school(actor, school_id: int) -> School:
    access.require_office(actor)
    return require_found(db.session.get(School, school_id), NOT_FOUND)


def update_school(actor, school_id: int, *, name: str, npsn: str, address: str = "",
                  kecamatan_code: str | None = None, bkk_number: str = "") -> School:
    school = get_school(actor, school_id)
    values = _clean(name=name, npsn=npsn, address=address, kecamatan_code=kecamatan_code, bkk_number=bkk_number,
                    school_id=school.id)
    for key, value in values.items():
        setattr(school, key, value)
    audit.record(actor, "school.updated", school)
    db.session.commit()
    return school


def list_schools(actor, page: int = 1, per_page: int = PER_PAGE, *, after: str | None = None,
                 before: str | None = None):
    access.require_office(actor)
    return keyset.paginate(select(School).order_by(School.name, School.id), after=after, before=before, page=page,
                           per_page=per_page)


def staff_of(actor, school_id: int) -> list[User]:
    school = get_school(actor, school_id)
    return list(db.session.scalars(select(User).where(User.school_id == school.id).order_by(User.full_name)))


def create_school_staff(actor, school_id: int, *, full_name: str, email: str, password: str) -> User:
    """A BKK staff account (role school) for one school."""
    school = get_school(actor, school_id)
    errors: dict[str, str] = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = _l("Nama lengkap petugas BKK wajib diisi.")
    elif len(full_name) > 120:
        errors["full_name"] = _l("Nama lengkap paling banyak 120 karakter.")
    email = check_email(email, errors)
    check_password(password, errors, personal=(email, full_name))
    if errors:
        raise ValidationFailed(errors)
    user = new_user(role=Role.SCHOOL.value, email=email, password=password, full_name=full_name,
                    school_id=school.id)
    db.session.flush()
    audit.record(actor, "account.created", user, detail={"role": Role.SCHOOL.value, "school_id": school.id})
    db.session.commit()
    return user


def staff_counts(actor) -> dict[int, int]:
    """School id -> number of BKK staff accounts, for the office's list of schools."""
    access.require_office(actor)
    rows = db.session.execute(select(User.school_id, func.count()).where(User.school_id.is_not(None))
                              .group_by(User.school_id))
    return {school_id: count for school_id, count in rows}


def school_choices(actor) -> list[tuple[int, str]]:
    access.require_office(actor)
    return [(s.id, s.name) for s in db.session.scalars(select(School).order_by(School.name))]
