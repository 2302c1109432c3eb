"""What each role should do next: the content of the per-role dashboards."""

from dataclasses import dataclass

from jobfair.models import CompanyStatus, User


@dataclass(frozen=True)
class Step:
    text: str
    done: bool = False


_AK1_STEP = {
    "requested": ("Kartu AK/1 sudah diajukan dan menunggu pemeriksaan petugas.", False),
    "issued": ("Kartu AK/1 berlaku. Laporkan status Anda setiap 6 bulan.", True),
    "returned": ("Permohonan AK/1 dikembalikan petugas: perbaiki profil lalu ajukan lagi.", False),
    "lapsed": ("Kartu AK/1 gugur karena laporan tidak diisi: ajukan kartu baru.", False),
    "expired": ("Masa berlaku kartu AK/1 habis: ajukan kartu baru bila masih mencari kerja.", False),
    "placed": ("Kartu AK/1 ditutup karena Anda sudah bekerja. Selamat!", True),
}


def seeker_steps(user: User) -> list[Step]:
    from jobfair.services import ak1, seeker_profiles

    profile = seeker_profiles.get_profile(user)
    card = ak1.current_card(user)
    ak1_text, ak1_done = _AK1_STEP.get(card.status if card else "", (
        "Ajukan kartu AK/1 (kartu kuning) secara daring; petugas akan memeriksa dan menerbitkannya.", False))
    return [
        Step("Akun dibuat dan NIK tercatat.", done=True),
        Step("Lengkapi profil: alamat, kecamatan, pendidikan, dan keahlian.",
             done=not seeker_profiles.missing_for_ak1(profile)),
        Step("Unggah CV (PDF, paling besar 2 MB).", done=bool(profile.cv_storage_name)),
        Step(ak1_text, done=ak1_done),
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
