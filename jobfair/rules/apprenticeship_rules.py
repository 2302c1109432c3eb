"""Apprenticeship places (Permenaker 6/2020): input checks, the 20% cap, the programme window, the default order.

Pure: no Flask, no database.
"""

import calendar
import random
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction

from jobfair.rules.student_rows import ADULT_AGE, age_on

TITLE_MAX = 160
ASSESSMENT_DAYS_BEFORE_END = 14  # the mentor's final assessment opens this many days before the place ends
MAX_PLACES = 1000
ALLOWANCE_MAX = 100_000_000
MIN_APPRENTICE_AGE = 17  # Permenaker 6/2020: at least 17; under 18 (ADULT_AGE) only with written guardian consent
TOO_YOUNG = "too_young"
NO_GUARDIAN_CONSENT = "no_guardian_consent"


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (negative: earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def place_problems(fields: dict, *, max_months: int, today: date | None = None) -> dict[str, str]:
    """Field name -> Indonesian message saying how to fix it. Empty when the place is acceptable.

    With `today`, a place may not start before that day."""
    problems: dict[str, str] = {}
    title = (fields.get("title") or "").strip()
    if not 2 <= len(title) <= TITLE_MAX:
        problems["title"] = f"Nama program magang wajib diisi (2–{TITLE_MAX} karakter), misalnya 'Magang Juru Las'."
    places = fields.get("places")
    if not _is_int(places) or not 1 <= places <= MAX_PLACES:
        problems["places"] = "Jumlah tempat diisi angka bulat, paling sedikit 1."
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if not isinstance(starts, date):
        problems["starts_on"] = "Isi tanggal mulai magang."
    if not isinstance(ends, date):
        problems["ends_on"] = "Isi tanggal selesai magang."
    if isinstance(starts, date) and today is not None and starts < today:
        problems["starts_on"] = (f"Tanggal mulai magang sudah lewat; magang harus mulai hari ini "
                                 f"({today:%d-%m-%Y}) atau sesudahnya.")
    if isinstance(starts, date) and isinstance(ends, date):
        if ends <= starts:
            problems["ends_on"] = "Tanggal selesai harus sesudah tanggal mulai."
        elif ends > add_months(starts, max_months):
            problems["ends_on"] = (f"Magang paling lama {max_months} bulan (Permenaker 6/2020); "
                                   "majukan tanggal selesai.")
    for name in ("allowance_transport", "allowance_meals", "allowance_incentive"):
        value = fields.get(name)
        if not _is_int(value) or not 0 <= value <= ALLOWANCE_MAX:
            problems[name] = "Uang saku diisi angka bulat Rupiah, 0 atau lebih (contoh 750000)."
    if not fields.get("eligible_majors"):
        problems["eligible_majors"] = "Pilih minimal satu jurusan SMK yang boleh mendaftar."
    if len((fields.get("mentor_name") or "").strip()) < 2:
        problems["mentor_name"] = "Tulis nama mentor (pembimbing) di perusahaan."
    if len((fields.get("location") or "").strip()) < 3:
        problems["location"] = "Tulis lokasi magang (alamat atau nama lokasi kerja)."
    return problems


def assessment_opens_on(ends_on: date) -> date:
    """The first day the mentor may give the final assessment of a place ending on `ends_on`."""
    return ends_on - timedelta(days=ASSESSMENT_DAYS_BEFORE_END)


def headcount_cap(headcount: int, share) -> int:
    """The most apprentices a company of `headcount` workers may take: floor(headcount × share)."""
    if headcount is None or headcount <= 0:
        return 0
    return int(Fraction(headcount) * Fraction(str(share)))


def peak_concurrent(seats: Iterable[tuple[date, date, int]], starts_on: date, ends_on: date) -> int:
    """The most apprentices at once between `starts_on` and `ends_on` (both days included), over places given as
    (first day, last day, seats). Places that do not overlap the period do not count, nor do two places that
    overlap it one after the other: the 20% cap counts apprentices at the same time."""
    overlapping = [(first, last, n) for first, last, n in seats if first <= ends_on and starts_on <= last]
    # The total only rises on a day some place starts, so its peak is on one of those days (or the first day).
    days = {max(first, starts_on) for first, _last, _n in overlapping} | {starts_on}
    return max(sum(n for first, last, n in overlapping if first <= day <= last) for day in days)


def age_problem(birth_date: date, starts_on: date, *, consent_recorded: bool) -> str | None:
    """Why a student may not start an apprenticeship on `starts_on` (a code), or None: Permenaker 6/2020 takes
    apprentices of at least 17, and one under 18 only with the guardian's written consent."""
    age = age_on(birth_date, starts_on)
    if age < MIN_APPRENTICE_AGE:
        return TOO_YOUNG
    if age < ADULT_AGE and not consent_recorded:
        return NO_GUARDIAN_CONSENT
    return None


def window(graduation_date: date, months: int) -> tuple[date, date]:
    """A student's programme window: the `months` months before graduation."""
    return add_months(graduation_date, -months), graduation_date


def fits_window(place_start: date, place_end: date, student_window: tuple[date, date]) -> bool:
    start, end = student_window
    return start <= place_start and place_end <= end


def window_warning(place_start: date, place_end: date, graduations, months: int, *, shown: int = 3) -> str | None:
    """A warning (Indonesian, saying how to fix it) when the place's dates fit no student's window, else None.

    `graduations` are the expected graduation dates of the students who could take the place (its majors, not yet
    graduated). The place is still valid, and students enrolled later may fit it, so this warns, not refuses."""
    dates = sorted(set(graduations))
    if not dates:
        return ("Belum ada siswa SMK terdaftar dari jurusan yang dipilih yang akan lulus; belum ada siswa yang "
                "dapat memilih tempat ini. Periksa jurusannya, atau tanyakan jadwal kelulusan kepada BKK sekolah.")
    if any(fits_window(place_start, place_end, window(day, months)) for day in dates):
        return None
    windows = "; ".join(f"{window(day, months)[0]:%d-%m-%Y} – {day:%d-%m-%Y}" for day in dates[:shown])
    more = f" (dan {len(dates) - shown} jadwal lain)" if len(dates) > shown else ""
    return (f"Tanggal magang ini ({place_start:%d-%m-%Y} – {place_end:%d-%m-%Y}) tidak masuk masa magang siswa mana "
            f"pun: magang harus berlangsung dalam {months} bulan sebelum tanggal lulus siswa. Masa magang siswa "
            f"jurusan yang dipilih: {windows}{more}. Ubah tanggal mulai dan selesai agar siswa dapat memilihnya.")


def default_order(students: list[tuple[int, int]], seed: int) -> list[int]:
    """A company's default order: school score (hundredths) descending, ties by a lottery with a recorded seed.

    The lottery shuffles the students sorted by id, so the result depends only on the set and the seed.
    """
    pool = sorted(students)
    random.Random(seed).shuffle(pool)
    pool.sort(key=lambda item: -item[1])  # stable: the lottery order survives within equal scores
    return [student_id for student_id, _score in pool]
