"""The yearly cycle of the BPJS Ketenagakerjaan contribution subsidy (DOMAIN.md): registration and verification
September–December of the year before the cover year, the mayoral decree (SK Wali Kota) in December, cover from
January; every member is registered again for the next year. Pure: no Flask, no database.

An enrolment registered outside its programme's window is refused, not queued: the cover year's decree is either
already fixed (registering in the cover year or later) or its window has not opened yet; the message names the
window and the programme year to register for instead, and re-registration copies the year's members into the
next year's programme once its window is open.
"""

from datetime import date

from jobfair.rules import dates

OPENS = (9, 1)     # 1 September of the year before the cover year
CLOSES = (12, 31)  # 31 December of the year before the cover year: the decree is dated in December
DECREE_MONTH = 12


def _day(day: date) -> str:
    return dates.day(day)


def registration_window(cover_year: int) -> tuple[date, date]:
    """(first, last) day on which people are registered for cover in `cover_year`."""
    return date(cover_year - 1, *OPENS), date(cover_year - 1, *CLOSES)


def next_cover_year(day: date) -> int:
    """The cover year whose window is open on `day`, or opens next."""
    return day.year + 1


def registration_problem(cover_year: int, day: date, *, name: str = "ini") -> str | None:
    """Indonesian reason why registering on `day` for cover in `cover_year` is refused; None inside the window."""
    first, last = registration_window(cover_year)
    if first <= day <= last:
        return None
    window = f"Pendaftaran program {name} tahun {cover_year} hanya {_day(first)} sampai {_day(last)}"
    if day < first:
        return f"{window} dan belum dibuka; daftarkan orang ini mulai {_day(first)}."
    later = next_cover_year(day)
    opens, closes = registration_window(later)
    return (f"{window} (SK Wali Kota Desember {cover_year - 1}, cakupan mulai Januari {cover_year}) dan sudah "
            f"ditutup; daftarkan orang ini ke program tahun {later}, pendaftarannya {_day(opens)} sampai "
            f"{_day(closes)}.")


def decree_problem(cover_year: int, decree_date: date) -> str | None:
    """The SK Wali Kota for cover in `cover_year` is dated in December of the year before; None when it is."""
    if decree_date.year == cover_year - 1 and decree_date.month == DECREE_MONTH:
        return None
    return (f"SK Wali Kota untuk cakupan tahun {cover_year} ditetapkan pada bulan Desember {cover_year - 1}, "
            "setelah pendaftaran dan verifikasi September–Desember; periksa tanggal SK.")
