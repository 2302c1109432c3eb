"""What each role should do next: the content of the per-role dashboards."""

from dataclasses import dataclass

from jobfair.models import CompanyStatus, User


@dataclass(frozen=True)
class Step:
    text: str
    done: bool = False


def seeker_steps(user: User) -> list[Step]:
    return [
        Step("Akun dibuat dan NIK tercatat.", done=True),
        Step("Lengkapi profil: alamat, pendidikan, keahlian, dan unggah CV (PDF)."),
        Step("Ajukan kartu AK/1 (kartu kuning) secara daring; petugas akan memeriksa dan menerbitkannya."),
        Step("Cari lowongan dan lamar; ikuti status setiap lamaran di halaman ini."),
    ]


def company_steps(user: User) -> list[Step]:
    company = user.company
    status = company.status if company else None
    if status == CompanyStatus.VERIFIED.value:
        first = Step("Perusahaan sudah diverifikasi Disnaker.", done=True)
    elif status == CompanyStatus.REJECTED.value:
        first = Step(f"Verifikasi ditolak: {company.rejection_reason or '-'} Perbaiki profil lalu ajukan lagi.")
    else:
        first = Step("Perusahaan menunggu verifikasi Disnaker (biasanya 1–3 hari kerja). "
                     "Lowongan baru dapat tayang setelah diverifikasi.")
    return [
        first,
        Step("Lengkapi profil perusahaan: sektor KBLI, jumlah karyawan, status WLKP."),
        Step("Buat lowongan (jumlah kebutuhan, masa berlaku, syarat, upah) dan ajukan untuk ditayangkan."),
    ]


def student_steps(user: User) -> list[Step]:
    return [Step("Akun siswa aktif.", done=True),
            Step("Ikuti pelatihan pra-kelulusan dan susun pilihan tempat magang.")]


def school_steps(user: User) -> list[Step]:
    return [Step("Daftarkan siswa kelas akhir (satu per satu atau impor CSV/XLSX)."),
            Step("Pantau pelatihan, magang, dan penempatan lulusan untuk laporan BKK.")]


def office_steps(user: User) -> list[Step]:
    return [Step("Verifikasi perusahaan baru dan moderasi lowongan."),
            Step("Terbitkan kartu AK/1 dan verifikasi penempatan."),
            Step("Kelola bursa kerja, program magang SMK, dan register perlindungan pekerja.")]
