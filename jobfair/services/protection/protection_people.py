"""People in the worker-protection register (UU PDP: officers only, every read of a record audited).

A person is recorded once by NIK: the Person shared with seekers and students is linked, never duplicated.
"""

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from jobfair.extensions import db
from jobfair.models import Kelurahan, Person, Worker, WorkerCategory
from jobfair.rules.nik import declared_mismatches
from jobfair.services import access, audit, keyset
from jobfair.services.errors import NotFound, ValidationFailed
from jobfair.services.people import find_person, get_or_create_person, parse_nik_field, reveal_nik
from jobfair.services.reference import kecamatan_exists
from jobfair.services.users.accounts import check_phone

PER_PAGE = 25
NOT_FOUND = _l("Data orang ini tidak ada di register perlindungan.")
WORKER_FIELDS = ("address", "kecamatan_code", "kelurahan_code", "phone", "category_code", "monthly_income",
                 "ktp_since", "has_disability", "disability_note", "is_elderly")
INCOME_MAX = 1_000_000_000


class AlreadyRegistered(ValidationFailed):
    """The NIK is already in the register; existing_worker_id lets the page link to that record."""

    def __init__(self, field_errors: dict[str, str], existing_worker_id: int):
        super().__init__(field_errors)
        self.existing_worker_id = existing_worker_id


ONLY_PROTECTION_OFFICERS = _l("Register perlindungan pekerja hanya untuk petugas Disnaker/Dinas Sosial.")


def require_protection_officer(actor) -> None:
    """An officer or an admin of the labour office, with the register's own message."""
    access.require_office(actor, message=ONLY_PROTECTION_OFFICERS)


def _check_person(errors: dict, full_name: str, sex: str, birth_date) -> str:
    full_name = (full_name or "").strip()
    if not 2 <= len(full_name) <= 120:
        errors["full_name"] = _l("Nama lengkap wajib diisi sesuai KTP (2–120 karakter).")
    if sex not in ("L", "P"):
        errors["sex"] = _l("Pilih jenis kelamin: laki-laki atau perempuan.")
    if not isinstance(birth_date, date):
        errors["birth_date"] = _l("Isi tanggal lahir sesuai KTP.")
    elif birth_date > date.today() or birth_date.year < 1900:
        errors["birth_date"] = _l("Tanggal lahir tidak mungkin; periksa kembali KTP.")
    return full_name


def _clean_worker(errors: dict, values: dict) -> dict:
    values = dict(values)
    values["address"] = (values.get("address") or "").strip()
    if len(values["address"]) > 255:
        errors["address"] = _l("Alamat paling panjang 255 karakter; singkatkan.")
    kecamatan, kelurahan = values.get("kecamatan_code") or None, values.get("kelurahan_code") or None
    if not kecamatan_exists(kecamatan):
        errors["kecamatan_code"] = _l("Pilih kecamatan alamat KTP dari daftar.")
    if kelurahan:
        row = db.session.get(Kelurahan, kelurahan)
        if row is None:
            errors["kelurahan_code"] = _l("Pilih kelurahan dari daftar.")
        elif kecamatan and row.kecamatan_code != kecamatan:
            errors["kelurahan_code"] = _l("Kelurahan %(name)s tidak berada di kecamatan yang dipilih; "
                                          "pilih kelurahan di kecamatan itu.", name=row.name)
    values["kecamatan_code"], values["kelurahan_code"] = kecamatan, kelurahan
    phone = (values.get("phone") or "").strip()
    values["phone"] = check_phone(phone, errors) if phone else ""
    category = values.get("category_code") or None
    if category is None or db.session.get(WorkerCategory, category) is None:
        errors["category_code"] = _l("Pilih kategori pekerjaan dari daftar.")
    values["category_code"] = category
    income = values.get("monthly_income")
    if isinstance(income, bool) or not isinstance(income, int) or not 0 <= income <= INCOME_MAX:
        errors["monthly_income"] = _l("Isi penghasilan sebulan dalam Rupiah, angka bulat 0 atau lebih "
                                      "(contoh 2500000).")
    ktp_since = values.get("ktp_since")
    if ktp_since is not None and (not isinstance(ktp_since, date) or ktp_since > date.today()):
        errors["ktp_since"] = _l("Tanggal mulai memegang KTP Balikpapan tidak boleh di masa depan.")
    values["has_disability"] = bool(values.get("has_disability"))
    note = (values.get("disability_note") or "").strip()
    if len(note) > 255:
        errors["disability_note"] = _l("Keterangan disabilitas paling panjang 255 karakter.")
    values["disability_note"] = note if values["has_disability"] else ""
    values["is_elderly"] = bool(values.get("is_elderly"))
    return values


def _existing_worker(person: Person | None) -> Worker | None:
    if person is None or person.id is None:
        return None
    return db.session.scalar(select(Worker).where(Worker.person_id == person.id))


def _already(worker: Worker) -> AlreadyRegistered:
    return AlreadyRegistered({"nik": _l("NIK ini sudah terdaftar di register perlindungan atas nama %(name)s. "
                                        "Buka data yang sudah ada dan ubah bila perlu; jangan didaftarkan dua kali.",
                                        name=worker.person.full_name)}, worker.id)


def register_worker(actor, *, nik: str, full_name: str, sex: str, birth_date, address: str = "",
                    kecamatan_code: str | None = None, kelurahan_code: str | None = None, phone: str = "",
                    category_code: str | None = None, monthly_income: int | None = 0, ktp_since=None,
                    has_disability: bool = False, disability_note: str = "", is_elderly: bool = False) -> Worker:
    """Record a person in the register. The same NIK already known as a seeker or student is linked."""
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    parsed = parse_nik_field(nik, errors)
    full_name = _check_person(errors, full_name, sex, birth_date)
    values = _clean_worker(errors, dict(
        address=address, kecamatan_code=kecamatan_code, kelurahan_code=kelurahan_code, phone=phone,
        category_code=category_code, monthly_income=monthly_income, ktp_since=ktp_since,
        has_disability=has_disability, disability_note=disability_note, is_elderly=is_elderly))
    person = find_person(parsed.value) if parsed else None
    existing = _existing_worker(person)
    if existing is not None:
        raise _already(existing)
    if errors:
        raise ValidationFailed(errors)
    warnings = declared_mismatches(parsed, sex=sex, birth_date=birth_date)
    linked = person is not None
    person = get_or_create_person(parsed, full_name=full_name, sex=sex, birth_date=birth_date)
    db.session.flush()
    worker = Worker(person_id=person.id, **values)
    db.session.add(worker)
    try:
        db.session.flush()
    except IntegrityError:  # the same NIK registered at the same moment by another officer
        db.session.rollback()
        raise ValidationFailed({"nik": _l("NIK ini baru saja didaftarkan petugas lain; cari NIK itu di register.")}) \
            from None
    audit.record(actor, "protection.person_registered", worker,
                 detail={"linked_existing_person": linked, "nik_warnings": len(warnings)})
    db.session.commit()
    worker.nik_warnings = warnings
    return worker


def update_worker(actor, worker_id: int, *, full_name: str, sex: str, birth_date, **fields) -> Worker:
    """Correct a person's record (the NIK never changes; register a new person for a different NIK)."""
    require_protection_officer(actor)
    unknown = set(fields) - set(WORKER_FIELDS)
    if unknown:
        raise TypeError(f"unknown worker fields: {sorted(unknown)}")
    worker = _get(worker_id)
    errors: dict[str, str] = {}
    full_name = _check_person(errors, full_name, sex, birth_date)
    values = _clean_worker(errors, {name: fields.get(name) for name in WORKER_FIELDS})
    if errors:
        raise ValidationFailed(errors)
    changed = sorted(name for name, value in values.items() if getattr(worker, name) != value)
    for name, value in values.items():
        setattr(worker, name, value)
    person = worker.person
    changed += [name for name, value in (("full_name", full_name), ("sex", sex), ("birth_date", birth_date))
                if getattr(person, name) != value]
    person.full_name, person.sex, person.birth_date = full_name, sex, birth_date
    worker.updated_at = datetime.now(UTC)
    audit.record(actor, "protection.person_updated", worker, detail={"fields": changed})
    db.session.commit()
    return worker


def _get(worker_id: int) -> Worker:
    worker = db.session.get(Worker, worker_id, options=[joinedload(Worker.person)])
    if worker is None:
        raise NotFound(NOT_FOUND)
    return worker


def get_worker(actor, worker_id: int, *, opened_for: str | None = None) -> Worker:
    """The record without the clear NIK (for forms). A form opened on it (``opened_for``: "edit", "enrol") still
    shows the person's address, phone, income and disability: that read is audited (UU PDP), without the NIK."""
    require_protection_officer(actor)
    worker = _get(worker_id)
    if opened_for is not None:
        audit.record_read(actor, "protection.person_opened", worker, person_id=worker.person_id,
                          detail={"page": opened_for})
        db.session.commit()
    return worker


def find_worker_by_nik(actor, nik: str) -> Worker | None:
    """Look a person up by NIK (HMAC); None when the NIK is valid but not in the register."""
    require_protection_officer(actor)
    errors: dict[str, str] = {}
    parsed = parse_nik_field(nik, errors)
    if parsed is None:
        raise ValidationFailed(errors)
    return _existing_worker(find_person(parsed.value))


def list_workers(actor, *, q: str | None = None, kecamatan: str | None = None, category: str | None = None,
                 page: int = 1, per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    """Workers by name, newest first; pages show the masked NIK only."""
    require_protection_officer(actor)
    query = select(Worker).join(Worker.person).options(joinedload(Worker.person), joinedload(Worker.kecamatan),
                                                       joinedload(Worker.category))
    q = (q or "").strip()[:120]
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Person.full_name.ilike(f"%{escaped}%", escape="\\"))
    if kecamatan:
        query = query.where(Worker.kecamatan_code == kecamatan)
    if category:
        query = query.where(Worker.category_code == category)
    query = query.order_by(Person.full_name, Worker.id)
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def worker_detail(actor, worker_id: int) -> tuple[Worker, str]:
    """One person's record with the clear NIK; the read is audited (UU PDP)."""
    require_protection_officer(actor)
    worker = _get(worker_id)
    nik = reveal_nik(worker.person)
    audit.record_read(actor, "protection.person_viewed", worker, person_id=worker.person_id)
    db.session.commit()
    return worker, nik
