"""The apprenticeship agreement (Permenaker 6/2020) and the weekly logbook rules. Pure: no Flask, no database.

The regulation asks the written agreement for five parts: the participant's rights and duties, the company's
rights and duties, the programme, the duration and the allowance (uang saku). `agreement_sections` builds them as
structured text from plain values, so the same text is printed for the student, the company and the office.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from jobfair.rules import dates
from jobfair.rules.money import rupiah  # noqa: F401  (re-exported: callers import it from here)

AGREEMENT = "agreement"
ACTIVE = "active"
COMPLETED = "completed"
TERMINATED = "terminated"
# (The words people read for each status are in jobfair.labels, ApprenticeshipStatus.)

# Which status may follow which, and by which decision.
TRANSITIONS: dict[str, frozenset[str]] = {
    AGREEMENT: frozenset({ACTIVE, TERMINATED}),   # the office legalises or stops it
    ACTIVE: frozenset({COMPLETED, TERMINATED}),   # the mentor's final assessment, or the office stops it
}

SECTION_HEADINGS = (
    "Hak dan kewajiban peserta",
    "Hak dan kewajiban perusahaan",
    "Program pemagangan",
    "Jangka waktu",
    "Uang saku",
)

SCORE_MIN, SCORE_MAX = 0, 100
HOURS_MIN, HOURS_MAX = 1, 60
ACTIVITIES_MIN, ACTIVITIES_MAX = 10, 3000


def allowed_transition(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())




def duration_months(starts_on: date, ends_on: date) -> int:
    """Whole calendar months from the first to the last day (inclusive); a started month counts as one."""
    after = ends_on + timedelta(days=1)
    months = (after.year - starts_on.year) * 12 + after.month - starts_on.month
    if after.day > starts_on.day:
        months += 1
    return max(months, 1)


def format_date(d: date) -> str:
    return dates.day(d)


@dataclass(frozen=True)
class AgreementValues:
    student_name: str
    nisn: str
    school: str
    company: str
    place_title: str
    location: str
    mentor: str
    starts_on: date
    ends_on: date
    allowance_transport: int = 0
    allowance_meals: int = 0
    allowance_incentive: int = 0
    agreement_number: str | None = None

    @property
    def months(self) -> int:
        return duration_months(self.starts_on, self.ends_on)

    @property
    def allowance_total(self) -> int:
        return self.allowance_transport + self.allowance_meals + self.allowance_incentive


def agreement_sections(values: AgreementValues) -> list[tuple[str, list[str]]]:
    """The five parts of the agreement, in order: [(heading, [paragraph, ...]), ...] in Indonesian."""
    v = values
    participant = [
        f"Peserta ({v.student_name}, NISN {v.nisn}, {v.school}) berhak memperoleh bimbingan dari mentor, "
        "pemenuhan hak sesuai perjanjian pemagangan, perlindungan keselamatan dan kesehatan kerja, uang saku, "
        "perlindungan jaminan sosial (jaminan kecelakaan kerja dan jaminan kematian), serta sertifikat pemagangan "
        "bila dinyatakan lulus.",
        "Peserta wajib menaati perjanjian pemagangan, mengikuti program pemagangan sampai selesai, menaati tata "
        "tertib perusahaan, menjaga nama baik perusahaan, dan mengisi buku catatan kegiatan (logbook) setiap minggu.",
    ]
    company = [
        f"Perusahaan ({v.company}) berhak memanfaatkan hasil kerja peserta dan memberlakukan tata tertib "
        "perusahaan kepada peserta.",
        "Perusahaan wajib membimbing peserta sesuai program pemagangan, menyediakan mentor, memenuhi hak peserta, "
        "menyediakan alat pelindung diri sesuai standar K3, mengikutsertakan peserta dalam program jaminan sosial, "
        "memberikan uang saku, mengevaluasi peserta, dan memberikan sertifikat pemagangan bagi peserta yang lulus.",
    ]
    programme = [
        f"Program pemagangan: {v.place_title}.",
        f"Tempat pelaksanaan: {v.location}.",
        f"Mentor/pembimbing dari perusahaan: {v.mentor}.",
        "Kegiatan mingguan dicatat peserta dalam logbook dan diparaf mentor; di akhir program mentor memberikan "
        "penilaian akhir (nilai 0–100).",
    ]
    duration = [
        f"Pemagangan berlangsung {v.months} bulan, mulai {format_date(v.starts_on)} sampai "
        f"{format_date(v.ends_on)}, dan tidak melebihi 1 (satu) tahun.",
        "Perjanjian berlaku setelah disahkan oleh Dinas Tenaga Kerja Kota Balikpapan. Peserta tidak dapat "
        "mengulang program pemagangan yang sama.",
    ]
    allowance = [
        f"Uang transport: {rupiah(v.allowance_transport)} per bulan.",
        f"Uang makan: {rupiah(v.allowance_meals)} per bulan.",
        f"Insentif: {rupiah(v.allowance_incentive)} per bulan.",
        f"Jumlah uang saku: {rupiah(v.allowance_total)} per bulan, dibayarkan oleh perusahaan kepada peserta.",
    ]
    return list(zip(SECTION_HEADINGS, [participant, company, programme, duration, allowance], strict=True))


# --- the weekly logbook ----------------------------------------------------------------------------------------

def week_start(d: date) -> date:
    """The Monday of d's week."""
    return d - timedelta(days=d.weekday())


def logbook_week_problem(week: date, starts_on: date, ends_on: date, today: date) -> str | None:
    """Why an entry for the week starting on `week` may not be written, or None when it may."""
    if week.weekday() != 0:
        return "Minggu catatan harus dimulai hari Senin."
    if week + timedelta(days=6) < starts_on or week > ends_on:
        return (f"Minggu ini di luar masa magang ({format_date(starts_on)} – {format_date(ends_on)}); "
                "pilih minggu dalam masa magang.")
    if week > week_start(today):
        return "Minggu ini belum dimulai; catatan hanya dapat ditulis untuk minggu berjalan atau yang sudah lewat."
    return None


def certificate_number(year: int, apprenticeship_id: int) -> str:
    return f"SERT/MAG/{year}/{apprenticeship_id:06d}"


def agreement_number(year: int, apprenticeship_id: int) -> str:
    return f"PKS/MAG/{year}/{apprenticeship_id:06d}"
