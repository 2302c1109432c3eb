"""Self-registration of job seekers (with NIK) and companies (account + company record)."""

from collections.abc import Iterable
from datetime import date

from flask_babel import lazy_gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.models import Company, Person, Role, SeekerProfile, User
from jobfair.privacy_notices import WEB
from jobfair.rules.nik import ParsedNik, declared_mismatch_messages
from jobfair.services import audit
from jobfair.services.errors import ValidationFailed
from jobfair.services.people import get_or_create_person, parse_nik_field
from jobfair.services.privacy import consents as consent_service
from jobfair.services.reference import kecamatan_exists
from jobfair.services.users.accounts import age_on, check_email, check_password, check_phone, new_user

MIN_SEEKER_AGE = 18  # AK/1 card minimum age (Permenaker 39/2016)


def register_seeker(*, nik: str, full_name: str, sex: str, birth_date: date | None, email: str, phone: str,
                    password: str, consents: Iterable[str] = (), today: date | None = None) -> User:
    """Create a seeker account linked to the person with this NIK.

    A sex or birth date that disagrees with the NIK is refused beside the field (a typo in either is far more
    likely than an error in the NIK, and an account once made carries the wrong data onto the AK/1 card). Real NIKs
    do carry errors (DOMAIN.md): the way out is the office's own record. When an officer or a school has already
    registered this NIK (protection register, students) with the sex and birth date now declared — they saw the
    KTP and were warned about the NIK — those data are accepted.

    `consents` are the purposes the person ticked (privacy_notices); each self-service purpose of a seeker is
    recorded as given or refused, and a required one missing refuses the registration beside its checkbox."""
    today = today or date.today()
    errors: dict[str, str] = {}
    parsed = parse_nik_field(nik, errors)
    full_name = (full_name or "").strip()
    if len(full_name) < 2:
        errors["full_name"] = _l("Nama lengkap wajib diisi sesuai KTP.")
    if sex not in ("L", "P"):
        errors["sex"] = _l("Pilih jenis kelamin: Laki-laki atau Perempuan.")
    if birth_date is None:
        errors["birth_date"] = _l("Tanggal lahir wajib diisi.")
    elif birth_date > today or age_on(birth_date, today) < MIN_SEEKER_AGE:
        errors["birth_date"] = _l("Pendaftar pencari kerja minimal berusia %(age)s tahun.", age=MIN_SEEKER_AGE)
    email = check_email(email, errors)
    phone = check_phone(phone, errors)
    check_password(password, errors, personal=(email, full_name))
    consents = set(consents)
    errors.update(consent_service.missing_required(Role.SEEKER.value, consents))
    person = None
    if parsed is not None:
        person = get_or_create_person(parsed, full_name=full_name, sex=sex, birth_date=birth_date)
        if person.id is not None and _person_has_account(person.id):
            errors["nik"] = _l("NIK ini sudah terdaftar. Masuk dengan akun yang sudah ada, atau hubungi "
                               "Disnaker bila Anda tidak pernah mendaftar.")

        else:
            _check_against_nik(errors, parsed, person, sex=sex, birth_date=birth_date)
    if errors:
        db.session.rollback()
        raise ValidationFailed(errors)
    user = new_user(role=Role.SEEKER.value, email=email, password=password, full_name=full_name, phone=phone,
                    person=person)
    db.session.add(SeekerProfile(user=user, person=person))
    _flush_or_explain({"nik": "NIK atau e-mail ini baru saja didaftarkan. Masuk dengan akun tersebut."})
    audit.record(user, "account.created", user, detail={"role": Role.SEEKER.value})
    consent_service.record_answers(user, consents, channel=WEB)
    db.session.commit()
    return user


def _check_against_nik(errors: dict[str, str], parsed: ParsedNik, person: Person, *, sex: str,
                       birth_date: date | None) -> None:
    """Refuse a declared sex / birth date that disagrees with the NIK, unless the office's record of this person
    (an existing Person row) holds exactly the declared value."""
    found = declared_mismatch_messages(parsed, sex=None if "sex" in errors else sex,
                                       birth_date=None if "birth_date" in errors else birth_date)
    mismatches = {field: lazy_gettext(template, **params) for field, (template, params) in found.items()}
    recorded = {"sex": person.sex, "birth_date": person.birth_date} if person.id is not None else {}
    declared = {"sex": sex, "birth_date": birth_date}
    for field, message in mismatches.items():
        if field not in recorded or recorded[field] != declared[field]:
            errors[field] = message


def _flush_or_explain(field_errors: dict[str, str]) -> None:
    """A concurrent registration with the same NIK/NIB/e-mail loses on the unique constraints."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise ValidationFailed(field_errors) from exc


def _person_has_account(person_id: int) -> bool:
    return db.session.scalar(select(User.id).where(User.person_id == person_id)) is not None


def register_company(*, company_name: str, nib: str, kecamatan_code: str, address: str, contact_name: str,
                     phone: str, email: str, password: str) -> User:
    """Create a company record (awaiting verification) and its first HR account."""
    errors: dict[str, str] = {}
    company_name = (company_name or "").strip()
    if len(company_name) < 3:
        errors["company_name"] = _l("Nama perusahaan wajib diisi sesuai akta/NIB.")
    nib = (nib or "").strip().replace(" ", "")
    if not (len(nib) == 13 and nib.isascii() and nib.isdigit()):
        errors["nib"] = _l("NIB harus 13 angka, seperti tercantum pada Nomor Induk Berusaha dari OSS.")
    elif db.session.scalar(select(Company.id).where(Company.nib == nib)) is not None:
        errors["nib"] = _l("NIB ini sudah terdaftar. Minta rekan Anda yang sudah terdaftar menambahkan akun Anda.")
    if not kecamatan_exists(kecamatan_code):
        errors["kecamatan_code"] = _l("Pilih kecamatan lokasi perusahaan dari daftar.")
    if len((address or "").strip()) < 5:
        errors["address"] = _l("Alamat perusahaan wajib diisi (jalan, nomor, kelurahan).")
    if len((contact_name or "").strip()) < 2:
        errors["contact_name"] = _l("Nama penanggung jawab wajib diisi.")
    phone = check_phone(phone, errors)
    email = check_email(email, errors)
    check_password(password, errors, personal=(email, contact_name))
    if errors:
        raise ValidationFailed(errors)
    company = Company(name=company_name, nib=nib, kecamatan_code=kecamatan_code, address=address.strip(),
                      contact_name=contact_name.strip(), contact_phone=phone)
    db.session.add(company)
    user = new_user(role=Role.COMPANY.value, email=email, password=password, full_name=contact_name,
                    phone=phone, company=company)
    _flush_or_explain({"nib": "NIB atau e-mail ini baru saja didaftarkan. Periksa lalu coba lagi."})
    audit.record(user, "company.registered", company)
    audit.record(user, "account.created", user, detail={"role": Role.COMPANY.value})
    db.session.commit()
    return user
