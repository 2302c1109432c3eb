"""Demo SMK students, shared by the August 2025 programme (demo/smk.py) and the cohort graduating in the coming
months (demo/cohort.py): the enrolment form of a student, the schools enrolling them (the first school types them
in, the others import a CSV), the guardian's consent or the sharing notice, and the record-only logins.
"""

import csv
import io
import random
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from jobfair.demo.consents import record_student_sharing
from jobfair.demo.people import FIRST_NAMES, LAST_NAMES
from jobfair.extensions import db
from jobfair.models import Role, School, Student, User
from jobfair.rules.nik import FEMALE_DAY_OFFSET, parse_nik
from jobfair.rules.student_rows import COLUMNS
from jobfair.services import audit
from jobfair.services.smk import student_import, students

WOMEN_MAJORS = ("PH", "AKL", "MPLB", "KUL")      # majors where most of the class are women


def student_sex(major: str, rng: random.Random) -> str:
    share = 0.8 if major in WOMEN_MAJORS else 0.25  # women in the class
    return "P" if rng.random() < share else "L"


def student_form(n: int, *, sex: str, birth: date, major: str, kecamatan: str, serial: int, nisn: str,
                 score_x100: int, graduation: date, phone: int, today: date, rng: random.Random) -> dict:
    """The enrolment form of demo student n: a Balikpapan NIK (`serial`) that agrees with the declared sex and
    birth date, a guardian for every student; `phone` numbers the student's and the guardian's phones."""
    day = birth.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    nik = f"{kecamatan}{day:02d}{birth:%m}{birth.year % 100:02d}{serial:04d}"
    parse_nik(nik, today=today)  # the rules check it like a typed NIK (raises on a bad one)
    last = rng.choice(LAST_NAMES)
    return dict(nisn=nisn, full_name=f"{rng.choice(FIRST_NAMES[sex])} {last}", nik=nik, birth_date=birth.isoformat(),
                sex=sex, major=major, class_name=f"XII {major} {1 + n % 2}",
                report_score=f"{score_x100 // 100},{score_x100 % 100:02d}", expected_graduation=graduation.isoformat(),
                phone=f"0852{phone:08d}", guardian_name=f"{rng.choice(FIRST_NAMES['L'])} {last}",
                guardian_phone=f"0853{phone:08d}")


def students_csv(rows: list[dict]) -> bytes:
    """A school's upload: the import template's headers, semicolon-separated like a CSV saved by Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([student_import.LABELS[key] for key in COLUMNS])
    writer.writerows([row[key] for key in COLUMNS] for row in rows)
    return out.getvalue().encode("utf-8")


def enrol_at_schools(school_staff: list[tuple[int, int]], count: int, form: Callable[[int, str], dict], *,
                     today: date, filename: Callable[[int], str]) -> None:
    """Students 0..count-1 dealt out over the schools: `form(n, kecamatan of the school)` is student n's form.
    The first school's BKK enrols its students one by one, the others import a CSV file (`filename(school n)`)."""
    for index, (school_id, staff_id) in enumerate(school_staff):
        staff = db.session.get(User, staff_id)
        kecamatan = db.session.get(School, school_id).kecamatan_code
        rows = [form(n, kecamatan) for n in range(index, count, len(school_staff))]
        if index == 0:
            for row in rows:
                students.enrol_student(staff, today=today, **row)
            continue
        result = student_import.import_students(staff, filename=filename(index + 1),
                                                stream=io.BytesIO(students_csv(rows)), today=today)
        if not result.ok:  # pragma: no cover - the demo rows are valid
            raise RuntimeError(f"demo import refused: {result.errors[:3]}")


def record_consents(school_staff: list[tuple[int, int]], pupils: list[Student], today: date) -> int:
    """Each school records the guardian's consent for its minors (the others get the sharing notice) and commits.
    Returns the number of consents."""
    consents = 0
    staff_of = dict(school_staff)
    for student in pupils:
        staff = db.session.get(User, staff_of[student.school_id])
        if students.needs_consent(student, today) and student.guardian_consent_at is None:
            students.record_guardian_consent(staff, student.id, today=today)
            consents += 1
        else:
            record_student_sharing(staff, student, typed=student.school_id == school_staff[0][0])
    db.session.commit()
    return consents


def record_account(actor, *, role: str, email: str, full_name: str, phone: str | None, password_hash: str,
                    **links) -> User:
    """An account that is a record, not a login: the rows schools.create_school_staff, students.activate_invitation
    and registration.register_company write, but deactivated with the shared record-only hash (no argon2 round,
    no e-mail: notify skips inactive accounts)."""
    user = User(role=role, email=email, password_hash=password_hash, full_name=full_name, phone=phone, active=False,
                failed_login_count=0, session_version=1, **links)
    db.session.add(user)
    db.session.flush()
    audit.record(actor or user, "account.created", user, detail={"role": role, "demo": True, "active": False})
    return user


def student_login(student: Student, email: str, password_hash: str) -> User:
    """The student's record-only account (linked to their person unless another account holds it), committed."""
    person_free = db.session.scalar(select(User.id).where(User.person_id == student.person_id)) is None
    user = record_account(None, role=Role.STUDENT.value, email=email, full_name=student.person.full_name,
                          phone=student.phone or None, password_hash=password_hash,
                          person_id=student.person_id if person_free else None)
    student.user_id = user.id
    db.session.commit()
    return user
