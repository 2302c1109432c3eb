"""What each role should do next: the content of the per-role dashboards."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from jobfair import labels
from jobfair.extensions import db
from jobfair.models import (
    Application,
    ApplicationStatus,
    CompanyStatus,
    Interview,
    User,
    Vacancy,
    VacancyStatus,
)
from jobfair.models.base import utcnow

RECENT = 5


@dataclass(frozen=True)
class Step:
    text: str  # in the reader's language (gettext at the time the dashboard is built)
    done: bool = False


_AK1_STEP = {
    "requested": (_l("Kartu AK/1 sudah diajukan dan menunggu pemeriksaan petugas."), False),
    "issued": (_l("Kartu AK/1 berlaku. Laporkan status Anda setiap 6 bulan."), True),
    "returned": (_l("Permohonan AK/1 dikembalikan petugas: perbaiki profil lalu ajukan lagi."), False),
    "lapsed": (_l("Kartu AK/1 gugur karena laporan tidak diisi: ajukan kartu baru."), False),
    "expired": (_l("Masa berlaku kartu AK/1 habis: ajukan kartu baru bila masih mencari kerja."), False),
    "placed": (_l("Kartu AK/1 ditutup karena Anda sudah bekerja. Selamat!"), True),
}


def seeker_steps(user: User) -> list[Step]:
    from jobfair.services.hiring import ak1, seeker_profiles

    profile = seeker_profiles.get_profile(user)
    card = ak1.current_card(user)
    ak1_text, ak1_done = _AK1_STEP.get(card.status if card else "", (
        _("Ajukan kartu AK/1 (kartu kuning) secara daring; petugas akan memeriksa dan menerbitkannya."), False))
    return [
        Step(_("Akun dibuat dan NIK tercatat."), done=True),
        Step(_("Lengkapi profil: alamat, kecamatan, pendidikan, dan keahlian."),
             done=not seeker_profiles.missing_for_ak1(profile)),
        Step(_("Unggah CV (PDF, paling besar 2 MB)."), done=bool(profile.cv_storage_name)),
        Step(str(ak1_text), done=ak1_done),
        Step(_("Cari lowongan dan lamar; ikuti status setiap lamaran di halaman ini.")),
    ]


def company_steps(user: User) -> list[Step]:
    company = user.company
    status = company.status if company else None
    if status == CompanyStatus.VERIFIED.value:
        first = Step(_("Perusahaan sudah diverifikasi Disnaker."), done=True)
    elif status == CompanyStatus.REJECTED.value:
        first = Step(_("Verifikasi ditolak: %(reason)s Perbaiki profil lalu ajukan lagi.",
                       reason=company.rejection_reason or "-"))
    else:
        first = Step(_("Perusahaan menunggu verifikasi Disnaker (biasanya 1–3 hari kerja). "
                       "Lowongan baru dapat tayang setelah diverifikasi."))
    profile_done = bool(company and company.kbli_code and company.headcount and company.wlkp_status != "unknown")
    published = company is not None and db.session.scalar(select(Vacancy.id).where(
        Vacancy.company_id == company.id, Vacancy.status != VacancyStatus.DRAFT.value).limit(1)) is not None
    return [
        first,
        Step(_("Lengkapi profil perusahaan: sektor KBLI, jumlah karyawan, status WLKP."), done=profile_done),
        Step(_("Buat lowongan (jumlah kebutuhan, masa berlaku, syarat, upah) dan ajukan untuk ditayangkan."),
             done=published),
    ]


def student_steps(user: User) -> list[Step]:
    return [Step(_("Akun siswa aktif."), done=True),
            Step(_("Ikuti pelatihan pra-kelulusan dan susun pilihan tempat magang."))]


def school_steps(user: User) -> list[Step]:
    return [Step(_("Daftarkan siswa kelas akhir (satu per satu atau impor CSV/XLSX).")),
            Step(_("Pantau pelatihan, magang, dan penempatan lulusan untuk laporan BKK."))]


# --- what is going on now (the dashboards' second half) ---------------------------------------------------------

def _upcoming_interviews(*where) -> list[tuple[Interview, Application]]:
    """The next three interviews still to come, each with its application."""
    return [tuple(row) for row in db.session.execute(
        select(Interview, Application).join(Application, Application.id == Interview.application_id)
        .join(Vacancy, Vacancy.id == Application.vacancy_id)
        .where(Interview.scheduled_at >= utcnow(), Application.status == ApplicationStatus.INTERVIEW.value, *where)
        .order_by(Interview.scheduled_at).limit(3))]


def seeker_home(user: User) -> dict:
    """The seeker's next steps, latest applications and coming interviews."""
    from jobfair.services.hiring import search

    profile = search.profile_of(user)
    recent = [] if profile is None else list(db.session.scalars(
        select(Application).where(Application.seeker_id == profile.id)
        .order_by(Application.created_at.desc(), Application.id.desc()).limit(RECENT)))
    interviews = [] if profile is None else _upcoming_interviews(Application.seeker_id == profile.id)
    return {"steps": seeker_steps(user), "recent": recent, "interviews": interviews}


def company_home(user: User, today: date | None = None) -> dict:
    """The company's next steps, open vacancies, applicants waiting, newest applicants and coming interviews."""
    from jobfair.services.hiring import search

    today = today or date.today()
    company_id = user.company_id
    open_count = db.session.scalar(select(func.count()).select_from(
        search.open_vacancies(today).where(Vacancy.company_id == company_id).subquery())) or 0
    mine = (Vacancy.company_id == company_id)
    waiting = db.session.scalar(select(func.count(Application.id)).join(Vacancy).where(
        mine, Application.status == ApplicationStatus.SUBMITTED.value)) or 0
    recent = list(db.session.scalars(select(Application).join(Vacancy).where(mine)
                                     .order_by(Application.created_at.desc(), Application.id.desc()).limit(RECENT)))
    return {"steps": company_steps(user), "open_vacancies": open_count, "waiting": waiting, "recent": recent,
            "interviews": _upcoming_interviews(mine)}


def student_home(user: User) -> dict:
    """The student's next steps, latest trainings and ranked places (in rank order)."""
    from jobfair.models import ApprenticeshipPlace, EnrolmentStatus, Student, StudentChoice, TrainingEnrolment

    student_id = db.session.scalar(select(Student.id).where(Student.user_id == user.id))
    trainings = [] if student_id is None else list(db.session.scalars(
        select(TrainingEnrolment).where(TrainingEnrolment.student_id == student_id)
        .order_by(TrainingEnrolment.id.desc()).limit(RECENT)))
    choices = [] if student_id is None else list(db.session.scalars(
        select(ApprenticeshipPlace).join(StudentChoice, StudentChoice.place_id == ApprenticeshipPlace.id)
        .where(StudentChoice.student_id == student_id).order_by(StudentChoice.rank)))
    return {"steps": student_steps(user), "trainings": trainings, "choices": choices,
            "training_labels": labels.table(EnrolmentStatus)}
