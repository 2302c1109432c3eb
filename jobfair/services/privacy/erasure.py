"""Anonymisation of a person (UU PDP No. 27/2022 art. 43: erasure on request, and at the end of retention).

`anonymise_person` is the one place that knows which fields identify a person. The erasure desk
(privacy/data_requests.py) calls it after an officer approved a request; retention (privacy/retention.py) calls it
when an applicant's retention period has run out. It keeps every row that a figure counts (applications, placements,
fair registrations, training, apprenticeships, enrolments, cover months, ledger, claims) and the few attributes the
figures group by (sex, kecamatan, education level, worker category, the SMK major and school), so every published
figure is the same before and after; it clears what identifies or describes the person.

What the law makes the office keep (`retained_records`) stays, without name or NIK. What still runs (an apprenticeship
agreement in force, a protection enrolment not ended) blocks the erasure (`blockers`): the office ends it first.
"""

import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from jobfair.extensions import db
from jobfair.models import (
    Ak1Card,
    Ak1Report,
    Application,
    ApplicationEvent,
    Apprenticeship,
    ApprenticeshipStatus,
    Claim,
    Enrolment,
    Interview,
    LedgerEntry,
    LedgerStatus,
    LogbookEntry,
    Notification,
    OutboxEmail,
    PasswordReset,
    Person,
    Placement,
    PlacementStatus,
    ProtectionStatus,
    RecoveryCode,
    SavedSearch,
    SecondFactor,
    SeekerProfile,
    Student,
    TrainingEnrolment,
    User,
    Worker,
)
from jobfair.services import audit
from jobfair.services.errors import InvalidState
from jobfair.services.hiring.seeker_profiles import CV_SUBFOLDER
from jobfair.services.users import passwords, sessions

RUNNING_APPRENTICESHIP = (ApprenticeshipStatus.AGREEMENT.value, ApprenticeshipStatus.ACTIVE.value)
RUNNING_ENROLMENT = (ProtectionStatus.REGISTERED.value, ProtectionStatus.SECTOR_VERIFIED.value,
                     ProtectionStatus.DECREED.value, ProtectionStatus.ACTIVE.value)


def erased_name(person_id: int) -> str:
    return f"Dihapus #{person_id}"


def _student(person_id: int) -> Student | None:
    return db.session.scalar(select(Student).where(Student.person_id == person_id))


def _worker(person_id: int) -> Worker | None:
    return db.session.scalar(select(Worker).where(Worker.person_id == person_id))


def _profile(person_id: int) -> SeekerProfile | None:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.person_id == person_id))


def blockers(person_id: int) -> list[str]:
    """Why this person cannot be erased today (empty: they can). Each reason says what has to happen first."""
    running = (  # (what still binds the office, its owner row and running statuses, why it blocks the erasure)
        (Apprenticeship, Student, Apprenticeship.student_id, Apprenticeship.status.in_(RUNNING_APPRENTICESHIP),
         _l("Perjanjian pemagangan masih berlaku (Permenaker 6/2020): perjanjian yang disahkan Disnaker mengikat "
            "selama masanya, dan peserta berhak atas uang saku, jaminan sosial dan sertifikat. Tunggu sampai "
            "pemagangan selesai atau dihentikan, lalu putuskan permintaan ini.")),
        (Enrolment, Worker, Enrolment.worker_id, Enrolment.status.in_(RUNNING_ENROLMENT),
         _l("Kepesertaan perlindungan BPJS Ketenagakerjaan masih berjalan: iurannya dibayar Pemerintah dan "
            "perlindungan kecelakaan kerja dan kematian masih berlaku. Menghapus data sekarang menghentikan "
            "perlindungan itu. Akhiri kepesertaan dulu (atas permintaan warga), lalu putuskan permintaan ini.")),
    )
    return [reason for record, owner, owner_id, is_running, reason in running
            if db.session.scalar(select(func.count()).select_from(record).join(owner, owner.id == owner_id)
                                 .where(owner.person_id == person_id, is_running))]


def retained_records(person_id: int) -> list[dict]:
    """What the office keeps after the erasure, by law, without name or NIK: [{what, count, why}]."""
    kept = []
    worker = _worker(person_id)
    if worker is not None:
        paid = db.session.execute(
            select(func.count(), func.coalesce(func.sum(LedgerEntry.amount), 0)).select_from(LedgerEntry)
            .join(Enrolment, Enrolment.id == LedgerEntry.enrolment_id)
            .where(Enrolment.worker_id == worker.id,
                   LedgerEntry.status.in_((LedgerStatus.PAID.value, LedgerStatus.DELIVERED.value)))).one()
        enrolments = db.session.scalar(select(func.count()).select_from(Enrolment)
                                       .where(Enrolment.worker_id == worker.id))
        claims = db.session.scalar(select(func.count()).select_from(Claim).join(Enrolment)
                                   .where(Enrolment.worker_id == worker.id))
        if paid[0]:
            kept.append({"what": _l("Iuran BPJS Ketenagakerjaan dan bantuan yang sudah dibayar atau diserahkan"),
                         "count": int(paid[0]), "amount": int(paid[1]),
                         "why": _l("Uang daerah: bukti pembayaran disimpan untuk pertanggungjawaban APBD dan "
                                       "pemeriksaan BPK (UU 15/2004) dan sebagai arsip (UU 43/2009). Disimpan "
                                       "tanpa nama, NIK, alamat dan telepon; nomor KPJ dan nomor SK tetap agar "
                                       "BPJS Ketenagakerjaan dapat mencocokkan pembayaran.")})
        if enrolments:
            kept.append({"what": _l("Riwayat kepesertaan perlindungan (program, masa cover, SK Wali Kota)"),
                         "count": int(enrolments), "amount": None,
                         "why": _l("Dasar pembayaran iuran di atas; tanggal lahir, jenis kelamin, kategori "
                                       "pekerja dan kecamatan tetap karena syarat kepesertaan (usia paling tinggi "
                                       "64 tahun) dan angka perlindungan kota dihitung darinya.")})
        if claims:
            kept.append({"what": _l("Klaim kecelakaan kerja atau kematian"), "count": int(claims),
                         "amount": None, "why": _l("Bagian dari bukti kepesertaan dan pembayaran di atas.")})
    placements = db.session.scalar(
        select(func.count()).select_from(Placement).join(Application, Application.id == Placement.application_id)
        .join(SeekerProfile, SeekerProfile.id == Application.seeker_id)
        .where(SeekerProfile.person_id == person_id, Placement.status == PlacementStatus.VERIFIED.value))
    if placements:
        kept.append({"what": _l("Penempatan kerja yang sudah diverifikasi"), "count": int(placements),
                     "amount": None,
                     "why": _l("Sudah dilaporkan ke Kementerian Ketenagakerjaan (Perpres 57/2023, Permenaker "
                                   "39/2016): perusahaan, jabatan, tanggal mulai, jenis kontrak dan upah tetap, "
                                   "tanpa nama.")})
    finished = db.session.scalar(
        select(func.count()).select_from(Apprenticeship).join(Student, Student.id == Apprenticeship.student_id)
        .where(Student.person_id == person_id, Apprenticeship.legalised_at.is_not(None)))
    if finished:
        kept.append({"what": _l("Perjanjian pemagangan yang disahkan Disnaker"), "count": int(finished),
                     "amount": None,
                     "why": _l("Perjanjian yang disahkan adalah arsip dinas (Permenaker 6/2020): nomor "
                                   "perjanjian, perusahaan, masa dan nomor sertifikat tetap, tanpa nama dan NISN.")})
    return kept


def _clear_person(person: Person, *, keep_birth_date: bool) -> None:
    person.full_name = erased_name(person.id)
    person.nik_encrypted = ""                    # no ciphertext left to decrypt
    person.nik_hmac = f"erased:{person.id}"      # unique like an HMAC, matches no NIK: the NIK may register again
    person.nik_last4, person.nik_region = "", ""
    if not keep_birth_date:
        # Only the year: mid-year so an age computed from it is off by half a year at most.
        person.birth_date = date(person.birth_date.year, 7, 1)


def _clear_profile(profile: SeekerProfile) -> str | None:
    """Clear the seeker profile; returns the CV file name to remove once the change is committed."""
    cv = profile.cv_storage_name
    # kecamatan and education level stay: the city's seeker figures are counted by them.
    for name in ("birth_place", "marital_status", "religion", "address", "school_name", "major", "skills",
                 "experience"):
        setattr(profile, name, "")
    profile.kelurahan_code, profile.graduation_year, profile.experience_years = None, None, 0
    profile.has_disability = False
    profile.cv_storage_name = profile.cv_original_name = profile.cv_uploaded_at = None
    applications = select(Application.id).where(Application.seeker_id == profile.id).scalar_subquery()
    db.session.execute(update(Application).where(Application.seeker_id == profile.id).values(cover_letter=""))
    db.session.execute(update(ApplicationEvent).where(ApplicationEvent.application_id.in_(applications))
                       .values(note=""))
    db.session.execute(update(Interview).where(Interview.application_id.in_(applications)).values(note=""))
    cards = select(Ak1Card.id).where(Ak1Card.seeker_id == profile.id).scalar_subquery()
    db.session.execute(update(Ak1Card).where(Ak1Card.seeker_id == profile.id).values(verify_token=None, reason=None))
    db.session.execute(update(Ak1Report).where(Ak1Report.card_id.in_(cards)).values(note=""))
    return cv


def _clear_student(student: Student) -> None:
    # School, major, class year and report score stay: training, match and apprenticeship figures use them.
    student.nisn = f"D{student.id:09d}"[:10]  # unique, and never a real NISN (those are digits)
    student.phone = student.guardian_name = student.guardian_phone = student.class_name = ""
    student.invitation_token_hash = student.invitation_expires_at = None
    runs = select(Apprenticeship.id).where(Apprenticeship.student_id == student.id).scalar_subquery()
    db.session.execute(update(LogbookEntry).where(LogbookEntry.apprenticeship_id.in_(runs))
                       .values(activities="", mentor_note=None))
    db.session.execute(update(Apprenticeship).where(Apprenticeship.student_id == student.id)
                       .values(assessment_note=None))
    db.session.execute(update(TrainingEnrolment).where(TrainingEnrolment.student_id == student.id)
                       .values(drop_reason=None))


def _clear_worker(worker: Worker) -> None:
    # Category, kecamatan, income, KTP-since and the disability/elderly flags stay with the retained enrolments.
    worker.address, worker.phone, worker.disability_note = "", "", ""
    worker.kelurahan_code = None


def _close_login(user: User, now: datetime) -> None:
    old_email = user.email
    user.email = f"dihapus-{user.id}@dihapus.invalid"  # .invalid never delivers (RFC 2606)
    user.full_name = erased_name(user.person_id) if user.person_id else "Dihapus"
    user.phone = None
    user.password_hash = passwords.hash_password(secrets.token_urlsafe(32))  # a password nobody knows
    user.active = False
    user.session_version += 1
    sessions.end_all(user, "erased", now=now)
    for model in (PasswordReset, RecoveryCode, SecondFactor, Notification, SavedSearch):  # saved: sent rows cascade
        db.session.execute(delete(model).where(model.user_id == user.id))
    db.session.execute(delete(OutboxEmail).where(OutboxEmail.recipient == old_email))


def anonymise_person(person_id: int, *, actor, reason: str, now: datetime | None = None) -> bool:
    """Anonymise one person and close their logins, in one unit of work (committed here). Returns False when the
    person was already anonymised (by another run or request): the claim is a conditional UPDATE, so two callers
    at once anonymise a person once. Raises InvalidState with the blockers when something still runs."""
    now = now or datetime.now(UTC)
    problems = blockers(person_id)
    if problems:
        raise InvalidState(problems[0])
    claimed = db.session.execute(update(Person).where(Person.id == person_id, Person.anonymised_at.is_(None))
                                 .values(anonymised_at=now)).rowcount
    if claimed != 1:
        db.session.rollback()
        return False
    person = db.session.get(Person, person_id)
    worker, student, profile = _worker(person_id), _student(person_id), _profile(person_id)
    has_enrolments = worker is not None and db.session.scalar(
        select(func.count()).select_from(Enrolment).where(Enrolment.worker_id == worker.id)) > 0
    _clear_person(person, keep_birth_date=has_enrolments)
    cv = _clear_profile(profile) if profile is not None else None
    if student is not None:
        _clear_student(student)
    if worker is not None:
        _clear_worker(worker)
    user_ids = {user_id for user_id in (getattr(profile, "user_id", None), getattr(student, "user_id", None))
                if user_id} | set(db.session.scalars(select(User.id).where(User.person_id == person_id)))
    for user_id in sorted(user_ids):
        _close_login(db.session.get(User, user_id), now)
    audit.record(actor, "person.anonymised", person,
                 detail={"reason": reason, "logins_closed": len(user_ids), "cv_removed": bool(cv)})
    db.session.commit()
    if cv:  # after the commit: a rolled-back erasure must not have lost the file
        (Path(current_app.config["UPLOAD_FOLDER"]) / CV_SUBFOLDER / cv).unlink(missing_ok=True)
    return True
