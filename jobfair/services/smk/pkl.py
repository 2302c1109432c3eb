"""School workplace practice (PKL, Permendikbud 50/2020), kept by the school's BKK staff: the duration per major
(the programme's setting PKL_DEFAULT_MONTHS, 3 months, unless the school sets another), each student's placement
with the school's supervising teacher, and the apprenticeship the PKL became.

Only school staff use it, for their own school's students (another school's student or placement answers
NotFound)."""

from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from jobfair.extensions import db
from jobfair.models import Apprenticeship, PklDuration, PklPlacement, SmkMajor, Student
from jobfair.models.pkl import PKL_MONTHS_MAX, PKL_MONTHS_MIN
from jobfair.rules.apprenticeship_rules import add_months
from jobfair.services import audit
from jobfair.services.errors import InvalidState, NotFound, ValidationFailed
from jobfair.services.smk.schools import school_of
from jobfair.services.users.accounts import check_phone

NOT_FOUND = _l("Data PKL tidak ditemukan.")
STUDENT_NOT_FOUND = _l("Siswa tidak ditemukan di sekolah Anda.")


def default_months() -> int:
    return current_app.config["PKL_DEFAULT_MONTHS"]


def months_for(school_id: int, major_code: str) -> int:
    """How long PKL lasts for a major at a school: the school's setting, else the programme's default."""
    months = db.session.scalar(select(PklDuration.months).where(PklDuration.school_id == school_id,
                                                                PklDuration.major_code == major_code))
    return months if months is not None else default_months()


def durations(actor) -> list[dict]:
    """Every SMK major with its PKL duration at the actor's school ({code, name, months, set_by_school})."""
    school = school_of(actor)
    chosen = dict(db.session.execute(select(PklDuration.major_code, PklDuration.months)
                                     .where(PklDuration.school_id == school.id)).all())
    return [{"code": code, "name": name, "months": chosen.get(code, default_months()), "set_by_school": code in chosen}
            for code, name in db.session.execute(select(SmkMajor.code, SmkMajor.name).order_by(SmkMajor.name))]


def set_duration(actor, major_code: str, months) -> PklDuration:
    school = school_of(actor)
    errors: dict[str, str] = {}
    if db.session.get(SmkMajor, major_code or "") is None:
        errors["major_code"] = _l("Pilih jurusan dari daftar.")
    if isinstance(months, bool) or not isinstance(months, int) or not PKL_MONTHS_MIN <= months <= PKL_MONTHS_MAX:
        errors["months"] = _l("Lama PKL diisi angka bulat %(low)s–%(high)s bulan (program kota: %(default)s bulan; "
                              "kurikulum terbaru: paling sedikit 6 bulan).", low=PKL_MONTHS_MIN, high=PKL_MONTHS_MAX,
                              default=default_months())
    if errors:
        raise ValidationFailed(errors)
    row = db.session.scalar(select(PklDuration).where(PklDuration.school_id == school.id,
                                                      PklDuration.major_code == major_code))
    if row is None:
        row = PklDuration(school_id=school.id, major_code=major_code)
        db.session.add(row)
    row.months, row.set_by_id, row.updated_at = months, actor.id, datetime.now(UTC)
    db.session.flush()
    audit.record(actor, "pkl.duration_set", row, detail={"major_code": major_code, "months": months})
    db.session.commit()
    return row


def _own_student(school_id: int, student_id: int) -> Student:
    student = db.session.get(Student, student_id)
    if student is None or student.school_id != school_id:
        raise NotFound(STUDENT_NOT_FOUND)
    return student


def pkl_student(actor, student_id: int) -> dict:
    """What the placement form shows: the student and the duration their major's PKL will get."""
    school = school_of(actor)
    student = _own_student(school.id, student_id)
    return {"student": student, "months": months_for(school.id, student.major_code)}


def _text(value, low: int, high: int) -> str | None:
    text = " ".join((value or "").split())
    return text if low <= len(text) <= high else None


def record_placement(actor, student_id: int, *, workplace: str, school_supervisor_name: str,
                     school_supervisor_phone: str, starts_on: date | None,
                     workplace_supervisor: str = "") -> PklPlacement:
    """A student's PKL: where, the supervising teacher, from when; it lasts the duration of the student's major."""
    school = school_of(actor)
    student = _own_student(school.id, student_id)
    errors: dict[str, str] = {}
    values = {"workplace": _text(workplace, 2, 160), "school_supervisor_name": _text(school_supervisor_name, 2, 120),
              "workplace_supervisor": _text(workplace_supervisor, 0, 120)}
    if values["workplace"] is None:
        errors["workplace"] = _l("Tulis nama tempat PKL (perusahaan atau instansi), 2–160 karakter.")
    if values["school_supervisor_name"] is None:
        errors["school_supervisor_name"] = _l("Tulis nama guru pembimbing PKL dari sekolah (2–120 karakter).")
    if values["workplace_supervisor"] is None:
        errors["workplace_supervisor"] = _l("Nama pembimbing di tempat PKL paling panjang 120 karakter.")
    phone = check_phone(school_supervisor_phone, errors, "school_supervisor_phone")
    if not isinstance(starts_on, date):
        errors["starts_on"] = _l("Isi tanggal mulai PKL.")
    elif db.session.scalar(select(PklPlacement.id).where(PklPlacement.student_id == student.id,
                                                         PklPlacement.starts_on == starts_on)) is not None:
        errors["starts_on"] = _l("Siswa ini sudah punya PKL yang mulai pada tanggal itu.")
    if errors:
        raise ValidationFailed(errors)
    months = months_for(school.id, student.major_code)
    placement = PklPlacement(student_id=student.id, starts_on=starts_on, months=months,
                             ends_on=add_months(starts_on, months) - timedelta(days=1),
                             school_supervisor_phone=phone, recorded_by_id=actor.id, **values)
    db.session.add(placement)
    db.session.flush()
    audit.record(actor, "pkl.recorded", placement, detail={"student_id": student.id, "months": months})
    db.session.commit()
    return placement


def school_placements(actor) -> list[dict]:
    """The school's PKL placements, newest first, each with the student's apprenticeships it may be linked to."""
    school = school_of(actor)
    placements = db.session.scalars(select(PklPlacement).join(Student, Student.id == PklPlacement.student_id)
                                    .where(Student.school_id == school.id)
                                    .order_by(PklPlacement.starts_on.desc(), PklPlacement.id.desc())).all()
    linked = select(PklPlacement.apprenticeship_id).where(PklPlacement.apprenticeship_id.is_not(None))
    free: dict[int, list[Apprenticeship]] = {}
    for appr in db.session.scalars(select(Apprenticeship).where(
            Apprenticeship.student_id.in_({p.student_id for p in placements}), Apprenticeship.id.not_in(linked))
            .order_by(Apprenticeship.id)):
        free.setdefault(appr.student_id, []).append(appr)
    return [{"placement": p, "apprenticeships": [] if p.apprenticeship_id else free.get(p.student_id, [])}
            for p in placements]


def link_apprenticeship(actor, placement_id: int, apprenticeship_id: int | None) -> PklPlacement:
    """Record that a student's PKL became their apprenticeship (the same student; one PKL per apprenticeship)."""
    school = school_of(actor)
    placement = db.session.get(PklPlacement, placement_id, with_for_update=True)
    if placement is None or placement.student.school_id != school.id:
        raise NotFound(NOT_FOUND)
    if placement.apprenticeship_id is not None:
        raise InvalidState(_l("PKL ini sudah terhubung ke pemagangan."))
    appr = db.session.get(Apprenticeship, apprenticeship_id) if apprenticeship_id else None
    if appr is None or appr.student_id != placement.student_id:
        raise ValidationFailed({"apprenticeship_id": _l("Pilih pemagangan siswa ini dari daftar.")})
    taken = db.session.scalar(select(PklPlacement.id).where(PklPlacement.apprenticeship_id == appr.id))
    if taken is not None:
        raise ValidationFailed({"apprenticeship_id": _l("Pemagangan ini sudah terhubung ke PKL lain.")})
    placement.apprenticeship_id = appr.id
    audit.record(actor, "pkl.linked", placement, detail={"apprenticeship_id": appr.id})
    db.session.commit()
    return placement
