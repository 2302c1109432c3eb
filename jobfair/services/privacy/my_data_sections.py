"""The sections of "Data saya": one collector per kind of record the platform holds about a person.

A collector is ``collect(user, person) -> Section | None`` (None: nothing of that kind applies to this user).
Each one reads only rows reached from the acting user (their account, their person row, their seeker profile or
student record, their protection register entry found by the NIK's keyed HMAC): there is no id to pass, so there
is nothing another person's id could open. The registry (the order of the page) is in ``services/privacy/my_data.py``.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import wraps

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from jobfair import labels
from jobfair.extensions import db
from jobfair.labels import Sex
from jobfair.models import (
    Ak1Card,
    Ak1Status,
    Application,
    ApplicationStatus,
    Apprenticeship,
    ApprenticeshipPlace,
    ApprenticeshipStatus,
    Attendance,
    Claim,
    ClaimKind,
    ClaimStatus,
    Enrolment,
    EnrolmentStatus,
    FairRegistration,
    Person,
    PklPlacement,
    ProtectionStatus,
    Role,
    SavedSearch,
    SeekerProfile,
    Student,
    StudentChoice,
    TrainingEnrolment,
    Worker,
)
from jobfair.rules.dates import WITA
from jobfair.rules.numbers import number, rupiah


@dataclass(frozen=True)
class Item:
    """One fact: a stable key for the JSON file, a label for people, the value and how it reads."""
    key: str
    label: object
    value: object      # JSON-ready: str, int, bool, None (dates as ISO text, moments in WITA ISO text)
    text: str


@dataclass
class Section:
    key: str
    title: object
    records: list[list[Item]] = field(default_factory=list)
    note: object = ""

    def as_json(self) -> dict:
        return {"title": str(self.title), "note": str(self.note),
                "records": [{item.key: item.value for item in record} for record in self.records]}


def item(key: str, label, value) -> Item:
    """An Item with the JSON value and the readable text worked out once, the same way for every section."""
    if isinstance(value, datetime):
        local = value.astimezone(WITA)
        return Item(key, label, local.isoformat(timespec="minutes"), local.strftime("%d-%m-%Y %H.%M WITA"))
    if isinstance(value, date):
        return Item(key, label, value.isoformat(), value.strftime("%d-%m-%Y"))
    if isinstance(value, bool):
        return Item(key, label, value, str(_l("Ya") if value else _l("Tidak")))
    if isinstance(value, int):
        return Item(key, label, value, number(value))
    if value is None or value == "":
        return Item(key, label, None, "—")
    return Item(key, label, str(value), str(value))


def status_item(kind, value: str) -> Item:
    """A record's status, in words (the JSON value is the words too, as the page shows them)."""
    return item("status", _l("Status"), str(labels.label(kind, value)))


def money(key: str, label, amount: int | None) -> Item:
    return Item(key, label, amount, rupiah(amount) if amount is not None else "—")


def account(user, _person) -> Section:
    section = Section("account", _l("Akun"))
    record = [item("email", _l("E-mail"), user.email), item("full_name", _l("Nama akun"), user.full_name),
              item("role", _l("Peran"), str(labels.label(Role, user.role))),
              item("phone", _l("Telepon"), user.phone), item("created_at", _l("Dibuat"), user.created_at),
              item("last_login_at", _l("Terakhir masuk"), user.last_login_at), item("active", _l("Aktif"), user.active)]
    if user.company is not None:
        record.append(item("company", _l("Perusahaan"), user.company.name))
    section.records.append(record)
    return section


def identity(_user, person: Person | None) -> Section | None:
    if person is None:
        return None
    return Section("identity", _l("Identitas"), [[
        item("full_name", _l("Nama lengkap"), person.full_name),
        # Masked even here: the file may be forwarded or left on a shared phone; the office shows it in person.
        item("nik_masked", _l("NIK (disamarkan)"), person.masked_nik),
        item("sex", _l("Jenis kelamin"), str(labels.label(Sex, person.sex))),
        item("birth_date", _l("Tanggal lahir"), person.birth_date),
        item("created_at", _l("Tercatat sejak"), person.created_at)]],
        note=_l("NIK ditampilkan tersamar. NIK lengkap dapat Anda lihat di KTP Anda atau di kantor Disnaker."))


def _owned_by(find_owner):
    """Sections of the records reached from one row of the user's (their seeker profile, their student record):
    ``@_owned_by(find_owner)(key, title)`` turns ``records(owner)``, which yields the records, into the
    ``collect(user, person)`` collector. A user without such a row has no such section (None)."""
    def section(key: str, title, note=""):
        def decorate(records):
            @wraps(records)
            def collect(user, _person) -> Section | None:
                owner = find_owner(user)
                return None if owner is None else Section(key, title, list(records(owner)), note=note)
            return collect
        return decorate
    return section


def _seeker_profile(user) -> SeekerProfile | None:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))


def _student(user) -> Student | None:
    return db.session.scalar(select(Student).where(Student.user_id == user.id))


_seeker_section = _owned_by(_seeker_profile)
_student_section = _owned_by(_student)


@_seeker_section("seeker_profile", _l("Profil pencari kerja"),
                note=_l("Berkas CV sendiri dapat Anda unduh dari halaman Profil & CV."))
def seeker_profile(profile: SeekerProfile):
    yield [
        item("birth_place", _l("Tempat lahir"), profile.birth_place),
        item("marital_status", _l("Status perkawinan"), profile.marital_status),
        item("religion", _l("Agama"), profile.religion), item("address", _l("Alamat"), profile.address),
        item("kecamatan", _l("Kecamatan"), profile.kecamatan.name if profile.kecamatan else None),
        item("kelurahan", _l("Kelurahan"), profile.kelurahan.name if profile.kelurahan else None),
        item("education_level", _l("Pendidikan"), profile.education_level),
        item("school_name", _l("Sekolah/kampus"), profile.school_name), item("major", _l("Jurusan"), profile.major),
        item("graduation_year", _l("Tahun lulus"), str(profile.graduation_year or "")),  # a year: no "2.015"
        item("skills", _l("Keterampilan"), profile.skills), item("experience", _l("Pengalaman"), profile.experience),
        item("experience_years", _l("Lama pengalaman (tahun)"), profile.experience_years),
        item("has_disability", _l("Penyandang disabilitas"), profile.has_disability),
        item("cv_file", _l("Berkas CV"), profile.cv_original_name),
        item("cv_uploaded_at", _l("CV diunggah"), profile.cv_uploaded_at),
        item("updated_at", _l("Terakhir diubah"), profile.updated_at)]


@_seeker_section("applications", _l("Lamaran"))
def applications(profile: SeekerProfile):
    rows = db.session.scalars(select(Application).where(Application.seeker_id == profile.id)
                              .options(selectinload(Application.events)).order_by(Application.created_at))
    for app in rows:
        history = "; ".join(f"{event.created_at.astimezone(WITA):%d-%m-%Y} "
                            f"{labels.label(ApplicationStatus, event.to_status)}"
                            for event in app.events)
        yield [
            item("vacancy", _l("Lowongan"), app.vacancy.title),
            item("company", _l("Perusahaan"), app.vacancy.company.name),
            status_item(ApplicationStatus, app.status),
            item("submitted_at", _l("Dikirim"), app.created_at),
            item("updated_at", _l("Terakhir berubah"), app.updated_at),
            item("fit_score", _l("Skor kecocokan"), app.fit_score),
            item("cover_letter", _l("Surat lamaran"), app.cover_letter),
            item("history", _l("Riwayat status"), history)]


def saved_searches(user, _person) -> Section | None:
    if user.role != "seeker":
        return None
    from jobfair.services.hiring import saved_searches as saved_service

    section = Section("saved_searches", _l("Pencarian tersimpan"))
    for saved in db.session.scalars(select(SavedSearch).where(SavedSearch.user_id == user.id)
                                    .order_by(SavedSearch.created_at)):
        section.records.append([
            item("name", _l("Nama"), saved.name), item("search", _l("Pencarian"),
                                                       "; ".join(map(str, saved_service.describe(saved)))),
            item("frequency", _l("Frekuensi"), saved_service.FREQUENCY_LABELS.get(saved.frequency)),
            item("created_at", _l("Disimpan"), saved.created_at),
            item("last_sent_at", _l("Terakhir dikirim"), saved.last_sent_at)])
    return section


@_seeker_section("ak1", _l("Kartu AK/1"))
def ak1_cards(profile: SeekerProfile):
    cards = db.session.scalars(select(Ak1Card).where(Ak1Card.seeker_id == profile.id)
                               .options(selectinload(Ak1Card.reports)).order_by(Ak1Card.requested_at))
    for card in cards:
        reports = "; ".join(f"{r.slot}: {r.reported_at.astimezone(WITA):%d-%m-%Y}" for r in card.reports)
        yield [
            item("number", _l("Nomor kartu"), card.number),
            status_item(Ak1Status, card.status),
            item("requested_at", _l("Diminta"), card.requested_at), item("issued_on", _l("Terbit"), card.issued_on),
            item("valid_until", _l("Berlaku sampai"), card.valid_until),
            item("reason", _l("Catatan petugas"), card.reason),
            item("reports", _l("Laporan enam bulanan"), reports)]
    fairs = db.session.scalars(select(FairRegistration).where(FairRegistration.seeker_id == profile.id)
                               .order_by(FairRegistration.registered_at))
    for registration in fairs:
        yield [
            item("fair", _l("Bursa kerja"), registration.fair.name),
            item("ticket_code", _l("Kode tiket"), registration.ticket_code),
            item("registered_at", _l("Mendaftar"), registration.registered_at),
            item("checked_in_at", _l("Hadir"), registration.checked_in_at)]


@_student_section("student", _l("Data siswa"))
def student_record(student: Student):
    yield [
        item("school", _l("Sekolah"), student.school.name), item("nisn", _l("NISN"), student.nisn),
        item("major", _l("Jurusan"), student.major.name if student.major else student.major_code),
        item("class_name", _l("Kelas"), student.class_name),
        item("expected_graduation", _l("Perkiraan lulus"), student.expected_graduation),
        item("phone", _l("Telepon"), student.phone), item("guardian_name", _l("Nama wali"), student.guardian_name),
        item("guardian_phone", _l("Telepon wali"), student.guardian_phone),
        item("guardian_consent_at", _l("Persetujuan wali dicatat"), student.guardian_consent_at)]


@_student_section("training", _l("Pelatihan"))
def training(student: Student):
    rows = db.session.scalars(select(TrainingEnrolment).where(TrainingEnrolment.student_id == student.id)
                              .order_by(TrainingEnrolment.enrolled_at))
    for enrolment in rows:
        present = db.session.scalar(select(db.func.count(Attendance.id)).where(
            Attendance.enrolment_id == enrolment.id, Attendance.present.is_(True)))
        yield [
            item("course", _l("Pelatihan"), enrolment.course.name),
            status_item(EnrolmentStatus, enrolment.status),
            item("score", _l("Nilai"), enrolment.score), item("sessions_present", _l("Sesi dihadiri"), present or 0),
            item("certificate_number", _l("Nomor sertifikat"), enrolment.certificate_number),
            item("enrolled_at", _l("Terdaftar"), enrolment.enrolled_at),
            item("finished_at", _l("Selesai"), enrolment.finished_at)]


@_student_section("apprenticeship", _l("Magang dan PKL"))
def apprenticeship(student: Student):
    choices = db.session.execute(select(StudentChoice.rank, ApprenticeshipPlace.title)
                                 .join(ApprenticeshipPlace, ApprenticeshipPlace.id == StudentChoice.place_id)
                                 .where(StudentChoice.student_id == student.id).order_by(StudentChoice.rank))
    ranked = "; ".join(f"{rank}. {title}" for rank, title in choices)
    if ranked:
        yield [item("choices", _l("Pilihan tempat magang"), ranked)]
    for appr in db.session.scalars(select(Apprenticeship).where(Apprenticeship.student_id == student.id)):
        yield [
            item("place", _l("Tempat magang"), appr.place.title),
            item("company", _l("Perusahaan"), appr.place.company.name),
            status_item(ApprenticeshipStatus, appr.status),
            item("agreement_number", _l("Nomor perjanjian"), appr.agreement_number),
            item("final_score", _l("Nilai akhir"), appr.final_score),
            item("certificate_number", _l("Nomor sertifikat"), appr.certificate_number),
            item("starts_on", _l("Mulai"), appr.place.starts_on), item("ends_on", _l("Selesai"), appr.place.ends_on)]
    for pkl in db.session.scalars(select(PklPlacement).where(PklPlacement.student_id == student.id)):
        yield [
            item("pkl_workplace", _l("Tempat PKL"), pkl.workplace),
            item("pkl_supervisor", _l("Guru pembimbing"), pkl.school_supervisor_name),
            item("starts_on", _l("Mulai"), pkl.starts_on), item("ends_on", _l("Selesai"), pkl.ends_on)]


def protection(_user, person: Person | None) -> Section | None:
    """The worker-protection register entry of the same NIK (matched by its keyed HMAC, never by the clear NIK)."""
    if person is None:
        return None
    worker = db.session.scalar(select(Worker).join(Person, Worker.person_id == Person.id)
                               .where(Person.nik_hmac == person.nik_hmac))
    if worker is None:
        return None
    section = Section("protection", _l("Perlindungan pekerja (BPJS Ketenagakerjaan)"))
    section.records.append([
        item("address", _l("Alamat"), worker.address),
        item("kecamatan", _l("Kecamatan"), worker.kecamatan.name if worker.kecamatan else None),
        item("phone", _l("Telepon"), worker.phone),
        item("category", _l("Jenis pekerjaan"), worker.category.name if worker.category else None),
        money("monthly_income", _l("Penghasilan per bulan (dinyatakan)"), worker.monthly_income),
        item("has_disability", _l("Penyandang disabilitas"), worker.has_disability),
        item("disability_note", _l("Keterangan disabilitas"), worker.disability_note),
        item("registered_at", _l("Tercatat"), worker.created_at)])
    enrolments = db.session.scalars(select(Enrolment).where(Enrolment.worker_id == worker.id)
                                    .order_by(Enrolment.created_at))
    for enrolment in enrolments:
        claims = db.session.scalars(select(Claim).where(Claim.enrolment_id == enrolment.id)).all()
        section.records.append([
            item("programme", _l("Program"), enrolment.programme.name),
            status_item(ProtectionStatus, enrolment.status),
            item("cover_from", _l("Tercakup dari"), enrolment.cover_from),
            item("cover_to", _l("Tercakup sampai"), enrolment.cover_to),
            item("kpj_number", _l("Nomor KPJ"), enrolment.kpj_number),
            item("decree_number", _l("Nomor SK"), enrolment.decree_number),
            item("claims", _l("Klaim"), "; ".join(
                f"{labels.label(ClaimKind, c.kind)} {c.incident_date:%d-%m-%Y}: "
                f"{labels.label(ClaimStatus, c.status)}" for c in claims))])
    return section
