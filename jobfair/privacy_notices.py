"""The privacy notices (UU PDP No. 27/2022 art. 20–22): one per purpose of processing, versioned.

Each purpose has a list of versions, oldest first; the last is in force. A consent is given to one version; when
a new version is added here, the people whose consent was given to an older one are asked again at their next
login (services/consents.pending_review). Texts are Indonesian (the source language) wrapped in lazy gettext, so
the English catalogue can carry them. Never edit a published version's text: add a new version.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

PLACEMENT = "placement"          # registration as a job seeker: processing for placement (the account itself)
CV_SHARING = "cv_sharing"        # the profile and CV shown to the companies the seeker applies to
AK1 = "ak1"                      # the AK/1 job-seeker card (Permenaker 39/2016)
EMAIL = "email"                  # notifications by e-mail (in-app notifications are part of the service itself)
MATCH_SHARING = "match_sharing"  # a student's data shown to companies in the apprenticeship match
PROTECTION = "protection"        # the protection register: data shared with BPJS Ketenagakerjaan

WEB, OFFICE, IMPORT = "web", "office", "import"
CHANNELS = (WEB, OFFICE, IMPORT)


@dataclass(frozen=True)
class NoticeVersion:
    version: int
    published_on: date
    summary: object                  # lazy string: one line, beside the checkbox
    body: tuple                      # lazy strings: the paragraphs of the notice


@dataclass(frozen=True)
class Purpose:
    code: str
    title: object
    roles: tuple[str, ...]           # who gives or withdraws it on "Persetujuan saya"
    required_for: tuple[str, ...]    # roles that cannot use their account without it
    withdraw_effect: object          # what withdrawing does, shown on the confirmation page
    versions: tuple[NoticeVersion, ...]
    # Asked of the person themself (registration, the login review). The protection register's consent is taken by
    # the office at enrolment (channel office/import); the person can still see and withdraw it.
    self_service: bool = True

    @property
    def current(self) -> NoticeVersion:
        return self.versions[-1]

    def version(self, number: int) -> NoticeVersion | None:
        return next((v for v in self.versions if v.version == number), None)


CONTROLLER = _l("Pengendali data: Dinas Tenaga Kerja Kota Balikpapan. Dasar hukum: UU No. 27/2022 tentang "
                "Pelindungan Data Pribadi. Anda berhak melihat, menyalin, memperbaiki dan meminta penghapusan data "
                "Anda, serta menarik persetujuan ini kapan saja di halaman \"Persetujuan saya\"; penarikan berlaku "
                "seketika.")

PURPOSES: dict[str, Purpose] = {p.code: p for p in (
    Purpose(PLACEMENT, _l("Pendaftaran pencari kerja dan layanan penempatan"), ("seeker",), ("seeker",),
            _l("Penarikan persetujuan ini berarti Anda meminta data Anda dihapus: akun tidak dapat dipakai lagi "
               "untuk melamar. Ajukan permintaan penghapusan di halaman \"Data saya\"."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("Disnaker mengolah NIK, identitas, pendidikan dan pengalaman Anda untuk layanan "
                              "penempatan kerja (wajib untuk membuat akun)."),
                           (_l("Data yang diolah: NIK (disimpan terenkripsi), nama, jenis kelamin, tanggal lahir, "
                               "kontak, alamat, pendidikan, keahlian dan pengalaman kerja."),
                            _l("Tujuan: mencocokkan Anda dengan lowongan, mencatat lamaran dan penempatan, serta "
                               "menyusun statistik ketenagakerjaan kota tanpa menyebut nama."),
                            _l("Lama penyimpanan: selama akun aktif, lalu paling lama 24 bulan setelah lamaran "
                               "terakhir Anda ditutup; setelah itu data dihapus atau dianonimkan."))),)),
    Purpose(CV_SHARING, _l("Berbagi profil dan CV dengan perusahaan yang Anda lamar"), ("seeker",), (),
            _l("Perusahaan tidak lagi dapat melihat atau mengunduh CV Anda dan hanya melihat nama serta isi "
               "lamaran Anda; pendidikan, keahlian, pengalaman dan kontak Anda disembunyikan, seketika."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("Perusahaan yang Anda lamar dapat melihat profil (pendidikan, keahlian, pengalaman, "
                              "kontak) dan mengunduh CV Anda."),
                           (_l("Hanya perusahaan yang lowongannya Anda lamar yang melihat profil dan CV Anda, dan "
                               "hanya selama lamaran itu tercatat. Setiap unduhan CV dicatat."),
                            _l("Tanpa persetujuan ini Anda tetap dapat melamar, tetapi perusahaan hanya melihat "
                               "nama Anda dan isi surat lamaran."))),)),
    Purpose(AK1, _l("Kartu pencari kerja (AK/1)"), ("seeker",), (),
            _l("Anda tidak dapat meminta kartu baru atau melapor; kartu yang sudah terbit tetap tercatat di "
               "register Disnaker sampai masa berlakunya berakhir, tetapi tidak diperpanjang dan tidak dapat "
               "dicetak lagi."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("Disnaker mengolah data Anda untuk menerbitkan kartu AK/1 dan mencatat laporan "
                              "enam bulanan (Permenaker 39/2016)."),
                           (_l("Data pada kartu: nomor pencari kerja, NIK, nama, tempat dan tanggal lahir, jenis "
                               "kelamin, status perkawinan, agama, alamat dan pendidikan."),
                            _l("Kartu berlaku 2 tahun; register kartu yang terbit disimpan Disnaker sebagai arsip "
                               "pelayanan publik."))),)),
    Purpose(EMAIL, _l("Pemberitahuan lewat e-mail"), ("seeker", "student"), (),
            _l("E-mail pemberitahuan berhenti seketika; pemberitahuan di aplikasi tetap ada. E-mail keamanan akun "
               "(misalnya tautan ganti kata sandi yang Anda minta) tetap dikirim."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("Disnaker mengirim kabar lamaran, wawancara dan program ke alamat e-mail Anda."),
                           (_l("Alamat e-mail dipakai hanya untuk pemberitahuan layanan ini, tidak untuk iklan "
                               "dan tidak diberikan kepada pihak lain."),)),)),
    Purpose(MATCH_SHARING, _l("Data siswa untuk perusahaan dalam pencocokan pemagangan"), ("student",), (),
            _l("Anda tidak diikutkan lagi pada putaran pencocokan berikutnya dan perusahaan tidak lagi melihat "
               "data Anda dalam pemeringkatan."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("Perusahaan penyedia tempat magang yang Anda pilih melihat nama, jurusan, nilai rapor "
                              "dan sekolah Anda untuk pemeringkatan."),
                           (_l("Siswa yang belum berumur 18 tahun memerlukan persetujuan tertulis orang tua/wali, "
                               "dicatat oleh sekolah (data anak adalah data pribadi spesifik)."),
                            _l("Data dipakai hanya untuk pencocokan dan perjanjian pemagangan (Permenaker "
                               "6/2020)."))),)),
    Purpose(PROTECTION, _l("Register perlindungan pekerja (BPJS Ketenagakerjaan)"), ("seeker", "student"), (),
            _l("Data Anda tidak diikutkan lagi pada pendaftaran periode berikutnya. Iuran yang sudah dibayar dan "
               "klaim yang tercatat tetap disimpan karena diwajibkan untuk pertanggungjawaban keuangan daerah."),
            (NoticeVersion(1, date(2026, 12, 1),
                           _l("NIK, nama, pekerjaan dan penghasilan Anda dibagikan kepada BPJS Ketenagakerjaan "
                              "untuk kepesertaan JKK dan JKM yang iurannya dibayar pemerintah."),
                           (_l("Persetujuan dicatat petugas saat pendaftaran di kantor atau lewat impor data "
                               "kelurahan."),)),), self_service=False),
)}


def purpose(code: str) -> Purpose | None:
    return PURPOSES.get(code)


def purposes_for(role: str) -> list[Purpose]:
    return [p for p in PURPOSES.values() if role in p.roles]
