"""Small factories that create data through the services (never raw SQL)."""

import itertools
from datetime import date

from jobfair.models import User
from jobfair.services.users import accounts, registration

PASSWORD = "Balikpapan-2025-kerja"
# Every purpose a seeker is asked at registration (privacy_notices), ticked.
SEEKER_CONSENTS = ("placement", "cv_sharing", "ak1", "email")
_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def valid_nik(*, serial: int | None = None, female: bool = False, birth: date = date(1995, 3, 7),
              regency: str = "6471", district: str = "01") -> str:
    """A structurally valid NIK (Balikpapan by default) with a unique serial."""
    day = birth.day + (40 if female else 0)
    serial = serial if serial is not None else next(_counter) % 9999 + 1
    return f"{regency}{district}{day:02d}{birth:%m%y}{serial:04d}"


def make_seeker(**overrides) -> User:
    """A seeker registered through the service; with nik= only, the sex and birth date are the NIK's (registration
    refuses data that disagree with the NIK)."""
    from jobfair.rules.nik import parse_nik

    n = next(_counter)
    if "nik" in overrides:
        parsed = parse_nik(overrides["nik"])
        overrides.setdefault("sex", parsed.sex)
        overrides.setdefault("birth_date", parsed.birth_date)
    birth = overrides.pop("birth_date", date(1995, 3, 7))
    female = overrides.get("sex", "L") == "P"
    fields = dict(nik=valid_nik(serial=n % 9999 + 1, birth=birth, female=female), full_name=f"Pencari Kerja {n}",
                  sex="L", birth_date=birth, email=f"seeker{n}@example.id", phone=f"0812{n:08d}", password=PASSWORD,
                  consents=SEEKER_CONSENTS)
    fields.update(overrides)
    return registration.register_seeker(**fields)


def make_company_user(**overrides) -> User:
    n = next(_counter)
    fields = dict(company_name=f"PT Contoh {n}", nib=f"{n:013d}", kecamatan_code="647101",
                  address="Jl. Jenderal Sudirman No. 1", contact_name=f"HR Contoh {n}", phone=f"0813{n:08d}",
                  email=f"hr{n}@example.id", password=PASSWORD)
    fields.update(overrides)
    return registration.register_company(**fields)


def make_user(role: str, **overrides) -> User:
    """A user of any role, made the way that role is made in the product."""
    if role == "seeker":
        return make_seeker(**overrides)
    if role == "company":
        return make_company_user(**overrides)
    n = next(_counter)
    email = overrides.pop("email", f"{role}{n}@example.id")
    if role in accounts.STAFF_ROLES:
        return accounts.create_user(None, role=role, email=email, full_name=f"Petugas {n}", password=PASSWORD)
    from jobfair.extensions import db

    user = accounts.new_user(role=role, email=email, password=PASSWORD, full_name=f"Pengguna {n}")
    db.session.commit()
    return user


# --- companies & vacancies (helper A) ---
def make_officer() -> User:
    return make_user("officer")


def verified_company_user(officer: User | None = None, **overrides) -> User:
    """A company HR user whose company an officer has verified."""
    from jobfair.services.hiring import companies

    user = make_company_user(**overrides)
    companies.verify(officer or make_officer(), user.company_id)
    return user


def vacancy_fields(**overrides) -> dict:
    from datetime import timedelta

    today = date.today()
    fields = dict(title="Operator Alat Berat", description="Mengoperasikan ekskavator di proyek Balikpapan.",
                  openings=3, valid_from=today, valid_until=today + timedelta(days=30), education_min="SMA",
                  majors="Teknik Alat Berat", skills="ekskavator, K3", experience_years=1, age_min=20, age_max=40,
                  wage_min=3_701_508, wage_max=5_000_000, kecamatan_code="647103", employment_type="contract",
                  disability_friendly=False)
    fields.update(overrides)
    return fields


def make_vacancy(company_user: User, *, officer: User | None = None, publish: bool = True, **overrides):
    """A vacancy made through the services; published by an officer unless publish=False (then a draft)."""
    from jobfair.services.hiring import vacancies

    vacancy = vacancies.create_draft(company_user, **vacancy_fields(**overrides))
    if publish:
        vacancies.submit(company_user, vacancy.id)
        vacancies.publish(officer or make_officer(), vacancy.id)
    return vacancy


# --- fairs (helper D) ---
def fair_verified_company(**overrides) -> User:
    """A company user whose company is verified (set directly: independent of the verification desk)."""
    from jobfair.extensions import db
    from jobfair.models import CompanyStatus

    user = make_company_user(**overrides)
    user.company.status = CompanyStatus.VERIFIED.value
    db.session.commit()
    return user


def make_fair(officer: User | None = None, **overrides):
    from datetime import timedelta

    from jobfair.services.hiring import fairs

    start = date.today() + timedelta(days=10)
    fields = dict(name="Job Fair Balikpapan", starts_on=start, ends_on=start + timedelta(days=1),
                  venue="BSCC Dome", description="", booth_count=10, capacity=100)
    fields.update(overrides)
    return fairs.create_fair(officer or make_user("officer"), **fields)


def fair_vacancy(company_user: User, *, fair=None, status: str = "published", **overrides):
    """A vacancy row written with the ORM (the vacancy services belong to another area)."""
    from datetime import timedelta

    from jobfair.extensions import db
    from jobfair.models import Vacancy

    fields = dict(company_id=company_user.company_id, job_fair_id=getattr(fair, "id", None), title="Operator Forklift",
                  openings=2, hired_count=0, valid_from=date.today(), valid_until=date.today() + timedelta(days=30),
                  kecamatan_code="647103", status=status, employment_type="contract")
    fields.update(overrides)
    vacancy = Vacancy(**fields)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def fair_application(vacancy, seeker_user: User, *, status: str = "submitted", placement: str | None = None):
    """An application (and optionally a placement with that status) written with the ORM."""
    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import Application, Placement, SeekerProfile

    seeker = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == seeker_user.id))
    application = Application(vacancy_id=vacancy.id, seeker_id=seeker.id, status=status)
    db.session.add(application)
    db.session.flush()
    if placement:
        db.session.add(Placement(application_id=application.id, start_date=date.today(), contract_type="PKWT",
                                 wage=3_701_508, status=placement))
    db.session.commit()
    return application


# --- applications (helper C) ---
TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def application_company(**overrides) -> User:
    """A company user whose company is verified (set with the ORM: independent of the verification desk)."""
    from jobfair.extensions import db
    from jobfair.models import CompanyStatus

    user = make_company_user(**overrides)
    user.company.status = CompanyStatus.VERIFIED.value
    db.session.commit()
    return user


def published_vacancy(company_user: User | None = None, **fields):
    """A published vacancy of a verified company, open today (written with the ORM)."""
    from datetime import UTC, datetime, timedelta

    from jobfair.extensions import db
    from jobfair.models import Vacancy

    company_user = company_user or application_company()
    values = dict(company_id=company_user.company_id, title="Juru Las", description="Pengelasan pipa di bengkel.",
                  openings=2, hired_count=0, valid_from=date.today() - timedelta(days=1),
                  valid_until=date.today() + timedelta(days=30), education_min="SMA", majors="Teknik Pengelasan",
                  skills="las listrik, K3", kecamatan_code="647103", employment_type="contract", status="published",
                  published_at=datetime.now(UTC), wage_min=3_701_508, wage_max=4_500_000)
    values.update(fields)
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def seeker_with_cv(*, cv: bool = True, **profile_fields) -> User:
    """A seeker with a filled profile and (unless cv=False) a tiny valid PDF CV in the upload folder."""
    import uuid
    from datetime import UTC, datetime
    from pathlib import Path

    from flask import current_app
    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import SeekerProfile

    user = make_seeker()
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
    values = dict(education_level="SMK", major="Teknik Pengelasan", skills="Las listrik, mengemudi",
                  kecamatan_code="647103")
    values.update(profile_fields)
    for key, value in values.items():
        setattr(profile, key, value)
    if cv:
        folder = Path(current_app.config["UPLOAD_FOLDER"]) / "cv"
        folder.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex + ".pdf"
        (folder / name).write_bytes(TINY_PDF)
        profile.cv_storage_name, profile.cv_original_name = name, "cv-saya.pdf"
        profile.cv_uploaded_at = datetime.now(UTC)
    db.session.commit()
    return user


# --- seekers & AK/1 (helper B) ---
def tiny_pdf(extra: bytes = b"") -> bytes:
    """A minimal valid one-page PDF built in code (xref offsets computed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    out += extra
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def complete_profile(user: User, **overrides):
    """Fill the seeker's profile enough for an AK/1 request (through the service)."""
    from jobfair.services.hiring import seeker_profiles

    fields = dict(birth_place="Balikpapan", marital_status="belum_kawin", religion="islam",
                  address="Jl. Mulawarman No. 10 RT 05", kecamatan_code="647101", kelurahan_code="6471011001",
                  education_level="SMK", school_name="SMK Negeri 1 Balikpapan", major="Teknik Pengelasan",
                  graduation_year=2015, skills="las listrik, K3", experience="Juru las 3 tahun",
                  experience_years=3, has_disability=False, phone=user.phone or "081200000000")
    fields.update(overrides)
    return seeker_profiles.update_profile(user, **fields)


def issued_card(seeker: User, officer: User | None = None, today: date = date(2026, 1, 15)):
    """A seeker with a complete profile and an AK/1 card issued on `today`."""
    from jobfair.services.hiring import ak1

    complete_profile(seeker)
    card = ak1.request_card(seeker, today=today)
    return ak1.issue(officer or make_user("officer"), card.id, today=today)


# --- apprenticeships (helper J2) ---
def appr_school(**overrides):
    """A school written with the ORM (independent of the schools area)."""
    from jobfair.extensions import db
    from jobfair.models import School

    n = next(_counter)
    fields = dict(name=f"SMK Negeri {n} Balikpapan", npsn=f"{n % 10**8:08d}", address="Jl. Soekarno Hatta")
    fields.update(overrides)
    school = School(**fields)
    db.session.add(school)
    db.session.commit()
    return school


def appr_student(school=None, *, with_login: bool = True, **overrides):
    """A student (Person via services.people, Student via the ORM) with a student login unless with_login=False."""
    from jobfair.extensions import db
    from jobfair.models import Student
    from jobfair.services import people

    school = school or appr_school()
    n = next(_counter)
    birth = date(2007, 5, 9)
    errors: dict = {}
    parsed = people.parse_nik_field(valid_nik(serial=n % 9999 + 1, birth=birth), errors)
    assert parsed is not None, errors
    person = people.get_or_create_person(parsed, full_name=f"Siswa Magang {n}", sex="L", birth_date=birth)
    db.session.flush()
    user_id = None
    if with_login:
        user = accounts.new_user(role="student", email=f"siswa{n}@example.id", password=PASSWORD,
                                 full_name=person.full_name)
        db.session.flush()
        user_id = user.id
    fields = dict(school_id=school.id, person_id=person.id, nisn=f"{n % 10**10:010d}", major_code="TPL",
                  class_name="XII TPL 1", report_score_x100=8500, expected_graduation=date(2026, 5, 30),
                  user_id=user_id)
    fields.update(overrides)
    student = Student(**fields)
    db.session.add(student)
    db.session.commit()
    return student


def appr_place(company_user: User | None = None, **overrides):
    """An approved apprenticeship place of a verified company (ORM)."""
    from datetime import timedelta

    from jobfair.extensions import db
    from jobfair.models import ApprenticeshipPlace

    company_user = company_user or application_company()
    start = date.today() - timedelta(days=21)
    fields = dict(company_id=company_user.company_id, title="Juru Las Pipa", eligible_majors="TPL", places=3,
                  filled_count=0, starts_on=start, ends_on=start + timedelta(days=90),
                  mentor_user_id=company_user.id, mentor_name=company_user.full_name, allowance_transport=500_000,
                  allowance_meals=400_000, allowance_incentive=300_000, location="Bengkel Kariangau, Balikpapan Barat",
                  status="approved")
    fields.update(overrides)
    place = ApprenticeshipPlace(**fields)
    db.session.add(place)
    db.session.commit()
    return place


def make_apprenticeship(student=None, place=None, *, status: str = "agreement", **overrides):
    """An apprenticeship row as a published match creates it (ORM); returns it."""
    from jobfair.extensions import db
    from jobfair.models import Apprenticeship

    student = student or appr_student()
    place = place or appr_place()
    n = next(_counter)
    fields = dict(student_id=student.id, place_id=place.id, status=status, agreement_number=f"PKS/MAG/T/{n:06d}")
    fields.update(overrides)
    appr = Apprenticeship(**fields)
    db.session.add(appr)
    db.session.commit()
    return appr


# --- schools & students (helper G) ---
def make_school(officer: User | None = None, **overrides):
    """An SMK school made by an officer through the service (unique 8-digit NPSN)."""
    from jobfair.services.smk import schools

    n = next(_counter)
    fields = dict(name=f"SMK Negeri {n} Balikpapan", npsn=f"{30_000_000 + n:08d}", address="Jl. Soekarno-Hatta Km 5",
                  kecamatan_code="647103", bkk_number=f"BKK/{n:03d}/2025")
    fields.update(overrides)
    return schools.create_school(officer or make_user("officer"), **fields)


def make_school_staff(school=None, **overrides) -> User:
    """A BKK staff user (role school) of `school` (a new school when None)."""
    from jobfair.services.smk import schools

    officer = make_user("officer")
    school = school or make_school(officer)
    n = next(_counter)
    fields = dict(full_name=f"Staf BKK {n}", email=f"bkk{n}@example.id", password=PASSWORD)
    fields.update(overrides)
    return schools.create_school_staff(officer, school.id, **fields)


def student_row(**overrides) -> dict:
    """The fields of one valid, adult (19 years old today) student; pass birth_date= for another age."""
    from datetime import timedelta

    n = next(_counter)
    today = date.today()
    birth = overrides.pop("birth_date", date(today.year - 19, 3, 7))
    female = overrides.get("sex", "L") == "P"
    letters = "".join("abcdefghij"[int(d)] for d in str(n))
    nik = valid_nik(serial=n % 9999 + 1, birth=birth, female=female)
    fields = dict(nisn=f"{n:010d}", full_name=f"Siswa {letters.capitalize()}", nik=nik,
                  birth_date=birth.isoformat(), sex="L", major="TKJ", class_name="XII TKJ 1", report_score="85,5",
                  expected_graduation=(today + timedelta(days=120)).isoformat(), phone=f"0812{n:08d}",
                  guardian_name="Budi Santoso", guardian_phone=f"0813{n:08d}")
    fields.update(overrides)
    return fields


def make_student(school=None, *, login: bool = False, consent: bool = False, **overrides):
    """A student enrolled by an officer (adult, graduating in 120 days, major TKJ unless overridden).
    login=True also activates the student's login (student.user); consent=True records guardian consent."""
    from jobfair.services.smk import students

    officer = make_user("officer")
    school = school or make_school(officer)
    student = students.enrol_student(officer, school_id=school.id, **student_row(**overrides))
    if consent:
        students.record_guardian_consent(officer, student.id)
    if login:
        token = students.invite_student(officer, student.id)
        students.activate_invitation(token, email=f"siswa{student.nisn}@example.id", password=PASSWORD)
    return student


# --- training (helper H) ---
def training_school(**overrides):
    """An SMK school row (ORM; the schools services belong to another area)."""
    from jobfair.extensions import db
    from jobfair.models import School

    n = next(_counter)
    fields = dict(name=f"SMK Negeri {n} Balikpapan", npsn=f"{30400000 + n:08d}", address="Jl. Pupuk Raya",
                  kecamatan_code="647101", bkk_number=f"BKK/{n}")
    fields.update(overrides)
    school = School(**fields)
    db.session.add(school)
    db.session.commit()
    return school


def training_school_staff(school=None) -> User:
    """A school (BKK) staff user linked to a school."""
    from jobfair.extensions import db

    school = school or training_school()
    n = next(_counter)
    user = accounts.new_user(role="school", email=f"bkk{n}@example.id", password=PASSWORD, full_name=f"Staf BKK {n}",
                             school_id=school.id)
    db.session.commit()
    return user


def training_student(school=None, *, with_user: bool = False, **overrides):
    """A final-year student (Person through services.people, Student row with the ORM); with_user adds a login."""
    from datetime import timedelta

    from jobfair.extensions import db
    from jobfair.models import Student
    from jobfair.rules.nik import parse_nik
    from jobfair.services import people

    school = school or training_school()
    n = next(_counter)
    birth = overrides.pop("birth_date", date(2007, 5, 9))
    person = people.get_or_create_person(parse_nik(valid_nik(serial=n % 9999 + 1, birth=birth)),
                                         full_name=overrides.pop("full_name", f"Siswa {n}"), sex="L", birth_date=birth)
    db.session.flush()
    fields = dict(school_id=school.id, person_id=person.id, nisn=f"{n:010d}", major_code="TPL", class_name="XII TPL 1",
                  report_score_x100=8250, expected_graduation=date.today() + timedelta(days=90))
    fields.update(overrides)
    student = Student(**fields)
    if with_user:
        student.user = accounts.new_user(role="student", email=f"siswa{n}@example.id", password=PASSWORD,
                                         full_name=person.full_name)
    db.session.add(student)
    db.session.commit()
    return student


def course_fields(**overrides) -> dict:
    from datetime import timedelta

    today = date.today()
    fields = dict(name="Pengelasan SMAW Dasar", field="Pengelasan", provider_type="training_centre",
                  provider_name="BLK Balikpapan", capacity=20, starts_on=today - timedelta(days=5), ends_on=today,
                  hours=40, eligible_majors=["TPL", "TM"])
    fields.update(overrides)
    return fields


def make_course(officer: User | None = None, **overrides):
    """A training course made through services.training (running from 5 days ago until today by default)."""
    from jobfair.services.smk import training

    return training.create_course(officer or make_officer(), **course_fields(**overrides))


# --- places & match (helper J1) ---
def place_fields(**overrides) -> dict:
    """Fields of a valid place for make_student()'s window (graduation in 120 days: window from ~day 29)."""
    from datetime import timedelta

    today = date.today()
    fields = dict(title="Magang Teknisi Jaringan", eligible_majors=["TKJ"], places=2,
                  starts_on=today + timedelta(days=40), ends_on=today + timedelta(days=110),
                  mentor_name="Ir. Sutrisno", allowance_transport=500_000, allowance_meals=400_000,
                  allowance_incentive=0, location="Jl. Jenderal Sudirman No. 9, Balikpapan Kota")
    fields.update(overrides)
    return fields


def match_company(headcount: int = 100, officer: User | None = None) -> User:
    """A verified company user whose company has a headcount (set through the profile service)."""
    from jobfair.services.hiring import companies

    user = verified_company_user(officer)
    company = user.company
    companies.update_profile(user, name=company.name, kbli_code=None, address=company.address,
                             kecamatan_code=company.kecamatan_code, headcount=headcount,
                             contact_name=company.contact_name, contact_phone=company.contact_phone,
                             wlkp_status="reported")
    return user


def approved_place(company_user: User | None = None, officer: User | None = None, **overrides):
    """A place proposed by a verified company and approved by an officer, through the services."""
    from jobfair.services.smk import places

    officer = officer or make_officer()
    company_user = company_user or match_company(officer=officer)
    place = places.propose_place(company_user, **place_fields(**overrides))
    return places.approve(officer, place.id)


# --- ledger (helper N) ---
def ledger_programme(kind: str = "contribution_subsidy", **overrides):
    """A protection/aid programme written with the ORM (the programme services belong to another area)."""
    from jobfair.extensions import db
    from jobfair.models import Programme

    n = next(_counter)
    fields = dict(name=f"Program {kind} {n}", kind=kind, cover_kind=f"{kind}-{n}", owning_office="Disnaker",
                  funder="city", payer="city", year=2025, quota=10_000, enrolled_count=0, budget=0)
    if kind == "contribution_subsidy":
        fields.update(cover_kind="bpjs_jkk_jkm", amount_per_month=16_800, item_name="Iuran JKK + JKM")
    elif kind == "recurring_aid":
        fields.update(item_name="Paket sembako", unit_value=250_000)
    else:
        fields.update(item_name="Kaki palsu", unit_value=7_000_000)
    fields.update(overrides)
    programme = Programme(**fields)
    db.session.add(programme)
    db.session.commit()
    return programme


def ledger_enrolment(programme=None, *, status: str = "active", cover_from: date | None = date(2025, 1, 1),
                     cover_to: date | None = date(2025, 12, 1), **overrides):
    """A worker (Person via services.people) enrolled in `programme` with the ORM, with its CoverMonth rows."""
    from jobfair.extensions import db
    from jobfair.models import CoverMonth, Enrolment, Worker
    from jobfair.rules.eligibility import months_in
    from jobfair.rules.nik import parse_nik
    from jobfair.services import people

    programme = programme or ledger_programme()
    n = next(_counter)
    birth = date(1980, 6, 15)
    person = people.get_or_create_person(parse_nik(valid_nik(serial=n % 9999 + 1, birth=birth, district="02")),
                                         full_name=f"Pekerja Rentan {n}", sex="L", birth_date=birth)
    db.session.flush()
    worker = Worker(person_id=person.id, category_code=None, monthly_income=2_500_000, ktp_since=date(2010, 1, 1))
    db.session.add(worker)
    db.session.flush()
    fields = dict(programme_id=programme.id, worker_id=worker.id, status=status, cover_from=cover_from,
                  cover_to=cover_to, payer=programme.payer, decree_number="188.45/001/2025")
    fields.update(overrides)
    enrolment = Enrolment(**fields)
    db.session.add(enrolment)
    db.session.flush()
    if status in ("decreed", "active") and enrolment.cover_from and enrolment.cover_to:
        db.session.add_all(CoverMonth(enrolment_id=enrolment.id, person_id=person.id,
                                      cover_kind=programme.cover_kind, month=month)
                           for month in months_in(enrolment.cover_from, enrolment.cover_to))
    db.session.commit()
    return enrolment


# --- protection register (helper M) ---
def make_worker(**overrides):
    """A worker in the protection register (through services.protection_people): eligible for the BPJS subsidy
    by default (age 41 in 2026, income below the UMK, Balikpapan KTP since 2015). Pass actor= to choose the officer."""
    from jobfair.services.protection import protection_people

    actor = overrides.pop("actor", None) or make_user("officer")
    n = next(_counter)
    birth = overrides.get("birth_date", date(1985, 6, 15))
    female = overrides.get("sex", "L") == "P"
    fields = dict(nik=valid_nik(serial=n % 9999 + 1, birth=birth, female=female), full_name=f"Pekerja Rentan {n}",
                  sex="L", birth_date=birth, address="Jl. Mulawarman RT 12", kecamatan_code="647101",
                  kelurahan_code="6471011001", phone="", category_code="nelayan", monthly_income=2_500_000,
                  ktp_since=date(2015, 1, 1), has_disability=False, disability_note="", is_elderly=False)
    fields.update(overrides)
    return protection_people.register_worker(actor, **fields)


def bpjs_programme(year: int = 2025, **overrides):
    """The city's BPJS Ketenagakerjaan JKK+JKM contribution subsidy (Rp16.800 a month, quota 7,140)."""
    from sqlalchemy import select

    from jobfair.extensions import db
    from jobfair.models import Programme
    from jobfair.rules.eligibility import BPJS_SUBSIDY_RULES
    from jobfair.services.protection import programmes

    actor = overrides.pop("actor", None) or make_user("officer")
    fields = dict(name="Subsidi iuran BPJS Ketenagakerjaan JKK+JKM", kind="contribution_subsidy",
                  cover_kind="bpjs_jkk_jkm", owning_office="Disnaker", funder="city", payer="city", year=year,
                  amount_per_month=16_800, item_name="", unit_value=0, quota=7140, budget=16_800 * 12 * 7140,
                  eligibility=BPJS_SUBSIDY_RULES.to_dict())
    fields.update(overrides)
    taken = select(Programme.id).where(Programme.name == fields["name"], Programme.year == fields["year"])
    if db.session.scalar(taken):
        fields["name"] = f"{fields['name']} {next(_counter)}"
    return programmes.create_programme(actor, **fields)


def aid_programme(kind: str = "recurring_aid", **overrides):
    """An aid programme: recurring monthly food packages for the elderly, or one-off prosthetic legs."""
    from jobfair.services.protection import programmes

    actor = overrides.pop("actor", None) or make_user("officer")
    n = next(_counter)
    if kind == "one_off_aid":
        fields = dict(name=f"Bantuan kaki palsu {n}", cover_kind="aid_prosthetic", item_name="Kaki palsu",
                      unit_value=7_000_000, amount_per_month=0, quota=13, budget=91_000_000,
                      eligibility={"requires_disability": True}, owning_office="Dinas Sosial")
    else:
        fields = dict(name=f"Paket sembako lansia {n}", cover_kind="aid_sembako", item_name="Paket sembako",
                      unit_value=300_000, amount_per_month=0, quota=80, budget=300_000 * 12 * 80,
                      eligibility={"requires_elderly": True, "min_age": 60}, owning_office="Dinas Sosial")
    fields.update(kind=kind, funder="city", payer="city", year=2025)
    fields.update(overrides)
    return programmes.create_programme(actor, **fields)


def make_enrolment(worker=None, programme=None, status: str = "active", **overrides):
    """An enrolment moved through the services to `status` (registered, sector_verified, decreed, active, ended,
    rejected); cover January–December of the programme year unless cover_from/cover_to are given."""
    from jobfair.services.protection import enrolments

    actor = overrides.pop("actor", None) or make_user("officer")
    programme = programme or bpjs_programme()
    if worker is None:
        worker_fields = {"is_elderly": True, "birth_date": date(1955, 6, 15)} \
            if "requires_elderly" in (programme.eligibility or {}) else {}
        if "requires_disability" in (programme.eligibility or {}):
            worker_fields.update(has_disability=True, disability_note="Amputasi kaki kanan")
        worker = make_worker(actor=actor, **worker_fields)
    asked = (programme.eligibility or {}).get("not_bpjs_member")  # Perwali: "not already a BPJS member", answered
    fields = dict(cover_from=date(programme.year, 1, 1), cover_to=date(programme.year, 12, 1), payer=programme.payer,
                  already_bpjs_member=False if asked else None, verifying_office="Dinas Perikanan",
                  today=date(programme.year - 1, 11, 1))
    fields.update(overrides)
    kpj = fields.pop("kpj_number", None)
    enrolment = enrolments.enrol(actor, programme.id, worker.id, **fields)
    if status == "rejected":
        return enrolments.reject(actor, enrolment.id, "Data tidak sesuai hasil verifikasi")
    if status == "registered":
        return enrolment
    enrolments.verify_sector(actor, enrolment.id, fields["verifying_office"] or "Dinas Perikanan")
    if status == "sector_verified":
        return enrolment
    enrolments.decree(actor, [enrolment.id], decree_number=f"100.3.3.2/{programme.year}/SK",
                      decree_date=min(date(programme.year - 1, 12, 15), date.today()))
    if status == "decreed":
        return enrolment
    enrolment = enrolments.activate(actor, enrolment.id, kpj_number=kpj)
    if status == "ended":
        return enrolments.end(actor, enrolment.id, reason="Pindah domisili ke luar kota",
                              last_month=fields["cover_from"])
    return enrolment


# --- protection figures (helper P) ---
def figures_worker(*, category: str | None = "nelayan", kecamatan: str | None = "647101", sex: str = "L",
                   birth: date = date(1985, 6, 15), **overrides):
    """A worker in the register written with the ORM (Person through services.people), for the figures tests."""
    from jobfair.extensions import db
    from jobfair.models import Worker
    from jobfair.rules.nik import parse_nik
    from jobfair.services import people

    n = next(_counter)
    nik = valid_nik(serial=n % 9999 + 1, birth=birth, female=sex == "P", district="03")
    person = people.get_or_create_person(parse_nik(nik), full_name=overrides.pop("full_name", f"Pekerja {n}"),
                                         sex=sex, birth_date=birth)
    db.session.flush()
    fields = dict(person_id=person.id, category_code=category, kecamatan_code=kecamatan, address="Jl. Mulawarman 7",
                  phone=f"0812{n:08d}", monthly_income=2_000_000, ktp_since=date(2010, 1, 1))
    fields.update(overrides)
    worker = Worker(**fields)
    db.session.add(worker)
    db.session.commit()
    return worker


def figures_enrolment(programme, worker=None, *, status: str = "active", cover_from: date = date(2025, 1, 1),
                      cover_to: date = date(2025, 12, 1), **overrides):
    """An enrolment (ORM) with its CoverMonth rows when decreed, active or ended."""
    from jobfair.extensions import db
    from jobfair.models import CoverMonth, Enrolment
    from jobfair.rules.eligibility import months_in

    worker = worker or figures_worker()
    fields = dict(programme_id=programme.id, worker_id=worker.id, status=status, cover_from=cover_from,
                  cover_to=cover_to, payer=programme.payer, decree_number="100.3.3.2/2025/SK")
    fields.update(overrides)
    enrolment = Enrolment(**fields)
    db.session.add(enrolment)
    db.session.flush()
    if status in ("decreed", "active", "ended"):
        db.session.add_all(CoverMonth(enrolment_id=enrolment.id, person_id=worker.person_id,
                                      cover_kind=programme.cover_kind, month=month)
                           for month in months_in(cover_from, cover_to))
    db.session.commit()
    return enrolment


def figures_ledger(enrolment, month: date, *, amount: int = 16_800, status: str = "due", quantity: int = 1):
    from jobfair.extensions import db
    from jobfair.models import LedgerEntry

    entry = LedgerEntry(enrolment_id=enrolment.id, programme_id=enrolment.programme_id, month=month, amount=amount,
                        quantity=quantity, status=status)
    db.session.add(entry)
    db.session.commit()
    return entry


def figures_claim(enrolment, *, kind: str = "accident", status: str = "filed", amount: int = 5_000_000,
                  incident_date: date = date(2025, 3, 10)):
    from jobfair.extensions import db
    from jobfair.models import Claim

    claim = Claim(enrolment_id=enrolment.id, kind=kind, status=status, amount=amount, incident_date=incident_date)
    db.session.add(claim)
    db.session.commit()
    return claim


# --- second factor of office staff (security review) ---
TOTP_SECRETS: dict[str, str] = {}  # e-mail -> TOTP secret, for tests that log office staff in again
TOTP_STEPS_TYPED: dict[str, int] = {}  # e-mail -> newest TOTP step any helper of this process has typed


def fresh_totp_code(email: str, server_last_step: int = 0) -> str:
    """A code the server has not seen yet for `email`: the current step, or the next one when the current was used
    (the server accepts one step of clock drift); waits for the next step when both were used. The steps typed by
    every helper (the test client's login and the browser's) count, so two helpers never replay a code."""
    import time

    import pyotp

    from jobfair.services.users.second_factor import STEP_SECONDS

    assert email in TOTP_SECRETS, f"no known TOTP secret for {email}: enrol through the pages or enrol_second_factor"
    last = max(server_last_step, TOTP_STEPS_TYPED.get(email, 0))
    while True:
        current = int(time.time()) // STEP_SECONDS
        step = max(current, last + 1)
        if step <= current + 1:
            TOTP_STEPS_TYPED[email] = step
            return pyotp.TOTP(TOTP_SECRETS[email]).generate_otp(step)
        time.sleep(STEP_SECONDS - time.time() % STEP_SECONDS + 0.05)


def enrol_second_factor(user: User) -> list[str]:
    """Enrol a TOTP authenticator for an officer or admin through the service (as the enrolment page does);
    returns the recovery codes. The secret is kept in TOTP_SECRETS for tests/conftest.login."""
    import time

    import pyotp

    from jobfair.services.users import second_factor

    secret = second_factor.pending_secret(user)
    TOTP_SECRETS[user.email] = secret
    step = int(time.time()) // second_factor.STEP_SECONDS
    TOTP_STEPS_TYPED[user.email] = step
    _token, codes = second_factor.confirm_enrolment(user, pyotp.TOTP(secret).generate_otp(step), session_token=None)
    return codes
