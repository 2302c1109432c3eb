"""Pre-graduation training courses for SMK students: courses and sessions (office), enrolment (school staff or
office; capacity enforced in the database), attendance, completion with a certificate, drop-out, figures."""

from datetime import UTC, date, datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import (
    Attendance,
    EnrolmentStatus,
    ProviderType,
    Role,
    SmkMajor,
    Student,
    TrainingCourse,
    TrainingEnrolment,
    TrainingSession,
)
from jobfair.rules import numbers
from jobfair.services import access, audit, keyset, review_desk
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.notifications import notify
from jobfair.services.smk.students import can_be_placed
from jobfair.services.smk.training_figures import figures  # noqa: F401  (part of this module's interface)

COURSE_NOT_FOUND = _l("Pelatihan tidak ditemukan.")
STUDENT_NOT_FOUND = _l("Siswa tidak ditemukan di sekolah Anda.")
ENROLMENT_NOT_FOUND = _l("Peserta pelatihan tidak ditemukan.")
CERTIFICATE_PREFIX = "SERT/PLT"
STUDENT_LINK = Link("students.my_trainings")
ALREADY_ENROLLED = _l("Siswa ini sudah pernah didaftarkan pada pelatihan ini.")
DAY = "dd-MM-yyyy"  # 05-01-2026, as the course pages write dates


def _day(value: date) -> str:
    return format_date(value, DAY)


def _today(today: date | None) -> date:
    return today or date.today()


def majors_of(course: TrainingCourse) -> list[str]:
    return [code for code in (course.eligible_majors or "").split(",") if code]


def major_fits(course: TrainingCourse, major_code: str) -> bool:
    majors = majors_of(course)
    return not majors or major_code in majors


# --- courses and sessions (office) ------------------------------------------------------------------------------

def _course_values(*, name, field, provider_type, provider_name, capacity, starts_on, ends_on, hours,
                   eligible_majors) -> dict:
    errors: dict[str, str] = {}
    name, field, provider_name = ((v or "").strip() for v in (name, field, provider_name))
    if not 3 <= len(name) <= 160:
        errors["name"] = _l("Nama pelatihan wajib diisi (3–160 karakter).")
    if not 3 <= len(field) <= 120:
        errors["field"] = _l("Bidang/jenis pelatihan wajib diisi (misalnya Pengelasan), 3–120 karakter.")
    if provider_type not in {p.value for p in ProviderType}:
        errors["provider_type"] = _l("Pilih penyelenggara: Disnaker, balai/lembaga pelatihan, atau perusahaan.")
    if not 3 <= len(provider_name) <= 160:
        errors["provider_name"] = _l("Nama penyelenggara wajib diisi (3–160 karakter).")
    for key, value, low, high, message in (
            ("capacity", capacity, 1, 1000, _l("Kuota peserta diisi angka bulat 1–1000.")),
            ("hours", hours, 1, 2000, _l("Jumlah jam pelatihan diisi angka bulat 1–2000."))):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[key] = message
    if not isinstance(starts_on, date):
        errors["starts_on"] = _l("Isi tanggal mulai pelatihan.")
    if not isinstance(ends_on, date):
        errors["ends_on"] = _l("Isi tanggal selesai pelatihan.")
    elif isinstance(starts_on, date) and ends_on < starts_on:
        errors["ends_on"] = _l("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    majors = sorted({(code or "").strip() for code in (eligible_majors or []) if (code or "").strip()})
    known = set(db.session.scalars(select(SmkMajor.code).where(SmkMajor.code.in_(majors)))) if majors else set()
    if set(majors) - known:
        errors["eligible_majors"] = _l("Pilih jurusan dari daftar (kosongkan semua bila terbuka untuk semua "
                                       "jurusan).")
    if errors:
        raise ValidationFailed(errors)
    return dict(name=name, field=field, provider_type=provider_type, provider_name=provider_name, capacity=capacity,
                starts_on=starts_on, ends_on=ends_on, hours=hours, eligible_majors=",".join(majors))


def create_course(actor, **fields) -> TrainingCourse:
    access.require_office(actor)
    course = TrainingCourse(**_course_values(**fields), enrolled_count=0, created_by_id=actor.id)
    db.session.add(course)
    db.session.flush()
    audit.record(actor, "training.course_created", course)
    db.session.commit()
    return course


def update_course(actor, course_id: int, **fields) -> TrainingCourse:
    course = get_course(actor, course_id, lock=True)
    values = _course_values(**fields)
    if values["capacity"] < course.enrolled_count:
        raise ValidationFailed({"capacity": _l("Sudah ada %(count)s peserta; kuota tidak boleh lebih kecil dari "
                                               "itu.", count=numbers.number(course.enrolled_count))})
    outside = db.session.scalar(select(func.count(TrainingSession.id)).where(
        TrainingSession.course_id == course.id,
        (TrainingSession.held_on < values["starts_on"]) | (TrainingSession.held_on > values["ends_on"])))
    if outside:
        raise ValidationFailed({"starts_on": _l("Ada sesi di luar tanggal baru; ubah tanggal agar semua sesi "
                                                "tercakup.")})
    for key, value in values.items():
        setattr(course, key, value)
    audit.record(actor, "training.course_updated", course)
    db.session.commit()
    return course


@keyset.listing
def list_courses(actor):
    access.require_office(actor)
    return select(TrainingCourse).order_by(TrainingCourse.starts_on.desc(), TrainingCourse.id.desc())


def get_course(actor, course_id: int, *, lock: bool = False) -> TrainingCourse:
    return access.office_object(actor, TrainingCourse, course_id, COURSE_NOT_FOUND, lock=lock)


def course_detail(actor, course_id: int) -> dict:
    """The course, its sessions and its participants (with student, person and school), for the office."""
    course = get_course(actor, course_id)
    sessions = list(db.session.scalars(select(TrainingSession).where(TrainingSession.course_id == course.id)
                                       .order_by(TrainingSession.held_on)))
    enrolments = _enrolments(course.id)
    attended = dict(db.session.execute(
        select(Attendance.enrolment_id, func.count(Attendance.id)).join(TrainingEnrolment)
        .where(TrainingEnrolment.course_id == course.id, Attendance.present.is_(True))
        .group_by(Attendance.enrolment_id)).all())
    return {"course": course, "sessions": sessions, "enrolments": enrolments, "attended": attended}


def _enrolments(course_id: int, *, school_id: int | None = None) -> list[TrainingEnrolment]:
    query = (select(TrainingEnrolment).join(Student).where(TrainingEnrolment.course_id == course_id)
             .order_by(TrainingEnrolment.id))
    if school_id is not None:
        query = query.where(Student.school_id == school_id)
    return list(db.session.scalars(query))


def add_session(actor, course_id: int, *, held_on: date, topic: str) -> TrainingSession:
    course = get_course(actor, course_id)
    topic = (topic or "").strip()
    if not isinstance(held_on, date) or not course.starts_on <= held_on <= course.ends_on:
        raise ValidationFailed({"held_on": _l("Tanggal sesi harus di antara %(starts)s dan %(ends)s.",
                                              starts=_day(course.starts_on), ends=_day(course.ends_on))})
    if not 2 <= len(topic) <= 200:
        raise ValidationFailed({"topic": _l("Tulis materi sesi (2–200 karakter).")})
    session = TrainingSession(course_id=course.id, held_on=held_on, topic=topic)
    db.session.add(session)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ValidationFailed({"held_on": _l("Sudah ada sesi pada tanggal itu; pilih tanggal lain.")}) from None
    audit.record(actor, "training.session_added", session)
    db.session.commit()
    return session


# --- enrolment (school staff for their own students, or the office) ---------------------------------------------

def _student_for(actor, student_id: int) -> Student:
    student = db.session.get(Student, student_id)
    if access.is_office(actor):
        if student is None:
            raise NotFound(_l("Siswa tidak ditemukan."))
        return student
    access.require_role(actor, Role.SCHOOL.value,
                        message=_l("Hanya sekolah atau petugas Disnaker yang dapat mendaftarkan siswa."))
    if student is None or actor.school_id is None or student.school_id != actor.school_id:
        raise NotFound(STUDENT_NOT_FOUND)
    return student


def enrol(actor, course_id: int, student_id: int, *, today: date | None = None) -> TrainingEnrolment:
    """Enrol a student. The seat is taken with one conditional UPDATE (never over capacity, even concurrently);
    the unique (course, student) constraint stops a double enrolment."""
    student = _student_for(actor, student_id)
    course = db.session.get(TrainingCourse, course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    if course.ends_on < _today(today):
        raise InvalidState(_l("Pelatihan ini sudah berakhir; siswa tidak dapat didaftarkan lagi."))
    if not major_fits(course, student.major_code):
        raise ValidationFailed({"student_id": _l("Jurusan siswa ini tidak termasuk jurusan yang dapat mengikuti "
                                                 "pelatihan ini; pilih siswa dari jurusan yang sesuai.")})
    placeable, reason = can_be_placed(student, _today(today))  # a minor only with the recorded guardian consent
    if not placeable:
        raise ValidationFailed({"student_id": _l("%(reason)s Catat persetujuan itu di halaman siswa, lalu "
                                                 "daftarkan lagi.", reason=reason)})
    if db.session.scalar(select(TrainingEnrolment.id).where(TrainingEnrolment.course_id == course.id,
                                                            TrainingEnrolment.student_id == student.id)):
        raise InvalidState(ALREADY_ENROLLED)
    taken = db.session.execute(
        update(TrainingCourse).where(TrainingCourse.id == course.id,
                                     TrainingCourse.enrolled_count < TrainingCourse.capacity)
        .values(enrolled_count=TrainingCourse.enrolled_count + 1).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        db.session.rollback()
        raise InvalidState(_l("Kuota pelatihan ini sudah penuh; pilih pelatihan lain atau hubungi Disnaker."))
    enrolment = TrainingEnrolment(course_id=course.id, student_id=student.id, status=EnrolmentStatus.ENROLLED.value,
                                  enrolled_by_id=actor.id)
    db.session.add(enrolment)
    try:
        db.session.flush()
    except IntegrityError:  # the same student enrolled at the same moment by someone else: the seat is given back
        db.session.rollback()
        raise InvalidState(ALREADY_ENROLLED) from None
    audit.record(actor, "training.enrolled", enrolment, detail={"course_id": course.id, "student_id": student.id})
    if student.user is not None:
        notify(student.user, _l("Anda didaftarkan pada pelatihan '%(name)s' (%(starts)s s.d. %(ends)s).",
                                name=course.name, starts=_day(course.starts_on), ends=_day(course.ends_on)),
               link=STUDENT_LINK)
    db.session.commit()
    db.session.refresh(course)
    return enrolment


def enrol_by_nisn(actor, course_id: int, nisn: str, *, today: date | None = None) -> TrainingEnrolment:
    """The office enrols a student it knows by NISN."""
    access.require_office(actor)
    nisn = (nisn or "").strip()
    if not (len(nisn) == 10 and nisn.isascii() and nisn.isdigit()):
        raise ValidationFailed({"nisn": _l("NISN harus 10 angka.")})
    student_id = db.session.scalar(select(Student.id).where(Student.nisn == nisn))
    if student_id is None:
        raise ValidationFailed({"nisn": _l("Tidak ada siswa dengan NISN itu; periksa lagi atau minta sekolah "
                                           "mendaftarkan siswanya lebih dulu.")})
    return enrol(actor, course_id, student_id, today=today)


@keyset.listing
def school_courses(actor, *, today: date | None = None):
    """Courses a school can still enrol students in (not yet ended), soonest first."""
    _require_school(actor)
    return (select(TrainingCourse).where(TrainingCourse.ends_on >= _today(today))
            .order_by(TrainingCourse.starts_on, TrainingCourse.id))


def _require_school(actor) -> None:
    access.require_role(actor, Role.SCHOOL.value, message=_l("Hanya akun sekolah yang dapat melakukan ini."))


def school_course(actor, course_id: int) -> dict:
    """A course as the school sees it: its own enrolled students, and its students who could still be enrolled."""
    _require_school(actor)
    course = db.session.get(TrainingCourse, course_id)
    if course is None:
        raise NotFound(COURSE_NOT_FOUND)
    if actor.school_id is None:
        return {"course": course, "enrolments": [], "candidates": []}
    enrolled = select(TrainingEnrolment.student_id).where(TrainingEnrolment.course_id == course.id)
    query = (select(Student).where(Student.school_id == actor.school_id, Student.id.not_in(enrolled))
             .order_by(Student.class_name, Student.nisn))
    majors = majors_of(course)
    if majors:
        query = query.where(Student.major_code.in_(majors))
    return {"course": course, "enrolments": _enrolments(course.id, school_id=actor.school_id),
            "candidates": list(db.session.scalars(query))}


# --- attendance, completion, drop-out (office decisions) --------------------------------------------------------

def session_sheet(actor, session_id: int) -> dict:
    access.require_office(actor)
    session = db.session.get(TrainingSession, session_id)
    if session is None:
        raise NotFound(_l("Sesi pelatihan tidak ditemukan."))
    enrolments = [e for e in _enrolments(session.course_id) if e.status != EnrolmentStatus.DROPPED.value]
    present = set(db.session.scalars(select(Attendance.enrolment_id).where(Attendance.session_id == session.id,
                                                                           Attendance.present.is_(True))))
    recorded = bool(db.session.scalar(select(func.count(Attendance.id)).where(Attendance.session_id == session.id)))
    return {"session": session, "course": db.session.get(TrainingCourse, session.course_id),
            "enrolments": enrolments, "present": present, "recorded": recorded}


def record_attendance(actor, session_id: int, present_enrolment_ids: set[int], *,
                      today: date | None = None) -> int:
    """Record who was present at a session (one row per active participant, updated if recorded before).
    Returns the number present."""
    sheet = session_sheet(actor, session_id)
    session = sheet["session"]
    if session.held_on > _today(today):
        raise InvalidState(_l("Presensi hanya dapat dicatat pada atau setelah tanggal sesi."))
    active = {e.id for e in sheet["enrolments"]}
    present_ids = {int(i) for i in present_enrolment_ids}
    if present_ids - active:
        raise ValidationFailed({"present": _l("Ada peserta yang bukan peserta aktif pelatihan ini; muat ulang "
                                              "halaman.")})
    existing = {a.enrolment_id: a for a in db.session.scalars(
        select(Attendance).where(Attendance.session_id == session.id))}
    for enrolment_id in active:
        row = existing.get(enrolment_id)
        if row is None:
            db.session.add(Attendance(session_id=session.id, enrolment_id=enrolment_id,
                                      present=enrolment_id in present_ids))
        else:
            row.present = enrolment_id in present_ids
    audit.record(actor, "training.attendance_recorded", session,
                 detail={"present": sorted(present_ids), "absent": sorted(active - present_ids)})
    db.session.commit()
    return len(present_ids)


def office_enrolment(actor, enrolment_id: int, *, lock: bool = False) -> TrainingEnrolment:
    return access.office_object(actor, TrainingEnrolment, enrolment_id, ENROLMENT_NOT_FOUND, lock=lock)


def attendance_of(enrolment: TrainingEnrolment) -> tuple[int, int]:
    """(sessions attended, sessions held so far with attendance recorded) for one participant."""
    row = db.session.execute(select(func.count(Attendance.id), func.coalesce(func.sum(
        case((Attendance.present.is_(True), 1), else_=0)), 0)).where(Attendance.enrolment_id == enrolment.id)).one()
    return int(row[1]), int(row[0])


def _notify_student(enrolment: TrainingEnrolment, message) -> None:
    if enrolment.student.user is not None:
        notify(enrolment.student.user, message, link=STUDENT_LINK)


def complete(actor, enrolment_id: int, *, score, today: date | None = None) -> TrainingEnrolment:
    enrolment = review_desk.still_in(office_enrolment(actor, enrolment_id, lock=True), EnrolmentStatus.ENROLLED.value,
                                     _l("Peserta ini sudah dinyatakan selesai atau keluar."))
    if _today(today) < enrolment.course.ends_on:
        raise InvalidState(_l("Kelulusan dicatat setelah pelatihan berakhir (%(ends)s).",
                              ends=_day(enrolment.course.ends_on)))
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise ValidationFailed({"score": _l("Nilai akhir diisi angka bulat 0–100.")})
    now = datetime.now(UTC)
    enrolment.status, enrolment.score, enrolment.finished_at = EnrolmentStatus.COMPLETED.value, score, now
    enrolment.certificate_number = f"{CERTIFICATE_PREFIX}/{enrolment.course.ends_on.year}/{enrolment.id:06d}"
    audit.record(actor, "training.completed", enrolment,
                 detail={"score": score, "certificate_number": enrolment.certificate_number})
    _notify_student(enrolment, _l("Selamat, Anda lulus pelatihan '%(name)s' dengan nilai %(score)s. Sertifikat "
                                  "dapat dicetak.", name=enrolment.course.name, score=score))
    db.session.commit()
    return enrolment


def drop(actor, enrolment_id: int, reason: str) -> TrainingEnrolment:
    """A participant leaves the course; the seat is freed for another student."""
    enrolment = review_desk.still_in(office_enrolment(actor, enrolment_id, lock=True), EnrolmentStatus.ENROLLED.value,
                                     _l("Hanya peserta yang masih terdaftar dapat dinyatakan keluar."))
    reason = review_desk.written_reason(reason, _l("Tulis alasan peserta keluar (5–2000 karakter)."), maximum=2000)
    freed = db.session.execute(
        update(TrainingCourse).where(TrainingCourse.id == enrolment.course_id, TrainingCourse.enrolled_count > 0)
        .values(enrolled_count=TrainingCourse.enrolled_count - 1).execution_options(synchronize_session=False))
    if freed.rowcount != 1:  # pragma: no cover - the count and the rows disagree: refuse rather than corrupt
        db.session.rollback()
        raise InvalidState(_l("Jumlah peserta pelatihan tidak sesuai; hubungi admin."))
    enrolment.status, enrolment.drop_reason = EnrolmentStatus.DROPPED.value, reason
    enrolment.finished_at = datetime.now(UTC)
    audit.record(actor, "training.dropped", enrolment, detail={"reason": reason})
    _notify_student(enrolment, _l("Anda dinyatakan keluar dari pelatihan '%(name)s': %(reason)s",
                                  name=enrolment.course.name, reason=reason))
    db.session.commit()
    return enrolment


# --- what students and schools read ------------------------------------------------------------------------------

def my_enrolments(actor) -> list[TrainingEnrolment]:
    """The logged-in student's trainings (empty when the account is not linked to a student yet)."""
    access.require_role(actor, Role.STUDENT.value, message=_l("Hanya akun siswa yang dapat melihat halaman ini."))
    return list(db.session.scalars(select(TrainingEnrolment).join(Student).where(Student.user_id == actor.id)
                                   .order_by(TrainingEnrolment.enrolled_at.desc(), TrainingEnrolment.id.desc())))


def certificate(actor, enrolment_id: int) -> TrainingEnrolment:
    """A completed participant's certificate: for the student themself, their school's staff and the office."""
    enrolment = db.session.get(TrainingEnrolment, enrolment_id)
    if enrolment is None or actor is None:
        raise NotFound(ENROLMENT_NOT_FOUND)
    student = enrolment.student
    allowed = (access.is_office(actor)
               or (actor.role == Role.STUDENT.value and student.user_id == actor.id)
               or (actor.role == Role.SCHOOL.value and actor.school_id is not None
                   and actor.school_id == student.school_id))
    if not allowed:
        raise NotFound(ENROLMENT_NOT_FOUND)
    if enrolment.status != EnrolmentStatus.COMPLETED.value:
        raise InvalidState(_l("Sertifikat tersedia setelah peserta dinyatakan lulus pelatihan."))
    return enrolment
