"""Apprenticeship places: proposed by a verified company, approved or returned by the office (Permenaker 6/2020)."""

from datetime import UTC, date, datetime

from flask import current_app
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from jobfair.extensions import db
from jobfair.messages import Link
from jobfair.models import ApprenticeshipPlace, Company, PlaceStatus, SmkMajor, Student, User
from jobfair.rules import apprenticeship_rules, numbers
from jobfair.services import access, audit, review_desk
from jobfair.services.errors import InvalidState, ValidationFailed
from jobfair.services.hiring.companies import company_of, own_list, own_object
from jobfair.services.notifications import notify

FIELDS = ("title", "eligible_majors", "places", "starts_on", "ends_on", "mentor_name", "allowance_transport",
          "allowance_meals", "allowance_incentive", "location")
EDITABLE = (PlaceStatus.PROPOSED.value, PlaceStatus.RETURNED.value)
NOT_FOUND = _l("Tempat magang tidak ditemukan.")


def is_editable(place: ApprenticeshipPlace) -> bool:
    """The company may change a place only before the office approves it (or after it was returned).

    An approved place is fixed: students rank it and the match places them on its dates, majors and seats, so
    it is neither offered for editing nor sent back to review by an edit."""
    return place.status in EDITABLE


def majors_of(place: ApprenticeshipPlace) -> list[str]:
    return [code for code in (place.eligible_majors or "").split(",") if code]


def major_choices() -> list[tuple[str, str]]:
    return [(m.code, m.name) for m in db.session.scalars(select(SmkMajor).order_by(SmkMajor.name))]


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown place fields: {sorted(unknown)}")
    values = {name: fields.get(name) for name in FIELDS}
    for name in ("title", "mentor_name", "location"):
        values[name] = (values[name] or "").strip()
    majors = values["eligible_majors"] or []
    if isinstance(majors, str):
        majors = majors.split(",")
    values["eligible_majors"] = list(dict.fromkeys(m.strip() for m in majors if m and m.strip()))
    for name in ("allowance_transport", "allowance_meals", "allowance_incentive"):
        if values[name] is None:
            values[name] = 0
    return values


def _validate(values: dict, today: date | None) -> dict:
    problems = apprenticeship_rules.place_problems(values, max_months=current_app.config["APPRENTICESHIP_MAX_MONTHS"],
                                                   today=today or date.today())
    known = set(db.session.scalars(select(SmkMajor.code)))
    if values["eligible_majors"] and not set(values["eligible_majors"]) <= known:
        problems["eligible_majors"] = _l("Pilih jurusan SMK dari daftar.")
    if problems:
        raise ValidationFailed(problems)
    values = dict(values)
    values["eligible_majors"] = ",".join(values["eligible_majors"])
    return values


def window_warning(place: ApprenticeshipPlace, today: date | None = None) -> str | None:
    """Why no student could choose this place because of its dates (or None): from the expected graduation dates
    of the students of its majors who have not graduated yet."""
    if place.status == PlaceStatus.CLOSED.value:
        return None
    graduations = db.session.scalars(select(Student.expected_graduation).distinct().where(
        Student.major_code.in_(majors_of(place)), Student.expected_graduation >= (today or date.today())))
    return apprenticeship_rules.window_warning(place.starts_on, place.ends_on, graduations,
                                               current_app.config["APPRENTICESHIP_WINDOW_MONTHS"])


def own_place(actor, place_id: int, *, lock: bool = False) -> ApprenticeshipPlace:
    return own_object(actor, ApprenticeshipPlace, place_id, NOT_FOUND, lock=lock)


company_place = own_place   # the name the company's pages call it by


def propose_place(actor, *, today: date | None = None, **fields) -> ApprenticeshipPlace:
    company = company_of(actor)
    if not company.is_verified:
        raise InvalidState(_l("Perusahaan Anda belum diverifikasi Disnaker, jadi belum dapat mengajukan tempat "
                              "magang. Lengkapi profil perusahaan dan tunggu verifikasi."))
    values = _validate(_clean(fields), today)
    place = ApprenticeshipPlace(company_id=company.id, status=PlaceStatus.PROPOSED.value, filled_count=0, **values)
    db.session.add(place)
    db.session.flush()
    audit.record(actor, "place.proposed", place)
    db.session.commit()
    return place


def update_place(actor, place_id: int, *, today: date | None = None, **fields) -> ApprenticeshipPlace:
    place = own_place(actor, place_id, lock=True)
    if not is_editable(place):
        raise InvalidState(_l("Tempat magang hanya dapat diubah selagi menunggu persetujuan atau dikembalikan "
                              "Disnaker."))
    values = _validate(_clean(fields), today)
    for name, value in values.items():
        setattr(place, name, value)
    if place.status == PlaceStatus.RETURNED.value:  # corrected: back to the office's queue
        place.status = PlaceStatus.PROPOSED.value
    audit.record(actor, "place.updated", place)
    db.session.commit()
    return place


company_places = own_list(ApprenticeshipPlace)


# --- the office -------------------------------------------------------------------------------------------------

places_queue = review_desk.queue(ApprenticeshipPlace, PlaceStatus.PROPOSED.value, ApprenticeshipPlace.created_at)


def office_place(actor, place_id: int, *, lock: bool = False) -> ApprenticeshipPlace:
    return access.office_object(actor, ApprenticeshipPlace, place_id, NOT_FOUND, lock=lock)


def approved_total(company_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(ApprenticeshipPlace.places), 0)).where(
        ApprenticeshipPlace.company_id == company_id,
        ApprenticeshipPlace.status == PlaceStatus.APPROVED.value)) or 0


def concurrent_apprentices(place: ApprenticeshipPlace) -> int:
    """Seats of the company's other approved places that run on the same days as `place`, at their busiest day
    (Permenaker 6/2020's 20% counts apprentices at the same time, not every place ever approved)."""
    others = db.session.execute(select(ApprenticeshipPlace.starts_on, ApprenticeshipPlace.ends_on,
                                       ApprenticeshipPlace.places).where(
        ApprenticeshipPlace.company_id == place.company_id, ApprenticeshipPlace.id != place.id,
        ApprenticeshipPlace.status == PlaceStatus.APPROVED.value,
        ApprenticeshipPlace.starts_on <= place.ends_on, ApprenticeshipPlace.ends_on >= place.starts_on)).all()
    return apprenticeship_rules.peak_concurrent([tuple(row) for row in others], place.starts_on, place.ends_on)


def _notify_company(place: ApprenticeshipPlace, message) -> None:
    for user in db.session.scalars(select(User).where(User.company_id == place.company_id)):
        notify(user, message, link=Link("companies.place_detail", {"place_id": place.id}))


def approve(actor, place_id: int, *, today: date | None = None) -> ApprenticeshipPlace:
    access.require_office(actor)
    place = office_place(actor, place_id)
    # Lock the company first: two approvals for one company at once must not pass the 20% cap together.
    company = db.session.get(Company, place.company_id, with_for_update=True)
    place = review_desk.still_in(office_place(actor, place_id, lock=True), PlaceStatus.PROPOSED.value,
                                 _l("Hanya tempat magang yang menunggu persetujuan dapat disetujui; mungkin sudah "
                                    "diputuskan petugas lain."))
    if not company.is_verified:
        raise InvalidState(_l("Perusahaan ini belum diverifikasi; verifikasi perusahaan lebih dulu."))
    today = today or date.today()
    if place.starts_on < today:
        raise InvalidState(_l("Tempat magang ini mulai %(starts)s, sebelum hari ini; magang harus mulai hari ini "
                              "atau sesudahnya. Kembalikan ke perusahaan agar tanggal mulainya diperbaiki.",
                              starts=format_date(place.starts_on, "dd-MM-yyyy")))
    max_months = current_app.config["APPRENTICESHIP_MAX_MONTHS"]
    if place.ends_on > apprenticeship_rules.add_months(place.starts_on, max_months):
        raise InvalidState(_l("Magang ini lebih dari %(months)s bulan (Permenaker 6/2020); kembalikan ke "
                              "perusahaan agar tanggalnya diperbaiki.", months=numbers.number(max_months)))
    if not company.headcount:
        raise InvalidState(_l("Jumlah karyawan perusahaan belum diisi, jadi batas 20% peserta magang tidak dapat "
                              "diperiksa. Minta perusahaan mengisi jumlah karyawan di profilnya, atau kembalikan "
                              "usulan ini dengan alasan itu."))
    share = current_app.config["APPRENTICE_SHARE_OF_HEADCOUNT"]
    cap = apprenticeship_rules.headcount_cap(company.headcount, share)
    # The company row is locked above, so the places counted here cannot change until this approval commits.
    total = concurrent_apprentices(place) + place.places
    if total > cap:
        raise InvalidState(_l("Peserta magang perusahaan ini akan menjadi %(total)s orang pada waktu yang sama, "
                              "melebihi batas %(cap)s orang (%(share)s%% dari %(headcount)s karyawan, Permenaker "
                              "6/2020). Kembalikan usulan agar jumlah tempat dikurangi atau tanggalnya digeser.",
                              total=numbers.number(total), cap=numbers.number(cap),
                              share=numbers.number(round(share * 100)), headcount=numbers.number(company.headcount)))
    place.status = PlaceStatus.APPROVED.value
    place.decision_reason = None
    place.decided_by_id, place.decided_at = actor.id, datetime.now(UTC)
    audit.record(actor, "place.approved", place, detail={"apprentices": total, "cap": cap})
    _notify_company(place, _l("Tempat magang '%(title)s' disetujui Disnaker; siswa kini dapat memilihnya.",
                              title=place.title))
    db.session.commit()
    return place


def return_place(actor, place_id: int, reason: str) -> ApprenticeshipPlace:
    place = review_desk.still_in(office_place(actor, place_id, lock=True), PlaceStatus.PROPOSED.value,
                                 _l("Hanya tempat magang yang menunggu persetujuan dapat dikembalikan."))
    reason = review_desk.written_reason(reason, _l("Tulis alasan pengembalian (minimal 5 karakter) agar perusahaan "
                                                   "tahu apa yang harus diperbaiki."))
    place.status = PlaceStatus.RETURNED.value
    place.decision_reason = reason[:2000]
    place.decided_by_id, place.decided_at = actor.id, datetime.now(UTC)
    audit.record(actor, "place.returned", place, detail={"reason": place.decision_reason})
    _notify_company(place, _l("Tempat magang '%(title)s' dikembalikan Disnaker: %(reason)s", title=place.title,
                              reason=place.decision_reason))
    db.session.commit()
    return place
