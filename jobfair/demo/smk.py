"""Demo data: the SMK pre-graduation programme as the city published it for August 2025 — 6 kinds of training with
68 participants, and 3 companies taking 19 apprentices through a published match.

Five Balikpapan SMKs enrol 90 final-year students graduating 31 October 2025 (one types them in, four import a CSV;
guardian consent recorded for the minors); the office runs six one-week courses in August (the schools enrol the
participants, the office records attendance and completions); three verified companies propose 19 apprenticeship
places, the office approves them, 25 students rank them, the office runs and publishes the match, legalises the
agreements, and the four-week hotel placements finish with a signed logbook and the mentor's assessment.
Everything after the account records goes through the services, with the schools' BKK staff, the students, the
companies' HR staff and the demo officer as actors, so every printed figure is computed from these rows.
Deterministic (random.Random(2025)), idempotent (a second run adds nothing).

Why every seat fills: the places form groups (a place, or welding + mechanic) and every ranking student lists every
place of their group; each group has more ranking students than seats. A student left unmatched by deferred
acceptance was refused by every place on their list, so each group's places are full: 19 apprenticeships.
"""

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from jobfair.demo.common import wita
from jobfair.demo.fair import Progress, demo_officer, say
from jobfair.demo.seed import DEMO_DOMAIN, demo_email, record_only_password_hash
from jobfair.demo.smk_students import (
    enrol_at_schools,
    record_account,
    record_consents,
    student_form,
    student_login,
    student_sex,
)
from jobfair.extensions import db
from jobfair.models import (
    Apprenticeship,
    ApprenticeshipPlace,
    Company,
    MatchRound,
    Role,
    School,
    Student,
    TrainingCourse,
    TrainingEnrolment,
    User,
)
from jobfair.services import audit
from jobfair.services.hiring import companies
from jobfair.services.office import figure_snapshots
from jobfair.services.smk import (
    apprenticeships,
    matching_rounds,
    places,
    preferences,
    schools,
    training,
)

ENROL_DAY = date(2025, 7, 14)          # the schools enrol their final-year students
GRADUATION = date(2025, 10, 31)        # expected graduation: the programme window is 31 July – 31 October
PROPOSE_DAY = date(2025, 7, 16)
RANK_DAY = date(2025, 7, 23)
MATCH_DAY = date(2025, 7, 28)          # the office runs and publishes the round
LEGALISED_AT = datetime(2025, 8, 1, 1, 0, tzinfo=UTC)       # 09.00 WITA
AS_OF = date(2025, 8, 29)              # the last working day of August: completions and the figures
# (name, NPSN, address, kecamatan, BKK registration)
SCHOOLS = (
    ("SMK Negeri 1 Balikpapan", "30401401", "Jl. Pupuk Raya, Gunung Bahagia", "647105", "BKK/0101/2025"),
    ("SMK Negeri 2 Balikpapan", "30401402", "Jl. Soekarno-Hatta Km 3, Gunung Samarinda", "647103", "BKK/0102/2025"),
    ("SMK Negeri 3 Balikpapan", "30401403", "Jl. Marsma R. Iswahyudi, Sepinggan", "647105", "BKK/0103/2025"),
    ("SMK Negeri 4 Balikpapan", "30401404", "Jl. Mulawarman, Manggar", "647101", "BKK/0104/2025"),
    ("SMK Patria Bhakti Balikpapan", "69941405", "Jl. Letjen Suprapto, Baru Ulu", "647102", "BKK/0105/2025"),
)
# 90 final-year students by major (each school gets a share of every major).
MAJOR_MIX = ("TPL",) * 10 + ("TM",) * 4 + ("TITL",) * 16 + ("TKR",) * 12 + ("TSM",) * 4 + ("PH",) * 10 \
    + ("KUL",) * 2 + ("TKJ",) * 14 + ("RPL",) * 2 + ("AKL",) * 12 + ("MPLB",) * 4
# (name, field = kind, provider type, provider, majors, capacity, participants, start, hours, topics)
COURSES = (
    ("Pengelasan SMAW Dasar", "Pengelasan", "training_centre", "UPTD Balai Latihan Kerja Balikpapan",
     ("TPL", "TM"), 12, 12, date(2025, 8, 4), 40, ("K3 pengelasan", "Posisi 1G", "Posisi 2G", "Uji praktik")),
    ("Instalasi Listrik Bangunan", "Kelistrikan", "training_centre", "LPK Borneo Elektrik",
     ("TITL",), 15, 12, date(2025, 8, 4), 40, ("PUIL 2011", "Panel distribusi", "Instalasi rumah", "Uji praktik")),
    ("Perawatan Berkala Kendaraan Ringan", "Otomotif", "company", "PT Kaltim Motor Sejahtera",
     ("TKR", "TSM"), 16, 12, date(2025, 8, 11), 40, ("Servis berkala", "Sistem rem", "Kelistrikan bodi", "Uji")),
    ("Front Office dan Tata Graha", "Perhotelan", "office", "Disnaker Kota Balikpapan",
     ("PH", "KUL"), 12, 10, date(2025, 8, 11), 32, ("Reservasi", "Check-in", "Tata graha kamar", "Uji praktik")),
    ("Jaringan Komputer dan Fiber Optik", "Jaringan Komputer", "training_centre", "LPK Teluk Digital",
     ("TKJ", "RPL"), 12, 12, date(2025, 8, 18), 40, ("Pengkabelan", "Splicing FO", "Router dan VLAN", "Uji")),
    ("Akuntansi Komputer", "Akuntansi", "office", "Disnaker Kota Balikpapan",
     ("AKL", "MPLB"), 10, 10, date(2025, 8, 18), 32, ("Jurnal umum", "Aplikasi akuntansi", "Laporan", "Uji")),
)
# (company, NIB, KBLI, kecamatan, address, headcount, places: (title, seats, majors, weeks, mentor, allowances))
COMPANIES = (
    ("PT Mahakam Fabrikasi Baja", "9125080000001", "25111", "647102", "Jl. Sultan Hasanuddin No. 12, Kariangau", 45,
     (("Magang Juru Las (Welder)", 5, ("TPL", "TM", "TKR"), 12, "Hendra Kusuma", (400_000, 300_000, 500_000)),
      ("Magang Mekanik Bengkel", 3, ("TPL", "TM", "TKR"), 12, "Agus Salim", (400_000, 300_000, 500_000)))),
    ("PT Teluk Energi Nusantara", "9125080000002", "43211", "647103", "Jl. Soekarno-Hatta Km 8, Karang Joang", 32,
     (("Magang Teknisi Listrik", 4, ("TITL",), 12, "Rahmat Hidayat", (350_000, 250_000, 600_000)),
      ("Magang Teknisi Jaringan", 2, ("TKJ",), 12, "Dimas Pratama", (350_000, 250_000, 600_000)))),
    ("PT Hotel Teluk Manggar", "9125080000003", "55110", "647101", "Jl. Mulawarman No. 88, Manggar", 38,
     (("Magang Front Office dan Tata Graha", 3, ("PH",), 4, "Lestari Maharani", (300_000, 0, 400_000)),
      ("Magang Staf Akuntansi Hotel", 2, ("AKL",), 4, "Nadia Anggraini", (300_000, 0, 400_000)))),
)
# Which students rank which places: (places, by index in COMPANIES order; majors; how many students).
RANKING_GROUPS = (((0, 1), ("TPL", "TM", "TKR"), 10), ((2,), ("TITL",), 5), ((3,), ("TKJ",), 3),
                  ((4,), ("PH",), 4), ((5,), ("AKL",), 3))
DROPPED = 3                             # participants who stop coming and leave a course
NOT_LEGALISED = 2                       # agreements still waiting for the office at the end of August


def account_email(kind: str, n: int) -> str:
    """The record-only accounts: BKK staff (bkk), ranking students (siswa), company HR (hr)."""
    return f"{kind}{n:03d}.{'magang' if kind == 'hr' else 'smk'}2025@{DEMO_DOMAIN}"


def smk_demo_exists() -> bool:
    return db.session.scalar(select(School.id).where(School.npsn == SCHOOLS[0][1])) is not None


# --- schools and students ---------------------------------------------------------------------------------------

def _create_schools(officer: User, password_hash: str) -> list[tuple[int, int]]:
    """[(school id, id of the BKK staff user who acts for it)]. The demo school login joins the first school."""
    done = []
    demo_school_user = db.session.scalar(select(User).where(User.email == demo_email(Role.SCHOOL.value),
                                                            User.role == Role.SCHOOL.value))
    for n, (name, npsn, address, kecamatan, bkk) in enumerate(SCHOOLS, start=1):
        school = schools.create_school(officer, name=name, npsn=npsn, address=address, kecamatan_code=kecamatan,
                                       bkk_number=bkk)
        if n == 1 and demo_school_user is not None and demo_school_user.school_id is None:
            # No service links an existing account to a school: as an officer would, with the decision audited.
            demo_school_user.school_id = school.id
            audit.record(officer, "account.school_linked", demo_school_user,
                         detail={"school_id": school.id, "demo": True})
            staff = demo_school_user
        else:
            staff = record_account(officer, role=Role.SCHOOL.value, email=account_email("bkk", n),
                                    full_name=f"Petugas BKK {name}", phone=f"0811540{n:05d}",
                                    password_hash=password_hash, school_id=school.id)
        db.session.commit()
        done.append((school.id, staff.id))
    return done


def student_row(n: int, major: str, kecamatan: str, score_x100: int, rng: random.Random) -> dict:
    """The enrolment form of demo student n: a Balikpapan NIK (serial 5000 + n) that agrees with the birth date."""
    sex = student_sex(major, rng)
    birth = date(2006, 11, 1) + timedelta(days=rng.randrange(480))  # 17–18 years old in August 2025
    return student_form(n, sex=sex, birth=birth, major=major, kecamatan=kecamatan, serial=5000 + n,
                        nisn=f"{birth.year % 1000:03d}{7_310_000 + n * 37:07d}", score_x100=score_x100,
                        graduation=GRADUATION, phone=4_100_000 + n, today=ENROL_DAY, rng=rng)


def _enrol_students(school_staff: list[tuple[int, int]], rng: random.Random) -> tuple[dict[str, list[int]], int]:
    """The first school's BKK enrols its students one by one, the others import a CSV file; each school records
    the guardian's consent for its minors. Returns ({major: [student id]}, number of consents)."""
    majors = list(MAJOR_MIX)
    rng.shuffle(majors)
    scores = rng.sample(range(7000, 9600), len(majors))  # distinct: the default order needs no lottery
    enrol_at_schools(school_staff, len(majors),
                     lambda n, kecamatan: student_row(n + 1, majors[n], kecamatan, scores[n], rng),
                     today=ENROL_DAY, filename=lambda school: f"siswa-kelas-xii-{school}.csv")
    pupils = db.session.scalars(select(Student).where(Student.school_id.in_([s for s, _ in school_staff]))
                                .order_by(Student.nisn)).all()
    consents = record_consents(school_staff, pupils, ENROL_DAY)
    by_major: dict[str, list[int]] = {}
    for student in pupils:
        by_major.setdefault(student.major_code, []).append(student.id)
    return by_major, consents


# --- training ---------------------------------------------------------------------------------------------------

def _run_courses(officer: User, by_major: dict[str, list[int]], school_staff: list[tuple[int, int]],
                 rng: random.Random, today: date) -> None:
    dropped = 0
    for name, field, provider_type, provider, majors, capacity, count, starts, hours, topics in COURSES:
        ends = starts + timedelta(days=4)
        course = training.create_course(officer, name=name, field=field, provider_type=provider_type,
                                        provider_name=provider, capacity=capacity, starts_on=starts, ends_on=ends,
                                        hours=hours, eligible_majors=list(majors))
        pool = [sid for major in majors for sid in by_major[major]]
        staff = dict(school_staff)  # the school enrols its own students
        enrolments = [training.enrol(db.session.get(User, staff[db.session.get(Student, sid).school_id]), course.id,
                                     sid, today=ENROL_DAY).id for sid in sorted(rng.sample(pool, count))]
        absent_often = set(rng.sample(enrolments, 1)) if dropped < DROPPED else set()
        for day, topic in enumerate(topics):
            held_on = starts + timedelta(days=day if day < 3 else 4)
            session = training.add_session(officer, course.id, held_on=held_on, topic=topic)
            if held_on <= today:
                present = {e for e in enrolments if e not in absent_often and rng.random() < 0.93}
                training.record_attendance(officer, session.id, present, today=held_on)
            if day == 1 and absent_often and held_on <= today:
                for enrolment_id in absent_often:
                    training.drop(officer, enrolment_id, "Tidak hadir dua sesi berturut-turut tanpa keterangan.")
                    dropped += 1
                enrolments = [e for e in enrolments if e not in absent_often]
                absent_often = set()
        if ends <= today:
            for enrolment_id in enrolments:
                training.complete(officer, enrolment_id, score=rng.randrange(70, 98), today=today)


# --- places and the match ---------------------------------------------------------------------------------------

def _create_companies(officer: User, password_hash: str) -> list[int]:
    """The three companies (recorded, verified, headcount set) and their approved places. Returns the place ids."""
    place_ids = []
    for n, (name, nib, kbli, kecamatan, address, headcount, offers) in enumerate(COMPANIES, start=1):
        contact = f"HRD {name.removeprefix('PT ')}"
        company = Company(name=name, nib=nib, kecamatan_code=kecamatan, address=address, contact_name=contact,
                          contact_phone=f"0811541{n:05d}")
        db.session.add(company)
        hr = record_account(None, role=Role.COMPANY.value, email=account_email("hr", n), full_name=contact,
                             phone=company.contact_phone, password_hash=password_hash, company=company)
        audit.record(hr, "company.registered", company, detail={"demo": True})
        db.session.commit()
        companies.verify(officer, company.id)
        companies.update_profile(hr, name=name, kbli_code=kbli, address=address, kecamatan_code=kecamatan,
                                 headcount=headcount, contact_name=contact, contact_phone=company.contact_phone,
                                 wlkp_status="reported")
        for title, seats, majors, weeks, mentor, (transport, meals, incentive) in offers:
            starts = date(2025, 8, 4)
            ends = GRADUATION if weeks == 12 else starts + timedelta(weeks=weeks, days=-3)
            place = places.propose_place(hr, title=title, eligible_majors=list(majors), places=seats,
                                         starts_on=starts, ends_on=ends, mentor_name=mentor,
                                         allowance_transport=transport, allowance_meals=meals,
                                         allowance_incentive=incentive, location=f"{name}, {address}",
                                         today=PROPOSE_DAY)
            place_ids.append(place.id)
    for place_id in place_ids:
        places.approve(officer, place_id, today=PROPOSE_DAY)
    return place_ids


def _rank(by_major: dict[str, list[int]], place_ids: list[int], password_hash: str, rng: random.Random) -> int:
    """The ranking students get their (record-only) login and list every place of their group."""
    ranked = 0
    for group_places, majors, count in RANKING_GROUPS:
        pool = [sid for major in majors for sid in by_major[major]]
        for student_id in sorted(rng.sample(pool, count)):
            student = db.session.get(Student, student_id)
            ranked += 1
            user = student_login(student, account_email("siswa", ranked), password_hash)
            wanted = [place_ids[i] for i in group_places]
            if student.major_code == "TKR" or rng.random() < 0.3:
                wanted.reverse()  # automotive students want the workshop first
            preferences.set_choices(user, wanted, today=RANK_DAY)
    return ranked


def _company_ranks(place_ids: list[int], rng: random.Random) -> None:
    """The welding shop ranks its candidates after a practical test; the other places keep the default order
    (school score, then the recorded lottery)."""
    hr = db.session.scalar(select(User).where(User.email == account_email("hr", 1)))
    order = [candidate.student_id for candidate in preferences.candidates(hr, place_ids[0])]
    rng.shuffle(order)
    preferences.set_ranking(hr, place_ids[0], order)


def _match(officer: User) -> MatchRound:
    match_round = matching_rounds.run_round(officer, today=MATCH_DAY)
    return matching_rounds.publish(officer, match_round.id)


# --- the apprenticeships ----------------------------------------------------------------------------------------

def _apprenticeships_of(round_id: int) -> list[tuple[int, int, int, date, date]]:
    """[(apprenticeship id, student user id, company HR user id, place start, place end)] of the round."""
    rows = db.session.execute(
        select(Apprenticeship.id, Student.user_id, ApprenticeshipPlace.company_id, ApprenticeshipPlace.starts_on,
               ApprenticeshipPlace.ends_on)
        .join(Student, Student.id == Apprenticeship.student_id)
        .join(ApprenticeshipPlace, ApprenticeshipPlace.id == Apprenticeship.place_id)
        .where(Apprenticeship.round_id == round_id).order_by(Apprenticeship.id)).all()
    hr = {company_id: user_id for user_id, company_id in db.session.execute(
        select(User.id, User.company_id).where(User.company_id.in_({r.company_id for r in rows})).order_by(User.id))}
    return [(r.id, r.user_id, hr[r.company_id], r.starts_on, r.ends_on) for r in rows]


def _carry_out_apprenticeships(officer: User, round_id: int, rng: random.Random, today: date) -> None:
    """Legalise all but two agreements; apprentices write a weekly logbook the mentor signs; the placements that
    have ended get the mentor's final assessment (and the certificate)."""
    rows = _apprenticeships_of(round_id)
    waiting = {row[0] for row in rng.sample([row for row in rows if row[4] > today], NOT_LEGALISED)}
    for appr_id, student_user_id, hr_id, starts, ends in rows:
        if appr_id in waiting:
            continue
        apprenticeships.legalise(officer, appr_id, now=LEGALISED_AT)
        student_user, mentor = db.session.get(User, student_user_id), db.session.get(User, hr_id)
        week = starts
        while week <= min(ends, today):
            entry = apprenticeships.write_entry(
                student_user, week_start=week, hours=rng.choice((35, 38, 40)), today=today,
                activities=f"Minggu {week:%d-%m-%Y}: mengikuti pengarahan K3, membantu pekerjaan harian bersama "
                           "mentor, dan mencatat hal baru yang dipelajari.")
            apprenticeships.sign_entry(mentor, entry.id, note="Kehadiran dan sikap kerja baik.")
            week += timedelta(weeks=1)
        if ends <= today:  # assessed on the last day (16.00 WITA): inside the last 14 days the mentor may assess
            apprenticeships.assess(mentor, appr_id, score=rng.randrange(75, 96),
                                   note="Disiplin, cepat belajar, dan mampu bekerja dalam tim.",
                                   now=wita(ends, 16))


# --- the seed and its figures -----------------------------------------------------------------------------------

@figure_snapshots.refreshed_once  # many commits: the city's figures once, at the end
def seed_smk_programme(officer: User, *, today: date | None = None, password_hash: str | None = None,
                       progress: Progress = None) -> int:
    """Add the August 2025 SMK programme once (idempotent: nothing happens when its first school exists).
    `today` is the day the seed stands on (default 29 August 2025): later sessions, completions and logbook weeks
    are left for later. Returns the number of students enrolled now."""
    if smk_demo_exists():
        say(progress, "Program SMK demo sudah ada; tidak ditambahkan lagi.")
        return 0
    today = today or AS_OF
    rng = random.Random(2025)
    password_hash = password_hash or record_only_password_hash()
    school_staff = _create_schools(officer, password_hash)
    by_major, consents = _enrol_students(school_staff, rng)
    enrolled = sum(len(ids) for ids in by_major.values())
    say(progress, f"Program SMK: {len(school_staff)} sekolah, {enrolled} siswa kelas XII didaftarkan BKK "
                  f"({consents} persetujuan orang tua/wali dicatat).")
    _run_courses(officer, by_major, school_staff, rng, today)
    say(progress, f"Program SMK: {len(COURSES)} pelatihan Agustus 2025 dengan presensi dan kelulusan.")
    place_ids = _create_companies(officer, password_hash)
    ranked = _rank(by_major, place_ids, password_hash, rng)
    _company_ranks(place_ids, rng)
    match_round = _match(officer)
    say(progress, f"Program SMK: {len(COMPANIES)} perusahaan, {len(place_ids)} tempat magang disetujui, "
                  f"{ranked} siswa memilih; putaran {match_round.number} diterbitkan.")
    _carry_out_apprenticeships(officer, match_round.id, rng, today)
    return enrolled


def smk_summary() -> list[str]:
    """What `flask seed-demo` prints: the figures the training and apprenticeship pages compute."""
    officer = demo_officer()
    t = training.figures(officer, year=GRADUATION.year)  # the 2025 programme (later cohorts: demo/cohort.py)
    a = apprenticeships.figures(officer)
    school_count = db.session.scalar(select(func.count(School.id)))
    student_count = db.session.scalar(select(func.count(Student.id)).where(Student.expected_graduation == GRADUATION))
    distinct = db.session.scalar(select(func.count(TrainingEnrolment.student_id.distinct())).join(TrainingCourse).where(
        TrainingCourse.starts_on >= date(GRADUATION.year, 1, 1), TrainingCourse.starts_on <= GRADUATION))
    last = db.session.scalar(select(MatchRound).where(MatchRound.status == matching_rounds.PUBLISHED)
                             .order_by(MatchRound.number.desc()))
    lines = [f"Program SMK Agustus 2025: {school_count} sekolah, {student_count} siswa kelas XII.",
             f"  Pelatihan: {t['courses']} pelatihan, {t['kinds']} jenis, {t['participants']} peserta "
             f"({distinct} siswa), {t['completions']} lulus, {t['dropped']} keluar.",
             "  Per jenis: " + ", ".join(f"{k['kind']} {k['participants']}" for k in t["by_kind"]) + "."]
    if last is not None:
        ranks = ", ".join(f"pilihan ke-{rank}: {count}" for rank, count in last.stats.get("rank_distribution", [])
                          if rank is not None)
        lines.append(f"  Penempatan magang putaran {last.number} (diterbitkan): {last.stats['matched']} mendapat "
                     f"tempat, {last.stats['unmatched']} belum ({ranks}).")
    lines.append(f"  Pemagangan: {a['companies']} perusahaan, {a['participants']} peserta: {a['completed']} selesai, "
                 f"{a['active']} berjalan, {a['awaiting_legalisation']} menunggu pengesahan.")
    return lines
