"""Demo data: the six demo logins at work on the seeding day, through the same services as everyone.

- seeker: a complete profile, a CV, an AK/1 card issued last month, five applications to vacancies open now
  (submitted, reviewed, shortlisted, invited to an interview by the demo company, not continued), two saved
  searches (job alerts: a weekly one by words, a daily one for the next fair);
- company: a complete profile, a booth at the next fair, five vacancies open now with applicants (fit scores),
  one interview scheduled, one hire, one vacancy waiting for moderation, two apprenticeship places (one approved and
  ranked by students, one waiting for the office);
- student: one of SMK Negeri 1's students of the cohort graduating in the coming months, with the K3 course
  completed (certificate), a coming course and three ranked places;
- school: SMK Negeri 1 with its students of that cohort (linked by demo/smk.py);
- officer and admin: every queue of the office desk has items (made by the other parts).
Once per database (demo_common.part_done).
"""

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.demo.cohort import propose_places, update_company_profile
from jobfair.demo.common import living_day, mark_done, part_done, wage_floor, wita
from jobfair.demo.fair import Progress, demo_officer, say, vacancy_skills
from jobfair.demo.jobs import fair_companies, post_vacancy, upcoming_fair
from jobfair.demo.people import tiny_pdf
from jobfair.demo.seed import demo_email
from jobfair.demo.seekers import SEEKER_COUNT, carry_out
from jobfair.demo.seekers import seeker_email as living_seeker_email
from jobfair.demo.smk import SCHOOLS
from jobfair.extensions import db
from jobfair.models import ApprenticeshipPlace, Company, Role, School, Student, TrainingEnrolment, User
from jobfair.services import audit
from jobfair.services.hiring import ak1, applicants, applications, fairs, saved_searches, search, seeker_profiles
from jobfair.services.smk import preferences

PART = "accounts"
# The demo company's vacancies: (title, education, employment type, openings, posted days ago, in the fair)
COMPANY_VACANCIES = (
    ("Admin Logistik", "S1", "permanent", 2, 18, False),
    ("Pengemudi Forklift", "SMA", "contract", 4, 14, True),
    ("Checker Gudang", "SMK", "contract", 3, 10, False),
    ("Operator Crane", "SMK", "permanent", 2, 7, False),
    ("Staf Gudang", "SMP", "daily", 6, 3, False),
)
WAITING_VACANCY = ("HSE Officer", "D3", "permanent", 1)
APPLICANTS_PER_VACANCY = 5
# The demo company's apprenticeship places: one approved (students rank it), one waiting for the office.
COMPANY_PLACES = (
    ("Magang Teknisi Jaringan Pelabuhan", 4, ("TKJ", "RPL"), "Dimas Pratama", (350_000, 250_000, 500_000), True),
    ("Magang Administrasi Logistik", 3, ("AKL", "MPLB"), "Budi Santoso", (300_000, 250_000, 400_000), False),
)
# Where the demo seeker's applications to other companies end up (the demo company's is an interview).
SEEKER_TITLES = ("Staf Administrasi", "Staf HRD", "Customer Service", "Marketing Executive", "Staf Keuangan",
                 "Akuntan", "Resepsionis", "Telemarketing")
SEEKER_OUTCOMES = ("shortlisted", "rejected", "reviewed", "submitted")
# The demo seeker's saved searches: (name, frequency, words, saved days ago, for the next fair)
SEEKER_SEARCHES = (
    ("Admin di Balikpapan", "weekly", "admin", 12, False),
    ("Bursa kerja berikutnya", "daily", "", 2, True),
)


def demo_user(role: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == demo_email(role), User.role == role))


def prepare_company(today: date) -> User | None:
    """The demo company completes its profile (sector, headcount for the 20% apprentice cap, WLKP)."""
    company = demo_user(Role.COMPANY.value)
    if company is not None and not company.company.headcount:
        update_company_profile(company, kbli="52240", headcount=180)
    return company


def company_places(officer: User, pupils: list[Student], graduation: date, today: date) -> list[int]:
    """The demo company's places for the cohort (one approved, one waiting); then the demo student ranks."""
    company = demo_user(Role.COMPANY.value)
    approved = []
    if company is not None:
        offers = [(title, seats, majors, company, mentor, allowances, approve)
                  for title, seats, majors, mentor, allowances, approve in COMPANY_PLACES]
        approved = propose_places(officer, graduation, today, offers=offers)
    link_student(officer, pupils)
    return approved


def link_student(officer: User, pupils: list[Student]) -> Student | None:
    """The demo student login becomes one of SMK Negeri 1's cohort students (network major, K3 course completed)
    and ranks three of the places offered. No service links an existing login to a student record: as the school
    would by invitation, done here directly with the decision audited (like the demo school login's link)."""
    user = demo_user(Role.STUDENT.value)
    if user is None or db.session.scalar(select(Student.id).where(Student.user_id == user.id)) is not None:
        return None
    school_id = db.session.scalar(select(School.id).where(School.npsn == SCHOOLS[0][1]))
    completed = set(db.session.scalars(select(TrainingEnrolment.student_id).where(
        TrainingEnrolment.status == "completed")))
    courses = dict(db.session.execute(select(TrainingEnrolment.student_id, func.count(TrainingEnrolment.id))
                                      .group_by(TrainingEnrolment.student_id)).all())
    candidates = [p for p in pupils if p.school_id == school_id and p.user_id is None and p.id in completed]
    candidates.sort(key=lambda p: (-courses.get(p.id, 0), p.major_code not in ("TKJ", "RPL"), p.nisn))
    if not candidates:
        return None
    student = candidates[0]
    person_free = db.session.scalar(select(User.id).where(User.person_id == student.person_id)) is None
    student.user_id = user.id
    user.full_name = student.person.full_name
    if person_free:
        user.person_id = student.person_id
    audit.record(officer, "account.student_linked", user, detail={"student_id": student.id, "demo": True})
    db.session.commit()
    offered = [place.id for place in preferences.offered_places(user)]
    own_company = db.session.scalar(select(Company.id).join(User, User.company_id == Company.id).where(
        User.email == demo_email(Role.COMPANY.value)))
    offered.sort(key=lambda pid: 0 if _place_company(pid) == own_company else 1)
    if offered:
        preferences.set_choices(user, offered[:3])
    return student


def _place_company(place_id: int) -> int:
    return db.session.get(ApprenticeshipPlace, place_id).company_id


def _seeker_profile(seeker: User, today: date) -> None:
    seeker_profiles.update_profile(
        seeker, birth_place="Balikpapan", marital_status="belum_kawin", religion="islam",
        address="Jl. Mulawarman No. 21, RT 012", kecamatan_code="647101", kelurahan_code="6471011001",
        education_level="S1", school_name="Universitas Balikpapan", major="Manajemen", graduation_year=2021,
        skills="Administrasi, Microsoft Excel, Bahasa Inggris, Pelayanan pelanggan, Pergudangan",
        experience="2 tahun staf administrasi di perusahaan distributor.", experience_years=2,
        has_disability=False, phone=seeker.phone or "081234500001", today=today)
    seeker_profiles.upload_cv(seeker, filename="CV Siti Rahmawati.pdf", stream=io.BytesIO(tiny_pdf(seeker.full_name)))
    asked = living_day(today - timedelta(days=45))
    card = ak1.request_card(seeker, today=asked)
    ak1.issue(demo_officer(), card.id, today=min(asked + timedelta(days=2), today))


def _seeker_searches(seeker: User, today: date) -> None:
    """The demo seeker saved two searches (job alerts) in the last weeks, at eight in the evening."""
    fair = upcoming_fair(today)
    for name, frequency, words, days_ago, for_fair in SEEKER_SEARCHES:
        if for_fair and fair is None:
            continue
        saved_searches.save(seeker, name=name, frequency=frequency, q=words,
                            job_fair_id=fair.id if for_fair else None,
                            now=wita(living_day(today - timedelta(days=days_ago)), 20))


def _company_vacancies(company: User, officer: User, today: date) -> list[int]:
    floor = wage_floor(today)
    fair = upcoming_fair(today)
    if fair is not None and fairs.booth_of(company.company_id, fair.id) is None:
        fairs.take_booth(company, fair.id, today=today - timedelta(days=19))
    ids = []
    for k, (title, education, employment, openings, days_ago, in_fair) in enumerate(COMPANY_VACANCIES):
        posted = living_day(today - timedelta(days=days_ago))
        fields = dict(title=title, description=f"{title} di area Pelabuhan Semayang dan gudang Kariangau. Shift "
                                               "kerja, BPJS Ketenagakerjaan dan Kesehatan, lembur dibayar.",
                      openings=openings, valid_from=posted, valid_until=posted + timedelta(days=70),
                      education_min=education, skills=vacancy_skills(k + 12), experience_years=k % 3,
                      kecamatan_code="647102", employment_type=employment, wage_min=floor + 200_000 * k,
                      wage_max=floor + 200_000 * k + 1_000_000, age_min=18, age_max=45,
                      disability_friendly=k == 0)
        ids.append(post_vacancy(company, officer, fields, fair_id=fair.id if in_fair and fair else None).id)
    title, education, employment, openings = WAITING_VACANCY
    post_vacancy(company, officer, dict(
        title=title, description="Mengawasi K3 bongkar muat dan gudang; sertifikat AK3 Umum diutamakan.",
        openings=openings, valid_from=today, valid_until=today + timedelta(days=60), education_min=education,
        skills="K3, Bahasa Inggris", experience_years=2, kecamatan_code="647102", employment_type=employment,
        wage_min=floor + 1_500_000, wage_max=floor + 3_000_000, age_min=21, age_max=40), publish=False)
    return ids


def _applicants(company: User, vacancy_ids: list[int], today: date) -> int:
    """Living seekers apply to the demo company's vacancies; the company sifts them: one hire."""
    applied = 0
    cycle = ("submitted", "reviewed", "shortlisted", "rejected", "submitted")
    seekers = [db.session.scalar(select(User).where(User.email == living_seeker_email(n)))
               for n in range(SEEKER_COUNT, 0, -1)]
    pool = iter(s for s in seekers if s is not None)
    for v, vacancy_id in enumerate(vacancy_ids):
        vacancy = search.find_open(vacancy_id, today)
        for k in range(APPLICANTS_PER_VACANCY):
            seeker = next(pool)
            applied_on = max(vacancy.valid_from, today - timedelta(days=2))
            application = applications.apply(seeker, vacancy_id, today=applied_on,
                                             cover_letter="Saya tertarik bekerja di pelabuhan.")
            applied += 1
            outcome = "hired" if (v, k) == (1, 0) else cycle[(v + k) % len(cycle)]
            carry_out(company, seeker, application.id, vacancy, outcome, v * 7 + k, today)
    return applied


def _seeker_applications(seeker: User, company: User, vacancy_ids: list[int], today: date) -> None:
    """The demo seeker applies to five open vacancies; the demo company invites her to an interview."""
    own = applications.apply(seeker, vacancy_ids[0], today=today - timedelta(days=9),
                             cover_letter="Saya berpengalaman dua tahun di administrasi gudang distributor.")
    applicants.change_status(company, own.id, "shortlisted", note="Pengalaman administrasi gudang sesuai.")
    applicants.invite(company, own.id, place="Kantor PT Demo Teluk Balikpapan, Jl. Yos Sudarso No. 1",
                      scheduled_at=wita(today + timedelta(days=2), 10), now=wita(today, 7),
                      note="Bawa KTP, CV, dan ijazah asli.")
    hr_of = {hr.company_id: hr.user_id for hr in fair_companies()}
    rows = search.recommendations(seeker, today, limit=60)
    picked, companies_used = [], set()
    for wanted in SEEKER_TITLES:
        for vacancy, _fit in rows:
            if (vacancy.title == wanted and vacancy.company_id in hr_of and vacancy.company_id not in companies_used
                    and len(picked) < len(SEEKER_OUTCOMES)):
                picked.append(vacancy)
                companies_used.add(vacancy.company_id)
                break
    for vacancy, _fit in rows:  # fewer matching titles than wanted: the best remaining fits
        if len(picked) >= len(SEEKER_OUTCOMES):
            break
        if vacancy.company_id in hr_of and vacancy.company_id not in companies_used:
            picked.append(vacancy)
            companies_used.add(vacancy.company_id)
    for step, (vacancy, outcome) in enumerate(zip(picked, SEEKER_OUTCOMES, strict=False)):
        applied_on = max(vacancy.valid_from, today - timedelta(days=6 - step))
        application = applications.apply(seeker, vacancy.id, today=applied_on,
                                         cover_letter="Dengan hormat, saya berminat pada lowongan ini.")
        carry_out(db.session.get(User, hr_of[vacancy.company_id]), seeker, application.id, vacancy, outcome,
                  step, today)


def seed_account_work(officer: User, *, today: date, progress: Progress = None) -> None:
    """The seeker's and the company's work (the student's is done with the cohort). Once per database."""
    if part_done(PART):
        say(progress, "Pekerjaan akun demo sudah ada; tidak ditambahkan lagi.")
        return
    seeker, company = demo_user(Role.SEEKER.value), demo_user(Role.COMPANY.value)
    if company is not None:
        vacancy_ids = _company_vacancies(company, officer, today)
        applied = _applicants(company, vacancy_ids, today)
        if seeker is not None:
            _seeker_profile(seeker, today)
            _seeker_applications(seeker, company, vacancy_ids, today)
        say(progress, f"Akun demo perusahaan: {len(vacancy_ids)} lowongan aktif, 1 menunggu moderasi, {applied} "
                      "pelamar (1 diterima), stan di bursa kerja berikutnya, 2 tempat magang.")
    if seeker is not None:
        _seeker_searches(seeker, today)
        say(progress, "Akun demo pencari kerja: profil lengkap, CV, kartu AK/1 terbit, 5 lamaran (1 undangan "
                      f"wawancara), {saved_searches.count_for(seeker)} pencarian tersimpan.")
    mark_done(officer, PART, today)


def password_table(created: dict[str, str]) -> list[str]:
    """The printed table of the accounts created now: role, e-mail and password, aligned."""
    if not created:
        return []
    roles = {demo_email(role): role for role in Role.values()}
    rows = [("role", "e-mail", "password")] + [(roles.get(email, "?"), email, password)
                                               for email, password in created.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return [f"  {role:<{widths[0]}}  {email:<{widths[1]}}  {password}" for role, email, password in rows]
