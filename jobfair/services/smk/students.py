"""SMK students: enrolled by their school (BKK) or the office; guardian consent; login invitations.

A school sees only its own students (another school's student answers NotFound). Identity lives on the
shared Person (linked by NIK, never duplicated)."""

import hashlib
import secrets
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import false, or_, select

from jobfair.extensions import db
from jobfair.models import Person, Role, School, SmkMajor, Student, User
from jobfair.privacy_notices import MATCH_SHARING, OFFICE
from jobfair.rules.nik import normalize_nik
from jobfair.rules.student_rows import check_student_row, is_minor
from jobfair.services import access, audit, keyset
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.hiring.companies import PER_PAGE
from jobfair.services.nik_store import nik_hmac
from jobfair.services.people import get_or_create_person
from jobfair.services.privacy import consents
from jobfair.services.smk.schools import school_of
from jobfair.services.users.accounts import check_email, check_password, new_user

NOT_FOUND = _l("Siswa tidak ditemukan.")
INVALID_INVITATION = _l("Tautan aktivasi tidak berlaku atau sudah kedaluwarsa. Minta tautan baru kepada BKK sekolah "
                        "Anda.")
NIK_TAKEN = _l("NIK ini sudah terdaftar sebagai siswa (di sekolah ini atau sekolah lain).")


def majors() -> dict[str, str]:
    """SMK major code -> name, from the reference table."""
    return dict(db.session.execute(select(SmkMajor.code, SmkMajor.name).order_by(SmkMajor.code)).all())


def scope_of(actor) -> int | None:
    """The school id the actor is limited to; None for the office (every school)."""
    if access.is_office(actor):
        return None
    return school_of(actor).id


def _today(today: date | None) -> date:
    return today or date.today()


def check_against_database(values: dict) -> dict[str, str]:
    """Errors for a NISN or NIK already enrolled as a student."""
    errors: dict[str, str] = {}
    if "nisn" in values and db.session.scalar(select(Student.id).where(Student.nisn == values["nisn"])):
        errors["nisn"] = _l("NISN ini sudah terdaftar sebagai siswa. Periksa kembali NISN-nya.")
    if "nik" in values:
        taken = db.session.scalar(select(Student.id).join(Person, Student.person_id == Person.id)
                                  .where(Person.nik_hmac == nik_hmac(values["nik"].value)))
        if taken:
            errors["nik"] = NIK_TAKEN
    return errors


def add_student(values: dict, school_id: int) -> Student:
    """Build a student from validated values in the current unit of work (callers validate and commit)."""
    person = get_or_create_person(values["nik"], full_name=values["full_name"], sex=values["sex"],
                                  birth_date=values["birth_date"])
    db.session.flush()
    student = Student(school_id=school_id, person_id=person.id, nisn=values["nisn"], major_code=values["major_code"],
                      class_name=values["class_name"], report_score_x100=values["report_score_x100"],
                      expected_graduation=values["expected_graduation"], phone=values["phone"],
                      guardian_name=values["guardian_name"], guardian_phone=values["guardian_phone"])
    db.session.add(student)
    return student


def enrol_student(actor, *, school_id: int | None = None, today: date | None = None, **row) -> Student:
    """Enrol one student. School staff enrol into their own school; the office names the school.
    The returned student carries ``nik_warnings`` (declared data that disagrees with the NIK)."""
    scope = scope_of(actor)
    if scope is not None:
        school_id = scope
    elif school_id is None or db.session.get(School, school_id) is None:
        raise ValidationFailed({"school_id": _l("Pilih sekolah siswa ini.")})
    values, errors = check_student_row(row, majors=majors(), today=_today(today))
    if not errors:
        errors = check_against_database(values)
    if errors:
        raise ValidationFailed(errors)
    student = add_student(values, school_id)
    db.session.flush()
    audit.record(actor, "student.enrolled", student, detail={"school_id": school_id})
    db.session.commit()
    student.nik_warnings = values["warnings"]
    return student


def looks_like_nik(text: str) -> bool:
    """A search text that is a NIK (16 digits, spaces and dots allowed): it is looked up by its HMAC, and only
    when it came in a POST body (`nik=`), never from a URL."""
    nik = normalize_nik(" ".join((text or "").split())[:80])
    return len(nik) == 16 and nik.isascii() and nik.isdigit()


def list_students(actor, *, q: str = "", nik: str | None = None, page: int = 1, school_id: int | None = None,
                  per_page: int = PER_PAGE, after: str | None = None, before: str | None = None):
    """The actor's students (the office: every school's, or one's), by name, NISN, class or major (`q`), or by NIK
    (`nik`, looked up by its HMAC). A NIK given as `q` matches nothing: the web layer sends a NIK only from a POST
    form, so it never lands in an address, a browser history or a server log."""
    scope = scope_of(actor)
    query = select(Student).join(Person, Student.person_id == Person.id)
    if scope is not None:
        query = query.where(Student.school_id == scope)
    elif school_id:
        query = query.where(Student.school_id == school_id)
    q = " ".join((q or "").split())[:80]
    if nik is not None:
        query = query.where(Person.nik_hmac == nik_hmac(normalize_nik(nik)) if looks_like_nik(nik) else false())
    elif looks_like_nik(q):
        query = query.where(false())
    elif q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        query = query.where(or_(Person.full_name.ilike(like), Student.nisn.ilike(like),
                                Student.class_name.ilike(like), Student.major_code.ilike(like)))
    query = query.order_by(Person.full_name, Student.id)
    return keyset.paginate(query, after=after, before=before, page=page, per_page=per_page)


def get_student(actor, student_id: int) -> Student:
    scope = scope_of(actor)
    student = db.session.get(Student, student_id)
    if student is None or (scope is not None and student.school_id != scope):
        raise NotFound(NOT_FOUND)
    return student


def open_student(actor, student_id: int) -> Student:
    """A student's record as the school opens it (a minor's data, often): the read is audited (UU PDP)."""
    student = get_student(actor, student_id)
    audit.record_read(actor, "student.viewed", student, person_id=student.person_id)
    db.session.commit()
    return student


def needs_consent(student: Student, today: date | None = None) -> bool:
    today = _today(today)
    birth = student.person.birth_date
    return is_minor(birth, today) or is_minor(birth, student.expected_graduation)


def record_guardian_consent(actor, student_id: int, *, today: date | None = None) -> Student:
    """Record the guardian's written consent for a student under 18 (UU PDP, Permenaker 6/2020)."""
    student = get_student(actor, student_id)
    if student.guardian_consent_at is not None:
        raise InvalidState(_l("Persetujuan orang tua/wali siswa ini sudah tercatat."))
    if not needs_consent(student, today):
        raise InvalidState(_l("Siswa ini sudah berumur 18 tahun: persetujuan orang tua/wali tidak diperlukan."))
    if not (student.guardian_name and student.guardian_phone):
        raise ValidationFailed({"guardian_name": _l("Lengkapi nama dan nomor HP orang tua/wali sebelum mencatat "
                                                    "persetujuan.")})
    student.guardian_consent_at = datetime.now(UTC)
    student.guardian_consent_recorded_by_id = actor.id
    audit.record(actor, "student.guardian_consent_recorded", student)
    # The same consent in the per-purpose register (UU PDP): match sharing, given by the guardian on paper.
    consents.record(student, MATCH_SHARING, given=True, channel=OFFICE, actor=actor, by_guardian=True,
                    at=student.guardian_consent_at)
    db.session.commit()
    return student


def can_be_placed(student: Student, today: date | None = None) -> tuple[bool, object]:
    """Whether a student may be placed in training or an apprenticeship today, and if not, why (a lazy message)."""
    today = _today(today)
    if is_minor(student.person.birth_date, today) and student.guardian_consent_at is None:
        return False, _l("Siswa belum berumur 18 tahun dan persetujuan tertulis orang tua/wali belum dicatat oleh "
                         "sekolah.")
    return True, ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_student(actor, student_id: int, *, now: datetime | None = None) -> str:
    """A single-use activation token for the student's login (only its hash is stored)."""
    student = get_student(actor, student_id)
    if student.user_id is not None:
        raise InvalidState(_l("Siswa ini sudah memiliki akun."))
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    student.invitation_token_hash = _hash(token)
    student.invitation_expires_at = now + timedelta(days=current_app.config["STUDENT_INVITATION_DAYS"])
    audit.record(actor, "student.invited", student)
    db.session.commit()
    return token


def invitation(token: str, *, now: datetime | None = None) -> Student:
    """The student a valid, unexpired invitation belongs to; ValidationFailed otherwise."""
    now = now or datetime.now(UTC)
    if not token or len(token) > 100:
        raise ValidationFailed({"token": INVALID_INVITATION})
    student = db.session.scalar(select(Student).where(Student.invitation_token_hash == _hash(token)))
    if student is None or student.user_id is not None or student.invitation_expires_at is None \
            or student.invitation_expires_at <= now:
        raise ValidationFailed({"token": INVALID_INVITATION})
    return student


def activate_invitation(token: str, *, email: str, password: str, now: datetime | None = None) -> User:
    """Create the student's login from an invitation; the token works once."""
    student = invitation(token, now=now)
    errors: dict[str, str] = {}
    email = check_email(email, errors)
    check_password(password, errors, personal=(email, student.person.full_name, student.nisn))
    if errors:
        raise ValidationFailed(errors)
    person_free = db.session.scalar(select(User.id).where(User.person_id == student.person_id)) is None
    user = new_user(role=Role.STUDENT.value, email=email, password=password, full_name=student.person.full_name,
                    phone=student.phone or None, person_id=student.person_id if person_free else None)
    db.session.flush()
    student.user_id = user.id
    student.invitation_token_hash = None
    student.invitation_expires_at = None
    audit.record(user, "account.created", user, detail={"role": Role.STUDENT.value, "student_id": student.id})
    db.session.commit()
    return user


def student_or_none(actor) -> Student | None:
    if actor is None or actor.role != Role.STUDENT.value:
        return None
    return db.session.scalar(select(Student).where(Student.user_id == actor.id))


def student_of(actor) -> Student:
    """The student record of the acting student user."""
    access.require_role(actor, Role.STUDENT.value, message=_l("Hanya akun siswa yang dapat melakukan ini."))
    student = student_or_none(actor)
    if student is None:
        raise NotFound(_l("Akun ini belum terhubung ke data siswa. Hubungi BKK sekolah Anda."))
    return student
