"""Persons by NIK: one record per NIK, shared by every programme (link, never duplicate)."""

from flask_babel import lazy_gettext
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Person
from jobfair.rules.nik import NikError, ParsedNik, parse_nik
from jobfair.services.nik_store import decrypt_nik, encrypt_nik, nik_hmac


def parse_nik_field(raw: str, errors: dict, field: str = "nik") -> ParsedNik | None:
    """Validate a typed NIK; puts the reason (a lazy message: the reader's language) into errors[field] on failure."""
    try:
        return parse_nik(raw or "")
    except NikError as exc:
        errors[field] = lazy_gettext(exc.template, **exc.params)
        return None


def find_person(nik: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.nik_hmac == nik_hmac(nik)))


def get_or_create_person(parsed: ParsedNik, *, full_name: str, sex: str, birth_date) -> Person:
    """The person with this NIK, created in the current unit of work if new."""
    person = find_person(parsed.value)
    if person is None:
        person = Person(
            nik_encrypted=encrypt_nik(parsed.value),
            nik_hmac=nik_hmac(parsed.value),
            nik_last4=parsed.value[-4:],
            nik_region=parsed.value[:4],
            full_name=full_name.strip(),
            sex=sex,
            birth_date=birth_date,
        )
        db.session.add(person)
    return person


def reveal_nik(person: Person) -> str:
    """The clear NIK, for officers' detail pages only (callers audit the read)."""
    return decrypt_nik(person.nik_encrypted)
