"""Demo data standing on the seeding day: the SMK cohort that graduates in the coming months.

The five demo SMKs enrol 60 final-year students graduating at the end of the fifth month from `today` (SMK Negeri 1
types them in, the others import a CSV; guardian consent for the minors, all at least 17). The office ran a
one-week K3 course three weeks ago (attendance, completions, certificates) and runs five vocational courses in the
coming weeks (the schools enrol their students). Six companies propose apprenticeship places inside the programme
window (the three months before graduation, so they start months from now); the office approves them but one,
which waits in its queue; 45 students rank the places offered to them. The match is not run: the office can run
it. The demo student account is one of SMK Negeri 1's students (services/demo_accounts.link_student).
Deterministic (random.Random(2027)); once per database.
"""

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from jobfair.demo.common import FIRST_LIVING_DAY, mark_done, month_end, next_weekday, part_done
from jobfair.demo.fair import Progress, say
from jobfair.demo.jobs import fair_companies
from jobfair.demo.seed import DEMO_DOMAIN
from jobfair.demo.smk import SCHOOLS
from jobfair.demo.smk_students import enrol_at_schools, record_consents, student_form, student_login, student_sex
from jobfair.extensions import db
from jobfair.models import ApprenticeshipPlace, School, Student, StudentChoice, User
from jobfair.rules.apprenticeship_rules import add_months
from jobfair.services.hiring import companies
from jobfair.services.smk import places, preferences, training

PART = "smk_cohort"
MAJOR_MIX = ("TPL",) * 6 + ("TITL",) * 10 + ("TKR",) * 8 + ("TSM",) * 4 + ("TKJ",) * 10 + ("RPL",) * 4 \
    + ("PH",) * 6 + ("KUL",) * 2 + ("AKL",) * 8 + ("MPLB",) * 2
RANKING = 45                         # students who have ranked the places offered to them
NIK_SERIAL = 4000                    # serials 4001–4060
K3_COURSE = ("K3 dan Budaya Kerja Industri", "K3 dan Budaya Kerja", "office", "Disnaker Kota Balikpapan", (), 40,
             ("Dasar K3", "APD dan rambu", "Budaya kerja 5R", "Simulasi tanggap darurat", "Uji tertulis"))
# (name, kind, provider type, provider, majors, capacity, starts after (days), topics)
COURSES = (
    ("Pengelasan SMAW Lanjutan", "Pengelasan", "training_centre", "UPTD Balai Latihan Kerja Balikpapan",
     ("TPL",), 12, 9, ("K3 pengelasan", "Posisi 3G", "Posisi 4G", "Uji praktik")),
    ("Instalasi Listrik dan PLC Dasar", "Kelistrikan", "training_centre", "LPK Borneo Elektrik",
     ("TITL",), 12, 9, ("PUIL 2011", "Panel kontrol", "PLC dasar", "Uji praktik")),
    ("Servis Kendaraan Ringan dan Sepeda Motor", "Otomotif", "company", "PT Kaltim Motor Sejahtera",
     ("TKR", "TSM"), 14, 16, ("Servis berkala", "Sistem injeksi", "Kelistrikan bodi", "Uji")),
    ("Jaringan Komputer dan Keamanan Dasar", "Jaringan Komputer", "training_centre", "LPK Teluk Digital",
     ("TKJ", "RPL"), 14, 16, ("Pengkabelan", "Router dan VLAN", "Keamanan jaringan", "Uji")),
    ("Pelayanan Hotel dan Restoran", "Perhotelan", "office", "Disnaker Kota Balikpapan",
     ("PH", "KUL"), 10, 23, ("Reservasi", "Tata graha", "Pelayanan restoran", "Uji praktik")),
)
# (title, seats, majors, sector stem of the company among the July 2025 fair's, mentor, allowances, approved)
PLACES = (
    ("Magang Juru Las Fabrikasi", 4, ("TPL",), "Konstruksi Borneo", "Hendra Kusuma", (400_000, 300_000, 500_000),
     True),
    ("Magang Teknisi Listrik Gedung", 5, ("TITL",), "Listrik Energi", "Rahmat Hidayat", (350_000, 250_000, 600_000),
     True),
    ("Magang Mekanik Kendaraan", 4, ("TKR", "TSM"), "Otomotif Kaltim", "Agus Salim", (350_000, 300_000, 400_000),
     True),
    ("Magang Front Office dan Restoran", 3, ("PH", "KUL"), "Hotel Teluk", "Lestari Maharani", (300_000, 0, 400_000),
     True),
    ("Magang Teknisi Jaringan dan Server", 3, ("TKJ", "RPL"), "Teknologi Beruang Madu", "Arif Setiawan",
     (350_000, 250_000, 450_000), True),
    ("Magang Staf Keuangan", 3, ("AKL", "MPLB"), "Finansial Mitra", "Nadia Anggraini", (300_000, 250_000, 350_000),
     True),
    ("Magang Juru Las Galangan", 3, ("TPL",), "Galangan Kapal", "Yusuf Ramadhan", (450_000, 300_000, 500_000), False),
)


def graduation_day(today: date) -> date:
    """The cohort graduates at the end of the fifth month after `today`'s: its programme window (the three months
    before) starts about four months from now."""
    return month_end(today.year, today.month + 5)


def cohort_row(n: int, major: str, kecamatan: str, score_x100: int, graduation: date, today: date,
               rng: random.Random) -> dict:
    """The enrolment form of cohort student n: 17 or 18 years old today, a Balikpapan NIK that agrees with the
    declared sex and birth date, a guardian for every minor."""
    sex = student_sex(major, rng)
    youngest = date(today.year - 17, today.month, 1) - timedelta(days=1)   # 17 already, a month of margin
    birth = youngest - timedelta(days=rng.randrange(540))
    return student_form(n, sex=sex, birth=birth, major=major, kecamatan=kecamatan, serial=NIK_SERIAL + n,
                        nisn=f"{birth.year % 1000:03d}{graduation.year % 100:02d}{81_000 + n * 13:05d}",
                        score_x100=score_x100, graduation=graduation, phone=5_200_000 + n, today=today, rng=rng)


def school_staff() -> list[tuple[int, int]]:
    """[(school id, first staff user id)] of the five demo SMKs, SMK Negeri 1 (the demo school login's) first."""
    found = []
    for _name, npsn, *_rest in SCHOOLS:
        school_id = db.session.scalar(select(School.id).where(School.npsn == npsn))
        staff_id = db.session.scalar(select(func.min(User.id)).where(User.school_id == school_id))
        found.append((school_id, staff_id))
    return found


def cohort_students(graduation: date) -> list[Student]:
    return list(db.session.scalars(select(Student).where(Student.expected_graduation == graduation)
                                   .order_by(Student.nisn)))


def _enrol(staff: list[tuple[int, int]], graduation: date, today: date, rng: random.Random) -> int:
    majors = list(MAJOR_MIX)
    rng.shuffle(majors)
    scores = rng.sample(range(7000, 9600), len(majors))
    enrolled_on = today - timedelta(days=40)
    enrol_at_schools(staff, len(majors),
                     lambda n, kecamatan: cohort_row(n + 1, majors[n], kecamatan, scores[n], graduation, enrolled_on,
                                                     rng),
                     today=enrolled_on, filename=lambda school: f"siswa-xii-lulus-{graduation.year}-{school}.csv")
    return record_consents(staff, cohort_students(graduation), enrolled_on)


def _run_k3_course(officer: User, pupils: list[Student], staff_of: dict[int, int], today: date,
                   rng: random.Random) -> None:
    """The course three weeks ago, open to every major: the schools enrol, the office records attendance and
    completions (certificates)."""
    name, kind, provider_type, provider, majors, capacity, topics = K3_COURSE
    starts = max(next_weekday(today - timedelta(days=27), 0), FIRST_LIVING_DAY)
    ends = starts + timedelta(days=4)
    course = training.create_course(officer, name=name, field=kind, provider_type=provider_type,
                                    provider_name=provider, capacity=capacity, starts_on=starts, ends_on=ends,
                                    hours=30, eligible_majors=list(majors))
    enrolments = [training.enrol(db.session.get(User, staff_of[s.school_id]), course.id, s.id,
                                 today=starts - timedelta(days=7)).id for s in pupils[:capacity]]
    for day, topic in enumerate(topics):
        session = training.add_session(officer, course.id, held_on=starts + timedelta(days=day), topic=topic)
        if session.held_on <= today:
            present = {e for e in enrolments if rng.random() < 0.95}
            training.record_attendance(officer, session.id, present, today=session.held_on)
    if ends < today:
        for enrolment_id in enrolments:
            training.complete(officer, enrolment_id, score=rng.randrange(72, 97), today=ends)


def _plan_courses(officer: User, pupils: list[Student], staff_of: dict[int, int], today: date) -> int:
    """The coming courses, one week each; the schools enrol three in four students of their majors while seats last
    (the others are left for the demo school login to enrol)."""
    enrolled = 0
    for name, kind, provider_type, provider, majors, capacity, after, topics in COURSES:
        starts = next_weekday(today + timedelta(days=after), 0)
        course = training.create_course(officer, name=name, field=kind, provider_type=provider_type,
                                        provider_name=provider, capacity=capacity, starts_on=starts,
                                        ends_on=starts + timedelta(days=4), hours=40, eligible_majors=list(majors))
        for day, topic in enumerate(topics):
            training.add_session(officer, course.id, held_on=starts + timedelta(days=day), topic=topic)
        eligible = [s for n, s in enumerate(pupils) if s.major_code in majors and n % 4 != 3]  # some left to enrol
        for student in eligible[:capacity]:
            training.enrol(db.session.get(User, staff_of[student.school_id]), course.id, student.id,
                           today=today - timedelta(days=2))
            enrolled += 1
    return enrolled


def _company_user(stem: str) -> User:
    """The HR account of the largest July 2025 fair company of that sector (its headcount bears the places)."""
    matches = [hr for hr in fair_companies() if db.session.get(User, hr.user_id).company.name.startswith(f"PT {stem}")]
    return matches[-1].user


def propose_places(officer: User, graduation: date, today: date, offers=PLACES) -> list[int]:
    """Places inside the cohort's window; the office approves those marked approved. Returns the approved ids.
    Each offer names its company by the sector stem of a July 2025 fair company, or gives its HR user."""
    window_start = add_months(graduation, -3)
    starts = next_weekday(max(window_start, today + timedelta(days=1)), 0)
    ends = graduation - timedelta(days=(graduation.weekday() - 4) % 7)   # the last Friday before graduation
    approved = []
    for title, seats, majors, stem, mentor, (transport, meals, incentive), approve in offers:
        hr = stem if isinstance(stem, User) else _company_user(stem)
        company = hr.company
        place = places.propose_place(hr, title=title, eligible_majors=list(majors), places=seats, starts_on=starts,
                                     ends_on=ends, mentor_name=mentor, allowance_transport=transport,
                                     allowance_meals=meals, allowance_incentive=incentive,
                                     location=f"{company.name}, {company.address}",
                                     today=today - timedelta(days=6 if approve else 1))
        if approve:
            places.approve(officer, place.id, today=today - timedelta(days=4))
            approved.append(place.id)
    return approved


def rank_places(pupils: list[Student], password_hash: str, rng: random.Random, graduation: date) -> int:
    """The ranking students get their (record-only) login and list up to three places offered to them."""
    ranked = accounts = 0
    for student in pupils:
        if ranked >= RANKING:
            break
        if db.session.scalar(select(StudentChoice.id).where(StudentChoice.student_id == student.id).limit(1)):
            continue  # ranked already (the demo student)
        if student.user_id is None:
            accounts += 1
            student_login(student, f"siswa{accounts:03d}.lulus{graduation:%Y%m}@{DEMO_DOMAIN}", password_hash)
        user = db.session.get(User, student.user_id)
        offered = [place.id for place in preferences.offered_places(user)]
        if not offered:
            continue
        rng.shuffle(offered)
        preferences.set_choices(user, offered[:3])
        ranked += 1
    return ranked


def seed_cohort(officer: User, *, today: date, password_hash: str, progress: Progress = None,
                before_ranking=None) -> int:
    """The cohort graduating in the coming months (once per database). `before_ranking(students, graduation)` runs
    after the places are approved and before the students rank them (the demo accounts join in there). Returns the
    number of students enrolled."""
    if part_done(PART):
        say(progress, "Angkatan SMK yang akan lulus sudah ada; tidak ditambahkan lagi.")
        return 0
    rng = random.Random(2027)
    graduation = graduation_day(today)
    staff = school_staff()
    consents = _enrol(staff, graduation, today, rng)
    pupils = cohort_students(graduation)
    staff_of = dict(staff)
    _run_k3_course(officer, rng.sample(pupils, len(pupils)), staff_of, today, rng)
    enrolled = _plan_courses(officer, pupils, staff_of, today)
    propose_places(officer, graduation, today)
    if before_ranking is not None:
        before_ranking(pupils, graduation)
    rank_places(rng.sample(pupils, len(pupils)), password_hash, rng, graduation)
    ranked = db.session.scalar(select(func.count(StudentChoice.student_id.distinct())).join(Student).where(
        Student.expected_graduation == graduation))
    places_now = dict(db.session.execute(select(ApprenticeshipPlace.status, func.count(ApprenticeshipPlace.id))
                                         .where(ApprenticeshipPlace.starts_on > today)
                                         .group_by(ApprenticeshipPlace.status)).all())
    say(progress, f"Angkatan SMK lulus {graduation:%d-%m-%Y}: {len(pupils)} siswa di {len(staff)} sekolah "
                  f"({consents} persetujuan wali); pelatihan K3 selesai, {len(COURSES)} pelatihan mendatang "
                  f"({enrolled} peserta); {places_now.get('approved', 0)} tempat magang disetujui, "
                  f"{places_now.get('proposed', 0)} menunggu persetujuan; {ranked} siswa sudah memilih; "
                  "putaran penempatan belum dijalankan.")
    mark_done(officer, PART, today, graduation=graduation.isoformat(), students=len(pupils))
    return len(pupils)


def update_company_profile(hr: User, *, kbli: str, headcount: int) -> None:
    company = hr.company
    companies.update_profile(hr, name=company.name, kbli_code=kbli, address=company.address,
                             kecamatan_code=company.kecamatan_code, headcount=headcount,
                             contact_name=company.contact_name, contact_phone=company.contact_phone,
                             wlkp_status="reported")
