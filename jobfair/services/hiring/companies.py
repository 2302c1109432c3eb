"""Companies: profile upkeep by the company, verification by the office."""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import Company, CompanyStatus, Role, User
from jobfair.services import access, audit, keyset, review_desk
from jobfair.services.errors import NotFound, PermissionDenied, ValidationFailed
from jobfair.services.notifications import notify
from jobfair.services.reference import kecamatan_exists
from jobfair.services.users.accounts import check_phone

WLKP_STATUSES = {"reported": "Sudah lapor WLKP", "not_reported": "Belum lapor WLKP", "unknown": "Tidak tahu"}
PER_PAGE = keyset.PER_PAGE
COMPANY_LINK = Link("companies.dashboard")
ONLY_COMPANIES = _l("Hanya akun perusahaan yang dapat melakukan ini.")



def company_of(actor) -> Company:
    """The company the acting HR user belongs to."""
    if not access.has_role(actor, Role.COMPANY.value) or actor.company is None:
        raise PermissionDenied(ONLY_COMPANIES)
    return actor.company


def own_object(actor, model, object_id: int, not_found, *, lock: bool = False):
    """The acting company's `model` row by id (locked FOR UPDATE when it is about to change); NotFound with the
    message `not_found` when there is none or it is another company's."""
    company = company_of(actor)
    found = db.session.get(model, object_id, with_for_update=lock)
    if found is None or found.company_id != company.id:
        raise NotFound(not_found)
    return found


def own_list(model):
    """The list service (keyset.listing) of the acting company's `model` rows, newest first."""
    def newest_first(actor):
        return (select(model).where(model.company_id == company_of(actor).id)
                .order_by(model.created_at.desc(), model.id.desc()))
    return keyset.listing(newest_first)


def _digits(value) -> str:
    return (value or "").strip().replace(" ", "").replace(".", "")


def update_profile(actor, *, name: str, kbli_code: str | None, address: str, kecamatan_code: str,
                   headcount: int | None, contact_name: str, contact_phone: str, wlkp_status: str) -> Company:
    """The company corrects its profile; a rejected company goes back to the verification queue."""
    company = company_of(actor)
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not 3 <= len(name) <= 160:
        errors["name"] = _l("Nama perusahaan wajib diisi (3–160 karakter) sesuai akta/NIB.")
    kbli = _digits(kbli_code)
    if kbli and not (len(kbli) == 5 and kbli.isascii() and kbli.isdigit()):
        errors["kbli_code"] = _l("Kode KBLI 2020 harus 5 angka (misalnya 49431), sesuai NIB dari OSS.")
    address = (address or "").strip()
    if not 5 <= len(address) <= 255:
        errors["address"] = _l("Alamat perusahaan wajib diisi (jalan, nomor, kelurahan).")
    if not kecamatan_exists(kecamatan_code):
        errors["kecamatan_code"] = _l("Pilih kecamatan lokasi perusahaan dari daftar.")
    if headcount is not None and (isinstance(headcount, bool) or not isinstance(headcount, int)
                                  or not 0 <= headcount <= 1_000_000):
        errors["headcount"] = _l("Jumlah karyawan diisi angka bulat 0 atau lebih, atau kosongkan.")
    contact_name = (contact_name or "").strip()
    if not 2 <= len(contact_name) <= 120:
        errors["contact_name"] = _l("Nama penanggung jawab wajib diisi.")
    phone = check_phone(contact_phone, errors, field="contact_phone")
    if wlkp_status not in WLKP_STATUSES:
        errors["wlkp_status"] = _l("Pilih status WLKP dari daftar.")
    if errors:
        raise ValidationFailed(errors)
    company.name, company.kbli_code, company.address = name, kbli or None, address
    company.kecamatan_code, company.headcount = kecamatan_code, headcount
    company.contact_name, company.contact_phone, company.wlkp_status = contact_name, phone, wlkp_status
    detail = {}
    if company.status == CompanyStatus.REJECTED.value:
        company.status = CompanyStatus.AWAITING_VERIFICATION.value
        detail["resubmitted"] = True
    audit.record(actor, "company.profile_updated", company, detail=detail)
    db.session.commit()
    return company


verification_queue = review_desk.queue(Company, CompanyStatus.AWAITING_VERIFICATION.value, Company.created_at)


def get_company(actor, company_id: int, *, lock: bool = False) -> Company:
    return access.office_object(actor, Company, company_id, _l("Perusahaan tidak ditemukan."), lock=lock)


def _awaiting(actor, company_id: int) -> Company:
    # Locked: two officers at once, one decides.
    return review_desk.still_in(get_company(actor, company_id, lock=True), CompanyStatus.AWAITING_VERIFICATION.value,
                                _l("Perusahaan ini tidak sedang menunggu verifikasi; mungkin sudah diputuskan "
                                   "petugas lain."))


def _notify_staff(company: Company, message) -> None:
    for user in db.session.scalars(select(User).where(User.company_id == company.id)):
        notify(user, message, link=COMPANY_LINK)


def verify(actor, company_id: int) -> Company:
    company = _awaiting(actor, company_id)
    company.status = CompanyStatus.VERIFIED.value
    company.rejection_reason = None
    company.verified_at = datetime.now(UTC)
    audit.record(actor, "company.verified", company)
    _notify_staff(company, _l("%(name)s sudah diverifikasi Disnaker. Lowongan Anda kini dapat diajukan untuk "
                              "tayang.", name=company.name))
    db.session.commit()
    return company


def reject(actor, company_id: int, reason: str) -> Company:
    company = _awaiting(actor, company_id)
    reason = review_desk.written_reason(reason, _l("Tulis alasan penolakan (minimal %(minimum)s karakter) agar "
                                                   "perusahaan dapat memperbaiki profilnya.", minimum=5))
    company.status = CompanyStatus.REJECTED.value
    company.rejection_reason = reason[:2000]
    audit.record(actor, "company.rejected", company, detail={"reason": company.rejection_reason})
    _notify_staff(company, _l("Verifikasi %(name)s ditolak: %(reason)s Perbaiki profil perusahaan; setelah "
                              "disimpan, profil kembali diperiksa.", name=company.name,
                              reason=company.rejection_reason))

    db.session.commit()
    return company
